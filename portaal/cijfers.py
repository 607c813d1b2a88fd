"""Het netwerk in cijfers: the figures of /beheer/cijfers/, each a chart, the table under it
and a CSV of the same rows.

Every figure counts with its own app's querysets (at most two queries each, however many
years) and is shown only to a member who may view what it counts in the admin. Over time
means per year: the stand at the end of the year (for this year: today), or what happened
in it."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Aanmelding
from leerateliers.models import Deelname, Rol
from nieuwsbrief.models import Inschrijving
from publicaties.models import Publicatie
from werkplaats.grafiek import Reeks, lijndiagram, staafdiagram


@dataclass(frozen=True)
class Figuur:
    """One figure: what it is called and explains, and its rows (a label, then a value
    per series)."""

    naam: str  # in the URL of its CSV
    titel: str
    toelichting: str
    kop: str  # the heading of the label column
    labels: list[str]
    reeksen: list[Reeks]
    lijn: bool  # a line over time, or bars

    @property
    def header(self) -> list[str]:
        return [self.kop, *(reeks.naam for reeks in self.reeksen)]

    @property
    def rijen(self) -> list[list[object]]:
        kolommen = [reeks.waarden for reeks in self.reeksen]
        return [[label, *waarden] for label, *waarden in zip(self.labels, *kolommen, strict=True)]

    @property
    def svg(self):
        if not self.labels:
            return ""
        teken = lijndiagram if self.lijn else staafdiagram
        return teken(self.titel, self.labels, self.reeksen)


# The most years a stand is taken for (each year is a column of one query): a date mistyped
# as 0025 shows as the oldest of these years, not as a query the database refuses.
MEESTE_JAREN = 25


def _jaren(eerste: datetime.date | None) -> list[int]:
    """Every year from the one of ``eerste`` up to this one (the last ``MEESTE_JAREN``)."""
    if eerste is None:
        return []
    dit_jaar = timezone.localdate().year
    return list(range(max(eerste.year, dit_jaar - MEESTE_JAREN + 1), dit_jaar + 1))


def _doorlopend(per_jaar: dict[int, object]) -> list[int]:
    """The years from the first to the last in ``per_jaar``, those without any included."""
    return list(range(min(per_jaar), max(per_jaar) + 1)) if per_jaar else []


def _einde_dag(jaar: int) -> datetime.date:
    """The day a year's stand is taken: 31 December, or today in this year."""
    return min(datetime.date(jaar, 12, 31), timezone.localdate())


def _einde_moment(jaar: int) -> datetime.datetime:
    """The moment a year's stand is taken: its last moment, or now in this year."""
    laatste = datetime.datetime.combine(datetime.date(jaar, 12, 31), datetime.time.max)
    return min(timezone.make_aware(laatste), timezone.now())


def _per_jaar(naam, titel, toelichting, jaren, reeksen, *, lijn) -> Figuur:
    """A figure with a row per year of ``jaren`` and a series per item of ``reeksen`` (its
    name, and its values in the order of ``jaren``)."""
    return Figuur(
        naam=naam,
        titel=str(titel),
        toelichting=str(toelichting),
        kop=str(_("Jaar")),
        labels=[str(jaar) for jaar in jaren],
        reeksen=[Reeks(str(reeks), tuple(waarden)) for reeks, waarden in reeksen.items()],
        lijn=lijn,
    )


def deelnames() -> Figuur:
    jaren = _jaren(Deelname.objects.eerste_dag())
    per_rol = Deelname.objects.organisaties_per_rol([_einde_dag(jaar) for jaar in jaren])
    return _per_jaar(
        "deelnames",
        _("Organisaties in de arena en op de tribune"),
        _(
            "Hoeveel organisaties aan het eind van elk jaar (dit jaar: vandaag) in de arena of "
            "op de tribune van een leeratelier stonden. Een organisatie die aan meer "
            "leerateliers meedoet, telt per rol één keer."
        ),
        jaren,
        {rol.label: per_rol[rol] for rol in Rol},
        lijn=True,
    )


