"""Sitemap sections of the nieuwsbrief: its page and the editions in the public archive (see
werkplaats/sitemaps.py)."""

from werkplaats.sitemaps import ModelSitemap, PagesSitemap

from .models import Editie


class NieuwsbriefPages(PagesSitemap):
    url_names = ("nieuwsbrief:index",)


class EditieSitemap(ModelSitemap):
    queryset = Editie.objects.archief()

    def lastmod(self, editie):
        return editie.verzonden_at


SITEMAPS = {"nieuwsbrief": NieuwsbriefPages, "nieuwsbrief-edities": EditieSitemap}
