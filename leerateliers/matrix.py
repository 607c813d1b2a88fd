"""Where the network works integrally and where it is thin: leerateliers and praktijken by the
four voorwaarden of sociale kwaliteit."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from werkplaats.inline import inline
from werkplaats.models import Gemeente, Voorwaarde

from .models import GeleerdeLes, Leeratelier, LerendePraktijk, PraktijkStatus


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
    ateliers = inline(
        Leeratelier.objects.order_by("titel"), voorwaarden=Voorwaarde.objects.only("id")
    )
    for atelier in ateliers:
        own = {voorwaarde.pk for voorwaarde in atelier.voorwaarden.all()}
        rows.append(MatrixRow(atelier, [voorwaarde.pk in own for voorwaarde in voorwaarden]))
    totals = [sum(row.cells[index] for row in rows) for index in range(len(voorwaarden))]
    return voorwaarden, rows, totals


def werkgebied():
    """The rows of a coverage table: every deelnemende gemeente, with or without anything
    going on (so the thin spots show), and any other of the werkgebied where a leeratelier or
    praktijk runs. Never one outside the werkgebied (Oldenzaal, where a joint praktijk with
    another werkplaats runs): it is not ours to cover."""
    active = Q(is_deelnemer=True) | Q(praktijken__isnull=False) | Q(leerateliers__isnull=False)
    return (
        Gemeente.objects.werkgebied()
        .filter(pk__in=Gemeente.objects.filter(active).values("pk"))
        .order_by("naam")
    )


def voorwaarden_per_praktijk() -> dict[int, set[int]]:
    """Per lerende praktijk the voorwaarden it works on: through its leeratelier or through a
    lesson learned there (two queries)."""
    via_atelier = LerendePraktijk.objects.filter(
        leeratelier__voorwaarden__isnull=False
    ).values_list("pk", "leeratelier__voorwaarden")
    via_lessen = GeleerdeLes.objects.filter(
        voorwaarden__isnull=False, praktijk__isnull=False
    ).values_list("praktijk", "voorwaarden")
    per_praktijk = {}
    for praktijk, voorwaarde in [*via_atelier, *via_lessen]:
        per_praktijk.setdefault(praktijk, set()).add(voorwaarde)
    return per_praktijk


def praktijken_per_gemeente(voorwaarden=None, per_praktijk=None):
    """Per gemeente the number of lerende praktijken that work on each voorwaarde: through
    their leeratelier or through a lesson learned there (``per_praktijk``: what
    ``voorwaarden_per_praktijk`` gives, when the caller has it already)."""
    voorwaarden = list(voorwaarden or Voorwaarde.objects.order_by("volgorde"))
    if per_praktijk is None:
        per_praktijk = voorwaarden_per_praktijk()
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


@dataclass
class Jaar:
    """One year of the agenda's coverage: per voorwaarde the praktijken that ran that year
    and work on it, and the lessen learned that year about it."""

    jaar: int
    praktijken: list[int]
    lessen: list[int]

    @property
    def cells(self):
        return list(zip(self.praktijken, self.lessen, strict=True))


def _jaren(start, end, status, atelier_start, today):
    """The years a praktijk ran: from its start (or its leeratelier's) to its end, to today
    while it runs, or only its first year when it ended without an end date; none before it
    starts."""
    start = start or atelier_start
    if start is None or start > today:
        return range(0)  # not placed in time, or still to start
    if end is None:
        end = start if status == PraktijkStatus.AFGEROND else today
    return range(start.year, max(start, min(end, today)).year + 1)


def dekking_per_jaar(
    voorwaarden=None, *, gemeente=None, today=None, per_praktijk=None
) -> list[Jaar]:
    """The coverage of the voorwaarden per year, newest year first: for the programmacommissie
    to see how the agenda is worked on over time. With ``gemeente``: only its praktijken, the
    lessen learned there and the regional lessen that took one of those up (two queries, and
    two for ``per_praktijk`` when the caller does not have it)."""
    voorwaarden = list(voorwaarden or Voorwaarde.objects.order_by("volgorde"))
    today = today or timezone.localdate()
    if per_praktijk is None:
        per_praktijk = voorwaarden_per_praktijk()
    praktijken = LerendePraktijk.objects.all()
    lessen = GeleerdeLes.objects.filter(voorwaarden__isnull=False)
    if gemeente is not None:
        praktijken = praktijken.filter(gemeenten=gemeente)
        lessen = lessen.filter(
            Q(praktijk__gemeenten=gemeente) | Q(bronnen__praktijk__gemeenten=gemeente)
        )
    praktijk_counts = Counter()
    rows = praktijken.values_list("pk", "start_on", "end_on", "status", "leeratelier__start_on")
    for pk, start, end, status, atelier_start in rows:
        for jaar in _jaren(start, end, status, atelier_start, today):
            for voorwaarde in per_praktijk.get(pk, ()):
                praktijk_counts[jaar, voorwaarde] += 1
    learned = (
        lessen.filter(geleerd_on__lte=today)
        .values_list("pk", "geleerd_on", "voorwaarden")
        .distinct()  # a les joined twice (its own praktijk and a bron there) counts once
    )
    les_counts = Counter((geleerd_on.year, voorwaarde) for _pk, geleerd_on, voorwaarde in learned)
    jaren = {jaar for jaar, _voorwaarde in [*praktijk_counts, *les_counts]}
    if not jaren:
        return []
    return [
        Jaar(
            jaar,
            [praktijk_counts[jaar, voorwaarde.pk] for voorwaarde in voorwaarden],
            [les_counts[jaar, voorwaarde.pk] for voorwaarde in voorwaarden],
        )
        for jaar in range(max(jaren), min(jaren) - 1, -1)
    ]
