"""/api/v1/onderwijsactiviteiten/ and /api/v1/opleidingen/: what the pages show, never a
student's name unless the student chose so."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onderwijs.models import Soort, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def expositie(make_activiteit, make_werk, make_leeratelier, make_praktijk, make_opleiding):
    atelier = make_leeratelier("Armoede en schulden")
    msw = make_opleiding("Master Social Work", afkorting="MSW", niveau="master")
    activiteit = make_activiteit(
        "Verhalenkamer",
        relations={
            "leerateliers": [atelier],
            "praktijken": [make_praktijk(atelier, "Verhalenkamer armoede")],
            "opleidingen": [msw],
        },
    )
    make_werk(activiteit, "Met naam", naam="Ahmed Yilmaz", naam_tonen=True)
    make_werk(activiteit, "Zonder naam", naam="Sanne de Vries")
    make_werk(activiteit, "Geen toestemming", naam="Lotte Jansen", toestemming=False)
    make_werk(activiteit, "Foto", soort="foto", image=True, naam="Sanne de Vries")
    make_activiteit("Concept", status=Status.CONCEPT)
    return activiteit


def test_published_activities_with_their_expositie(client, expositie):
    response = client.get("/api/v1/onderwijsactiviteiten/")
    assert response.status_code == 200
    body = response.json()
    assert [row["titel"] for row in body["results"]] == ["Verhalenkamer"]
    row = body["results"][0]
    assert row["url"] == "http://testserver/onderwijs/verhalenkamer/"
    assert [o["naam"] for o in row["opleidingen"]] == ["Master Social Work"]
    assert [a["slug"] for a in row["leerateliers"]] == ["armoede-en-schulden"]
    assert [p["titel"] for p in row["praktijken"]] == ["Verhalenkamer armoede"]
    works = {work["titel"]: work for work in row["studentwerk"]}
    assert set(works) == {"Met naam", "Zonder naam", "Foto"}
    assert works["Met naam"]["naam"] == "Ahmed Yilmaz"
    assert works["Zonder naam"]["naam"] is None
    assert works["Foto"]["afbeelding"].endswith("-800.jpg")
    assert works["Foto"]["afbeelding_alt"]
    assert works["Zonder naam"]["url"].endswith(
        f"/onderwijs/verhalenkamer/#werk-{_pk(expositie, 'Zonder naam')}"
    )


def _pk(activiteit, titel):
    return activiteit.studentwerk.get(titel=titel).pk


def test_no_hidden_name_and_no_consent_record_anywhere_in_the_api(client, expositie):
    text = json.dumps(
        [
            client.get("/api/v1/onderwijsactiviteiten/").json(),
            client.get("/api/v1/onderwijsactiviteiten/verhalenkamer/").json(),
        ]
    )
    assert "Sanne de Vries" not in text and "Lotte Jansen" not in text
    assert "Geen toestemming" not in text
    assert "toestemming_at" not in text and "formulier" not in text


def test_a_concept_is_a_404_problem(client, expositie):
    response = client.get("/api/v1/onderwijsactiviteiten/concept/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_filters_as_on_the_page(client, expositie, make_activiteit):
    make_activiteit("Evaluatie", soort=Soort.EVALUATIE)
    for query, titels in [
        ("soort=evaluatie", ["Evaluatie"]),
        ("opleiding=master-social-work", ["Verhalenkamer"]),
        ("leeratelier=armoede-en-schulden", ["Verhalenkamer"]),
    ]:
        body = client.get(f"/api/v1/onderwijsactiviteiten/?{query}").json()
        assert [row["titel"] for row in body["results"]] == titels, query
    bad = client.get("/api/v1/onderwijsactiviteiten/?soort=onzin")
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "soort"


def test_opleidingen_with_their_hogeschool(client, expositie):
    body = client.get("/api/v1/opleidingen/").json()
    (row,) = body["results"]
    assert row["naam"] == "Master Social Work" and row["afkorting"] == "MSW"
    assert row["niveau_naam"] == "Master"
    assert row["url"] == "http://testserver/onderwijs/?opleiding=master-social-work"
    assert row["website"] is None
    assert "api/v1/opleidingen/master-social-work/" in row["api_url"]


def test_the_collections_are_in_the_root_and_the_openapi_document(client):
    collections = client.get("/api/v1/").json()["collections"]
    assert {"onderwijsactiviteiten", "opleidingen"} <= set(collections)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/onderwijsactiviteiten/" in paths


def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, expositie, make_activiteit, make_werk
):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/onderwijsactiviteiten/").status_code == 200
        return len(captured)

    before = count()
    for number in range(5):
        make_werk(make_activiteit(f"Nog een {number}"))
    assert count() == before
