"""Demo content of education, from ``fixtures/onderwijs.toml`` (see ``werkplaats.fixtures`` for
the policy): the opleiding and onderwijsactiviteiten the source texts name, two examples of
student work that say they are examples, and the O's of lerende praktijken. The leerateliers,
praktijken, organisaties and thema's come from the demo modules that run before this one.

The example photo is generated here (a plain picture with the word "Voorbeeld"), and again
when its file is gone from storage (a new MEDIA_ROOT)."""

import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from leerateliers.models import Leeratelier, LerendePraktijk
from publicaties.models import Activiteit
from werkplaats.fixtures import Loader, read
from werkplaats.models import Organisatie, Thema, Voorwaarde

from .models import (
    Onderwijsactiviteit,
    Opleiding,
    PraktijkActiviteit,
    Status,
    Studentwerk,
    Toestemming,
)
from .services import onderwijsactiviteit_complete_leerateliers, studentwerk_make_renditions

LINKS = {"opleidingen": Opleiding, "organisaties": Organisatie, "leerateliers": Leeratelier}


def load(loader: Loader) -> None:
    data = read("onderwijs")
    load_themas(loader, data.get("thema", []))
    hogescholen = loader.by(Organisatie, [row["organisatie"] for row in data["opleiding"]])
    for row in data["opleiding"]:
        row = dict(row)
        row["organisatie"] = hogescholen[row.pop("organisatie")]
        loader.ensure(Opleiding, {"slug": row.pop("slug")}, row)
    activiteiten = load_activiteiten(loader, data["onderwijsactiviteit"])
    for row in data.get("studentwerk", []):
        load_voorbeeld(loader, dict(row), activiteiten[row["activiteit"]])
    load_praktijk_os(loader, data.get("praktijk_o", []))


def load_themas(loader: Loader, rows: list[dict]) -> None:
    voorwaarden = loader.by(Voorwaarde, [slug for row in rows for slug in row["voorwaarden"]])
    for row in rows:
        row = dict(row)
        slugs = row.pop("voorwaarden")
        loader.ensure(
            Thema,
            {"slug": row.pop("slug")},
            row,
            m2m={"voorwaarden": [voorwaarden[slug] for slug in slugs]},
        )


def _praktijken(keys: list[str]) -> dict[str, LerendePraktijk]:
    """The praktijken named "leeratelier/praktijk"; a name the database lacks is an error."""
    found = {}
    for key in keys:
        leeratelier, slug = key.split("/")
        praktijk = LerendePraktijk.objects.filter(leeratelier__slug=leeratelier, slug=slug).first()
        if praktijk is None:
            raise LookupError(f"lerende praktijk ontbreekt in de database: {key}")
        found[key] = praktijk
    return found


def load_activiteiten(loader: Loader, rows: list[dict]) -> dict[str, Onderwijsactiviteit]:
    linked = {
        name: loader.by(model, [slug for row in rows for slug in row.get(name, [])])
        for name, model in LINKS.items()
    }
    themas = loader.by(Thema, [slug for row in rows for slug in row.get("themas", [])])
    praktijken = _praktijken([key for row in rows for key in row.get("praktijken", [])])
    activiteiten = {}
    for row in rows:
        row = dict(row)
        slug = row.pop("slug")
        m2m = {name: [linked[name][s] for s in row.pop(name, [])] for name in LINKS}
        m2m["themas"] = [themas[s] for s in row.pop("themas", [])]
        m2m["praktijken"] = [praktijken[key] for key in row.pop("praktijken", [])]
        existed = Onderwijsactiviteit.objects.filter(slug=slug).exists()
        activiteit = loader.ensure(Onderwijsactiviteit, {"slug": slug}, row, m2m=m2m)
        if not existed:
            onderwijsactiviteit_complete_leerateliers(activiteit=activiteit)
        activiteiten[slug] = activiteit
    return activiteiten


def voorbeeld_png() -> bytes:
    """A plain 1200 × 800 picture with the word "Voorbeeld" (the same bytes every time)."""
    image = Image.new("RGB", (1200, 800), (214, 226, 236))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=120)
    box = draw.textbbox((0, 0), "Voorbeeld", font=font)
    position = ((1200 - (box[2] - box[0])) // 2, (800 - (box[3] - box[1])) // 2)
    draw.text(position, "Voorbeeld", fill=(21, 66, 115), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def load_voorbeeld(loader: Loader, row: dict, activiteit: Onderwijsactiviteit) -> None:
    """An example of student work, published with consent recorded as "anders": nobody's
    name, nobody's work."""
    row.pop("activiteit")
    titel = row.pop("titel")
    wants_image = row.pop("afbeelding", None) == "voorbeeld"
    werk = Studentwerk.objects.filter(activiteit=activiteit, titel=titel).first()
    if werk is not None:  # its fields are the site's now; only a lost picture comes back
        lost = werk.afbeelding and not werk.afbeelding.storage.exists(werk.afbeelding.name)
        if wants_image and lost:
            werk.afbeelding.save("voorbeeld.png", ContentFile(voorbeeld_png()), save=True)
            studentwerk_make_renditions(werk=werk)
        return
    fields = {
        **row,
        "naam": "Voorbeeld",
        "naam_tonen": False,
        "is_voorbeeld": True,
        "status": Status.GEPUBLICEERD,
        "toestemming_at": timezone.now(),
        "toestemming_wijze": Toestemming.ANDERS,
        "toestemming_toelichting": "Voorbeeld voor de demo: geen werk van een echte student.",
    }
    if wants_image:
        fields["afbeelding"] = ContentFile(voorbeeld_png(), name="voorbeeld.png")
    werk = loader.ensure(Studentwerk, {"activiteit": activiteit, "titel": titel}, fields)
    if wants_image:
        studentwerk_make_renditions(werk=werk)


def load_praktijk_os(loader: Loader, rows: list[dict]) -> None:
    os = loader.by(Activiteit, [slug for row in rows for slug in row["os"]])
    praktijken = _praktijken([f"{row['leeratelier']}/{row['praktijk']}" for row in rows])
    for row in rows:
        praktijk = praktijken[f"{row['leeratelier']}/{row['praktijk']}"]
        for slug in row["os"]:
            loader.ensure(PraktijkActiviteit, {"praktijk": praktijk, "activiteit": os[slug]})
