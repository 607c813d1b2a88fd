"""What a scan's answers say, for the three uses of the quick scan: a score per voorwaarde
(verantwoorden), the statements the partners disagree on most (het gesprek), the weakest
voorwaarden (afwegingen), and scans side by side (over time).

Only answers of respondents who sent theirs count, and "weet niet" never counts: it is no
position on the scale. A score is the mean of the answers on the scale (1 to 5); its spread
is their standard deviation (of these answers, not an estimate for a population), so 0 means
everyone answered the same and 2 is the most the scale allows."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery

from leerateliers.models import GeleerdeLes, Leeratelier, LerendePraktijk, PraktijkStatus
from publicaties.models import Publicatie
from werkplaats.models import Voorwaarde

from .models import MIN_RESPONDENTEN_OPENBAAR, Antwoord, Respondent, Scan, Vraag, Waarde

# How many statements "where partners differ most" shows.
VERSCHILLEN_SHOWN = 5
# How many voorwaarden "afwegingen" names as the weakest.
ZWAKSTE_SHOWN = 2
# How many leerateliers, praktijken, lessen and publicaties "afwegingen" suggests of each kind.
SUGGESTIES_SHOWN = 3


@dataclass
class Score:
    """The answers on the scale to a group of statements (one voorwaarde, one statement).
    Its mean and spread are given only when at least ``MIN_RESPONDENTEN_OPENBAAR``
    respondents took a position on the scale, so no figure is one partner's answer."""

    waarden: list[int] = field(default_factory=list)
    weet_niet: int = 0
    posities: set[int] = field(default_factory=set)

    def add(self, waarde: int, respondent: int) -> None:
        if waarde == Waarde.WEET_NIET:
            self.weet_niet += 1
        else:
            self.waarden.append(waarde)
            self.posities.add(respondent)

    @property
    def aantal(self) -> int:
        return len(self.waarden)

    @property
    def genoeg(self) -> bool:
        return len(self.posities) >= MIN_RESPONDENTEN_OPENBAAR

    @property
    def gemiddelde(self) -> float | None:
        return statistics.fmean(self.waarden) if self.genoeg else None

    @property
    def spreiding(self) -> float | None:
        return statistics.pstdev(self.waarden) if self.genoeg else None

    @property
    def verdeling(self) -> list[tuple[Waarde, int]]:
        """How often each value of the scale was given, "weet niet" last."""
        counts = Counter(self.waarden)
        return [(waarde, counts[waarde]) for waarde in Waarde.schaal()] + [
            (Waarde.WEET_NIET, self.weet_niet)
        ]


@dataclass
class VoorwaardeScore:
    voorwaarde: Voorwaarde
    score: Score
    respondenten: int

    @property
    def gemiddelde(self):
        return self.score.gemiddelde


@dataclass
class VraagScore:
    vraag: Vraag
    score: Score


@dataclass
class Uitslag:
    """Everything a scan's results show, computed from its answers in one pass."""

    scan: Scan
    respondenten: int
    voorwaarden: list[VoorwaardeScore]
    vragen: list[VraagScore]

    def verschillen(self, shown: int = VERSCHILLEN_SHOWN) -> list[VraagScore]:
        """The statements with the largest spread, where enough partners took a position."""
        candidates = [vraag for vraag in self.vragen if vraag.score.genoeg]
        candidates.sort(key=lambda vraag: (-vraag.score.spreiding, vraag.vraag.pk))
        return [vraag for vraag in candidates[:shown] if vraag.score.spreiding > 0]

    def zwakste(self, shown: int = ZWAKSTE_SHOWN) -> list[VoorwaardeScore]:
        """The voorwaarden with the lowest scores, lowest first (those without any answer on
        the scale are not scored, so not named)."""
        scored = [score for score in self.voorwaarden if score.gemiddelde is not None]
        scored.sort(key=lambda score: (score.gemiddelde, score.voorwaarde.volgorde))
        return scored[:shown]


def answers(scans) -> list[tuple[int, int, int, int]]:
    """``(scan, vraag, respondent, waarde)`` of every sent answer of ``scans``, in one query."""
    return list(
        Antwoord.objects.filter(
            respondent__scan__in=scans, respondent__ingediend_at__isnull=False
        ).values_list("respondent__scan_id", "vraag_id", "respondent_id", "waarde")
    )


