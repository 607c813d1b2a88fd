"""Sitemap sections of the leerateliers: the list, each leeratelier, its lerende praktijken and
its published tribune updates (see werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import ModelSitemap, PagesSitemap

from .models import Leeratelier, LerendePraktijk, TribuneUpdate


class LeeratelierPages(PagesSitemap):
    url_names = ("leerateliers:list",)


class LeeratelierSitemap(ModelSitemap):
    queryset = Leeratelier.objects.all()


class PraktijkSitemap(ModelSitemap):
    queryset = LerendePraktijk.objects.select_related("leeratelier")


class UpdateSitemap(ModelSitemap):
    queryset = TribuneUpdate.objects.published().select_related("leeratelier")

    def lastmod(self, update):
        return update.gepubliceerd_at


SITEMAPS = {
    "leerateliers-lijst": LeeratelierPages,
    "leerateliers": LeeratelierSitemap,
    "praktijken": PraktijkSitemap,
    "tribune-updates": UpdateSitemap,
}
