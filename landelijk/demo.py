"""Demo content of the landelijke werkgroepen, from ``fixtures/landelijk.toml`` (see
``werkplaats.fixtures`` for the policy): the werkgroep Lerende Praktijken with its member, its
activities and what it published. A werkgroep's members and activities are made only together
with it, so the programmacommissie's changes to them survive loading again."""

from bijeenkomsten.models import Bijeenkomst
from leerateliers.models import Leeratelier
from publicaties.models import Publicatie
from werkplaats.fixtures import Loader, read
from werkplaats.models import Organisatie, Persoon, Thema

from .models import Lidmaatschap, Werkgroep, WerkgroepActiviteit

# The many-to-many fields of a werkgroep, each a list of slugs in the fixtures.
LINKS = {
    "werkplaatsen": Organisatie,
    "leerateliers": Leeratelier,
    "publicaties": Publicatie,
    "bijeenkomsten": Bijeenkomst,
}


def load(loader: Loader) -> None:
    rows = read("landelijk")["werkgroep"]
    linked = {
        name: loader.by(model, [slug for row in rows for slug in row.get(name, [])])
        for name, model in LINKS.items()
    }
    themas = loader.by(
        Thema, [row[name] for row in rows for name in ("hoofdthema", "thema") if name in row]
    )
    leden = [lid for row in rows for lid in row.get("lid", [])]
    personen = loader.by(Persoon, [lid["persoon"] for lid in leden])
    werkplaatsen = loader.by(
        Organisatie, [lid["werkplaats"] for lid in leden if "werkplaats" in lid]
    )
    activiteiten = [a for row in rows for a in row.get("activiteit", [])]
    resultaten = loader.by(Publicatie, [a["publicatie"] for a in activiteiten if "publicatie" in a])
    for row in rows:
        row = dict(row)
        slug = row.pop("slug")
        if Werkgroep.objects.filter(slug=slug).exists():
            continue  # its fields, members and activities are the site's now
        lid_rows, activiteit_rows = row.pop("lid", []), row.pop("activiteit", [])
        m2m = {name: [linked[name][s] for s in row.pop(name, [])] for name in LINKS}
        for name in ("hoofdthema", "thema"):
            row[name] = themas.get(row.pop(name, None))
        werkgroep = loader.ensure(Werkgroep, {"slug": slug}, row, m2m=m2m)
        for lid in lid_rows:
            loader.ensure(
                Lidmaatschap,
                {"werkgroep": werkgroep, "persoon": personen[lid["persoon"]]},
                {"werkplaats": werkplaatsen.get(lid.get("werkplaats")), "rol": lid.get("rol", "")},
            )
        for volgorde, activiteit in enumerate(activiteit_rows, start=1):
            fields = dict(activiteit)
            fields["publicatie"] = resultaten.get(fields.pop("publicatie", None))
            loader.ensure(
                WerkgroepActiviteit,
                {"werkgroep": werkgroep, "titel": fields.pop("titel")},
                {**fields, "volgorde": volgorde * 10},
            )
