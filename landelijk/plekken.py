"""What the werkgroepen put in the places that lower floors and the network picture leave
(see ``werkplaats.plekken``; ``LandelijkConfig.ready`` registers both):

- ``{% plek "werkgroepen" organisatie %}`` on a werkplaats' page lists the werkgroepen it
  takes part in, in one query; nothing when there are none;
- ``"netwerk-werkgroepen"`` hands the network picture each werkgroep with the leerateliers
  that bring knowledge to it;
- ``per_leeratelier()`` gives the leeratelier page its werkgroepen.

The last two read one small map, kept in the shared cache and made again whenever a werkgroep
or its leerateliers change (``landelijk.apps``), so the pages that show it pay no query."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .models import Werkgroep


def werkgroepen(organisatie) -> SafeString:
    found = list(Werkgroep.objects.met_werkplaats(organisatie).select_related("hoofdthema"))
    if not found:
        return mark_safe("")
    html = render_to_string("landelijk/includes/werkgroepen.html", {"werkgroepen": found})
    return mark_safe(html)  # a template, escaped where it shows data


@dataclass(frozen=True)
class Knoop:
    """A werkgroep as a node of the network picture: the shape the picture reads (an app of
    the same floor cannot import the picture's own class)."""

    slug: str
    label: str
    url: str
    leerateliers: tuple[str, ...]


CACHE_KEY = "landelijk:werkgroepen-per-leeratelier"


def _map() -> list[dict]:
    """Every werkgroep a leeratelier brings knowledge to, by name: slug, naam, volledige naam,
    address and the leeratelier slugs (kept in the cache, made again after every change)."""
    found = cache.get(CACHE_KEY)
    return _rebuild() if found is None else found


def _rebuild() -> list[dict]:
    rows = Werkgroep.leerateliers.through.objects.values_list(
        "werkgroep__slug", "werkgroep__naam", "werkgroep__volledige_naam", "leeratelier__slug"
    ).order_by("werkgroep__naam", "werkgroep__slug", "leeratelier__slug")
    ateliers = defaultdict(list)
    for slug, naam, voluit, atelier in rows:
        ateliers[slug, naam, voluit].append(atelier)
    found = [
        {
            "slug": slug,
            "naam": naam,
            "volledige_naam": voluit,
            "url": reverse("landelijk:werkgroep_detail", kwargs={"slug": slug}),
            "leerateliers": slugs,
        }
        for (slug, naam, voluit), slugs in ateliers.items()
    ]
    cache.set(CACHE_KEY, found, timeout=None)
    return found


def refresh(**_signal):
    """Make the map again after a change, at once and once the change is committed (a reader
    in between may have put back what was there before), so pages find it ready."""
    _rebuild()
    transaction.on_commit(_rebuild)


def per_leeratelier(leeratelier) -> list[dict]:
    """The werkgroepen ``leeratelier`` brings knowledge to, by name."""
    return [werkgroep for werkgroep in _map() if leeratelier.slug in werkgroep["leerateliers"]]


def netwerk_werkgroepen() -> list[Knoop]:
    """Every werkgroep a leeratelier brings knowledge to, with those leerateliers."""
    return [
        Knoop(
            werkgroep["slug"], werkgroep["naam"], werkgroep["url"], tuple(werkgroep["leerateliers"])
        )
        for werkgroep in _map()
    ]