def uitslag(scan: Scan, voorwaarden: list[Voorwaarde], rows=None, vragen=None) -> Uitslag:
    """The results of ``scan``: per voorwaarde of ``voorwaarden`` (every one, also without
    questions) and per question of its set. ``rows`` are ``answers()`` for several scans at
    once, when the caller compares scans; ``vragen`` the statements of its set in order, when
    the caller has them already."""
    if rows is None:
        rows = answers([scan])
    if vragen is None:
        vragen = list(Vraag.objects.filter(vragenset_id=scan.vragenset_id).in_order())
    per_vraag = {vraag.pk: Score() for vraag in vragen}
    voorwaarde_van = {vraag.pk: vraag.voorwaarde_id for vraag in vragen}
    per_voorwaarde = {voorwaarde.pk: Score() for voorwaarde in voorwaarden}
    wie = defaultdict(set)
    respondenten = set()
    for scan_id, vraag_id, respondent_id, waarde in rows:
        if scan_id != scan.pk or vraag_id not in per_vraag:
            continue
        per_vraag[vraag_id].add(waarde, respondent_id)
        voorwaarde_id = voorwaarde_van[vraag_id]
        if voorwaarde_id in per_voorwaarde:
            per_voorwaarde[voorwaarde_id].add(waarde, respondent_id)
            wie[voorwaarde_id].add(respondent_id)
        respondenten.add(respondent_id)
    return Uitslag(
        scan=scan,
        respondenten=len(respondenten),
        voorwaarden=[
            VoorwaardeScore(voorwaarde, per_voorwaarde[voorwaarde.pk], len(wie[voorwaarde.pk]))
            for voorwaarde in voorwaarden
        ],
        vragen=[VraagScore(vraag, per_vraag[vraag.pk]) for vraag in vragen],
    )


@dataclass
class Deelnemers:
    """The private side of a scan, for its contactpersonen and the programmacommissie: the
    organisations that sent their answers (by name only) and the remarks per voorwaarde,
    without who made them."""

    organisaties: list[str]
    opmerkingen: list[tuple[Voorwaarde, list[str]]]


def deelnemers(scan: Scan, voorwaarden: list[Voorwaarde]) -> Deelnemers:
    """Who answered ``scan`` and what they remarked per voorwaarde of ``voorwaarden``, in one
    query. The remarks are sorted by their text, so their order says nothing about who made
    them."""
    rows = (
        Respondent.objects.ingediend()
        .filter(scan=scan)
        .select_related("organisatie")
        .annotate(
            opmerking_voorwaarde=F("opmerkingen__voorwaarde"),
            opmerking_tekst=F("opmerkingen__tekst"),
        )
    )
    organisaties = set()
    teksten = defaultdict(list)
    for respondent in rows:
        organisaties.add(respondent.organisatie_label)
        if respondent.opmerking_tekst:
            teksten[respondent.opmerking_voorwaarde].append(respondent.opmerking_tekst)
    return Deelnemers(
        organisaties=sorted(organisaties, key=str.casefold),
        opmerkingen=[
            (voorwaarde, sorted(teksten[voorwaarde.pk], key=str.casefold))
            for voorwaarde in voorwaarden
            if teksten[voorwaarde.pk]
        ],
    )


# --- Several scans: side by side, and across gemeenten ---------------------------------------


def uitslagen(scans) -> list[Uitslag]:
    """The results of each of ``scans`` (in that order) with two queries: the statements of
    their sets and their sent answers. Scored per voorwaarde that any of the sets asks about
    (an adopted set asks about each of them)."""
    scans = list(scans)
    vragen = list(
        Vraag.objects.filter(vragenset_id__in={scan.vragenset_id for scan in scans}).in_order()
    )
    per_set = defaultdict(list)
    for vraag in vragen:
        per_set[vraag.vragenset_id].append(vraag)
    voorwaarden = sorted(
        {vraag.voorwaarde_id: vraag.voorwaarde for vraag in vragen}.values(),
        key=lambda voorwaarde: voorwaarde.volgorde,
    )
    rows = answers(scans)
    return [uitslag(scan, voorwaarden, rows, per_set[scan.vragenset_id]) for scan in scans]


@dataclass
class Vergelijking:
    """Scans of one gemeente side by side, oldest first: per voorwaarde always, per statement
    only when they used the same version of the set (another version asks other things)."""

    uitslagen: list[Uitslag]

    @property
    def scans(self) -> list[Scan]:
        return [uitslag.scan for uitslag in self.uitslagen]

    @property
    def zelfde_versie(self) -> bool:
        return len({uitslag.scan.vragenset_id for uitslag in self.uitslagen}) == 1

    def per_voorwaarde(self) -> list[tuple[Voorwaarde, list[Score]]]:
        """Each voorwaarde with its score in every scan (``uitslagen`` gives them all the same
        voorwaarden, in the same order)."""
        eerste = self.uitslagen[0].voorwaarden
        return [
            (score.voorwaarde, [uitslag.voorwaarden[index].score for uitslag in self.uitslagen])
            for index, score in enumerate(eerste)
        ]

    def per_vraag(self) -> list[tuple[Vraag, list[Score]]]:
        """Each statement with its score in every scan; none when the versions differ."""
        if not self.zelfde_versie:
            return []
        eerste = self.uitslagen[0].vragen
        return [
            (vraag.vraag, [uitslag.vragen[index].score for uitslag in self.uitslagen])
            for index, vraag in enumerate(eerste)
        ]


