"""The rules HBO Kennisbank checks in an nl_didl record: each one broken makes the checker
refuse the record (the endpoint never sends it), and the genre table covers every soort."""

import copy

import pytest
from lxml import etree

from publicaties.models import Soort
from publicaties.oai.formats import GENRE, NlDidlError, check_nl_didl, nl_didl

from .schemas import NS, validate

pytestmark = pytest.mark.django_db

# The info:eu-repo publication types (DRIVER guidelines) a genre may take.
EU_REPO_TYPES = {
    "article", "bachelorThesis", "masterThesis", "doctoralThesis", "book", "bookPart", "review",
    "conferenceObject", "lecture", "workingPaper", "preprint", "report", "annotation",
    "contributionToPeriodical", "patent", "other",
}  # fmt: skip


@pytest.fixture
def didl(make_publicatie):
    publicatie = make_publicatie(auteurs=["Lisbeth Verharen", "Carinda Jansen"])
    return nl_didl(
        publicatie,
        page_url="https://werkplaats.example.nl/publicaties/x/",
        file_url="https://werkplaats.example.nl/media/x.pdf",
        modified="2025-05-12T10:30:15Z",
    )


def broken(didl, path, change="remove"):
    record = copy.deepcopy(didl)
    elements = record.xpath(path, namespaces={**NS, "dcterms": "http://purl.org/dc/terms/"})
    assert elements, path
    for element in elements:
        if change == "remove":
            element.getparent().remove(element)
        else:
            change(element)
    return record


def test_the_complete_record_passes(didl):
    check_nl_didl(didl)
    mods = didl.xpath("//mods:mods", namespaces=NS)[0]
    validate_mods = etree.ElementTree(etree.fromstring(etree.tostring(mods)))
    from .schemas import schema

    assert schema().validate(validate_mods), schema().error_log


def set_text(text):
    def change(element):
        element.text = text

    return change


@pytest.mark.parametrize(
    ("path", "change", "message"),
    [
        # missing URN:NBN: gone, or not a URN:NBN
        ("didl:Item/didl:Descriptor[didl:Statement/dii:Identifier]", "remove", "URN:NBN"),
        (
            "didl:Item/didl:Descriptor/didl:Statement/dii:Identifier",
            set_text("https://x.nl/1"),
            "URN:NBN",
        ),
        # missing accessRights on the file
        ("//didl:Descriptor[didl:Statement/dcterms:accessRights]", "remove", "accessRights"),
        # no marcrelator role for an author
        ("//mods:name[2]/mods:role", "remove", "marcrelator"),
        ("//mods:roleTerm[1]/@authority/..", lambda e: e.set("authority", "local"), "marcrelator"),
        # no genre, or one from outside info:eu-repo
        ("//mods:genre", "remove", "genre"),
        ("//mods:genre", set_text("rapport"), "genre"),
        # no dateIssued
        ("//mods:originInfo/mods:dateIssued", "remove", "dateIssued"),
        ("//mods:dateIssued", lambda e: e.attrib.pop("encoding"), "dateIssued"),
        # no language
        ("//mods:language", "remove", "languageTerm"),
        ("//mods:languageTerm", lambda e: e.set("type", "text"), "languageTerm"),
        # and the rest of the profile
        ("//mods:titleInfo", "remove", "titel"),
        ("//mods:name", "remove", "auteur"),
        ("//didl:Descriptor[didl:Statement/dcterms:modified]", "remove", "modified"),
        (
            "//didl:Resource[@ref][@mimeType!='text/html']",
            lambda e: e.set("ref", "/media/x.pdf"),
            "absolute URL",
        ),
        ("//didl:Resource[@mimeType='text/html']/../..", "remove", "humanStartPage"),
    ],
)
def test_a_record_breaking_a_rule_is_refused(didl, path, change, message):
    record = broken(didl, path, change)
    with pytest.raises(NlDidlError, match=message):
        check_nl_didl(record)


def test_nl_didl_is_not_made_for_a_record_that_would_break_a_rule(make_publicatie):
    publicatie = make_publicatie(auteurs=())
    with pytest.raises(NlDidlError, match="auteur"):
        nl_didl(
            publicatie, page_url="https://x.nl/p/", file_url="", modified="2025-01-01T00:00:00Z"
        )


def test_every_soort_has_a_genre_of_the_eu_repo_list():
    assert set(GENRE) == set(Soort)
    assert set(GENRE.values()) <= EU_REPO_TYPES


def test_the_validation_helper_notices_a_broken_record(didl):
    """The harvest tests would notice: the helper runs the same checks on every response."""
    envelope = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-01T00:00:00Z'
        b"</responseDate><request>http://x.nl/oai</request><GetRecord><record><header>"
        b"<identifier>oai:x.nl:publicatie/1</identifier><datestamp>2025-01-01T00:00:00Z"
        b"</datestamp></header><metadata/></record></GetRecord></OAI-PMH>"
    )

    def response(record):
        document = etree.fromstring(envelope)
        document.find(".//{*}metadata").append(record)
        return etree.tostring(document)

    validate(response(didl))
    with pytest.raises(NlDidlError):
        validate(response(broken(didl, "//mods:genre")))
    with pytest.raises(AssertionError, match="MODS"):
        validate(response(broken(didl, "//mods:titleInfo", lambda e: e.set("type", "bogus"))))
