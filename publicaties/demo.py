"""Demo content of the publicaties, from ``fixtures/publicaties.toml`` (see
``werkplaats.fixtures`` for the policy): what the werkplaats made, recorded or wrote, with
their authors and links in order. The 4 O's come from data migration 0002; the rest of what a
publicatie links to from the demo modules that run before this one.

A part (a contribution to a magazine, a chapter) names its whole by slug in ``deel_van``;
the whole comes earlier in the file.

A publicatie marked ``pdf`` gets a generated placeholder PDF when it is created, or again when
its file is gone from storage (a new MEDIA_ROOT); one that a database emptied since left behind
is used again, so loading never piles up copies.
"""

from django.core.files.base import ContentFile

from leerateliers.models import Leeratelier
from werkplaats.fixtures import Loader, read
from werkplaats.models import Organisatie, Persoon, Thema, Voorwaarde

from .models import Activiteit, Auteurschap, Link, Publicatie

# The many-to-many fields of a publicatie, each a list of slugs in the fixtures.
LINKS = {
    "organisaties": Organisatie,
    "leerateliers": Leeratelier,
    "themas": Thema,
    "voorwaarden": Voorwaarde,
    "activiteiten": Activiteit,
}

PDF_FOOTER = "Demo-inhoud: een voorbeeldbestand, geen echte publicatie."


def load(loader: Loader) -> None:
    rows = read("publicaties")["publicatie"]
    linked = {
        name: loader.by(model, [slug for row in rows for slug in row.get(name, [])])
        for name, model in LINKS.items()
    }
    personen = loader.by(
        Persoon, [a["persoon"] for row in rows for a in row["auteurs"] if "persoon" in a]
    )
    for row in rows:
        slug, auteurs, pdf = row.pop("slug"), row.pop("auteurs"), row.pop("pdf", False)
        links = row.pop("links", [])
        publicatie = Publicatie.objects.filter(slug=slug).first()
        if publicatie is not None:  # its fields, links and authors are the site's now
            bestand = publicatie.bestand
            if pdf and bestand and not bestand.storage.exists(bestand.name):
                publicatie.bestand = _pdf(slug, publicatie.titel)
                publicatie.full_clean()
                publicatie.save()
            continue
        m2m = {name: [linked[name][s] for s in row.pop(name, [])] for name in LINKS}
        if "deel_van" in row:
            row["deel_van"] = loader.by(Publicatie, [row["deel_van"]])[row["deel_van"]]
        if pdf:
            row["bestand"] = _pdf(slug, row["titel"])
        publicatie = loader.ensure(Publicatie, {"slug": slug}, row, m2m=m2m)
        for volgorde, auteur in enumerate(auteurs, start=1):
            fields = {**auteur, "persoon": personen.get(auteur.get("persoon"))}
            loader.ensure(Auteurschap, {"publicatie": publicatie, "volgorde": volgorde}, fields)
        for volgorde, link in enumerate(links, start=1):
            loader.ensure(Link, {"publicatie": publicatie, "volgorde": volgorde}, link)


def _pdf(slug: str, titel: str) -> ContentFile | str:
    """The placeholder PDF for ``bestand``: the stored one when it is the same file."""
    data = demo_pdf(titel)
    field = Publicatie._meta.get_field("bestand")
    name = f"{field.upload_to}{slug}.pdf"
    if field.storage.exists(name):
        with field.storage.open(name, "rb") as stored:
            if stored.read() == data:
                return name
    return ContentFile(data, name=f"{slug}.pdf")


# --- A tiny, valid one-page PDF ------------------------------------------------------------


def _pdf_text(text):
    """A PDF literal string in WinAnsiEncoding, in plain ASCII (octal escapes)."""
    out = []
    for byte in text.encode("cp1252", errors="replace"):
        char = chr(byte)
        if char in "\\()":
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


def _wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def demo_pdf(titel):
    """One A4 page: the title in Helvetica-Bold and a line saying it is demo content."""
    ops, y = [], 770
    for line in _wrap(titel, 48):
        ops.append(f"BT /F2 18 Tf 72 {y} Td {_pdf_text(line)} Tj ET")
        y -= 24
    ops.append(f"BT /F1 11 Tf 72 {y - 12} Td {_pdf_text(PDF_FOOTER)} Tj ET")
    stream = "\n".join(ops).encode("ascii")
    title = "<FEFF" + titel.encode("utf-16-be").hex().upper() + ">"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (nl) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        f"<< /Title {title} /Producer (Werkplaats Sociaal Domein demo) >>".encode("ascii"),
    ]
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        data += b"%010d 00000 n \n" % offset
    data += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(data)
