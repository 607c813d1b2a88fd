"""The network as a graph: leerateliers, thema's, gemeenten, trekkers and partner organisations,
the other werkplaatsen they work with and the landelijke werkgroepen they bring knowledge to,
and how they hang together. Built live from the database, laid out the same way every time.

Werkgroepen belong to an app on this same floor (``landelijk``): it hands them over through
the ``"netwerk-werkgroepen"`` place of ``werkplaats.plekken`` as ``GraphContribution``s."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import F, TextChoices
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Deelname, Leeratelier, LerendePraktijk, Trekkerschap
from werkplaats import plekken
from werkplaats.inline import values_together
from werkplaats.models import Gemeente

from . import labels


class Kind(TextChoices):
    """The kinds of node, in the order of their rings around the leerateliers."""

    LEERATELIER = "leeratelier", _("Leeratelier")
    THEMA = "thema", _("Thema")
    GEMEENTE = "gemeente", _("Gemeente")
    TREKKER = "trekker", _("Trekker")
    ORGANISATIE = "organisatie", _("Partnerorganisatie")
    WERKPLAATS = "werkplaats", _("Andere werkplaats")
    WERKGROEP = "werkgroep", _("Landelijke werkgroep")


class Link(TextChoices):
    """The kinds of edge; each is drawn with its own line pattern, not only its own colour."""

    LOOPT_IN = "loopt-in", _("loopt in (via praktijken)")
    TREKT = "trekt", _("is trekker van")
    ARENA = "arena", _("in de arena van")
    TRIBUNE = "tribune", _("op de tribune van")
    GAAT_OVER = "gaat-over", _("gaat over")
    SAMEN = "samen", _("werkt samen met (via praktijken)")
    BRENGT_IN = "brengt-in", _("brengt kennis in bij")


@dataclass(frozen=True)
class GraphContribution:
    """A node another app adds: its page, and the leerateliers (slugs) it is linked to."""

    slug: str
    label: str
    url: str
    leerateliers: tuple[str, ...]


@dataclass
class Node:
    id: str
    kind: Kind
    label: str
    url: str
    voorwaarden: set[str] = field(default_factory=set)
    themas: set[str] = field(default_factory=set)
    # Per leeratelier the node belongs to: its voorwaarden and thema's. A filter on both
    # needs one leeratelier that has both, not one of each.
    profiles: set[tuple[frozenset, frozenset]] = field(default_factory=set)
    x: float = 0.0
    y: float = 0.0
    hidden: bool = False

    # Where the label goes (see netwerk.labels): its lines, anchor point and text-anchor.
    lines: list[str] = field(default_factory=list)
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"

    # Coordinates as text: templates would write a Dutch decimal comma.
    @property
    def svg_x(self):
        return f"{self.x:.0f}"

    @property
    def svg_y(self):
        return f"{self.y:.0f}"

    @property
    def svg_label_x(self):
        return f"{self.label_x:.0f}"

    @property
    def svg_label_y(self):
        return f"{self.label_y:.0f}"

    def as_json(self):
        return {
            "id": self.id,
            "kind": self.kind.value,
            "label": self.label,
            "url": self.url,
            "voorwaarden": sorted(self.voorwaarden),
            "themas": sorted(self.themas),
            "profiles": sorted(
                ({"voorwaarden": sorted(v), "themas": sorted(t)} for v, t in self.profiles),
                key=lambda profile: (profile["voorwaarden"], profile["themas"]),
            ),
            "x": round(self.x, 1),
            "y": round(self.y, 1),
        }


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: Link

    def as_json(self):
        return {"source": self.source, "target": self.target, "kind": self.kind.value}


@dataclass
class Graph:
    nodes: dict[str, Node]
    edges: list[Edge]
    size: float = 0.0  # the radius of the outer ring
    centre: str | None = None  # the node in the middle, if any
    has_labels: bool = False

    def with_labels(self):
        """The graph with a place for every label (see netwerk.labels): worked out once, and
        only for a drawing; the JSON needs none."""
        if not self.has_labels:
            labels.place_labels(self, centre=self.centre)
            self.has_labels = True
        return self

    def as_json(self):
        return {
            "nodes": [node.as_json() for node in self.nodes.values()],
            "edges": [edge.as_json() for edge in self.edges],
            "size": round(self.size, 1),
        }

    @property
    def view_box(self):
        """Room for every node and label."""
        box = labels.bounds(self.with_labels())
        left, top = math.floor(box.left), math.floor(box.top)
        return f"{left} {top} {math.ceil(box.right) - left} {math.ceil(box.bottom) - top}"

    def edge_lines(self):
        """Edges with the coordinates of their ends, for drawing."""
        return [
            {
                "kind": edge.kind.value,
                "source": edge.source,
                "target": edge.target,
                "x1": self.nodes[edge.source].svg_x,
                "y1": self.nodes[edge.source].svg_y,
                "x2": self.nodes[edge.target].svg_x,
                "y2": self.nodes[edge.target].svg_y,
                "hidden": self.nodes[edge.source].hidden or self.nodes[edge.target].hidden,
            }
            for edge in self.edges
        ]

    def neighbours(self):
        found = defaultdict(set)
        for edge in self.edges:
            found[edge.source].add(edge.target)
            found[edge.target].add(edge.source)
        return found

    def filtered(self, *, voorwaarde=None, thema=None, kinds=None):
        """The same picture with only the nodes that match (positions stay where they are)."""
        kept = {
            node_id: node
            for node_id, node in self.nodes.items()
            if matches(node, voorwaarde=voorwaarde, thema=thema, kinds=kinds)
        }
        edges = [edge for edge in self.edges if edge.source in kept and edge.target in kept]
        return Graph(kept, edges, self.size)

    def hide_unless(self, *, voorwaarde=None, thema=None, kinds=None):
        """Keep every node but mark those that do not match as hidden: the page draws them
        hidden, so its script can show them again when the filter changes."""
        for node in self.nodes.values():
            node.hidden = not matches(node, voorwaarde=voorwaarde, thema=thema, kinds=kinds)
        return self


def matches(node, *, voorwaarde=None, thema=None, kinds=None):
    """The filter of the picture; static/js/netwerk.js applies the same rule in the browser:
    the node's kind is shown, and one of its leerateliers has the voorwaarde and the thema."""
    return (not kinds or node.kind in kinds) and any(
        (not voorwaarde or voorwaarde in voorwaarden) and (not thema or thema in themas)
        for voorwaarden, themas in node.profiles
    )


