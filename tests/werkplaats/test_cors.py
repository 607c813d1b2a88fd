"""Open data, feeds and calendars may be read by scripts on other sites; nothing else may."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from werkplaats.http import allow_any_origin

pytestmark = pytest.mark.django_db

ORIGIN = "https://elders.example"

OPEN_TO_ANY_ORIGIN = [
    "/netwerk.json",
    "/feeds/publicaties/",
    "/feeds/publicaties/rss/",
    "/feeds/podcast/",
    "/feeds/kennisclips/",
    "/feeds/leerateliers/armoede/",
    "/feeds/bijeenkomsten.ics",
    "/feeds/leerateliers/armoede/bijeenkomsten.ics",
    "/nieuwsbrief/feed/",
]


@pytest.fixture
def armoede(make_leeratelier):
    return make_leeratelier("Armoede", slug="armoede")


@pytest.mark.parametrize("path", OPEN_TO_ANY_ORIGIN)
def test_get_and_head_may_be_read_from_any_origin_without_credentials(client, armoede, path):
    for response in (
        client.get(path, HTTP_ORIGIN=ORIGIN),
        client.head(path, HTTP_ORIGIN=ORIGIN),
    ):
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("path", OPEN_TO_ANY_ORIGIN)
def test_a_preflight_for_get_is_answered_without_content(client, armoede, path):
    response = client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
    allowed_headers = response["Access-Control-Allow-Headers"].lower().split(", ")
    assert {"if-none-match", "if-modified-since"} <= set(allowed_headers)
    assert int(response["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response


def test_other_methods_get_no_cors_header_even_where_reads_are_open(client):
    response = client.post("/feeds/bijeenkomsten.ics", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response


def test_form_pages_are_not_open_to_other_origins(client):
    assert "Access-Control-Allow-Origin" not in client.get("/nieuwsbrief/", HTTP_ORIGIN=ORIGIN)
    response = client.post("/nieuwsbrief/", {"email": "iemand@example.org"}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code in (200, 302)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        "/nieuwsbrief/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_the_preflight_is_answered_before_the_view_runs():
    calls = []

    def view(request):
        calls.append(request.method)
        return HttpResponse("ok")

    wrapped = allow_any_origin(view)
    request = RequestFactory().options(
        "/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert wrapped(request).status_code == 204
    assert calls == []
    assert wrapped(RequestFactory().get("/"))["Access-Control-Allow-Origin"] == "*"
    assert calls == ["GET"]
    assert wrapped.__name__ == "view"
