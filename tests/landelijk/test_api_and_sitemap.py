"""/api/v1/werkgroepen/ and the sitemap: what the pages show, nothing they keep back."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.portaal.test_sitemap import sitemap

pytestmark = pytest.mark.django_db


def test_the_collection_gives_each_werkgroep_as_its_page_shows_it(client, lerende_praktijken):
    body = client.get("/api/v1/werkgroepen/").json()
    assert body["count"] == 1
    werkgroep = body["results"][0]
    assert werkgroep["url"] == "http://testserver/werkgroepen/lerende-praktijken/"
    assert werkgroep["api_url"] == "http://testserver/api/v1/werkgroepen/lerende-praktijken/"
    assert werkgroep["hoofdthema"]["naam"] == "Lerende praktijken"
    assert werkgroep["website"] is None
    assert [
        (lid["persoon"]["naam"], lid["werkplaats"]["naam"], lid["rol"])
        for lid in werkgroep["leden"]
    ] == [
        ("Anna de Wit", "Werkplaats Sociaal Domein Utrecht", ""),
        ("Erik Jansen", "Werkplaats Sociaal Domein Arnhem en Nijmegen", "contactpersoon"),
    ]
    assert [p["titel"] for p in werkgroep["publicaties"]] == ["Een rondgang langs 17 leernetwerken"]
    assert [
        (a["titel"], a["publicatie"] and a["publicatie"]["titel"])
        for a in werkgroep["activiteiten"]
    ] == [
        ("Rondgang langs 17 leernetwerken", "Een rondgang langs 17 leernetwerken"),
        ("Conceptueel kader", None),
    ]
    assert [b["titel"] for b in werkgroep["bijeenkomsten"]] == ["Landelijke werkgroepdag"]
    assert [a["titel"] for a in werkgroep["leerateliers"]] == ["Evalueren van sociale interventies"]
    detail = client.get(werkgroep["api_url"])
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "Handreiking in de maak" not in text
    assert "erik.jansen@example.nl" not in text and "@" not in text


def test_the_collection_filters_and_answers_bad_filters_with_a_problem(
    client, lerende_praktijken, make_werkgroep, make_werkplaats, make_persoon
):
    twente = make_werkplaats("Werkplaats Sociaal Domein Twente")
    make_werkgroep("Armoede", leden=[(make_persoon(), twente, "")])

    def names(**query):
        response = client.get("/api/v1/werkgroepen/", query)
        assert response.status_code == 200, response.content
        return [row["naam"] for row in response.json()["results"]]

    assert names() == ["Armoede", "Lerende Praktijken"]
    assert names(hoofdthema="lerende-praktijken") == ["Lerende Praktijken"]
    assert names(werkplaats=twente.slug) == ["Armoede"]
    assert names(leeratelier="evalueren-van-sociale-interventies") == ["Lerende Praktijken"]
    response = client.get("/api/v1/werkgroepen/", {"werkplaats": "<script>"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/werkgroepen/bestaat-niet/").status_code == 404


def test_the_collection_costs_the_same_queries_however_many_werkgroepen(
    client, lerende_praktijken, make_werkgroep, make_persoon, django_assert_num_queries
):
    client.get("/api/v1/werkgroepen/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/werkgroepen/")
    for _ in range(10):
        make_werkgroep(leden=[(make_persoon(), None, "")])
    with django_assert_num_queries(len(few)):
        assert client.get("/api/v1/werkgroepen/").json()["count"] == 11


def test_the_sitemap_lists_the_list_and_every_werkgroep_with_its_last_change(
    client, lerende_praktijken
):
    listed = sitemap(client)
    assert "/werkgroepen/" in listed
    gewijzigd = timezone.localdate(lerende_praktijken.gewijzigd_at)
    assert listed["/werkgroepen/lerende-praktijken/"] == gewijzigd.isoformat()