def profiles_attribute(node):
    """The profiles as text for a data attribute: "v1 v2|t1 t2;…" (sorted, so stable)."""
    return ";".join(
        sorted(" ".join(sorted(v)) + "|" + " ".join(sorted(t)) for v, t in node.profiles)
    )


def gemeente_graph(gemeente, leerateliers):
    """A gemeente's own network: the gemeente in the middle, the leerateliers that run there
    (``leerateliers_for_graph(Leeratelier.objects.in_gemeente(gemeente), beyond=False,
    whole=False)``) around it
    and their trekkers outside."""
    graph = build_graph(leerateliers, beyond=False)
    centre = node_id(Kind.GEMEENTE, gemeente.slug)
    if centre not in graph.nodes:
        return None
    kept = {
        key: node
        for key, node in graph.nodes.items()
        if key == centre or node.kind in (Kind.LEERATELIER, Kind.TREKKER)
    }
    edges = [edge for edge in graph.edges if edge.source in kept and edge.target in kept]
    own = Graph(kept, edges)
    layout(own, centre=centre)
    return own


LINKS = {link.value: link for link in Link}  # a lookup, not an Enum call per edge


def node_id(kind, slug):
    return f"{kind}-{slug}"


@dataclass(frozen=True)
class Item:
    """Something the picture names and links to: a row, not a model instance (a large
    network has thousands of them)."""

    slug: str
    naam: str
    url: str

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return self.url


@dataclass(frozen=True)
class Praktijk(Item):
    gemeenten: list[Item] = field(default_factory=list)
    werkplaatsen: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Atelier(Item):
    """A leeratelier with everything the picture shows of it."""

    voorwaarden: list[str] = field(default_factory=list)
    themas: list[Item] = field(default_factory=list)
    gemeenten: list[Item] = field(default_factory=list)
    praktijken: list[Praktijk] = field(default_factory=list)
    trekkers: list[Item] = field(default_factory=list)
    deelnames: list[tuple[str, Item]] = field(default_factory=list)  # (rol, organisatie)

    @property
    def titel(self):
        return self.naam


