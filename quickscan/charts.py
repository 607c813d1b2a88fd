"""The figures of a scan per voorwaarde as rows (``rijen``) and as a chart drawn on the server
(``grafiek``): horizontal bars of the score on the scale 1 to 5, a whisker for the spread. The
table beside the chart renders the same rows, so the two cannot disagree. Plain SVG: no
script, text in the picture and a title and description for screen readers."""

from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from werkplaats.i18n import vertaald
from werkplaats.models import Voorwaarde

from .models import SCHAAL_MAX, SCHAAL_MIN, Waarde
from .scores import Score, VoorwaardeScore

# The drawing, in the SVG's own units; it scales to the width of its column.
BREEDTE = 360
MARGE = 12  # left and right of the axis, so the outer tick labels fit
RIJ_HOOGTE = 58  # one voorwaarde: its name and figures, then its bar and whisker
BALK_HOOGTE = 20
AS_HOOGTE = 56  # the axis with its ticks and labels


def getal(value: float | None) -> str:
    """A figure as the pages show it: one decimal, with a decimal comma in Dutch."""
    if value is None:
        return "–"
    return floatformat(value, 1)


@dataclass(frozen=True)
class Rij:
    """One voorwaarde's figures, for the chart and the table alike."""

    voorwaarde: Voorwaarde
    gemiddelde: float | None
    spreiding: float | None
    aantal: int
    weet_niet: int
    respondenten: int

    @property
    def gemiddelde_tekst(self) -> str:
        return getal(self.gemiddelde)

    @property
    def spreiding_tekst(self) -> str:
        return getal(self.spreiding)

    @property
    def heeft_score(self) -> bool:
        return self.gemiddelde is not None


def rijen(scores: list[VoorwaardeScore]) -> list[Rij]:
    return [
        Rij(
            voorwaarde=score.voorwaarde,
            gemiddelde=score.score.gemiddelde,
            spreiding=score.score.spreiding,
            aantal=score.score.aantal,
            weet_niet=score.score.weet_niet,
            respondenten=score.respondenten,
        )
        for score in scores
    ]


def x(waarde: float) -> float:
    """Where ``waarde`` on the scale lies along the axis."""
    fraction = (min(max(waarde, SCHAAL_MIN), SCHAAL_MAX) - SCHAAL_MIN) / (SCHAAL_MAX - SCHAAL_MIN)
    return round(MARGE + fraction * (BREEDTE - 2 * MARGE), 1)


@dataclass(frozen=True)
class GetekendeRij:
    rij: Rij
    y: int  # top of the row

    @property
    def tekst_y(self):
        return self.y + 16

    @property
    def balk_y(self):
        return self.y + 26

    @property
    def midden_y(self):
        return self.balk_y + BALK_HOOGTE // 2

    @property
    def balk_x(self):
        return x(SCHAAL_MIN)

    @property
    def balk_breedte(self):
        return round(x(self.rij.gemiddelde) - x(SCHAAL_MIN), 1)

    @property
    def spreiding_van(self):
        return x(self.rij.gemiddelde - self.rij.spreiding)

    @property
    def spreiding_tot(self):
        return x(self.rij.gemiddelde + self.rij.spreiding)


def grafiek(rows: list[Rij], *, prefix: str, titel: str) -> str:
    """The chart of ``rows`` as inline SVG; ``prefix`` makes its ids unique on the page."""
    getekend = [GetekendeRij(rij, index * RIJ_HOOGTE) for index, rij in enumerate(rows)]
    as_y = len(rows) * RIJ_HOOGTE + 8
    schaal = [
        {"waarde": waarde.value, "x": x(waarde.value), "label": waarde.label}
        for waarde in Waarde.schaal()
    ]
    beschrijving = "; ".join(
        _("%(naam)s: %(score)s, spreiding %(spreiding)s, %(aantal)s antwoorden")
        % {
            "naam": vertaald(rij.voorwaarde, "naam"),
            "score": rij.gemiddelde_tekst,
            "spreiding": rij.spreiding_tekst,
            "aantal": rij.aantal,
        }
        if rij.heeft_score
        else _("%(naam)s: geen score (geen antwoorden op de schaal)")
        % {"naam": vertaald(rij.voorwaarde, "naam")}
        for rij in rows
    )
    return render_to_string(
        "quickscan/includes/grafiek.html",
        {
            "prefix": prefix,
            "titel": titel,
            "beschrijving": beschrijving,
            "getekende_rijen": getekend,
            "schaal": schaal,
            "breedte": BREEDTE,
            "hoogte": as_y + AS_HOOGTE,
            "as_y": as_y,
            "as_van": x(SCHAAL_MIN),
            "as_tot": x(SCHAAL_MAX),
            "balk_hoogte": BALK_HOOGTE,
        },
    )


@dataclass(frozen=True)
class Staaf:
    """One value of the scale in a statement's distribution: its count, and how long its bar
    is (in percent of the largest count)."""

    label: str
    aantal: int
    lengte: int
    is_weet_niet: bool


def verdeling(score: Score) -> list[Staaf]:
    """How a statement was answered: per value of the scale, "weet niet" last."""
    counts = score.verdeling
    largest = max((aantal for _waarde, aantal in counts), default=0) or 1
    return [
        Staaf(
            label=waarde.label,
            aantal=aantal,
            lengte=round(100 * aantal / largest),
            is_weet_niet=waarde == Waarde.WEET_NIET,
        )
        for waarde, aantal in counts
    ]
