"""Ways to cite a publicatie: APA 7 for people, BibTeX and RIS for reference managers,
schema.org JSON-LD for search engines, Highwire ``citation_*`` tags for Google Scholar and
Zotero."""

import mimetypes
import re

from django.utils.html import format_html

from werkplaats import uploads
from werkplaats.media import iso_duration
from werkplaats.models import Profiel
from werkplaats.text import plain_text

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
# schema.org type per soort; the others (handreiking, methodiek) are a CreativeWork.
SCHEMA_TYPE = {
    Soort.RAPPORT: "Report", Soort.ADVIES: "Report", Soort.BOEK: "Book",
    Soort.ARTIKEL: "ScholarlyArticle", Soort.ESSAY: "Article", Soort.NIEUWS: "NewsArticle",
    Soort.PODCAST: "PodcastEpisode", Soort.KENNISCLIP: "VideoObject", Soort.SPEL: "Game",
    Soort.ONDERWIJSMODULE: "LearningResource", Soort.WERKVORM: "LearningResource",
    Soort.NIEUWSBRIEF: "PublicationIssue",
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
    """Where the publicatie is found: its DOI or handle, else its first link, else ``url``."""
    links = list(publicatie.links.all())
    return persistent_link(publicatie) or (links[0].url if links else url)


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


def mime_type(publicatie):
    """The file's MIME type (``application/pdf``, ``audio/mpeg`` …) by the label read from its
    content when it was uploaded; "" without a file."""
    if not publicatie.bestand:
        return ""
    if document_type := uploads.BY_LABEL.get(publicatie.bestand_type):
        return document_type.mime
    # Stored names follow the content, so the extension is a fair second guess.
    return mimetypes.guess_type(publicatie.bestand.name)[0] or "application/octet-stream"


def image_url(publicatie, request):
    """The largest rendition of the omslag, absolute; "" without one."""
    if not publicatie.omslag_varianten:
        return ""
    largest = publicatie.omslag_varianten[-1]
    return request.build_absolute_uri(publicatie.omslag.storage.url(largest["jpeg"]))


def json_ld(publicatie, url, request):
    """schema.org description (a dict; ``{% json_ld %}`` writes it into the page safely). The
    @type follows the soort: Report, Book, PodcastEpisode, VideoObject, Game, …"""
    schema_type = SCHEMA_TYPE.get(publicatie.soort, "CreativeWork")
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
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
    # A publicatie without authors or thema's says nothing of them rather than an empty list.
    data = {key: value for key, value in data.items() if value != []}
    if publicatie.licentie in LICENSE_URL:
        data["license"] = LICENSE_URL[publicatie.licentie]
    if persistent_link(publicatie):
        data["identifier"] = persistent_link(publicatie)
    if image := image_url(publicatie, request):
        data["image"] = image
        if schema_type == "VideoObject":
            data["thumbnailUrl"] = image
    if schema_type == "VideoObject":
        data["uploadDate"] = data["datePublished"]
    if links := [link.url for link in publicatie.links.all()]:
        data["sameAs"] = links
    if publicatie.transcript:
        data["transcript"] = plain_text(publicatie.transcript)
    if publicatie.bestand:
        content_url = request.build_absolute_uri(publicatie.bestand.url)
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": content_url,
            "encodingFormat": mime_type(publicatie),
            "contentSize": publicatie.bestand_grootte,
        }
        if publicatie.duur:
            data["encoding"]["duration"] = iso_duration(publicatie.duur)
        if schema_type == "VideoObject":  # a MediaObject itself
            data["contentUrl"] = content_url
            data["encodingFormat"] = mime_type(publicatie)
            if publicatie.duur:
                data["duration"] = iso_duration(publicatie.duur)
        elif schema_type == "PodcastEpisode":
            data["associatedMedia"] = data["encoding"]
    elif schema_type == "VideoObject" and (video := publicatie.externe_video):
        data["embedUrl"] = video.embed_url
    return data


def highwire_name(auteur):
    """ "van der Berg, Jan": last name first, as Google Scholar reads it best."""
    if auteur.is_groep:
        return auteur.groep
    return ris_name(auteur)


def highwire(publicatie, request):
    """Highwire Press ``citation_*`` meta tags as (name, content) pairs, in the order Google
    Scholar documents them; one ``citation_author`` per author, in order."""
    tags = [("citation_title", publicatie.titel)]
    tags += [("citation_author", highwire_name(a)) for a in publicatie.auteurschappen.all()]
    tags += [
        ("citation_publication_date", publicatie.gepubliceerd_on.strftime("%Y/%m/%d")),
        ("citation_publisher", publisher(publicatie)),
        ("citation_language", publicatie.taal),
    ]
    if publicatie.soort in {Soort.RAPPORT, Soort.ADVIES}:
        tags.append(("citation_technical_report_institution", publisher(publicatie)))
    if publicatie.doi:
        tags.append(("citation_doi", publicatie.doi))
    if publicatie.bestand and mime_type(publicatie) == uploads.PDF.mime:
        tags.append(("citation_pdf_url", request.build_absolute_uri(publicatie.bestand.url)))
    tags.append(
        ("citation_abstract_html_url", request.build_absolute_uri(publicatie.get_absolute_url()))
    )
    return tags
