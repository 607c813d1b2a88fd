"""/werkgroepen/ and a werkgroep's page: what they show (only published publicaties), what
they cost in queries, and the werkgroep as schema.org sees it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from landelijk.models import Lidmaatschap, WerkgroepActiviteit
from tests.page_metadata import json_ld

pytestmark = pytest.mark.django_db


def test_the_list_shows_each_werkgroep_with_its_hoofdthema_and_members(
    client, lerende_praktijken, make_werkgroep
):
    make_werkgroep("Armoede", samenvatting="Samen tegen armoede.")
    html = client.get("/werkgroepen/").content.decode()
    assert "Landelijke werkgroepen" in html
    assert 'href="/werkgroepen/lerende-praktijken/"' in html
    assert "Leren van lerende praktijken in het sociaal domein" in html
    assert "Lerende praktijken</a>" in html  # the hoofdthema, linked
    assert "2 leden" in html and "0 leden" in html
    assert html.index("Armoede") < html.index("Lerende Praktijken")  # by name


def test_the_list_says_so_when_there_is_none(client):
    assert "nog geen landelijke werkgroepen" in client.get("/werkgroepen/").content.decode()


def test_the_page_shows_members_with_their_werkplaats_leerateliers_and_activities(
    client, lerende_praktijken
):
    response = client.get("/werkgroepen/lerende-praktijken/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>beschrijven</strong>" in html  # Markdown
    assert "Landelijk hoofdthema" in html
    assert "Erik Jansen</a>" in html
    nijmegen = lerende_praktijken.werkplaatsen.get(naam__contains="Nijmegen")
    assert (
        f'contactpersoon, namens <a href="/werkplaatsen/{nijmegen.slug}/">'
        "Werkplaats Sociaal Domein Arnhem en Nijmegen</a>"
    ) in html
    assert "mailto:erik.jansen@example.nl" in html  # a public contact address
    assert "Werkplaats Sociaal Domein Utrecht</a>" in html
    assert "Evalueren van sociale interventies</a>" in html
    assert "Rondgang langs 17 leernetwerken" in html
    assert "van 1 februari 2020 tot en met 30 juni 2020" in html
    assert "Conceptueel kader" in html and "Loopt" in html
    assert "Landelijke werkgroepdag" in html
    assert 'href="/werkgroepen/"' in html  # the breadcrumbs lead to the list


def test_a_concept_publicatie_is_shown_nowhere_on_the_page(client, lerende_praktijken):
    html = client.get("/werkgroepen/lerende-praktijken/").content.decode()
    body = html.split("</head>")[1]
    assert body.count("Een rondgang langs 17 leernetwerken") == 2  # publicaties and result
    assert "Handreiking in de maak" not in html  # not in the body, not in the JSON-LD


def test_a_publicatie_that_goes_back_to_concept_disappears(client, lerende_praktijken):
    from publicaties.models import Publicatie, Status

    Publicatie.objects.update(status=Status.CONCEPT)
    html = client.get("/werkgroepen/lerende-praktijken/").content.decode()
    assert "Een rondgang langs 17 leernetwerken" not in html
    assert "nog geen publicaties van deze werkgroep" in html


@pytest.mark.parametrize(
    "path", ["/werkgroepen/bestaat-niet/", "/werkgroepen/%3Cscript%3E/", "/werkgroepen/x%00/"]
)
def test_an_unknown_werkgroep_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_the_werkgroep_is_a_schema_org_project(client, lerende_praktijken):
    data = json_ld(client.get("/werkgroepen/lerende-praktijken/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Project"
    assert data["name"] == "Lerende Praktijken"
    assert data["alternateName"] == "Leren van lerende praktijken in het sociaal domein"
    assert data["knowsAbout"] == ["Lerende praktijken"]
    roles = [m for m in data["member"] if m["@type"] == "OrganizationRole"]
    assert roles[0]["roleName"] == "contactpersoon"
    assert roles[0]["member"]["name"] == "Erik Jansen"
    assert "email" not in roles[0]["member"]
    people = [m for m in data["member"] if m["@type"] == "Person"]
    assert people[0]["affiliation"]["name"] == "Werkplaats Sociaal Domein Utrecht"
    assert {m["name"] for m in data["member"] if m["@type"] == "Organization"} == {
        "Werkplaats Sociaal Domein Arnhem en Nijmegen",
        "Werkplaats Sociaal Domein Utrecht",
    }
    assert [w["name"] for w in data["subjectOf"]] == ["Een rondgang langs 17 leernetwerken"]
    assert [e["name"] for e in data["event"]] == ["Landelijke werkgroepdag"]


def grow(werkgroep, make_persoon, make_werkplaats, make_publicatie, make_leeratelier, count):
    for _ in range(count):
        werkplaats = make_werkplaats()
        werkgroep.werkplaatsen.add(werkplaats)
        Lidmaatschap.objects.create(
            werkgroep=werkgroep, persoon=make_persoon(), werkplaats=werkplaats
        )
        publicatie = make_publicatie()
        werkgroep.publicaties.add(publicatie)
        werkgroep.leerateliers.add(make_leeratelier())
        WerkgroepActiviteit.objects.create(werkgroep=werkgroep, titel="Iets", publicatie=publicatie)


@pytest.mark.parametrize("path", ["/werkgroepen/", "/werkgroepen/lerende-praktijken/"])
def test_pages_cost_the_same_queries_with_3_and_with_30_of_everything(
    path, lerende_praktijken, make_werkgroep, make_persoon, make_werkplaats, make_publicatie,
    make_leeratelier, django_assert_num_queries,
):  # fmt: skip
    client = Client()
    client.get("/")  # the site profile, read once and then cached
    grow(lerende_praktijken, make_persoon, make_werkplaats, make_publicatie, make_leeratelier, 1)
    make_werkgroep()
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(lerende_praktijken, make_persoon, make_werkplaats, make_publicatie, make_leeratelier, 27)
    for _ in range(5):
        make_werkgroep()
    with django_assert_num_queries(len(few)):
        assert client.get(path).status_code == 200
    assert len(few) <= 14
