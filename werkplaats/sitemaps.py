"""The sitemap sections of the lowest floor: the network core (voorwaarden, thema's, gemeenten,
partners, personen), the privacyverklaring, the toegankelijkheidsverklaring, the colofon and the
cookies. Every app declares its sections in a ``sitemaps.py`` with ``SITEMAPS``; portaal joins
them into /sitemap.xml (portaal/sitemaps.py)."""

from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.db.models import CharField, DateTimeField, F, QuerySet, Value
from django.db.models.functions import Cast
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


@dataclass(frozen=True)
class Kind:
    """One kind of page of a ``UnionSitemap``: a row of ``queryset`` at ``url_name``, whose
    arguments (at most two) are columns of the row (``{"slug": "slug"}``), last changed at the
    datetime column ``lastmod`` if one is named."""

    queryset: QuerySet
    url_name: str
    kwargs: dict[str, str]
    lastmod: str | None = None

    def rows(self, name):
        columns = [Cast(column, CharField()) for column in self.kwargs.values()]
        columns += [Value("", output_field=CharField())] * (2 - len(columns))
        none = Cast(Value(None), DateTimeField())  # typed: PostgreSQL unites it with datetimes
        changed = F(self.lastmod) if self.lastmod else none
        return (
            self.queryset.order_by()
            .annotate(
                pagina_soort=Value(name, output_field=CharField()),
                pagina_sleutel1=columns[0],
                pagina_sleutel2=columns[1],
                pagina_gewijzigd=changed,
            )
            .values_list("pagina_soort", "pagina_sleutel1", "pagina_sleutel2", "pagina_gewijzigd")
        )


class UnionSitemap(Sitemap):
    """Several kinds of page read in one query (UNION ALL) instead of one query each."""

    kinds: dict[str, Kind] = {}

    def items(self):
        selects = [kind.rows(name) for name, kind in self.kinds.items()]
        rows = selects[0].union(*selects[1:], all=True)
        return list(rows.order_by("pagina_soort", "pagina_sleutel1", "pagina_sleutel2"))

    def location(self, item):
        name, *keys, _changed = item
        kind = self.kinds[name]
        return reverse(kind.url_name, kwargs=dict(zip(kind.kwargs, keys, strict=False)))

    def lastmod(self, item):
        return item[-1]


BY_SLUG = {"slug": "slug"}


class NetwerkSitemap(UnionSitemap):
    """Every voorwaarde, thema, gemeente, partner and persoon, and the page of a Werkplaats
    Sociaal Domein among the werkplaatsen."""

    kinds = {
        "voorwaarde": Kind(Voorwaarde.objects.all(), "portaal:voorwaarde_detail", BY_SLUG),
        "thema": Kind(Thema.objects.all(), "portaal:thema_detail", BY_SLUG),
        "gemeente": Kind(Gemeente.objects.all(), "portaal:gemeente_detail", BY_SLUG),
        "partner": Kind(Organisatie.objects.all(), "portaal:organisatie_detail", BY_SLUG),
        "werkplaats": Kind(
            Organisatie.objects.werkplaatsen(), "portaal:werkplaats_detail", BY_SLUG
        ),
        "persoon": Kind(Persoon.objects.all(), "portaal:persoon_detail", BY_SLUG),
    }


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
    url_names = (
        "werkplaats:privacy",
        "werkplaats:beveiliging",
        "werkplaats:toegankelijkheid",
        "werkplaats:colofon",
        "werkplaats:cookies",
    )


SITEMAPS = {
    "privacy": WerkplaatsPages,
    "privacyverklaringen": PrivacySitemap,
    "netwerkkern": NetwerkSitemap,
}
