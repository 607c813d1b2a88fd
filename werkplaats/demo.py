"""Demo content of the network core, from ``fixtures/netwerk.toml`` and ``fixtures/site.toml``
(see ``werkplaats.fixtures`` for the policy): gemeenten (those outside the werkgebied too),
thema's, organisaties (the Werkplaatsen Sociaal Domein with their regio, hogeschool, lectoraat
and gemeenten), personen and the werkplaats' profile, its privacyverklaring and its
toegankelijkheidsverklaring. The four voorwaarden come from data migration 0002."""

from .fixtures import Loader, read
from .models import (
    Gemeente,
    Link,
    Organisatie,
    Persoon,
    Privacyverklaring,
    Profiel,
    Thema,
    Toegankelijkheidsprobleem,
    Toegankelijkheidsverklaring,
    Voorwaarde,
)


def load(loader: Loader) -> None:
    data = read("netwerk")
    voorwaarden = loader.by(Voorwaarde, [v for row in data["thema"] for v in row["voorwaarden"]])
    for row in data["gemeente"]:
        loader.ensure(Gemeente, {"slug": row.pop("slug")}, row)
    for row in data["thema"]:
        slugs = row.pop("voorwaarden")
        loader.ensure(
            Thema,
            {"slug": row.pop("slug")},
            row,
            m2m={"voorwaarden": [voorwaarden[slug] for slug in slugs]},
        )
    gemeenten = loader.by(
        Gemeente,
        [row["gemeente"] for row in data["organisatie"] if "gemeente" in row]
        + [slug for row in data["organisatie"] for slug in row.get("regio_gemeenten", [])],
    )
    organisaties = {}
    # A part comes after the whole it belongs to, a werkplaats after its hogeschool and
    # lectoraat.
    for row in data["organisatie"]:
        row["gemeente"] = gemeenten.get(row.pop("gemeente", None))
        for name in ("onderdeel_van", "hogeschool", "lectoraat"):
            row[name] = organisaties.get(row.pop(name, None))
        m2m = {"regio_gemeenten": [gemeenten[slug] for slug in row.pop("regio_gemeenten", [])]}
        slug = row.pop("slug")
        organisaties[slug] = loader.ensure(Organisatie, {"slug": slug}, row, m2m=m2m)
    for row in data["persoon"]:
        row["organisatie"] = organisaties.get(row.pop("organisatie", None))
        loader.ensure(Persoon, {"slug": row.pop("slug")}, row)
    site = read("site")
    load_profiel(loader, site)
    load_privacyverklaringen(loader, site)
    load_toegankelijkheidsverklaringen(loader, site)


def load_profiel(loader: Loader, data: dict) -> None:
    fields = dict(data["profiel"])
    for name in ("organisatie", "lectoraat", "penvoerder"):
        if name in fields:
            fields[name] = loader.by(Organisatie, [fields[name]])[fields[name]]
    if "contactpersoon" in fields:
        fields["contactpersoon"] = loader.by(Persoon, [fields["contactpersoon"]])[
            fields["contactpersoon"]
        ]
    if Profiel.objects.exists():
        return  # the beheerder's profile, whatever it says
    profiel = loader.ensure(Profiel, {"sleutel": "profiel"}, fields)
    for volgorde, link in enumerate(data.get("link", []), start=1):
        key = {"profiel": profiel, "url": link.pop("url")}
        loader.ensure(Link, key, {**link, "volgorde": volgorde})


def load_privacyverklaringen(loader: Loader, data: dict) -> None:
    """The versions of the privacyverklaring, by version number (create-only, like the
    rest: a version in force is never changed, a new text is a new version)."""
    for row in data.get("privacyverklaring", []):
        row = dict(row)
        loader.ensure(Privacyverklaring, {"versie": row.pop("versie")}, row)


def load_toegankelijkheidsverklaringen(loader: Loader, data: dict) -> None:
    """The toegankelijkheidsverklaring with its known problems, by its date (create-only: the
    beheerder keeps it in the admin, and a new year's statement is a new row)."""
    for row in data.get("toegankelijkheidsverklaring", []):
        row = dict(row)
        problemen = row.pop("probleem", [])
        verklaring = loader.ensure(
            Toegankelijkheidsverklaring, {"opgesteld_on": row.pop("opgesteld_on")}, row
        )
        for probleem in problemen:
            probleem = dict(probleem)
            key = {"verklaring": verklaring, "succescriterium": probleem.pop("succescriterium")}
            loader.ensure(Toegankelijkheidsprobleem, key, probleem)