NODE_URLS = {
    Kind.LEERATELIER: "portaal:leeratelier_detail",
    Kind.THEMA: "portaal:thema_detail",
    Kind.GEMEENTE: "portaal:gemeente_detail",
    Kind.TREKKER: "portaal:persoon_detail",
    Kind.ORGANISATIE: "portaal:organisatie_detail",
    Kind.WERKPLAATS: "portaal:werkplaats_detail",
}


def _url_maker(name, **kwargs):
    """A function slug → page address: one reverse() per kind, not one per node."""
    placeholder = "slug-placeholder"
    address = reverse(name, kwargs={**kwargs, "slug": placeholder})
    before, _found, after = address.partition(placeholder)
    return lambda slug: f"{before}{quote(slug)}{after}"


def _through(model, name):
    return model._meta.get_field(name).remote_field.through.objects


def leerateliers_for_graph(leerateliers=None, *, beyond=True, whole=True):
    """The leerateliers of ``leerateliers`` (a queryset; all of them by default) as
    ``Atelier`` rows with everything the picture shows, read as flat rows in one query.
    ``beyond=False`` leaves out the other werkplaatsen; ``whole=False`` also the thema's and
    the partners (a gemeente's own picture shows neither)."""
    leerateliers = Leeratelier.objects.all() if leerateliers is None else leerateliers
    ids = leerateliers.values("pk")
    praktijken = LerendePraktijk.objects.filter(leeratelier__in=ids)
    # Joint praktijken also run outside the werkgebied: those gemeenten are no part of this
    # picture; the werkplaatsen they run with are.
    werkgebied = Gemeente.objects.werkgebied().values("pk")
    gemeente = {"slug": F("gemeente__slug"), "naam": F("gemeente__naam")}
    organisatie = {"slug": F("organisatie__slug"), "naam": F("organisatie__naam")}
    queries = {
        "ateliers": leerateliers.order_by("slug").values("pk", "slug", "titel"),
        "voorwaarden": _through(Leeratelier, "voorwaarden")
        .filter(leeratelier__in=ids)
        .order_by("voorwaarde__volgorde")
        .values("leeratelier_id", slug=F("voorwaarde__slug")),
        "gemeenten": _through(Leeratelier, "gemeenten")
        .filter(leeratelier__in=ids, gemeente__in=werkgebied)
        .order_by("gemeente__naam")
        .values("leeratelier_id", **gemeente),
        "praktijken": praktijken.order_by("titel").values("pk", "leeratelier_id", "slug", "titel"),
        "praktijk_gemeenten": _through(LerendePraktijk, "gemeenten")
        .filter(lerendepraktijk__in=praktijken.values("pk"), gemeente__in=werkgebied)
        .order_by("gemeente__naam")
        .values("lerendepraktijk_id", **gemeente),
        "trekkers": Trekkerschap.objects.leidend()
        .filter(leeratelier__in=ids)
        .values("leeratelier_id", slug=F("persoon__slug"), naam=F("persoon__naam")),
    }
    if whole:
        queries["themas"] = (
            _through(Leeratelier, "themas")
            .filter(leeratelier__in=ids)
            .order_by("thema__naam")
            .values("leeratelier_id", slug=F("thema__slug"), naam=F("thema__naam"))
        )
        queries["deelnames"] = (
            Deelname.objects.current()
            .filter(leeratelier__in=ids)
            .values("leeratelier_id", "rol", **organisatie)
        )
    if beyond:
        queries["werkplaatsen"] = (
            _through(LerendePraktijk, "werkplaatsen")
            .filter(lerendepraktijk__in=praktijken.values("pk"))
            .order_by("organisatie__naam")
            .values("lerendepraktijk_id", **organisatie)
        )
    return _ateliers(values_together(**queries))


