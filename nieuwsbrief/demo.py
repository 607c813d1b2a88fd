"""Demo editions from ``fixtures/nieuwsbrief.toml`` (see ``werkplaats.fixtures`` for the
policy): the nieuwsbrief of October 2020, sent to all subscribers, the first edition of the
archive. An edition's items are made only together with it, so an editor's changes to them
survive loading again."""

from leerateliers.models import Leeratelier
from publicaties.models import Publicatie
from werkplaats.fixtures import Loader, read

from .models import Editie, EditieStatus, Item, ItemSoort


def load(loader: Loader) -> None:
    data = read("nieuwsbrief")
    rows = data["editie"]
    items = [item for row in rows for item in row.get("item", [])]
    leerateliers = loader.by(Leeratelier, [i["leeratelier"] for i in items if "leeratelier" in i])
    publicaties = loader.by(Publicatie, [i["publicatie"] for i in items if "publicatie" in i])
    for row in rows:
        fields = {key: value for key, value in row.items() if key not in {"slug", "item"}}
        key = {"slug": row["slug"]}
        if Editie.objects.filter(**key).exists():
            continue
        fields |= {"status": EditieStatus.VERZONDEN, "aan_alle_abonnees": True}
        editie = loader.ensure(Editie, key, fields)
        for volgorde, item in enumerate(row.get("item", []), start=1):
            publicatie = publicaties.get(item.get("publicatie"))
            loader.ensure(
                Item,
                {"editie": editie, "volgorde": volgorde * 10},
                {
                    "soort": ItemSoort.PUBLICATIE if publicatie else ItemSoort.VRIJ,
                    "publicatie": publicatie,
                    "leeratelier": leerateliers.get(item.get("leeratelier")),
                    "titel": item.get("titel", ""),
                    "tekst": item.get("tekst", ""),
                },
            )
