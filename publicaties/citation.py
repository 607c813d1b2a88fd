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
    Soort.ONDERWIJSMODULE, Soort.HANDREIKING, Soort.ESSAY, Soort.SPEL, Soort.MAGAZINE,
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
    Soort.NIEUWSBRIEF: "PublicationIssue", Soort.MAGAZINE: "PublicationIssue",
}  # fmt: skip
# schema.org types with pageStart and pageEnd (a part's pages in its whole).
PAGINATED = {"Article", "ScholarlyArticle", "NewsArticle", "Report", "Chapter"}
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


def apa_editor_name(auteur):
    """An editor after "In": "J. P. van der Berg" (initials first), an organisation whole."""
    if auteur.is_groep:
        return auteur.groep
    return " ".join(p for p in (auteur.initialen, auteur.tussenvoegsel, auteur.achternaam) if p)


def apa_editors(auteurs):
    names = [apa_editor_name(auteur) for auteur in auteurs]
    if len(names) <= 2:
        return " & ".join(names)
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


def organisation(publicatie):
    """Its first organisation, else the werkplaats itself."""
    organisaties = list(publicatie.organisaties.all())
    return organisaties[0].naam if organisaties else Profiel.objects.current().volledige_naam


def publisher(publicatie):
    """Who published it: for a part, the publisher of its whole."""
    return organisation(publicatie.geheel or publicatie)


def editors(publicatie):
    """The authors of a part's whole, who edited it; none when they wrote the part too (the
    chapter of a book by one author)."""
    whole = publicatie.geheel
    names = [auteur.naam for auteur in publicatie.auteurschappen.all()]
    edited_by = list(whole.auteurschappen.all()) if whole else []
    return [] if [auteur.naam for auteur in edited_by] == names else edited_by


def pages(publicatie, prefix=True):
    """ "pp. 12–15" or "p. 12" (without ``prefix``: "12–15"); "" without pages."""
    if not publicatie.paginas or not prefix:
        return publicatie.paginas
    return f"{'pp.' if '–' in publicatie.paginas else 'p.'} {publicatie.paginas}"


def apa_title(publicatie, italic):
    """The title as APA ends it: a medium in brackets, one period."""
    title = publicatie.titel.strip()
    if publicatie.soort in APA_MEDIUM:
        return format_html(
            "<i>{}</i> [{}]." if italic else "{} [{}].", title, APA_MEDIUM[publicatie.soort]
        )
    end = "" if title[-1:] in ".?!" else "."
    return format_html("<i>{}</i>{}" if italic else "{}{}", title, end)


def apa_source(publicatie, authors):
    """What follows the title: the publisher, or for a part the whole it is in."""
    whole = publicatie.geheel
    if whole is None:
        source = sentence(publisher(publicatie))
        return "" if source == authors else source
    if publicatie.in_periodical:  # an article: "*Op afstand nabij*, 12–15."
        if publicatie.paginas:
            return format_html("<i>{}</i>, {}.", whole.titel.strip(), publicatie.paginas)
        whole_title = whole.titel.strip().rstrip(".")
        return format_html("<i>{}</i>{}", whole_title, "" if whole_title[-1:] in "?!" else ".")
    # A chapter: "In J. Jansen (Red.), *Boek* (pp. 12–15). Uitgever."
    edited_by = editors(publicatie)
    source = publisher(publicatie)
    parts = ["In"]
    if edited_by:
        parts.append(format_html("{} (Red.),", apa_editors(edited_by)))
    whole_title = whole.titel.strip().rstrip(".")
    parts.append(format_html("<i>{}</i>", whole_title))
    if publicatie.paginas:
        parts.append(format_html("({})", pages(publicatie)))
    end = "" if not publicatie.paginas and whole_title[-1:] in "?!" else "."
    text = format_html("{}{}", format_html(" ".join(["{}"] * len(parts)), *parts), end)
    if [apa_editor_name(auteur) for auteur in edited_by] != [source]:
        text = format_html("{} {}", text, sentence(source))
    return text


def apa(publicatie, url):
    """APA 7 reference as safe HTML (the title in italics for a work that stands alone),
    without doubled punctuation: "doen!" gets no period after it. A part cites its whole:
    a chapter "In <editors> (Red.), *whole* (pp. x–y). Publisher.", an article in a magazine
    "*magazine*, x–y."."""
    auteurs = list(publicatie.auteurschappen.all())
    if not auteurs:
        authors = sentence(organisation(publicatie))
    elif auteurs[-1].is_groep:
        authors = sentence(apa_authors(auteurs))  # "Landelijke werkgroep." as one author
    else:
        authors = apa_authors(auteurs)  # "Verharen, L." and "Berg, J. van der"
    italic = publicatie.soort in STANDALONE and publicatie.geheel is None
    title = apa_title(publicatie, italic)
    source = apa_source(publicatie, authors)
    year = publicatie.gepubliceerd_on.year
    parts = [format_html("{} ({}).", authors, year), title, source, link(publicatie, url)]
    parts = [part for part in parts if part]
    return format_html(" ".join(["{}"] * len(parts)), *parts)


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


