"""Ways to cite a publicatie: APA 7 for people, BibTeX and RIS for reference managers,
schema.org JSON-LD for search engines."""

import json
import re

from django.utils.html import format_html

from .models import Licentie, Soort

PUBLISHER = "Werkplaats Sociaal Domein Arnhem en Nijmegen"
TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "'t", "d'"}
STANDALONE = {
    Soort.RAPPORT, Soort.ADVIES, Soort.BOEK, Soort.METHODIEK, Soort.WERKVORM,
    Soort.ONDERWIJSMODULE, Soort.HANDREIKING, Soort.ESSAY, Soort.SPEL,
}  # fmt: skip
APA_MEDIUM = {Soort.PODCAST: "Podcast", Soort.KENNISCLIP: "Video", Soort.SPEL: "Spel"}
BIBTEX_TYPE = {
    Soort.RAPPORT: "techreport", Soort.ADVIES: "techreport", Soort.BOEK: "book",
    Soort.ARTIKEL: "article",
}  # fmt: skip
RIS_TYPE = {
    Soort.RAPPORT: "RPRT", Soort.ADVIES: "RPRT", Soort.BOEK: "BOOK", Soort.ARTIKEL: "JOUR",
    Soort.PODCAST: "SOUND", Soort.KENNISCLIP: "VIDEO", Soort.NIEUWSBRIEF: "NEWS",
    Soort.ESSAY: "GEN", Soort.HANDREIKING: "GEN", Soort.METHODIEK: "GEN",
}  # fmt: skip
SCHEMA_TYPE = {
    Soort.RAPPORT: "Report", Soort.ADVIES: "Report", Soort.BOEK: "Book",
    Soort.ARTIKEL: "ScholarlyArticle", Soort.ESSAY: "Article", Soort.NIEUWS: "NewsArticle",
    Soort.PODCAST: "PodcastEpisode", Soort.KENNISCLIP: "VideoObject", Soort.SPEL: "Game",
    Soort.ONDERWIJSMODULE: "LearningResource", Soort.WERKVORM: "LearningResource",
}  # fmt: skip
LICENSE_URL = {
    Licentie.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licentie.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licentie.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licentie.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}


def split_name(name):
    """``("van der Berg", ["Jan", "Pieter"])`` from "Jan Pieter van der Berg"."""
    parts = name.split()
    if len(parts) < 2:
        return name, []
    surname_start = len(parts) - 1
    # "van der Berg" and "Jansen-de Vries": tussenvoegsels (also after a hyphen) belong to
    # the surname.
    while surname_start > 1 and (
        parts[surname_start - 1].lower() in TUSSENVOEGSELS
        or parts[surname_start - 1].lower().rsplit("-", 1)[-1] in TUSSENVOEGSELS
    ):
        surname_start -= 1
    return " ".join(parts[surname_start:]), parts[:surname_start]


def apa_name(name):
    surname, given = split_name(name)
    initials = " ".join(f"{part[0]}." for part in given if part)
    return f"{surname}, {initials}" if initials else surname


def apa_authors(names):
    names = [apa_name(name) for name in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def link(publicatie, url):
    if publicatie.doi:
        return f"https://doi.org/{publicatie.doi}"
    return publicatie.externe_url or url


def publisher(publicatie):
    organisaties = list(publicatie.organisaties.all())
    return organisaties[0].naam if organisaties else PUBLISHER


def apa(publicatie, url):
    """APA 7 reference as safe HTML (the title in italics for a work that stands alone)."""
    authors = apa_authors(publicatie.auteurs) or publisher(publicatie)
    year = publicatie.gepubliceerd_on.year
    medium = f" [{APA_MEDIUM[publicatie.soort]}]" if publicatie.soort in APA_MEDIUM else ""
    source = publisher(publicatie)
    source_part = "" if source == authors else f" {source}."
    title = publicatie.titel.rstrip(".")
    template = (
        "{} ({}). <i>{}</i>{}.{} {}" if publicatie.soort in STANDALONE else "{} ({}). {}{}.{} {}"
    )
    return format_html(template, authors, year, title, medium, source_part, link(publicatie, url))


BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: "\\" + char for char in "{}&%$#_"},
}


def bibtex_escape(value):
    value = re.sub(r"\s+", " ", str(value)).strip()
    return re.sub(r"[\\{}&%$#_~^]", lambda match: BIBTEX_SPECIAL[match[0]], value)


def bibtex_name(name):
    surname, given = split_name(name)
    return f"{surname}, {' '.join(given)}" if given else surname


def bibtex(publicatie, url):
    entry_type = BIBTEX_TYPE.get(publicatie.soort, "misc")
    key = f"{publicatie.slug.replace('-', '')[:30]}{publicatie.gepubliceerd_on.year}"
    fields = [
        ("title", publicatie.titel),
        ("author", " and ".join(bibtex_name(name) for name in publicatie.auteurs)),
        ("year", publicatie.gepubliceerd_on.year),
        ("institution" if entry_type == "techreport" else "publisher", publisher(publicatie)),
        ("abstract", publicatie.samenvatting),
        ("language", publicatie.get_taal_display()),
        ("doi", publicatie.doi),
        ("url", link(publicatie, url)),
    ]
    lines = [f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields if value]
    return f"@{entry_type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def ris_value(value):
    return re.sub(r"\s+", " ", str(value)).strip()


def ris(publicatie, url):
    lines = [("TY", RIS_TYPE.get(publicatie.soort, "GEN")), ("TI", publicatie.titel)]
    lines += [("AU", bibtex_name(name)) for name in publicatie.auteurs]
    lines += [
        ("PY", publicatie.gepubliceerd_on.year),
        ("DA", publicatie.gepubliceerd_on.strftime("%Y/%m/%d")),
        ("PB", publisher(publicatie)),
        ("AB", publicatie.samenvatting),
        ("LA", publicatie.taal),
        ("DO", publicatie.doi),
        ("UR", link(publicatie, url)),
    ]
    body = "".join(f"{tag}  - {ris_value(value)}\r\n" for tag, value in lines if value)
    return body + "ER  - \r\n"


def json_ld(publicatie, url, request):
    """schema.org description, serialised so that it can sit inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPE.get(publicatie.soort, "CreativeWork"),
        "name": publicatie.titel,
        "headline": publicatie.titel[:110],
        "description": publicatie.samenvatting,
        "datePublished": publicatie.gepubliceerd_on.isoformat(),
        "inLanguage": publicatie.taal,
        "url": url,
        "author": [{"@type": "Person", "name": name} for name in publicatie.auteurs],
        "publisher": {"@type": "Organization", "name": publisher(publicatie)},
        "about": [thema.naam for thema in publicatie.themas.all()],
    }
    if publicatie.licentie in LICENSE_URL:
        data["license"] = LICENSE_URL[publicatie.licentie]
    if publicatie.doi:
        data["identifier"] = f"https://doi.org/{publicatie.doi}"
    if publicatie.omslag_varianten:
        largest = publicatie.omslag_varianten[-1]
        data["image"] = request.build_absolute_uri(publicatie.omslag.storage.url(largest["jpeg"]))
    if publicatie.bestand:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(publicatie.bestand.url),
            "encodingFormat": publicatie.bestand_type,  # the readable type, e.g. "PDF"
            "contentSize": publicatie.bestand_grootte,
        }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
