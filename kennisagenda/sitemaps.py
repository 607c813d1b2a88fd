"""Sitemap sections of the kennisagenda: the current agenda, its history and the archived
versions (concepts are not public; see werkplaats/sitemaps.py)."""

from django.urls import reverse

from werkplaats.sitemaps import ModelSitemap, PagesSitemap

from .models import AgendaStatus, Kennisagenda


class KennisagendaPages(PagesSitemap):
    url_names = ("kennisagenda:history",)


class KennisagendaSitemap(ModelSitemap):
    """Every public version; the vastgestelde one is at /kennisagenda/ itself."""

    queryset = Kennisagenda.objects.public()

    def items(self):
        agendas = list(super().items())
        if not any(agenda.status == AgendaStatus.VASTGESTELD for agenda in agendas):
            agendas.insert(0, None)  # /kennisagenda/ is there without one too
        return agendas

    def location(self, agenda):
        return agenda.get_absolute_url() if agenda else reverse("kennisagenda:current")

    def lastmod(self, agenda):
        return agenda.vastgesteld_on if agenda else None


SITEMAPS = {"kennisagenda-geschiedenis": KennisagendaPages, "kennisagenda": KennisagendaSitemap}
