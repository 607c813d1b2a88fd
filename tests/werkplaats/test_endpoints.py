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


def security_txt_fields(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, _colon, value = line.partition(": ")
        fields[name] = value
    return fields


def test_security_txt_names_the_contact_expiry_and_policy(client, settings):
    from datetime import UTC, datetime, timedelta

    settings.SECURITY_CONTACT = "security@werkplaats.example"

    fields = security_txt_fields(client)

    assert fields["Contact"] == "mailto:security@werkplaats.example"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(days=30) < expires - datetime.now(UTC) < timedelta(days=365)  # RFC 9116
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    policy = client.get(fields["Policy"].removeprefix("http://testserver"))
    assert policy.status_code == 200
    page = policy.content.decode()
    assert "<h1>Kwetsbaarheid melden</h1>" in page
    assert 'href="mailto:security@werkplaats.example"' in page


def test_security_txt_falls_back_to_the_werkplaats_address(client, settings):
    from werkplaats.models import Profiel

    settings.SECURITY_CONTACT = ""
    Profiel.objects.create(naam="Werkplaats Sociaal Domein Twente", email="info@wsd.example")

    assert security_txt_fields(client)["Contact"] == "mailto:info@wsd.example"
    assert "Kwetsbaarheid melden" in client.get("/").content.decode()  # linked from every page
