"""Example reactions from ``fixtures/reacties.toml`` (see ``werkplaats.fixtures`` for the
policy), stored as the form stores them but without sending email. Skipped until a
privacyverklaring is in force, which every consent record names."""

from leerateliers.models import Leeratelier, LerendePraktijk
from publicaties.models import Publicatie
from werkplaats.fixtures import Loader, read
from werkplaats.models import Gemeente, Privacyverklaring

from .consent import TOESTEMMING_TEKST, TOESTEMMING_VERSIE
from .models import Reactie


def _target(row: dict) -> dict:
    if "leeratelier" in row:
        return {"leeratelier": Leeratelier.objects.get(slug=row.pop("leeratelier"))}
    if "praktijk" in row:
        atelier, slug = row.pop("praktijk").split("/")
        praktijk = LerendePraktijk.objects.get(leeratelier__slug=atelier, slug=slug)
        return {"praktijk": praktijk}
    return {"publicatie": Publicatie.objects.get(slug=row.pop("publicatie"))}


def load(loader: Loader) -> None:
    verklaring = Privacyverklaring.objects.geldend()
    if verklaring is None:
        return
    for row in read("reacties")["reactie"]:
        key = {"email": row.pop("email"), **_target(row)}
        if "gemeente" in row:
            row["gemeente"] = Gemeente.objects.get(slug=row["gemeente"])
        fields = {
            **row,
            "toestemming_tekst": TOESTEMMING_TEKST,
            "toestemming_versie": TOESTEMMING_VERSIE,
            "privacy_versie": verklaring.versie,
        }
        loader.ensure(Reactie, key, fields)
