"""The pages of the network as sharing and search read them: OpenGraph and a summary card on
every page, and schema.org JSON-LD on leerateliers (ResearchProject), partners
(Organization) and personen (Person)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from leerateliers.models import TrekkerRol, Trekkerschap
from tests.page_metadata import json_ld, meta, read

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")


def test_opengraph_and_summary_card_on_the_home_page(client):
    tags = meta(client.get("/"))
    assert tags["og:title"] == "Sociale kwaliteit in de sociale basis"
    assert tags["og:url"] == "http://testserver/"
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == "Werkplaats Sociaal Domein"
    assert tags["og:description"] == tags["description"]
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags  # no picture, no image tag


def test_leeratelier_is_a_research_project(
    client, make_leeratelier, make_persoon, make_thema, make_gemeente
):
    leeratelier = make_leeratelier(
        "Armoede en schulden",
        themas=[make_thema("Schulden")],
        gemeenten=[make_gemeente("Arnhem")],
        start_on=datetime.date(2019, 9, 1),
    )
    Trekkerschap.objects.create(
        persoon=make_persoon("Carinda Jansen"), leeratelier=leeratelier, rol=TrekkerRol.TREKKER
    )
    response = client.get(leeratelier.get_absolute_url())
    data = json_ld(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Armoede en schulden"
    assert data["description"] == "Samen werken, evalueren en leren."
    assert data["url"] == "http://testserver/leerateliers/armoede-en-schulden/"
    assert data["foundingDate"] == "2019-09-01"
    assert data["parentOrganization"]["name"] == "Werkplaats Sociaal Domein"
    assert [member["name"] for member in data["member"]] == ["Carinda Jansen"]
    assert data["knowsAbout"] == ["Schulden"]
    assert [area["name"] for area in data["areaServed"]] == ["Arnhem"]
    assert meta(response)["og:title"] == "Armoede en schulden"


def test_partner_is_an_organization_with_its_logo(client, make_organisatie, make_gemeente):
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen", afkorting="HAN")
    kenniscentrum = make_organisatie(
        "Kenniscentrum HAN Sociaal",
        onderdeel_van=han,
        website="https://www.han.nl/sociaal",
        gemeente=make_gemeente("Nijmegen"),
        logo=png(),
    )
    response = client.get(kenniscentrum.get_absolute_url())
    data = json_ld(response)
    assert data["@type"] == "Organization"
    assert data["name"] == "Kenniscentrum HAN Sociaal"
    assert data["sameAs"] == "https://www.han.nl/sociaal"
    assert data["parentOrganization"]["name"] == "Hogeschool van Arnhem en Nijmegen"
    assert data["location"]["name"] == "Nijmegen"
    assert data["logo"] == "http://testserver" + kenniscentrum.logo.url
    assert meta(response)["og:image"] == data["logo"]


def test_persoon_is_a_person_with_only_what_the_page_shows(client, make_persoon, make_organisatie):
    persoon = make_persoon(
        "Lisbeth Verharen",
        functie="Lector",
        organisatie=make_organisatie("Hogeschool van Arnhem en Nijmegen"),
        email="lisbeth@example.nl",
    )
    stil = make_persoon("Joos Meesters")
    data = json_ld(client.get(persoon.get_absolute_url()))
    assert data["@type"] == "Person"
    assert data["name"] == "Lisbeth Verharen"
    assert data["jobTitle"] == "Lector"
    assert data["worksFor"]["name"] == "Hogeschool van Arnhem en Nijmegen"
    assert data["email"] == "lisbeth@example.nl"
    # No public address: none in the data either.
    assert "email" not in json_ld(client.get(stil.get_absolute_url()))
    assert meta(client.get(stil.get_absolute_url()))["og:type"] == "profile"


def test_a_hostile_name_stays_data(client, make_persoon):
    name = "</script><script>alert(1)</script>"
    response = client.get(make_persoon(name).get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert read(response).scripts == ["application/ld+json"]
    assert json_ld(response)["name"] == name


def test_thema_and_voorwaarde_are_defined_terms(client, make_thema):
    from werkplaats.models import Voorwaarde

    thema = make_thema("Schulden", beschrijving="Over **schulden** en wat helpt.")
    response = client.get(thema.get_absolute_url())
    data = json_ld(response)
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Schulden"
    assert data["inDefinedTermSet"] == "http://testserver/themas/"
    assert meta(response)["og:description"] == "Over schulden en wat helpt."
    voorwaarde = Voorwaarde.objects.get(slug="sociale-cohesie")
    data = json_ld(client.get(voorwaarde.get_absolute_url()))
    assert (data["@type"], data["name"]) == ("DefinedTerm", voorwaarde.naam)
    assert data["inDefinedTermSet"] == "http://testserver/sociale-kwaliteit/"
    assert data["description"] == voorwaarde.samenvatting


def test_gemeente_is_an_administrative_area_with_its_cbs_code(client, make_gemeente):
    gemeente = make_gemeente("Heumen", cbs_code="GM0252")
    data = json_ld(client.get(gemeente.get_absolute_url()))
    assert data["@type"] == "AdministrativeArea"
    assert data["name"] == "Heumen"
    assert data["identifier"]["value"] == "GM0252"
