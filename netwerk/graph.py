"""The network as a graph: leerateliers, thema's, gemeenten, trekkers and partner organisations,
the other werkplaatsen they work with and the landelijke werkgroepen they bring knowledge to,
and how they hang together. Built live from the database, laid out the same way every time.

Werkgroepen belong to an app on this same floor (``landelijk``): it hands them over through
the ``"netwerk-werkgroepen"`` place of ``werkplaats.plekken`` as ``GraphContribution``s."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Prefetch, TextChoices
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Deelname, Leeratelier, LerendePraktijk, Trekkerschap
from werkplaats import plekken
from werkplaats.inline import inline
from werkplaats.models import Gemeente, Organisatie, Thema, Voorwaarde

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
    (``leerateliers_for_graph(beyond=False, whole=False).in_gemeente(gemeente)``) around it
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


def leerateliers_for_graph(*, beyond=True, whole=True):
    """Everything the picture shows, in a fixed number of queries, and only the columns it
    uses (a large network has thousands of deelnames). ``beyond=False`` leaves out the other
    werkplaatsen; ``whole=False`` also the thema's and the partners, read without a query
    (a gemeente's own picture shows neither)."""
    named = ("slug", "naam")
    themas = Thema.objects.only(*named) if whole else Thema.objects.none()
    deelnames = Deelname.objects.current() if whole else Deelname.objects.none()
    gemeenten = Gemeente.objects.werkgebied().only(*named)
    # Joint praktijken also run outside the werkgebied: those gemeenten are no part of this
    # picture; the werkplaatsen they run with are.
    praktijken = inline(
        LerendePraktijk.objects.only("leeratelier", "slug", "titel").order_by("titel"),
        gemeenten=gemeenten,
        **({"werkplaatsen": Organisatie.objects.only(*named)} if beyond else {}),
    )
    ateliers = Leeratelier.objects.order_by("slug").only("slug", "titel")
    return inline(
        ateliers,
        voorwaarden=Voorwaarde.objects.only("slug"),
        themas=themas,
        gemeenten=gemeenten,
    ).prefetch_related(
        Prefetch("praktijken", queryset=praktijken),
        Prefetch(
            "trekkerschappen",
            queryset=Trekkerschap.objects.leidend()
            .select_related("persoon")
            .only("leeratelier", "rol", "persoon__slug", "persoon__naam"),
            to_attr="leiding",
        ),
        Prefetch(
            "deelnames",
            queryset=deelnames.select_related("organisatie").only(
                "leeratelier", "rol", "organisatie__slug", "organisatie__naam"
            ),
            to_attr="huidige_deelnames",
        ),
    )


NODE_URLS = {
    Kind.LEERATELIER: "portaal:leeratelier_detail",
    Kind.THEMA: "portaal:thema_detail",
    Kind.GEMEENTE: "portaal:gemeente_detail",
    Kind.TREKKER: "portaal:persoon_detail",
    Kind.ORGANISATIE: "portaal:organisatie_detail",
    Kind.WERKPLAATS: "portaal:werkplaats_detail",
}


def _url_makers():
    """Per kind a function slug → page address: one reverse() per kind, not one per node."""
    placeholder = "slug-placeholder"
    makers = {}
    for kind, name in NODE_URLS.items():
        before, _found, after = reverse(name, kwargs={"slug": placeholder}).partition(placeholder)
        makers[kind] = lambda slug, before=before, after=after: f"{before}{quote(slug)}{after}"
    return makers


def build_graph(leerateliers=None, *, beyond=True):
    """The graph of the whole network, laid out; ``beyond=False`` without the other werkplaatsen
    and the landelijke werkgroepen."""
    leerateliers = leerateliers_for_graph() if leerateliers is None else leerateliers
    nodes: dict[str, Node] = {}
    edges: set[Edge] = set()
    url = _url_makers()

    def add(kind, obj, label):
        key = node_id(kind, obj.slug)
        if key not in nodes:
            nodes[key] = Node(key, kind, label, url[kind](obj.slug))
        return nodes[key]

    def add_contribution(kind, contribution):
        key = node_id(kind, contribution.slug)
        if key not in nodes:
            nodes[key] = Node(key, kind, contribution.label, contribution.url)
        return nodes[key]

    werkgroepen = defaultdict(list)
    for contributions in plekken.verzamel("netwerk-werkgroepen") if beyond else ():
        for contribution in contributions:
            for slug in contribution.leerateliers:
                werkgroepen[slug].append(contribution)

    for atelier in leerateliers:
        centre = add(Kind.LEERATELIER, atelier, atelier.titel)
        centre.voorwaarden = {voorwaarde.slug for voorwaarde in atelier.voorwaarden.all()}
        centre.themas = {thema.slug for thema in atelier.themas.all()}
        linked = []
        for thema in atelier.themas.all():
            linked.append((add(Kind.THEMA, thema, thema.naam), Link.GAAT_OVER))
        gemeenten = {gemeente.pk: gemeente for gemeente in atelier.gemeenten.all()}
        for praktijk in atelier.praktijken.all():
            gemeenten.update({gemeente.pk: gemeente for gemeente in praktijk.gemeenten.all()})
        for gemeente in gemeenten.values():
            linked.append((add(Kind.GEMEENTE, gemeente, gemeente.naam), Link.LOOPT_IN))
        for trekkerschap in atelier.leiding:
            persoon = trekkerschap.persoon
            linked.append((add(Kind.TREKKER, persoon, persoon.naam), Link.TREKT))
        for deelname in atelier.huidige_deelnames:
            organisatie = deelname.organisatie
            linked.append((add(Kind.ORGANISATIE, organisatie, organisatie.naam), deelname.rol))
        for praktijk in atelier.praktijken.all() if beyond else ():
            for werkplaats in praktijk.werkplaatsen.all():
                linked.append((add(Kind.WERKPLAATS, werkplaats, werkplaats.naam), Link.SAMEN))
        for werkgroep in werkgroepen.get(atelier.slug, ()):
            linked.append((add_contribution(Kind.WERKGROEP, werkgroep), Link.BRENGT_IN))
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
    rows = {gemeente.pk: GemeenteRow(gemeente) for gemeente in gemeenten}

    def row(gemeente):
        return rows.setdefault(gemeente.pk, GemeenteRow(gemeente))

    for atelier in leerateliers:
        trekkers = [trekkerschap.persoon for trekkerschap in atelier.leiding]
        gemeenten = {gemeente.pk: gemeente for gemeente in atelier.gemeenten.all()}
        for praktijk in atelier.praktijken.all():
            for gemeente in praktijk.gemeenten.all():
                gemeenten[gemeente.pk] = gemeente
                row(gemeente).praktijken.append(praktijk)
        for gemeente in gemeenten.values():
            entry = row(gemeente)
            entry.leerateliers.append(atelier)
            entry.trekkers.extend(t for t in trekkers if t not in entry.trekkers)
    return sorted(rows.values(), key=lambda entry: entry.gemeente.naam)