def _ateliers(rows):
    """``Atelier`` rows from the flat rows of ``leerateliers_for_graph``."""
    url = {kind: _url_maker(name) for kind, name in NODE_URLS.items()}

    def items(name, kind, owner="leeratelier_id"):
        found = defaultdict(list)
        for row in rows.get(name, ()):
            found[row[owner]].append(Item(row["slug"], row["naam"], url[kind](row["slug"])))
        return found

    ateliers = {
        row["pk"]: Atelier(row["slug"], row["titel"], url[Kind.LEERATELIER](row["slug"]))
        for row in rows["ateliers"]
    }
    for row in rows["voorwaarden"]:
        ateliers[row["leeratelier_id"]].voorwaarden.append(row["slug"])
    for name, kind in (
        ("themas", Kind.THEMA),
        ("gemeenten", Kind.GEMEENTE),
        ("trekkers", Kind.TREKKER),
    ):
        for pk, found in items(name, kind).items():
            getattr(ateliers[pk], name).extend(found)
    for row in rows.get("deelnames", ()):
        partner = Item(row["slug"], row["naam"], url[Kind.ORGANISATIE](row["slug"]))
        ateliers[row["leeratelier_id"]].deelnames.append((row["rol"], partner))
    gemeenten = items("praktijk_gemeenten", Kind.GEMEENTE, owner="lerendepraktijk_id")
    werkplaatsen = items("werkplaatsen", Kind.WERKPLAATS, owner="lerendepraktijk_id")
    praktijk_url = {
        atelier.slug: _url_maker("leerateliers:praktijk_detail", leeratelier_slug=atelier.slug)
        for atelier in ateliers.values()
    }  # one reverse() per leeratelier, not one per praktijk
    for row in rows["praktijken"]:
        atelier = ateliers[row["leeratelier_id"]]
        atelier.praktijken.append(
            Praktijk(
                row["slug"],
                row["titel"],
                praktijk_url[atelier.slug](row["slug"]),
                gemeenten=gemeenten[row["pk"]],
                werkplaatsen=werkplaatsen[row["pk"]],
            )
        )
    return list(ateliers.values())


def build_graph(leerateliers=None, *, beyond=True):
    """The graph of the whole network, laid out; ``beyond=False`` without the other werkplaatsen
    and the landelijke werkgroepen."""
    leerateliers = leerateliers_for_graph() if leerateliers is None else leerateliers
    nodes: dict[str, Node] = {}
    edges: set[Edge] = set()

    def add(kind, item):
        key = node_id(kind, item.slug)
        if key not in nodes:
            nodes[key] = Node(key, kind, item.naam, item.url)
        return nodes[key]

    werkgroepen = defaultdict(list)
    for contributions in plekken.verzamel("netwerk-werkgroepen") if beyond else ():
        for contribution in contributions:
            werkgroep = Item(contribution.slug, contribution.label, contribution.url)
            for slug in contribution.leerateliers:
                werkgroepen[slug].append(werkgroep)

    for atelier in leerateliers:
        centre = add(Kind.LEERATELIER, atelier)
        centre.voorwaarden = set(atelier.voorwaarden)
        centre.themas = {thema.slug for thema in atelier.themas}
        linked = [(add(Kind.THEMA, thema), Link.GAAT_OVER) for thema in atelier.themas]
        gemeenten = {gemeente.slug: gemeente for gemeente in atelier.gemeenten}
        for praktijk in atelier.praktijken:
            gemeenten.update({gemeente.slug: gemeente for gemeente in praktijk.gemeenten})
        for gemeente in gemeenten.values():
            linked.append((add(Kind.GEMEENTE, gemeente), Link.LOOPT_IN))
        for persoon in atelier.trekkers:
            linked.append((add(Kind.TREKKER, persoon), Link.TREKT))
        for rol, organisatie in atelier.deelnames:
            linked.append((add(Kind.ORGANISATIE, organisatie), rol))
        for praktijk in atelier.praktijken if beyond else ():
            for werkplaats in praktijk.werkplaatsen:
                linked.append((add(Kind.WERKPLAATS, werkplaats), Link.SAMEN))
        for werkgroep in werkgroepen.get(atelier.slug, ()):
            linked.append((add(Kind.WERKGROEP, werkgroep), Link.BRENGT_IN))
        for other, link in linked:
            # A node matches a filter when a leeratelier it belongs to does.
            other.voorwaarden |= centre.voorwaarden
            other.themas |= centre.themas
            other.profiles.add((frozenset(centre.voorwaarden), frozenset(centre.themas)))
            link = LINKS[link]  # a deelname's rol is the value of its Link
            if link in (Link.TREKT, Link.ARENA, Link.TRIBUNE):
                edges.add(Edge(other.id, centre.id, link))
            else:
                edges.add(Edge(centre.id, other.id, link))
    for node in nodes.values():
        if node.kind == Kind.LEERATELIER:
            node.profiles = {(frozenset(node.voorwaarden), frozenset(node.themas))}
        if node.kind == Kind.THEMA:
            node.themas = {node.id.removeprefix("thema-")}
            node.profiles = {
                (voorwaarden, frozenset(node.themas)) for voorwaarden, _ in node.profiles
            }
    graph = Graph(nodes, sorted(edges, key=lambda e: (e.source, e.target, e.kind)))
    layout(graph)
    return graph


