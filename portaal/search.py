"""Site-wide search (/zoeken/): every kind of content, each searched the way of
``werkplaats.search``, grouped by kind."""

from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Bijeenkomst
from kennisagenda.models import Kwestie
from landelijk.models import Werkgroep
from leerateliers.models import Leeratelier, LerendePraktijk, TribuneUpdate
from onderwijs.models import Onderwijsactiviteit
from publicaties.models import Publicatie
from werkplaats.inline import fetch_together
from werkplaats.models import Gemeente, Organisatie, Persoon, Thema
from werkplaats.search import text_search


def site_search(text, limit=10):
    """``[(label, kind, rows), …]`` for every kind with matches, in a fixed order. The kinds
    whose rows are shown from their own columns only are read together, in one query."""
    updates = TribuneUpdate.objects.published().select_related("leeratelier")
    praktijken = LerendePraktijk.objects.select_related("leeratelier")
    together = fetch_together(
        leeratelier=text_search(
            Leeratelier.objects.all(), text, ["titel", "samenvatting", "beschrijving"])[:limit],
        gemeente=text_search(Gemeente.objects.all(), text, ["naam", "toelichting"])[:limit],
        thema=text_search(Thema.objects.all(), text, ["naam", "beschrijving"])[:limit],
        onderwijs=text_search(
            Onderwijsactiviteit.objects.published(), text,
            ["titel", "samenvatting", "beschrijving"])[:limit],
    )  # fmt: skip
    kinds = [
        (_("Leerateliers"), "leeratelier", together["leeratelier"]),
        (_("Lerende praktijken"), "praktijk", text_search(
            praktijken, text, ["titel", "beschrijving"])),
        (_("Publicaties"), "publicatie", Publicatie.objects.for_list().search(text)),
        (_("Tribune-updates"), "update", text_search(updates, text, ["titel", "tekst"])),
        (_("Bijeenkomsten"), "bijeenkomst", text_search(
            Bijeenkomst.objects.for_list(), text,
            ["titel", "samenvatting", "beschrijving", "locatie"])),
        (_("Personen"), "persoon", text_search(
            Persoon.objects.select_related("organisatie"), text, ["naam", "functie", "bio"])),
        (_("Netwerkpartners"), "organisatie", text_search(
            Organisatie.objects.for_list(), text, ["naam", "afkorting", "beschrijving"])),
        (_("Gemeenten"), "gemeente", together["gemeente"]),
        (_("Thema's"), "thema", together["thema"]),
        (_("Kwesties op de kennisagenda"), "kwestie", text_search(
            Kwestie.objects.for_search(), text, ["naam", "beschrijving"])),
        (_("Landelijke werkgroepen"), "werkgroep", text_search(
            Werkgroep.objects.for_search(), text,
            ["naam", "volledige_naam", "samenvatting", "beschrijving"])),
        (_("Onderwijs"), "onderwijs", together["onderwijs"]),
    ]  # fmt: skip
    groups = [(label, kind, list(rows[:limit])) for label, kind, rows in kinds]
    return [group for group in groups if group[2]]
