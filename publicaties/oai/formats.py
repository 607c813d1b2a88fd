"""The two metadata formats of the OAI-PMH endpoint: ``oai_dc`` (the baseline) and ``nl_didl``
(MPEG-21 DIDL wrapping MODS with the HBO MODS extension, as HBO Kennisbank harvests it).

``check_nl_didl`` holds the rules the national harvester checks; a record that breaks one is
never sent (``NlDidlError``)."""

import re
from dataclasses import dataclass

from django.conf import settings
from lxml import etree

from ..citation import LICENSE_URL, mime_type
from ..models import Soort

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
DIDL = "urn:mpeg:mpeg21:2002:02-DIDL-NS"
DII = "urn:mpeg:mpeg21:2002:01-DII-NS"
DIP = "urn:mpeg:mpeg21:2005:01-DIP-NS"
MODS = "http://www.loc.gov/mods/v3"
HBO = "info:eu-repo/xmlns/hboMODSextension"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class Format:
    prefix: str
    schema: str
    namespace: str


OAI_DC_FORMAT = Format("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC)
NL_DIDL_FORMAT = Format(
    "nl_didl",
    "http://standards.iso.org/ittf/PubliclyAvailableStandards/MPEG-21_schema_files/did/didmodel.xsd",
    DIDL,
)
FORMATS = {fmt.prefix: fmt for fmt in (OAI_DC_FORMAT, NL_DIDL_FORMAT)}

SEMANTICS = "info:eu-repo/semantics/"
# The kind of publication (info:eu-repo semantics) for each soort: MODS genre, dc:type.
GENRE = {
    Soort.RAPPORT: "report",
    Soort.ADVIES: "report",
    Soort.BOEK: "book",
    Soort.METHODIEK: "other",
    Soort.WERKVORM: "other",
    Soort.ONDERWIJSMODULE: "other",
    Soort.HANDREIKING: "report",
    Soort.ESSAY: "other",
    Soort.ARTIKEL: "article",
    Soort.PODCAST: "lecture",
    Soort.KENNISCLIP: "lecture",
    Soort.NIEUWSBRIEF: "contributionToPeriodical",
    Soort.SPEL: "other",
    Soort.NIEUWS: "other",
    Soort.MAGAZINE: "other",
}
# The genre of a part: an article in a magazine or newsletter, else a chapter of a book.
PART_GENRE = {True: "contributionToPeriodical", False: "bookPart"}
# MODS typeOfResource: most soorten are text.
TYPE_OF_RESOURCE = {Soort.PODCAST: "sound recording", Soort.KENNISCLIP: "moving image"}

OPEN_ACCESS = SEMANTICS + "openAccess"


def urn_nbn(publicatie_id):
    return f"{settings.OAI_URN_NBN_PREFIX}-{publicatie_id}"


# Characters XML 1.0 cannot hold (forms refuse them, older rows might still have one).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    if text is not None:
        element.text = _NOT_XML.sub("", str(text))
    return element


def _licence_url(publicatie):
    return LICENSE_URL.get(publicatie.licentie, "")


def oai_dc(publicatie, *, page_url, file_url):
    root = etree.Element(
        f"{{{OAI_DC}}}dc",
        nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI},
        attrib={f"{{{XSI}}}schemaLocation": f"{OAI_DC} {OAI_DC_FORMAT.schema}"},
    )
    _sub(root, f"{{{DC}}}title", publicatie.titel)
    for auteurschap in publicatie.auteurschappen.all():
        _sub(root, f"{{{DC}}}creator", _dc_name(auteurschap))
    for thema in publicatie.themas.all():
        _sub(root, f"{{{DC}}}subject", thema.naam)
    _sub(root, f"{{{DC}}}description", publicatie.samenvatting)
    _sub(root, f"{{{DC}}}publisher", settings.OAI_REPOSITORY_NAME)
    _sub(root, f"{{{DC}}}date", publicatie.gepubliceerd_on.isoformat())
    _sub(root, f"{{{DC}}}type", SEMANTICS + genre(publicatie))
    if file_url:
        _sub(root, f"{{{DC}}}format", mime_type(publicatie))
    _sub(root, f"{{{DC}}}identifier", page_url)
    _sub(root, f"{{{DC}}}identifier", urn_nbn(publicatie.pk))
    if publicatie.doi:
        _sub(root, f"{{{DC}}}identifier", f"https://doi.org/{publicatie.doi}")
    _sub(root, f"{{{DC}}}language", publicatie.taal)
    if whole := publicatie.geheel:  # the whole a part appeared in, with its pages
        pages = f", {publicatie.paginas}" if publicatie.paginas else ""
        _sub(root, f"{{{DC}}}source", f"{whole.titel}{pages}")
    _sub(root, f"{{{DC}}}rights", _licence_url(publicatie) or OPEN_ACCESS)
    for element in root.findall(f"{{{DC}}}format"):
        if not element.text:
            root.remove(element)
    return root


def genre(publicatie):
    """The info:eu-repo publication type: by soort, or for a part by its whole."""
    if publicatie.geheel is not None:
        return PART_GENRE[publicatie.in_periodical]
    return GENRE[publicatie.soort]