def vergelijking(scans) -> Vergelijking:
    """``scans`` side by side, oldest period first (two queries, see ``uitslagen``)."""
    ordered = sorted(scans, key=lambda scan: (scan.periode_van, scan.pk))
    return Vergelijking(uitslagen(ordered))


def laatste_openbare_scans():
    """Per gemeente its published scan of the latest period."""
    laatste = (
        Scan.objects.published()
        .filter(gemeente=OuterRef("gemeente"))
        .order_by("-periode_van", "-pk")
        .values("pk")[:1]
    )
    return Scan.objects.published().filter(pk=Subquery(laatste))


def _met_voorwaarde(antwoorden):
    """The sent ones of ``antwoorden``, each with its voorwaarde and its scan (with the
    gemeente and the set): all that pages need which show only the figures per voorwaarde."""
    return (
        antwoorden.filter(respondent__ingediend_at__isnull=False)
        .select_related(
            "vraag__voorwaarde", "respondent__scan__gemeente", "respondent__scan__vragenset"
        )
        .defer(
            "vraag__voorwaarde__beschrijving",
            "respondent__naam",
            "respondent__email",
            "respondent__scan__gemeente__toelichting",
            "respondent__scan__vragenset__toelichting",
        )
    )


def _per_scan(antwoorden) -> tuple[list[Scan], dict[int, list[VoorwaardeScore]]]:
    """The scans of ``antwoorden`` (from ``_met_voorwaarde``) and per scan (by pk) its score
    per voorwaarde; a voorwaarde without any sent answer in a scan is not in its list."""
    scans = {}
    scores = defaultdict(dict)
    wie = defaultdict(set)
    voorwaarden = {}
    for antwoord in antwoorden:
        scan = scans.setdefault(antwoord.respondent.scan_id, antwoord.respondent.scan)
        voorwaarde = voorwaarden.setdefault(antwoord.vraag.voorwaarde_id, antwoord.vraag.voorwaarde)
        scores[scan.pk].setdefault(voorwaarde.pk, Score()).add(
            antwoord.waarde, antwoord.respondent_id
        )
        wie[scan.pk, voorwaarde.pk].add(antwoord.respondent_id)
    order = sorted(voorwaarden.values(), key=lambda voorwaarde: voorwaarde.volgorde)
    return list(scans.values()), {
        scan_id: [
            VoorwaardeScore(voorwaarde, per_scan[voorwaarde.pk], len(wie[scan_id, voorwaarde.pk]))
            for voorwaarde in order
            if voorwaarde.pk in per_scan
        ]
        for scan_id, per_scan in scores.items()
    }


def laatste_openbare_uitslag(gemeente) -> tuple[Scan | None, list[VoorwaardeScore]]:
    """The published scan of ``gemeente`` of the latest period with its score per
    voorwaarde, in one query (a published scan has sent answers); ``(None, [])`` when the
    gemeente published none."""
    laatste = (
        Scan.objects.published()
        .filter(gemeente=gemeente)
        .order_by("-periode_van", "-pk")
        .values("pk")[:1]
    )
    scans, scores = _per_scan(
        _met_voorwaarde(Antwoord.objects.filter(respondent__scan=Subquery(laatste)))
    )
    if not scans:
        return None, []
    return scans[0], scores[scans[0].pk]


@dataclass
class GemeentenScore:
    """One voorwaarde across gemeenten: the mean of the gemeenten's scores (each gemeente
    counts once, however many partners answered there)."""

    voorwaarde: Voorwaarde
    gemeente_scores: list[float]
    antwoorden: int

    @property
    def gemiddelde(self) -> float | None:
        return statistics.fmean(self.gemeente_scores) if self.gemeente_scores else None

    @property
    def gemeenten(self) -> int:
        return len(self.gemeente_scores)


@dataclass
class Overzicht:
    """The published results across gemeenten: their latest published scans and per
    voorwaarde the aggregate. Never per respondent."""

    scans: list[Scan]
    voorwaarden: list[GemeentenScore]

    @property
    def is_voorbeeld(self) -> bool:
        return any(scan.is_voorbeeld or scan.vragenset.is_voorbeeld for scan in self.scans)


