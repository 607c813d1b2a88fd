"""The six verbs as a harvester sees them: GET and POST without a session or CSRF token, stable
identifiers built from the settings, sets per soort and per leeratelier."""

import pytest
from django.test import Client

from publicaties.models import Soort

from .schemas import error_codes, validate, xpath

pytestmark = pytest.mark.django_db


def test_identify_names_the_repository_and_its_promises(oai, make_publicatie, settings):
    settings.OAI_REPOSITORY_NAME = "Werkplaats Sociaal Domein"
    settings.OAI_ADMIN_EMAIL = "oai@example.nl"
    make_publicatie()
    document = oai(verb="Identify")
    identify = xpath(document, "/oai:OAI-PMH/oai:Identify")[0]

    def text(name):
        return xpath(identify, f"oai:{name}/text()")[0]

    assert text("baseURL") == "http://testserver/oai"
    assert text("protocolVersion") == "2.0"
    assert text("deletedRecord") == "persistent"
    assert text("granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert text("adminEmail") == "oai@example.nl"
    assert text("repositoryName") == "Werkplaats Sociaal Domein"


def test_post_works_like_get_without_csrf_token_or_session(make_publicatie):
    publicatie = make_publicatie()
    client = Client(enforce_csrf_checks=True)
    response = client.post("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert response.status_code == 200
    document = validate(response.content)
    assert xpath(document, "//oai:header/oai:identifier/text()") == [
        f"oai:werkplaats-sociaal-domein.nl:publicatie/{publicatie.pk}"
    ]
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


def test_identifiers_come_from_the_settings_and_follow_the_record(oai, make_publicatie, settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "kennis.example.nl"
    settings.OAI_URN_NBN_PREFIX = "urn:nbn:nl:hs:25"
    publicatie = make_publicatie()
    identifier = f"oai:kennis.example.nl:publicatie/{publicatie.pk}"
    document = oai(verb="GetRecord", identifier=identifier, metadataPrefix="nl_didl")
    assert xpath(document, "//oai:header/oai:identifier/text()") == [identifier]
    assert xpath(
        document, "//didl:DIDL/didl:Item/didl:Descriptor/didl:Statement/dii:Identifier/text()"
    ) == [f"urn:nbn:nl:hs:25-{publicatie.pk}"]
    publicatie.titel = "Een nieuwe titel"
    publicatie.save()
    document = oai(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert xpath(document, "//dc:title/text()") == ["Een nieuwe titel"]


def test_sets_per_soort_and_per_leeratelier(oai, make_publicatie, make_leeratelier):
    armoede = make_leeratelier(titel="Armoede en schulden")
    rapport = make_publicatie(soort=Soort.RAPPORT, leerateliers=[armoede])
    podcast = make_publicatie(soort=Soort.PODCAST)
    document = oai(verb="ListSets")
    sets = dict(
        zip(
            xpath(document, "//oai:set/oai:setSpec/text()"),
            xpath(document, "//oai:set/oai:setName/text()"),
            strict=True,
        )
    )
    assert sets == {
        "soort": "Publicaties per soort",
        "soort:podcast": "Soort: Podcast",
        "soort:rapport": "Soort: Rapport",
        "leeratelier": "Publicaties per leeratelier",
        f"leeratelier:{armoede.slug}": "Leeratelier: Armoede en schulden",
    }

    def members(spec):
        found = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        return {int(i.rsplit("/", 1)[1]) for i in xpath(found, "//oai:identifier/text()")}

    assert members("soort:podcast") == {podcast.pk}
    assert members(f"leeratelier:{armoede.slug}") == {rapport.pk}
    assert members("leeratelier") == {rapport.pk}
    assert members("soort") == {rapport.pk, podcast.pk}


def test_a_concept_is_not_harvested(oai, make_publicatie):
    make_publicatie(status="concept")
    assert error_codes(oai(verb="ListRecords", metadataPrefix="oai_dc")) == ["noRecordsMatch"]


def test_oai_dc_record_carries_the_basics(oai, make_publicatie):
    publicatie = make_publicatie(titel="Werken aan bestaanszekerheid", auteurs=["Lisbeth Verharen"])
    document = oai(
        verb="GetRecord",
        identifier=f"oai:werkplaats-sociaal-domein.nl:publicatie/{publicatie.pk}",
        metadataPrefix="oai_dc",
    )
    dc = xpath(document, "//oai_dc:dc")[0]
    assert xpath(dc, "dc:title/text()") == ["Werken aan bestaanszekerheid"]
    assert xpath(dc, "dc:creator/text()") == ["Verharen, Lisbeth"]
    assert xpath(dc, "dc:type/text()") == ["info:eu-repo/semantics/report"]
    assert xpath(dc, "dc:date/text()") == ["2024-03-01"]
    assert xpath(dc, "dc:language/text()") == ["nl"]
    assert f"http://testserver/publicaties/{publicatie.slug}/" in xpath(dc, "dc:identifier/text()")


def test_nl_didl_record_follows_the_national_profile(oai, make_publicatie, settings):
    settings.OAI_LECTORAAT = "Versterken van Sociale Kwaliteit"
    publicatie = make_publicatie(auteurs=["Jan van der Berg", "Carinda Jansen"])
    publicatie.bestand.save("rapport.pdf", _pdf(), save=True)
    document = oai(
        verb="GetRecord",
        identifier=f"oai:werkplaats-sociaal-domein.nl:publicatie/{publicatie.pk}",
        metadataPrefix="nl_didl",
    )
    mods = xpath(document, "//mods:mods")[0]
    assert xpath(mods, "mods:name[1]/mods:namePart[@type='family']/text()") == ["van der Berg"]
    assert xpath(mods, "mods:name/mods:role/mods:roleTerm/text()") == ["aut", "aut"]
    assert xpath(mods, "mods:genre/text()") == ["info:eu-repo/semantics/report"]
    assert xpath(mods, "mods:originInfo/mods:dateIssued[@encoding='w3cdtf']/text()") == [
        "2024-03-01"
    ]
    assert xpath(mods, "mods:language/mods:languageTerm[@type='code']/text()") == ["nl"]
    assert xpath(
        mods, "mods:extension/hbo:hbo/hbo:name/hbo:namePart[@type='lectorate']/text()"
    ) == ["Versterken van Sociale Kwaliteit"]
    resources = xpath(document, "//didl:Resource[@ref]")
    refs = {resource.get("mimeType"): resource.get("ref") for resource in resources}
    assert refs["application/pdf"].startswith("http://testserver/")
    assert refs["application/pdf"].endswith(".pdf")
    assert refs["text/html"] == f"http://testserver/publicaties/{publicatie.slug}/"
    assert xpath(
        document, "//didl:Item/didl:Descriptor/didl:Statement/*[local-name()='accessRights']/text()"
    ) == ["info:eu-repo/semantics/openAccess"]


def test_list_metadata_formats_for_a_record(oai, make_publicatie):
    with_author = make_publicatie()
    without_author = make_publicatie(auteurs=())

    def prefixes(publicatie):
        document = oai(
            verb="ListMetadataFormats",
            identifier=f"oai:werkplaats-sociaal-domein.nl:publicatie/{publicatie.pk}",
        )
        return xpath(document, "//oai:metadataPrefix/text()")

    assert prefixes(with_author) == ["oai_dc", "nl_didl"]
    # HBO Kennisbank refuses a record without author: it is offered in oai_dc only.
    assert prefixes(without_author) == ["oai_dc"]
    harvested = oai(verb="ListIdentifiers", metadataPrefix="nl_didl")
    assert xpath(harvested, "//oai:identifier/text()") == [
        f"oai:werkplaats-sociaal-domein.nl:publicatie/{with_author.pk}"
    ]


def _pdf():
    from django.core.files.base import ContentFile

    from publicaties.demo import demo_pdf

    return ContentFile(demo_pdf("Rapport"))


@pytest.mark.parametrize("prefix", ["oai_dc", "nl_didl"])
def test_a_page_costs_the_same_queries_for_3_or_30_records(
    client, make_publicatie, make_leeratelier, django_assert_num_queries, prefix
):
    leeratelier = make_leeratelier()
    for _ in range(3):
        make_publicatie(leerateliers=[leeratelier])
    params = {"verb": "ListRecords", "metadataPrefix": prefix}
    with django_assert_num_queries(QUERIES) as few:
        client.get("/oai", params)
    for _ in range(27):
        make_publicatie(leerateliers=[leeratelier], auteurs=["A B", "C D"])
    with django_assert_num_queries(QUERIES):
        response = client.get("/oai", params)
    assert len(xpath(validate(response.content), "//oai:record")) == 30
    assert len(few.captured_queries) == QUERIES


QUERIES = 6  # the count, the page, its authors, thema's and leerateliers, the tombstones


def test_a_control_character_in_old_data_does_not_break_the_response(oai, make_publicatie):
    publicatie = make_publicatie()
    type(publicatie).objects.filter(pk=publicatie.pk).update(titel="Oud\x0b rapport")
    document = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert xpath(document, "//dc:title/text()") == ["Oud rapport"]