def _dc_name(auteurschap):
    if auteurschap.is_groep:
        return auteurschap.groep
    family = " ".join(part for part in (auteurschap.tussenvoegsel, auteurschap.achternaam) if part)
    return f"{family}, {auteurschap.voornaam}" if auteurschap.voornaam else family


def _statement(item, child_tag, text):
    descriptor = _sub(item, f"{{{DIDL}}}Descriptor")
    statement = _sub(descriptor, f"{{{DIDL}}}Statement", mimeType="application/xml")
    return _sub(statement, child_tag, text)


def _object_type(item, kind):
    _statement(item, f"{{{DIP}}}ObjectType", SEMANTICS + kind)


def nl_didl(publicatie, *, page_url, file_url, modified):
    """The DIDL of one publicatie; ``modified`` is its OAI datestamp. Raises NlDidlError if the
    result would break a rule of the national harvester."""
    root = etree.Element(
        f"{{{DIDL}}}DIDL",
        nsmap={"didl": DIDL, "dii": DII, "dip": DIP, "dcterms": DCTERMS, "xsi": XSI},
        attrib={f"{{{XSI}}}schemaLocation": f"{DIDL} {NL_DIDL_FORMAT.schema}"},
    )
    top = _sub(root, f"{{{DIDL}}}Item")
    _statement(top, f"{{{DII}}}Identifier", urn_nbn(publicatie.pk))
    _statement(top, f"{{{DCTERMS}}}modified", modified)

    metadata = _sub(top, f"{{{DIDL}}}Item")
    _object_type(metadata, "descriptiveMetadata")
    component = _sub(metadata, f"{{{DIDL}}}Component")
    resource = _sub(component, f"{{{DIDL}}}Resource", mimeType="application/xml")
    resource.append(mods(publicatie))

    if file_url:
        file_item = _sub(top, f"{{{DIDL}}}Item")
        _statement(file_item, f"{{{DII}}}Identifier", f"{urn_nbn(publicatie.pk)}-1")
        _object_type(file_item, "objectFile")
        _statement(file_item, f"{{{DCTERMS}}}accessRights", OPEN_ACCESS)
        component = _sub(file_item, f"{{{DIDL}}}Component")
        mime = mime_type(publicatie) or "application/octet-stream"
        _sub(component, f"{{{DIDL}}}Resource", mimeType=mime, ref=file_url)

    start_page = _sub(top, f"{{{DIDL}}}Item")
    _object_type(start_page, "humanStartPage")
    component = _sub(start_page, f"{{{DIDL}}}Component")
    _sub(component, f"{{{DIDL}}}Resource", mimeType="text/html", ref=page_url)
    check_nl_didl(root)
    return root


def mods(publicatie):
    root = etree.Element(
        f"{{{MODS}}}mods",
        nsmap={"mods": MODS, "hbo": HBO},
        attrib={"version": "3.4"},
    )
    title_info = _sub(root, f"{{{MODS}}}titleInfo")
    _sub(title_info, f"{{{MODS}}}title", publicatie.titel)
    for auteurschap in publicatie.auteurschappen.all():
        name = _sub(
            root, f"{{{MODS}}}name", type="corporate" if auteurschap.is_groep else "personal"
        )
        if auteurschap.is_groep:
            _sub(name, f"{{{MODS}}}namePart", auteurschap.groep)
        else:
            family = " ".join(p for p in (auteurschap.tussenvoegsel, auteurschap.achternaam) if p)
            _sub(name, f"{{{MODS}}}namePart", family, type="family")
            if auteurschap.voornaam:
                _sub(name, f"{{{MODS}}}namePart", auteurschap.voornaam, type="given")
        role = _sub(name, f"{{{MODS}}}role")
        _sub(role, f"{{{MODS}}}roleTerm", "aut", type="code", authority="marcrelator")
    _sub(root, f"{{{MODS}}}typeOfResource", TYPE_OF_RESOURCE.get(publicatie.soort, "text"))
    _sub(root, f"{{{MODS}}}genre", SEMANTICS + genre(publicatie))
    origin = _sub(root, f"{{{MODS}}}originInfo")
    _sub(origin, f"{{{MODS}}}publisher", settings.OAI_REPOSITORY_NAME)
    _sub(
        origin,
        f"{{{MODS}}}dateIssued",
        publicatie.gepubliceerd_on.isoformat(),
        encoding="w3cdtf",
        keyDate="yes",
    )
    language = _sub(root, f"{{{MODS}}}language")
    _sub(language, f"{{{MODS}}}languageTerm", publicatie.taal, type="code", authority="rfc3066")
    _sub(root, f"{{{MODS}}}abstract", publicatie.samenvatting)
    for thema in publicatie.themas.all():
        subject = _sub(root, f"{{{MODS}}}subject")
        _sub(subject, f"{{{MODS}}}topic", thema.naam)
    if publicatie.doi:
        _sub(root, f"{{{MODS}}}identifier", publicatie.doi, type="doi")
    if publicatie.handle:
        _sub(root, f"{{{MODS}}}identifier", publicatie.handle, type="hdl")
    _sub(root, f"{{{MODS}}}identifier", urn_nbn(publicatie.pk), type="uri")
    if whole := publicatie.geheel:
        _host(root, publicatie, whole)
    licence = _licence_url(publicatie)
    if licence:
        _sub(root, f"{{{MODS}}}accessCondition", licence, type="use and reproduction")
    extension = _sub(root, f"{{{MODS}}}extension")
    hbo = _sub(extension, f"{{{HBO}}}hbo")
    hbo_name = _sub(hbo, f"{{{HBO}}}name", type="corporate")
    _sub(hbo_name, f"{{{HBO}}}namePart", settings.OAI_LECTORAAT, type="lectorate")
    return root


