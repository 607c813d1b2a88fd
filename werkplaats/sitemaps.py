"""The sitemap sections of the lowest floor: the network core (voorwaarden, thema's, gemeenten,
partners, personen) and the privacyverklaring. Every app declares its sections in a
``sitemaps.py`` with ``SITEMAPS``; portaal joins them into /sitemap.xml (portaal/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from .models import Gemeente, Organisatie, Persoon, Privacyverklaring, Thema, Voorwaarde


class PagesSitemap(Sitemap):
    """Pages without a row of their own (lists, the home page), by URL name."""

    url_names: tuple[str, ...] = ()

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


class ModelSitemap(Sitemap):
    """Every row of ``queryset`` at its get_absolute_url, in a stable order. A list, not a
    queryset: the paginator then counts without a query of its own."""

    queryset = None
    order_by = ("pk",)

    def items(self):
        return list(self.queryset.order_by(*self.order_by))


class VoorwaardeSitemap(ModelSitemap):
    queryset = Voorwaarde.objects.all()


class ThemaSitemap(ModelSitemap):
    queryset = Thema.objects.all()


class GemeenteSitemap(ModelSitemap):
    queryset = Gemeente.objects.all()


class OrganisatieSitemap(Sitemap):
    """Every partner's page and, from the same rows (one query), the page of a Werkplaats
    Sociaal Domein among the werkplaatsen."""

    def items(self):
        pages = []
        for organisatie in Organisatie.objects.only("slug", "soort").order_by("pk"):
            pages.append(organisatie.get_absolute_url())
            if organisatie.is_werkplaats_sociaal_domein:
                pages.append(organisatie.get_werkplaats_url())
        return pages

    def location(self, page):
        return page


class PersoonSitemap(ModelSitemap):
    queryset = Persoon.objects.all()


class PrivacySitemap(Sitemap):
    """The versions that are or were in force (a coming one is not public yet)."""

    def items(self):
        return list(
            Privacyverklaring.objects.filter(geldig_vanaf__lte=timezone.localdate())
            .only("versie", "geldig_vanaf")
            .order_by("versie")
        )

    def lastmod(self, verklaring):
        return verklaring.geldig_vanaf


class WerkplaatsPages(PagesSitemap):
    url_names = ("werkplaats:privacy",)


SITEMAPS = {
    "privacy": WerkplaatsPages,
    "privacyverklaringen": PrivacySitemap,
    "voorwaarden": VoorwaardeSitemap,
    "themas": ThemaSitemap,
    "gemeenten": GemeenteSitemap,
    "partners": OrganisatieSitemap,
    "personen": PersoonSitemap,
}
