"""The project's own endpoints and error pages."""

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("werkplaats.views.connection.cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Cache-Control"].startswith("max-age=0")


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /beheer/" in response.content.decode()


def test_favicon_request_is_sent_to_the_logo(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/logo.svg")


def test_unknown_page_gets_the_404_page_in_the_site_style(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in content
    assert 'lang="nl"' in content and "Naar de inhoud" in content


def test_server_error_gets_the_500_page_in_the_site_style(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("portaal.views.HomeView.get_context_data", broken)
    client.raise_request_exception = False
    response = client.get(reverse("portaal:home"))
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant" in response.content.decode()