def _host(root, publicatie, whole):
    """``relatedItem type="host"``: the whole a part appeared in, and where in it."""
    host = _sub(root, f"{{{MODS}}}relatedItem", type="host")
    title_info = _sub(host, f"{{{MODS}}}titleInfo")
    _sub(title_info, f"{{{MODS}}}title", whole.titel)
    _sub(host, f"{{{MODS}}}identifier", urn_nbn(whole.pk), type="uri")
    if publicatie.eerste_pagina is not None:
        part = _sub(host, f"{{{MODS}}}part")
        extent = _sub(part, f"{{{MODS}}}extent", unit="page")
        _sub(extent, f"{{{MODS}}}start", publicatie.eerste_pagina)
        _sub(extent, f"{{{MODS}}}end", publicatie.laatste_pagina or publicatie.eerste_pagina)


class NlDidlError(ValueError):
    """A record that HBO Kennisbank would refuse."""


_NS = {"didl": DIDL, "dii": DII, "dip": DIP, "dcterms": DCTERMS, "mods": MODS, "hbo": HBO}


def _xpath(node, path):
    return node.xpath(path, namespaces=_NS)


def check_nl_didl(didl):
    """The rules the national harvester checks in an nl_didl record; the first one broken
    raises NlDidlError with what is wrong."""
    problems = []
    identifiers = _xpath(didl, "didl:Item/didl:Descriptor/didl:Statement/dii:Identifier")
    if not any((i.text or "").strip().lower().startswith("urn:nbn:") for i in identifiers):
        problems.append("geen URN:NBN als dii:Identifier van het hoofditem")
    if not _xpath(didl, "didl:Item/didl:Descriptor/didl:Statement/dcterms:modified"):
        problems.append("geen dcterms:modified")
    kinds = "didl:Descriptor/didl:Statement/dip:ObjectType"
    items = _xpath(didl, "didl:Item/didl:Item")

    def of_kind(kind):
        return [i for i in items if any(t.text == SEMANTICS + kind for t in _xpath(i, kinds))]

    metadata = of_kind("descriptiveMetadata")
    mods_records = [m for item in metadata for m in _xpath(item, ".//mods:mods")]
    if len(mods_records) != 1:
        problems.append("geen (of meer dan één) descriptiveMetadata-item met MODS")
    for item in of_kind("objectFile"):
        rights = _xpath(item, "didl:Descriptor/didl:Statement/dcterms:accessRights/text()")
        if not any(r.startswith(SEMANTICS) for r in rights):
            problems.append("objectFile zonder dcterms:accessRights")
        resources = _xpath(item, "didl:Component/didl:Resource")
        if not resources or not all(
            r.get("mimeType") and (r.get("ref") or "").startswith(("http://", "https://"))
            for r in resources
        ):
            problems.append("objectFile zonder Resource met mimeType en absolute URL")
    if not any(
        (r.get("ref") or "").startswith(("http://", "https://"))
        for item in of_kind("humanStartPage")
        for r in _xpath(item, "didl:Component/didl:Resource")
    ):
        problems.append("geen humanStartPage")
    for record in mods_records:
        problems.extend(_check_mods(record))
    if problems:
        raise NlDidlError("; ".join(problems))


def _check_mods(record):
    if not "".join(_xpath(record, "mods:titleInfo/mods:title/text()")).strip():
        yield "MODS zonder titel"
    names = _xpath(record, "mods:name")
    if not names:
        yield "MODS zonder auteur"
    for name in names:
        if not "".join(_xpath(name, "mods:namePart/text()")).strip():
            yield "auteur zonder namePart"
        roles = _xpath(name, "mods:role/mods:roleTerm[@type='code'][@authority='marcrelator']")
        if not any((role.text or "").strip() for role in roles):
            yield "auteur zonder marcrelator-rol"
    if not any(
        (element.text or "").startswith(SEMANTICS + "")
        and element.text[len(SEMANTICS) :] in {*GENRE.values(), *PART_GENRE.values(), "other"}
        for element in _xpath(record, "mods:genre")
    ):
        yield "MODS zonder genre uit info:eu-repo/semantics"
    if not _xpath(record, "mods:originInfo/mods:dateIssued[@encoding='w3cdtf'][text()]"):
        yield "MODS zonder dateIssued (w3cdtf)"
    if not _xpath(record, "mods:language/mods:languageTerm[@type='code'][text()]"):
        yield "MODS zonder languageTerm (code)"
