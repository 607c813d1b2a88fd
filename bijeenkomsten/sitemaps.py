"""Sitemap sections of the bijeenkomsten: the list and every bijeenkomst, the past and
cancelled ones too (their pages stay; see werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import ModelSitemap, PagesSitemap

from .models import Bijeenkomst


class BijeenkomstPages(PagesSitemap):
    url_names = ("bijeenkomsten:list",)


class BijeenkomstSitemap(ModelSitemap):
    queryset = Bijeenkomst.objects.only("slug", "gewijzigd_at")

    def lastmod(self, bijeenkomst):
        return bijeenkomst.gewijzigd_at


SITEMAPS = {"bijeenkomsten-lijst": BijeenkomstPages, "bijeenkomsten": BijeenkomstSitemap}
