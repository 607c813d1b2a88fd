"""Demo content of the leerateliers, from ``fixtures/leerateliers.toml`` (see
``werkplaats.fixtures`` for the policy): the six sociale kwesties with their vraagstukken and
trekkers, lerende praktijken, geleerde lessen (regional ones with the local lessen they bring
together), the partners' deelnames and tribune updates.

Deelnames go through ``deelname_set_rol`` in date order, so a change of role keeps the old
row as history; one the site has already moved past is left as it is.
"""

from werkplaats.fixtures import Loader, read
from werkplaats.models import Gemeente, Organisatie, Persoon, Thema, Voorwaarde

from .models import (
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LerendePraktijk,
    Trekkerschap,
    TribuneUpdate,
    Vraagstuk,
)
from .services import deelname_set_rol, les_save, praktijk_save


def _slugs(rows, field):
    return [slug for row in rows for slug in row.get(field, [])]


def load(loader: Loader) -> None:
    data = read("leerateliers")
    leerateliers = _load_leerateliers(loader, data["leeratelier"])
    praktijken = _load_praktijken(loader, data["praktijk"], leerateliers)
    _load_lessen(loader, data["les"], leerateliers, praktijken)
    _load_deelnames(loader, data["deelname"], leerateliers)
    auteurs = loader.by(Persoon, [row["auteur"] for row in data["update"]])
    for row in data["update"]:
        row["auteur"] = auteurs[row["auteur"]]
        key = {"leeratelier": leerateliers[row.pop("leeratelier")], "titel": row.pop("titel")}
        loader.ensure(TribuneUpdate, key, row)


def _load_leerateliers(loader: Loader, rows: list[dict]) -> dict[str, Leeratelier]:
    voorwaarden = loader.by(Voorwaarde, _slugs(rows, "voorwaarden"))
    themas = loader.by(Thema, _slugs(rows, "themas"))
    gemeenten = loader.by(Gemeente, _slugs(rows, "gemeenten"))
    personen = loader.by(Persoon, [t["persoon"] for row in rows for t in row.get("trekkers", [])])
    leerateliers = {}
    for row in rows:
        slug = row.pop("slug")
        trekkers = row.pop("trekkers", [])
        vraagstukken = row.pop("vraagstukken")
        m2m = {
            "voorwaarden": [voorwaarden[s] for s in row.pop("voorwaarden")],
            "themas": [themas[s] for s in row.pop("themas")],
            "gemeenten": [gemeenten[s] for s in row.pop("gemeenten", [])],
        }
        is_new = not Leeratelier.objects.filter(slug=slug).exists()
        leeratelier = loader.ensure(Leeratelier, {"slug": slug}, row, m2m=m2m)
        leerateliers[slug] = leeratelier
        if not is_new:
            continue  # its trekkers and vraagstukken are the site's to change now
        for trekker in trekkers:
            key = {"leeratelier": leeratelier, "persoon": personen[trekker["persoon"]]}
            loader.ensure(Trekkerschap, key, {"rol": trekker["rol"]})
        for volgorde, tekst in enumerate(vraagstukken, start=1):
            loader.ensure(
                Vraagstuk, {"leeratelier": leeratelier, "volgorde": volgorde}, {"tekst": tekst}
            )
    return leerateliers


def _load_praktijken(loader: Loader, rows: list[dict], leerateliers: dict) -> dict:
    gemeenten = loader.by(Gemeente, _slugs(rows, "gemeenten"))
    organisaties = loader.by(Organisatie, _slugs(rows, "partners") + _slugs(rows, "werkplaatsen"))
    praktijken = {}
    for row in rows:
        atelier, slug = row.pop("leeratelier"), row.pop("slug")
        m2m = {
            "gemeenten": [gemeenten[s] for s in row.pop("gemeenten", [])],
            "partners": [organisaties[s] for s in row.pop("partners", [])],
            "werkplaatsen": [organisaties[s] for s in row.pop("werkplaatsen", [])],
        }
        key = {"leeratelier": leerateliers[atelier], "slug": slug}
        praktijk = LerendePraktijk.objects.filter(**key).first()
        if praktijk is None:  # through the service: its history starts with one record
            praktijk = praktijk_save(praktijk=LerendePraktijk(**key, **row), **m2m)
            loader.count(LerendePraktijk)
        praktijken[atelier, slug] = praktijk
    return praktijken


def _load_lessen(loader: Loader, rows: list[dict], leerateliers: dict, praktijken: dict) -> None:
    """Local lessen from their praktijk; a regional les from a praktijk or above them, with
    the local lessen it brings together (``bronnen``, by text). Through the service, so its
    rules hold and each les starts its history with one record."""
    voorwaarden = loader.by(Voorwaarde, _slugs(rows, "voorwaarden"))
    lessen = {}  # (leeratelier slug, text): les
    for row in rows:
        atelier = row.pop("leeratelier")
        praktijk = praktijken[atelier, row.pop("praktijk")] if "praktijk" in row else None
        key = {
            "leeratelier": leerateliers[atelier],
            "praktijk": praktijk,
            "tekst": row.pop("tekst"),
        }
        m2m = {
            "voorwaarden": [voorwaarden[slug] for slug in row.pop("voorwaarden")],
            "bronnen": [lessen[atelier, tekst] for tekst in row.pop("bronnen", [])],
        }
        les = GeleerdeLes.objects.filter(**key).first()
        if les is None:
            les = les_save(les=GeleerdeLes(**key, **row), **m2m)
            loader.count(GeleerdeLes)
        lessen[atelier, key["tekst"]] = les


def _load_deelnames(loader: Loader, rows: list[dict], leerateliers: dict) -> None:
    organisaties = loader.by(Organisatie, [row["organisatie"] for row in rows])
    for row in sorted(rows, key=lambda row: row["sinds"]):
        pair = {
            "organisatie": organisaties[row["organisatie"]],
            "leeratelier": leerateliers[row["leeratelier"]],
        }
        # Loaded before, or the role changed on the site since: the history stays as it is.
        if Deelname.objects.filter(**pair, sinds__gte=row["sinds"]).exists():
            continue
        deelname_set_rol(**pair, rol=row["rol"], on=row["sinds"], notify=False)  # silent
        loader.count(Deelname)