def abonnees() -> Figuur:
    eerste = Inschrijving.objects.eerste_bevestiging()
    jaren = _jaren(timezone.localtime(eerste).date() if eerste else None)
    aantallen = Inschrijving.objects.actief_op([_einde_moment(jaar) for jaar in jaren])
    return _per_jaar(
        "abonnees",
        _("Abonnees van de nieuwsbrief"),
        _(
            "Bevestigde inschrijvingen die niet zijn afgemeld, aan het eind van elk jaar "
            "(dit jaar: vandaag)."
        ),
        jaren,
        {_("Abonnees"): aantallen},
        lijn=True,
    )


def aanmeldingen() -> Figuur:
    rijen = {rij["jaar"]: rij for rij in Aanmelding.objects.per_jaar()}
    jaren = _doorlopend(rijen)
    leeg = {"actief": 0, "afgemeld": 0}
    return _per_jaar(
        "aanmeldingen",
        _("Aanmeldingen voor bijeenkomsten"),
        _(
            "Aanmeldingen per jaar waarin de bijeenkomst plaatsvindt: met een plaats of op de "
            "wachtlijst, en afgemeld. Geannuleerde bijeenkomsten tellen niet mee."
        ),
        jaren,
        {
            _("Aangemeld of op de wachtlijst"): [rijen.get(j, leeg)["actief"] for j in jaren],
            _("Afgemeld"): [rijen.get(j, leeg)["afgemeld"] for j in jaren],
        },
        lijn=False,
    )


def publicaties_per_jaar() -> Figuur:
    per_jaar = {rij["jaar"]: rij["aantal"] for rij in Publicatie.objects.per_jaar()}
    jaren = _doorlopend(per_jaar)
    return _per_jaar(
        "publicaties-per-jaar",
        _("Publicaties per jaar"),
        _("Gepubliceerde publicaties naar het jaar waarin ze verschenen."),
        jaren,
        {_("Publicaties"): [per_jaar.get(jaar, 0) for jaar in jaren]},
        lijn=False,
    )


def publicaties_per_voorwaarde() -> Figuur:
    voorwaarden = list(Publicatie.objects.per_voorwaarde())
    return Figuur(
        naam="publicaties-per-voorwaarde",
        titel=str(_("Publicaties per voorwaarde")),
        toelichting=str(
            _(
                "Gepubliceerde publicaties per voorwaarde voor sociale kwaliteit. Een publicatie "
                "over meer voorwaarden telt bij elk ervan."
            )
        ),
        kop=str(_("Voorwaarde")),
        labels=[str(voorwaarde) for voorwaarde in voorwaarden],
        reeksen=[Reeks(str(_("Publicaties")), tuple(v.aantal for v in voorwaarden))],
        lijn=False,
    )


@dataclass(frozen=True)
class Soort:
    """A figure the page can show, and the permission a member needs to see it: viewing
    what it counts in the admin."""

    naam: str
    permissie: str
    maak: Callable[[], Figuur]


SOORTEN = [
    Soort("deelnames", "leerateliers.view_deelname", deelnames),
    Soort("abonnees", "nieuwsbrief.view_inschrijving", abonnees),
    Soort("aanmeldingen", "bijeenkomsten.view_aanmelding", aanmeldingen),
    Soort("publicaties-per-jaar", "publicaties.view_publicatie", publicaties_per_jaar),
    Soort("publicaties-per-voorwaarde", "publicaties.view_publicatie", publicaties_per_voorwaarde),
]


def zichtbaar(user) -> list[Soort]:
    """The figures ``user`` may see."""
    return [soort for soort in SOORTEN if user.has_perm(soort.permissie)]


def soort(naam) -> Soort | None:
    """The figure called ``naam`` (None when there is no such one)."""
    return next((soort for soort in SOORTEN if soort.naam == naam), None)