def over_gemeenten() -> Overzicht:
    """Per voorwaarde the mean of the scores of the gemeenten that published a scan (each
    with its latest), in one query."""
    scans, scores = _per_scan(
        _met_voorwaarde(
            Antwoord.objects.filter(respondent__scan__in=laatste_openbare_scans().values("pk"))
        )
    )
    scans.sort(key=lambda scan: (scan.gemeente.naam, scan.pk))
    samen = {}
    for scan in scans:
        for score in scores[scan.pk]:
            totaal = samen.setdefault(score.voorwaarde.pk, GemeentenScore(score.voorwaarde, [], 0))
            totaal.antwoorden += score.score.aantal
            if score.gemiddelde is not None:
                totaal.gemeente_scores.append(score.gemiddelde)
    return Overzicht(
        scans=scans,
        voorwaarden=sorted(samen.values(), key=lambda totaal: totaal.voorwaarde.volgorde),
    )


# --- Afwegingen: what works on a weak voorwaarde ---------------------------------------------


@dataclass
class Suggesties:
    """What already works on a voorwaarde: leerateliers, lerende praktijken, lessen and
    publicaties, a few of each."""

    voorwaarde: Voorwaarde
    leerateliers: list = field(default_factory=list)
    praktijken: list = field(default_factory=list)
    lessen: list = field(default_factory=list)
    publicaties: list = field(default_factory=list)

    @property
    def is_leeg(self) -> bool:
        return not (self.leerateliers or self.praktijken or self.lessen or self.publicaties)


def _per_voorwaarde(rows, shown: int) -> dict[int, list]:
    """``rows`` annotated with ``voorwaarde_id``, grouped per voorwaarde, each object once and
    at most ``shown`` per voorwaarde, in the order of ``rows``."""
    grouped = defaultdict(list)
    for row in rows:
        group = grouped[row.voorwaarde_id]
        if len(group) < shown and all(item.pk != row.pk for item in group):
            group.append(row)
    return grouped


def suggesties(voorwaarden, shown: int = SUGGESTIES_SHOWN) -> list[Suggesties]:
    """For each of ``voorwaarden`` the active leerateliers that work on it, the lerende
    praktijken that do (through their leeratelier or a les learned there; running ones
    first), the newest lessen and publicaties mapped to it: four queries for all of them."""
    voorwaarden = list(voorwaarden)
    if not voorwaarden:
        return []
    ids = [voorwaarde.pk for voorwaarde in voorwaarden]
    leerateliers = _per_voorwaarde(
        Leeratelier.objects.actief()
        .filter(voorwaarden__in=ids)
        .annotate(voorwaarde_id=F("voorwaarden"))
        .only("titel", "slug")
        .order_by("titel", "pk"),
        shown,
    )
    lessen_rows = list(
        GeleerdeLes.objects.filter(voorwaarden__in=ids)
        .select_related("leeratelier", "praktijk__leeratelier")
        .annotate(voorwaarde_id=F("voorwaarden"))
        .order_by("-geleerd_on", "pk")
    )
    lessen = _per_voorwaarde(lessen_rows, shown)
    praktijk_rows = list(
        LerendePraktijk.objects.filter(leeratelier__voorwaarden__in=ids)
        .select_related("leeratelier")
        .annotate(voorwaarde_id=F("leeratelier__voorwaarden"))
    )
    for les in lessen_rows:
        if les.praktijk is not None:
            les.praktijk.voorwaarde_id = les.voorwaarde_id
            praktijk_rows.append(les.praktijk)
    praktijk_rows.sort(
        key=lambda praktijk: (praktijk.status != PraktijkStatus.LOPEND, praktijk.titel, praktijk.pk)
    )
    praktijken = _per_voorwaarde(praktijk_rows, shown)
    publicaties = _per_voorwaarde(
        Publicatie.objects.published()
        .filter(voorwaarden__in=ids)
        .annotate(voorwaarde_id=F("voorwaarden"))
        .only("titel", "slug", "soort", "taal", "gepubliceerd_on")
        .order_by("-gepubliceerd_on", "titel", "pk"),
        shown,
    )
    return [
        Suggesties(
            voorwaarde=voorwaarde,
            leerateliers=leerateliers.get(voorwaarde.pk, []),
            praktijken=praktijken.get(voorwaarde.pk, []),
            lessen=lessen.get(voorwaarde.pk, []),
            publicaties=publicaties.get(voorwaarde.pk, []),
        )
        for voorwaarde in voorwaarden
    ]
