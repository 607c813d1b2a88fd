"""Demo content of the kennisagenda, from ``fixtures/kennisagenda.toml`` (see
``werkplaats.fixtures`` for the policy): twelve kwesties, three versions with their punten, the
besluiten that tell the story and the seats of the programmacommissie.

Kwesties are created actief and versions as concept; the besluiten are then taken in the order
of the file. Adopting a version, merging a kwestie and letting one lapse go through the services
(``kennisagenda_adopt``, ``kwestie_merge``, ``kwestie_lapse``), which record the besluit
themselves and send no mail. Such a step is taken only when its besluit is missing and its row
still stands where the step starts (a concept, an actieve kwestie), and an adoption only when no
later version is current: a step the site has moved past is left as it is. The other besluiten
(a new version, a new kwestie) are rows like any other.
"""

from leerateliers.models import Leeratelier
from werkplaats.fixtures import Loader, read
from werkplaats.models import Organisatie, Persoon, Voorwaarde

from .models import (
    Agendapunt,
    AgendaStatus,
    Besluit,
    BesluitSoort,
    Commissielid,
    Kennisagenda,
    Kwestie,
    KwestieStatus,
)
from .services import kennisagenda_adopt, kwestie_lapse, kwestie_merge


def load(loader: Loader) -> None:
    data = read("kennisagenda")
    kwesties = _load_kwesties(loader, data["kwestie"])
    versies = {}
    for row in data["versie"]:  # a version comes after the one before it
        punten = row.pop("punten")
        row["vorige"] = versies.get(row.pop("vorige", None))
        slug = row.pop("slug")
        versies[slug] = agenda = loader.ensure(Kennisagenda, {"slug": slug}, row)
        for volgorde, punt in enumerate(punten, start=1):
            key = {"agenda": agenda, "kwestie": kwesties[punt.pop("kwestie")]}
            loader.ensure(Agendapunt, key, {**punt, "volgorde": volgorde})
    for row in data["besluit"]:
        _besluit(loader, row, versies, kwesties)
    leden = data["commissielid"]
    organisaties = loader.by(Organisatie, [row["organisatie"] for row in leden])
    personen = loader.by(Persoon, [row["persoon"] for row in leden if "persoon" in row])
    for row in leden:
        row["persoon"] = personen.get(row.pop("persoon", None))
        key = {"vertegenwoordigt": row.pop("vertegenwoordigt")}
        key["organisatie"] = organisaties[row.pop("organisatie")]
        loader.ensure(Commissielid, key, row)


def _load_kwesties(loader: Loader, rows: list[dict]) -> dict[str, Kwestie]:
    voorwaarden = loader.by(Voorwaarde, [slug for row in rows for slug in row["voorwaarden"]])
    leerateliers = loader.by(Leeratelier, [r["leeratelier"] for r in rows if "leeratelier" in r])
    kwesties = {}
    for row in rows:
        row["leeratelier"] = leerateliers.get(row.pop("leeratelier", None))
        m2m = {"voorwaarden": [voorwaarden[slug] for slug in row.pop("voorwaarden")]}
        slug = row.pop("slug")
        kwesties[slug] = loader.ensure(Kwestie, {"slug": slug}, row, m2m=m2m)
    return kwesties


def _besluit(loader: Loader, row: dict, versies: dict, kwesties: dict) -> None:
    key = {
        "soort": row["soort"],
        "genomen_on": row["genomen_on"],
        "agenda": versies.get(row.get("agenda")),
        "kwestie": kwesties.get(row.get("kwestie")),
        "doel": kwesties.get(row.get("doel")),
    }
    if Besluit.objects.filter(**key).exists():
        return
    soort, agenda, kwestie = key["soort"], key["agenda"], key["kwestie"]
    step = {"on": key["genomen_on"], "toelichting": row.get("toelichting", "")}
    if soort == BesluitSoort.VASTGESTELD:
        current = Kennisagenda.objects.current()
        if agenda.status != AgendaStatus.CONCEPT or (
            current and current.vastgesteld_on > step["on"]
        ):
            return  # the site has moved past it
        kennisagenda_adopt(agenda=agenda, **step)
    elif soort in (BesluitSoort.SAMENGEVOEGD, BesluitSoort.VERVALLEN):
        if kwestie.status != KwestieStatus.ACTIEF:
            return  # the site has moved past it
        if soort == BesluitSoort.SAMENGEVOEGD:
            kwestie_merge(kwestie=kwestie, into=key["doel"], **step)
        else:
            kwestie_lapse(kwestie=kwestie, **step)
    else:
        loader.ensure(Besluit, key, {"toelichting": step["toelichting"]})
        return
    loader.count(Besluit)
