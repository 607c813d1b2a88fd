"""Where the network works integrally and where it is thin: leerateliers and praktijken by the
four voorwaarden of sociale kwaliteit."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from werkplaats.models import Gemeente, Voorwaarde

from .models import GeleerdeLes, Leeratelier, LerendePraktijk


@dataclass
class MatrixRow:
    subject: object
    cells: list  # per voorwaarde: True/False (leerateliers) or a count (gemeenten)

    @property
    def covered(self):
        return sum(1 for cell in self.cells if cell)


def voorwaarde_matrix(voorwaarden=None):
    """Leerateliers by voorwaarden, and the number of leerateliers per voorwaarde."""
    voorwaarden = list(voorwaarden or Voorwaarde.objects.order_by("volgorde"))
    rows = []
    for atelier in Leeratelier.objects.prefetch_related("voorwaarden").order_by("titel"):
        own = {voorwaarde.pk for voorwaarde in atelier.voorwaarden.all()}
        rows.append(MatrixRow(atelier, [voorwaarde.pk in own for voorwaarde in voorwaarden]))
    totals = [sum(row.cells[index] for row in rows) for index in range(len(voorwaarden))]
    return voorwaarden, rows, totals


def werkgebied():
    """The rows of a coverage table: every deelnemende gemeente, with or without anything
    going on (so the thin spots show), and any other where a leeratelier or praktijk runs."""
    active = Q(is_deelnemer=True) | Q(praktijken__isnull=False) | Q(leerateliers__isnull=False)
    return Gemeente.objects.filter(pk__in=Gemeente.objects.filter(active).values("pk")).order_by(
        "naam"
    )


def praktijken_per_gemeente(voorwaarden=None):
    """Per gemeente the number of lerende praktijken that work on each voorwaarde: through
    their leeratelier or through a lesson learned there."""
    voorwaarden = list(voorwaarden or Voorwaarde.objects.order_by("volgorde"))
    via_atelier = LerendePraktijk.objects.filter(
        leeratelier__voorwaarden__isnull=False
    ).values_list("pk", "leeratelier__voorwaarden")
    via_lessen = GeleerdeLes.objects.filter(voorwaarden__isnull=False).values_list(
        "praktijk", "voorwaarden"
    )
    per_praktijk = {}
    for praktijk, voorwaarde in [*via_atelier, *via_lessen]:
        per_praktijk.setdefault(praktijk, set()).add(voorwaarde)
    where = LerendePraktijk.gemeenten.through.objects.values_list(
        "lerendepraktijk_id", "gemeente_id"
    )
    counts = Counter()
    for praktijk, gemeente in where:
        for voorwaarde in per_praktijk.get(praktijk, ()):
            counts[gemeente, voorwaarde] += 1
    gemeenten = werkgebied()
    return voorwaarden, [
        MatrixRow(gemeente, [counts[gemeente.pk, voorwaarde.pk] for voorwaarde in voorwaarden])
        for gemeente in gemeenten
    ]
