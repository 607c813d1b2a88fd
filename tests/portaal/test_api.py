"""The conventions every endpoint of the read-only API keeps (the Dutch API Design Rules where
they fit): version, problems in Dutch, ETag, CORS, a rate limit, pages, and the documentation."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache

from werkplaats.rest import ClientRateThrottle

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "https://elders.example"}


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()


def test_the_root_names_every_collection_the_document_and_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["API-Version"] == settings.API_VERSION
    body = response.json()
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert body["documentation"] == "http://testserver/api/"
    assert body["collections"], "every app's endpoints are registered"
    for url in body["collections"].values():
        assert client.get(url).status_code == 200, url


def test_the_openapi_document_describes_every_collection(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == settings.API_VERSION
    collections = client.get("/api/v1/").json()["collections"]
    for url in collections.values():
        assert url.removeprefix("http://testserver") in document["paths"], url


def test_the_documentation_page_lists_the_endpoints(client):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in client.get("/api/v1/").json()["collections"].values():
        assert f"GET {url.removeprefix('http://testserver')}" in html


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("get", "/api/v1/bestaat-niet/", 404, "Niet gevonden"),
        ("post", "/api/v1/", 405, "Methode niet toegestaan"),
        ("delete", "/api/v1/openapi.json", 405, "Methode niet toegestaan"),
    ],
)
def test_errors_are_problems_with_a_dutch_title(client, method, path, status, title):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["status"] == status
    assert problem["title"] == title
    assert problem["detail"]
    assert problem["instance"] == path


def test_an_unchanged_answer_is_not_sent_again(client):
    first = client.get("/api/v1/openapi.json")
    etag = first["ETag"]
    assert etag.startswith('"') or etag.startswith('W/"')
    again = client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["API-Version"] == settings.API_VERSION
    other = client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH='"iets-anders"')
    assert other.status_code == 200


def test_scripts_on_any_site_may_read_it(client):
    response = client.get("/api/v1/", **ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/v1/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **ORIGIN)
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    not_modified = client.get("/api/v1/", HTTP_IF_NONE_MATCH=response["ETag"], **ORIGIN)
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "*"


def test_a_client_over_the_limit_is_told_when_to_come_back(client, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "rate", "3/min", raising=False)
    for _ in range(3):
        assert client.get("/api/v1/").status_code == 200
    response = client.get("/api/v1/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 0 < int(response["Retry-After"]) <= 60
    assert json.loads(response.content)["title"] == "Te veel verzoeken"
    # Another client is not held back by the first one.
    assert client.get("/api/v1/", REMOTE_ADDR="192.0.2.7").status_code == 200