def bibtex_names(auteurs):
    """Escaped name by name: the braces of an organisation must stay."""
    return " and ".join(bibtex_name(auteur) for auteur in auteurs)


def bibtex(publicatie, url):
    """One entry; a part is an @incollection (with booktitle, editor and pages) or, in a
    magazine or newsletter, an @article (with journal and pages)."""
    whole = publicatie.geheel
    if whole is None:
        entry_type = BIBTEX_TYPE.get(publicatie.soort, "misc")
    else:
        entry_type = "article" if publicatie.in_periodical else "incollection"
    key = f"{publicatie.slug.replace('-', '')[:30]}{publicatie.gepubliceerd_on.year}"
    names = {"author": bibtex_names(publicatie.auteurschappen.all())}
    fields = [("title", publicatie.titel)]
    if entry_type == "incollection":
        fields.append(("booktitle", whole.titel))
        names["editor"] = bibtex_names(editors(publicatie))
    elif whole is not None:
        fields.append(("journal", whole.titel))
    fields += [
        ("pages", pages(publicatie, prefix=False).replace("–", "--")),
        ("year", publicatie.gepubliceerd_on.year),
        ("institution" if entry_type == "techreport" else "publisher", publisher(publicatie)),
        ("abstract", publicatie.samenvatting),
        ("language", publicatie.get_taal_display()),
        ("doi", publicatie.doi),
        ("url", link(publicatie, url)),
    ]
    if entry_type == "article":  # an article has its journal, no publisher
        fields = [(name, value) for name, value in fields if name != "publisher"]
    lines = [f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields if value]
    for position, (name, value) in enumerate((n, v) for n, v in names.items() if v):
        lines.insert(1 + position, f"  {name} = {{{value}}}")
    return f"@{entry_type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def ris_value(value):
    return re.sub(r"\s+", " ", str(value)).strip()


def ris(publicatie, url):
    """One record; a part is a CHAP (or, in a magazine or newsletter, an MGZN) with its
    whole as T2, the whole's authors as editors (A2) and its pages (SP, EP)."""
    whole = publicatie.geheel
    if whole is None:
        kind = RIS_TYPE.get(publicatie.soort, "GEN")
    else:
        kind = "MGZN" if publicatie.in_periodical else "CHAP"
    lines = [("TY", kind), ("TI", publicatie.titel)]
    lines += [("AU", ris_name(auteur)) for auteur in publicatie.auteurschappen.all()]
    if whole is not None:
        lines.append(("T2", whole.titel))
        if kind == "CHAP":
            lines += [("A2", ris_name(auteur)) for auteur in editors(publicatie)]
        lines += [("SP", publicatie.eerste_pagina), ("EP", publicatie.laatste_pagina)]
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


def schema_reference(publicatie, request, authors=False):
    """A whole or a part as another's page mentions it: its type, name and page."""
    data = {
        "@type": SCHEMA_TYPE.get(publicatie.soort, "CreativeWork"),
        "name": publicatie.titel,
        "url": request.build_absolute_uri(publicatie.get_absolute_url()),
    }
    if authors and (auteurs := publicatie.auteurschappen.all()):
        data["author"] = [schema_author(auteur) for auteur in auteurs]
    return data


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
    if whole := publicatie.geheel:
        data["isPartOf"] = schema_reference(whole, request)
        if schema_type in PAGINATED and publicatie.eerste_pagina is not None:
            data["pageStart"] = publicatie.eerste_pagina
            data["pageEnd"] = publicatie.laatste_pagina or publicatie.eerste_pagina
    if parts := publicatie.onderdelen:
        data["hasPart"] = [schema_reference(part, request, authors=True) for part in parts]
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
    if whole := publicatie.geheel:
        in_periodical = publicatie.in_periodical
        tags.append(
            ("citation_journal_title" if in_periodical else "citation_inbook_title", whole.titel)
        )
        if publicatie.eerste_pagina is not None:
            tags.append(("citation_firstpage", str(publicatie.eerste_pagina)))
        if publicatie.laatste_pagina is not None:
            tags.append(("citation_lastpage", str(publicatie.laatste_pagina)))
    elif publicatie.soort in {Soort.RAPPORT, Soort.ADVIES}:
        tags.append(("citation_technical_report_institution", publisher(publicatie)))
    if publicatie.doi:
        tags.append(("citation_doi", publicatie.doi))
    if publicatie.bestand and mime_type(publicatie) == uploads.PDF.mime:
        tags.append(("citation_pdf_url", request.build_absolute_uri(publicatie.bestand.url)))
    tags.append(
        ("citation_abstract_html_url", request.build_absolute_uri(publicatie.get_absolute_url()))
    )
    return tags
