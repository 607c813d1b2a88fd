"""Sitemap sections of the leerateliers: the list, each leeratelier, its lerende praktijken and
its published tribune updates (see werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import BY_SLUG, Kind, PagesSitemap, UnionSitemap

from .models import Leeratelier, LerendePraktijk, TribuneUpdate


class LeeratelierPages(PagesSitemap):
    url_names = ("leerateliers:list",)


class LeeratelierSitemap(UnionSitemap):
    """Each leeratelier, its lerende praktijken and its published tribune updates."""

    kinds = {
        "leeratelier": Kind(Leeratelier.objects.all(), "portaal:leeratelier_detail", BY_SLUG),
        "praktijk": Kind(
            LerendePraktijk.objects.all(),
            "leerateliers:praktijk_detail",
            {"leeratelier_slug": "leeratelier__slug", "slug": "slug"},
        ),
        "update": Kind(
            TribuneUpdate.objects.published(),
            "leerateliers:update_detail",
            {"leeratelier_slug": "leeratelier__slug", "pk": "pk"},
            lastmod="gepubliceerd_at",
        ),
    }


SITEMAPS = {
    "leerateliers-lijst": LeeratelierPages,
    "leerateliers": LeeratelierSitemap,
}