# --- Layout ------------------------------------------------------------------------------------

INNER_RADIUS = 110
RING_GAP = 75
NODE_SPACING = 24


def layout(graph, centre=None):
    """Leerateliers on an inner ring; every other kind on a ring of its own around them, each
    node placed near the leerateliers it belongs to; ``centre`` (a node id) in the middle.
    Deterministic: the same data gives the same picture."""
    by_kind = defaultdict(list)
    for node in graph.nodes.values():
        if node.id == centre:
            node.x = node.y = 0.0
        else:
            by_kind[node.kind].append(node)
    ateliers = sorted(by_kind[Kind.LEERATELIER], key=lambda node: node.id)
    angle = {}
    for index, node in enumerate(ateliers):
        angle[node.id] = 2 * math.pi * index / max(len(ateliers), 1) - math.pi / 2
        node.x = INNER_RADIUS * math.cos(angle[node.id])
        node.y = INNER_RADIUS * math.sin(angle[node.id])
    neighbours = graph.neighbours()
    radius = INNER_RADIUS
    for kind in list(Kind)[1:]:
        ring = by_kind[kind]
        if not ring:
            continue
        radius = max(radius + RING_GAP, len(ring) * NODE_SPACING / (2 * math.pi))
        _place_on_ring(ring, radius, neighbours, angle)
    graph.size = radius
    graph.centre = centre
    graph.has_labels = False


def _place_on_ring(ring, radius, neighbours, angle):
    def preferred(node):
        """The mean direction of the node's leerateliers (its barycentre)."""
        # Sorted and summed exactly: the same picture in every process, whatever the order
        # in which a set hands out its members.
        near = sorted(n for n in neighbours[node.id] if n in angle)
        xs = math.fsum(math.cos(angle[n]) for n in near)
        ys = math.fsum(math.sin(angle[n]) for n in near)
        return round(math.atan2(ys, xs), 9) if near else 0.0

    wanted = {node.id: preferred(node) for node in ring}
    ordered = sorted(ring, key=lambda node: (wanted[node.id], node.id))
    step = 2 * math.pi / len(ordered)
    # Turn the evenly spaced ring so that nodes sit as close to their wish as they can.
    offset = math.atan2(
        math.fsum(math.sin(wanted[node.id] - i * step) for i, node in enumerate(ordered)),
        math.fsum(math.cos(wanted[node.id] - i * step) for i, node in enumerate(ordered)),
    )
    for index, node in enumerate(ordered):
        theta = offset + index * step
        node.x = radius * math.cos(theta)
        node.y = radius * math.sin(theta)


@dataclass
class GemeenteRow:
    gemeente: object
    leerateliers: list = field(default_factory=list)
    praktijken: list = field(default_factory=list)
    trekkers: list = field(default_factory=list)


def per_gemeente(leerateliers, gemeenten):
    """The same network as a table: per gemeente its leerateliers, praktijken and trekkers;
    every gemeente of ``gemeenten`` has a row, also when nothing goes on there."""
    rows = {gemeente.slug: GemeenteRow(gemeente) for gemeente in gemeenten}

    def row(gemeente):
        return rows.setdefault(gemeente.slug, GemeenteRow(gemeente))

    for atelier in leerateliers:
        gemeenten = {gemeente.slug: gemeente for gemeente in atelier.gemeenten}
        for praktijk in atelier.praktijken:
            for gemeente in praktijk.gemeenten:
                gemeenten[gemeente.slug] = gemeente
                row(gemeente).praktijken.append(praktijk)
        for gemeente in gemeenten.values():
            entry = row(gemeente)
            entry.leerateliers.append(atelier)
            entry.trekkers.extend(t for t in atelier.trekkers if t not in entry.trekkers)
    return sorted(rows.values(), key=lambda entry: entry.gemeente.naam)
