"""Every OAI-PMH error code, in the body with HTTP 200 and valid against the schema."""

import pytest

from publicaties.services import publicaties_unpublish

from .schemas import error_codes, xpath

pytestmark = pytest.mark.django_db

PREFIX = "oai:werkplaats-sociaal-domein.nl:publicatie/"


@pytest.fixture
def record(make_publicatie):
    return make_publicatie()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"verb": "Harvest"},
        {"verb": "identify"},
        {"verb": ["Identify", "ListSets"]},
    ],
)
def test_bad_verb(oai, record, params):
    document = oai(**params)
    assert error_codes(document) == ["badVerb"]
    # With badVerb and badArgument the request element holds the base URL only.
    assert xpath(document, "/oai:OAI-PMH/oai:request")[0].attrib == {}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "ListRecords"},  # metadataPrefix missing
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},  # identifier missing
        {"verb": "Identify", "set": "soort"},  # argument Identify does not take
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "color": "blue"},
        {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "nl_didl"]},  # repeated
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "gisteren"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2024-03-01T12:00:00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-03-01T12:00Z"},
        # from later than until
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-03-02",
            "until": "2024-03-01",
        },
        # different granularities
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-03-01",
            "until": "2024-03-02T00:00:00Z",
        },
        # a resumptionToken is exclusive
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "abc"},
        {"verb": "ListMetadataFormats", "identifier": ["a", "b"]},
    ],
)
def test_bad_argument(oai, record, params):
    document = oai(**params)
    assert error_codes(document) == ["badArgument"]
    assert xpath(document, "/oai:OAI-PMH/oai:request")[0].attrib == {}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Identify", "ûà\x1f": "x"},  # echoed in the error, which XML cannot hold
        {"verb": "GetRecord", "identifier": f"{PREFIX}1\x00", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc\x0b"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "soort:\uffff"},
        {"verb": "ListSets", "resumptionToken": "\x00"},
    ],
)
def test_a_character_xml_cannot_hold_is_a_bad_argument(oai, record, params):
    document = oai(**params)
    assert error_codes(document) == ["badArgument"]
    assert xpath(document, "/oai:OAI-PMH/oai:request")[0].attrib == {}


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers", "ListSets"])
def test_bad_resumption_token(oai, record, verb):
    assert error_codes(oai(verb=verb, resumptionToken="niet-van-ons")) == ["badResumptionToken"]


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_cannot_disseminate_an_unknown_format(oai, record, verb):
    assert error_codes(oai(verb=verb, metadataPrefix="marcxml")) == ["cannotDisseminateFormat"]


def test_cannot_disseminate_nl_didl_of_a_record_without_author(oai, make_publicatie):
    publicatie = make_publicatie(auteurs=())
    document = oai(
        verb="GetRecord", identifier=f"{PREFIX}{publicatie.pk}", metadataPrefix="nl_didl"
    )
    assert error_codes(document) == ["cannotDisseminateFormat"]
    document = oai(verb="GetRecord", identifier=f"{PREFIX}{publicatie.pk}", metadataPrefix="oai_dc")
    assert error_codes(document) == []


@pytest.mark.parametrize(
    "identifier",
    [
        f"{PREFIX}999999",
        f"{PREFIX}abc",
        f"{PREFIX}-1",
        "oai:elders.example.nl:publicatie/1",
        "werken-aan-bestaanszekerheid",
        f"{PREFIX}١",  # an Arabic-Indic digit one: isdigit() says yes, a harvester would not
    ],
)
def test_id_does_not_exist(oai, record, identifier):
    assert error_codes(oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")) == [
        "idDoesNotExist"
    ]
    assert error_codes(oai(verb="ListMetadataFormats", identifier=identifier)) == ["idDoesNotExist"]


def test_a_concept_does_not_exist_for_harvesters(oai, make_publicatie):
    concept = make_publicatie(status="concept")
    document = oai(verb="GetRecord", identifier=f"{PREFIX}{concept.pk}", metadataPrefix="oai_dc")
    assert error_codes(document) == ["idDoesNotExist"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2999-01-01"},
        {"until": "2000-01-01T00:00:00Z"},
        {"set": "soort:spel"},
        {"set": "leeratelier:bestaat-niet"},
        {"set": "onbekend"},
    ],
)
def test_no_records_match(oai, record, params):
    for verb in ("ListRecords", "ListIdentifiers"):
        assert error_codes(oai(verb=verb, metadataPrefix="oai_dc", **params)) == ["noRecordsMatch"]


def test_no_metadata_formats_for_a_deleted_record(oai, record):
    publicaties_unpublish(publicaties=type(record).objects.filter(pk=record.pk))
    document = oai(verb="ListMetadataFormats", identifier=f"{PREFIX}{record.pk}")
    assert error_codes(document) == ["noMetadataFormats"]


def test_no_set_hierarchy_while_nothing_is_published(oai, make_publicatie):
    make_publicatie(status="concept")
    assert error_codes(oai(verb="ListSets")) == ["noSetHierarchy"]
    assert error_codes(oai(verb="ListRecords", metadataPrefix="oai_dc", set="soort")) == [
        "noSetHierarchy"
    ]


def test_an_empty_repository_still_identifies_itself(oai):
    document = oai(verb="Identify")
    assert error_codes(document) == []
    assert error_codes(oai(verb="ListRecords", metadataPrefix="oai_dc")) == ["noRecordsMatch"]
