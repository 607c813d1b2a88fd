"""Sitemap sections of the landelijke werkgroepen: the list and every werkgroep (see
werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import ModelSitemap, PagesSitemap

from .models import Werkgroep


class WerkgroepPages(PagesSitemap):
    url_names = ("landelijk:werkgroep_list",)


class WerkgroepSitemap(ModelSitemap):
    queryset = Werkgroep.objects.only("slug", "gewijzigd_at")

    def lastmod(self, werkgroep):
        return werkgroep.gewijzigd_at


SITEMAPS = {"werkgroepen-lijst": WerkgroepPages, "werkgroepen": WerkgroepSitemap}
