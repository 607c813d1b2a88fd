"""Ways to cite a publicatie: APA 7 for people, BibTeX and RIS for reference managers,
schema.org JSON-LD for search engines."""

import json
import re

from django.utils.html import format_html

from werkplaats.models import Profiel

from .models import Licentie, Soort

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


def apa_name(auteur):
    """APA in Dutch style: "Berg, J. P. van der" (the reference sorts on the achternaam), an
    organisation by its full name."""
    if auteur.is_groep:
        return auteur.groep
    name = auteur.achternaam
    if auteur.initialen:
        name += f", {auteur.initialen}"
    if auteur.tussenvoegsel:
        name += f" {auteur.tussenvoegsel}"
    return name


def apa_authors(auteurs):
    names = [apa_name(auteur) for auteur in auteurs]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def sentence(text):
    """``text`` ended by one period: none is added after ".", "?" or "!"."""
    text = text.rstrip()
    return text if text[-1:] in ".?!" else f"{text}."


def persistent_link(publicatie):
    """The lasting address: the DOI's, else the handle's."""
    if publicatie.doi:
        return f"https://doi.org/{publicatie.doi}"
    if publicatie.handle:
        return f"https://hdl.handle.net/{publicatie.handle}"
    return ""


def link(publicatie, url):
    return persistent_link(publicatie) or publicatie.externe_url or url


def publisher(publicatie):
    organisaties = list(publicatie.organisaties.all())
    return organisaties[0].naam if organisaties else Profiel.objects.current().volledige_naam


def apa(publicatie, url):
    """APA 7 reference as safe HTML (the title in italics for a work that stands alone),
    without doubled punctuation: "doen!" gets no period after it."""
    auteurs = list(publicatie.auteurschappen.all())
    source = publisher(publicatie)
    if not auteurs:
        authors = sentence(source)
    elif auteurs[-1].is_groep:
        authors = sentence(apa_authors(auteurs))  # "Landelijke werkgroep." as one author
    else:
        authors = apa_authors(auteurs)  # "Verharen, L." and "Berg, J. van der"
    title = publicatie.titel.strip()
    if publicatie.soort in APA_MEDIUM:
        after = f" [{APA_MEDIUM[publicatie.soort]}]."
    else:
        after = "" if title[-1:] in ".?!" else "."
    source_part = "" if sentence(source) == authors else f" {sentence(source)}"
    italic = publicatie.soort in STANDALONE
    template = "{} ({}). <i>{}</i>{}{} {}" if italic else "{} ({}). {}{}{} {}"
    year = publicatie.gepubliceerd_on.year
    return format_html(template, authors, year, title, after, source_part, link(publicatie, url))


BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: "\\" + char for char in "{}&%$#_"},
}


def bibtex_escape(value):
    value = re.sub(r"\s+", " ", str(value)).strip()
    return re.sub(r"[\\{}&%$#_~^]", lambda match: BIBTEX_SPECIAL[match[0]], value)


def bibtex_name(auteur):
    """ "van der Berg, Jan" (von Last, First); an organisation in double braces, so reference
    managers keep it whole instead of reading a first and a last name."""
    if auteur.is_groep:
        return "{" + bibtex_escape(auteur.groep) + "}"
    last = " ".join(part for part in (auteur.tussenvoegsel, auteur.achternaam) if part)
    last = bibtex_escape(last)
    return f"{last}, {bibtex_escape(auteur.voornaam)}" if auteur.voornaam else last


def ris_name(auteur):
    if auteur.is_groep:
        return auteur.groep
    last = " ".join(part for part in (auteur.tussenvoegsel, auteur.achternaam) if part)
    return f"{last}, {auteur.voornaam}" if auteur.voornaam else last


def bibtex(publicatie, url):
    entry_type = BIBTEX_TYPE.get(publicatie.soort, "misc")
    key = f"{publicatie.slug.replace('-', '')[:30]}{publicatie.gepubliceerd_on.year}"
    authors = " and ".join(bibtex_name(auteur) for auteur in publicatie.auteurschappen.all())
    fields = [
        ("title", publicatie.titel),
        ("year", publicatie.gepubliceerd_on.year),
        ("institution" if entry_type == "techreport" else "publisher", publisher(publicatie)),
        ("abstract", publicatie.samenvatting),
        ("language", publicatie.get_taal_display()),
        ("doi", publicatie.doi),
        ("url", link(publicatie, url)),
    ]
    lines = [f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields if value]
    if authors:  # escaped name by name: the braces of an organisation must stay
        lines.insert(1, f"  author = {{{authors}}}")
    return f"@{entry_type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def ris_value(value):
    return re.sub(r"\s+", " ", str(value)).strip()


def ris(publicatie, url):
    lines = [("TY", RIS_TYPE.get(publicatie.soort, "GEN")), ("TI", publicatie.titel)]
    lines += [("AU", ris_name(auteur)) for auteur in publicatie.auteurschappen.all()]
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


def schema_author(auteur):
    if auteur.is_groep:
        return {"@type": "Organization", "name": auteur.groep}
    person = {"@type": "Person", "name": auteur.naam, "familyName": auteur.achternaam}
    if auteur.voornaam:
        person["givenName"] = auteur.voornaam
    return person


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
        "author": [schema_author(auteur) for auteur in publicatie.auteurschappen.all()],
        "publisher": {"@type": "Organization", "name": publisher(publicatie)},
        "about": [thema.naam for thema in publicatie.themas.all()],
    }
    if publicatie.licentie in LICENSE_URL:
        data["license"] = LICENSE_URL[publicatie.licentie]
    if persistent_link(publicatie):
        data["identifier"] = persistent_link(publicatie)
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
