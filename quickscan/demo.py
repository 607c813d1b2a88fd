"""Demo content of the quick scan, from ``fixtures/quickscan.toml`` (see ``werkplaats.fixtures``
for the policy): a voorbeeldset made from the descriptions of the four voorwaarden, and one
completed example scan of Gemeente Heumen with the made-up answers of six fictitious partners.

The set is created as concept with its statements and adopted through the services, unless the
site has adopted a later version since: a step the site has moved past is left as it is. The
scan is made once, when no example scan of that gemeente and period exists, and only on an
adopted voorbeeldset; it goes through the same steps as on the site (start, invite, answer,
send, close, publish), so it holds to their rules. Nothing is mailed: the example respondents
have no address."""

import datetime
from zoneinfo import ZoneInfo

from werkplaats.fixtures import Loader, read
from werkplaats.models import Gemeente, Voorwaarde

from . import services
from .models import Antwoord, Opmerking, Respondent, Scan, Vraag, Vragenset

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at_ten(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=AMSTERDAM)


def load(loader: Loader) -> None:
    data = read("quickscan")
    vragenset = _load_vragenset(loader, dict(data["vragenset"]), data["vraag"])
    if not vragenset.is_concept:
        _load_scan(loader, dict(data["scan"]), vragenset)


def _load_vragenset(loader: Loader, row: dict, vragen: list[dict]) -> Vragenset:
    vastgesteld_on = row.pop("vastgesteld_on")
    vragenset = loader.ensure(Vragenset, {"slug": row.pop("slug")}, row)
    if not vragenset.is_concept:
        return vragenset
    voorwaarden = loader.by(Voorwaarde, [vraag["voorwaarde"] for vraag in vragen])
    volgorde: dict[str, int] = {}
    for vraag in vragen:
        vraag = dict(vraag)
        voorwaarde = voorwaarden[vraag.pop("voorwaarde")]
        volgorde[voorwaarde.slug] = volgorde.get(voorwaarde.slug, 0) + 1
        key = {"vragenset": vragenset, "stelling": vraag.pop("stelling")}
        fields = {**vraag, "voorwaarde": voorwaarde, "volgorde": volgorde[voorwaarde.slug]}
        loader.ensure(Vraag, key, fields)
    current = Vragenset.objects.current()
    if current is None or current.vastgesteld_on <= vastgesteld_on:
        vragenset = services.vragenset_adopt(vragenset=vragenset, on=vastgesteld_on)
    return vragenset


def _load_scan(loader: Loader, row: dict, vragenset: Vragenset) -> None:
    gemeente = loader.by(Gemeente, [row["gemeente"]])[row["gemeente"]]
    if Scan.objects.filter(
        gemeente=gemeente, periode_van=row["periode_van"], is_voorbeeld=True
    ).exists():
        return
    scan = services.scan_start(
        gemeente=gemeente,
        periode_van=row["periode_van"],
        periode_tot=row["periode_tot"],
        vragenset=vragenset,
        is_voorbeeld=True,
    )
    loader.count(Scan)
    vragen = list(vragenset.vragen.in_order())
    voorwaarden = {vraag.voorwaarde.slug: vraag.voorwaarde for vraag in vragen}
    for respondent_row in row["respondent"]:
        _answer(loader, scan, respondent_row, vragen, voorwaarden)
    services.scan_sluiten(scan=scan)
    services.scan_publiceren(scan=scan, now=at_ten(row["gepubliceerd_op"]))


def _answer(loader: Loader, scan: Scan, row: dict, vragen: list[Vraag], voorwaarden: dict) -> None:
    """One fictitious respondent: invited, answering voorwaarde by voorwaarde, then sending."""
    respondent, _sleutel = services.respondent_add(
        scan=scan, organisatie_naam=row["organisatie_naam"], now=at_ten(row["uitgenodigd_op"])
    )
    loader.count(Respondent)
    verstuurd_at = at_ten(row["verstuurd_op"])
    for slug, waarden in row["antwoorden"].items():
        onder = [vraag for vraag in vragen if vraag.voorwaarde.slug == slug]
        if len(onder) != len(waarden):
            raise ValueError(
                f"{row['organisatie_naam']}: {len(waarden)} antwoorden bij {slug}, "
                f"{len(onder)} stellingen"
            )
        opmerking = row.get("opmerkingen", {}).get(slug, "")
        services.antwoorden_opslaan(
            respondent=respondent,
            voorwaarde=voorwaarden[slug],
            antwoorden={vraag.pk: waarde for vraag, waarde in zip(onder, waarden, strict=True)},
            opmerking=opmerking,
            now=verstuurd_at,
        )
        loader.count(Antwoord, len(waarden))
        if opmerking:
            loader.count(Opmerking)
    services.respondent_indienen(respondent=respondent, now=verstuurd_at)
