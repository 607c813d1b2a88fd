"""Sitemap sections of the publicaties: the list and every published publicatie (see
werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import ModelSitemap, PagesSitemap

from .models import Publicatie


class PublicatiePages(PagesSitemap):
    url_names = ("publicaties:list",)


class PublicatieSitemap(ModelSitemap):
    queryset = Publicatie.objects.published().only("slug", "gewijzigd_at")

    def lastmod(self, publicatie):
        return publicatie.gewijzigd_at


SITEMAPS = {"publicaties-lijst": PublicatiePages, "publicaties": PublicatieSitemap}
