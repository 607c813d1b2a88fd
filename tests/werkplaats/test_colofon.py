"""/colofon/: who publishes and maintains the portal, from the werkplaats' profile; the licence
and where the source code is; the sources of fonts and images; and when it last changed."""

import datetime

import pytest
from django.utils import timezone

from werkplaats.models import Profiel

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiel(make_organisatie):
    werkplaats = make_organisatie("Werkplaats Sociaal Domein Twente", soort="werkplaats")
    penvoerder = make_organisatie("Kenniscentrum Welzijn", soort="kennisinstelling")
    return Profiel.objects.create(
        naam="Werkplaats Sociaal Domein",
        regio="Twente",
        organisatie=werkplaats,
        penvoerder=penvoerder,
        email="twente@example.nl",
    )


def colofon(client):
    response = client.get("/colofon/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_publisher_and_maintainer_come_from_the_profile(client, profiel):
    html = colofon(client)
    assert "Werkplaats Sociaal Domein Twente" in html
    assert f'href="{profiel.organisatie.get_absolute_url()}"' in html
    assert "Kenniscentrum Welzijn</a>, de penvoerder, beheert de website" in html
    assert 'href="mailto:twente@example.nl"' in html


def test_the_licence_is_eupl_and_the_source_code_link_comes_from_the_settings(
    client, profiel, settings
):
    settings.SOURCE_CODE_URL = ""
    html = colofon(client)
    assert "EUPL-1.2" in html and "European Union Public Licence, versie 1.2" in html
    assert "vraag haar dan via" in html
    settings.SOURCE_CODE_URL = "https://code.example.nl/werkplaats"
    html = colofon(client)
    assert 'href="https://code.example.nl/werkplaats"' in html
    assert "vraag haar dan via" not in html


def test_fonts_and_images_are_accounted_for(client, profiel):
    html = colofon(client)
    assert "geen lettertypen" in html
    assert "logo" in html and "omslagen" in html


def test_the_last_change_is_when_the_profile_was_saved(
    client, profiel, django_capture_on_commit_callbacks
):
    Profiel.objects.filter(pk=profiel.pk).update(
        gewijzigd_at=timezone.make_aware(datetime.datetime(2026, 3, 9, 12))
    )
    assert "9 maart 2026" in colofon(client)
    profiel.refresh_from_db()
    profiel.regio = "Twente en Achterhoek"
    with django_capture_on_commit_callbacks(execute=True):  # the cached profile is forgotten
        profiel.save()
    html = colofon(client)
    assert "Twente en Achterhoek" in html and "9 maart 2026" not in html


def test_without_a_profile_the_colofon_still_answers(client):
    html = colofon(client)
    assert "Werkplaats Sociaal Domein" in html and "Laatst gewijzigd" not in html


def test_the_colofon_links_the_other_statements(client, profiel):
    html = colofon(client)
    for path in ("/privacy/", "/toegankelijkheid/", "/cookies/", "/beveiliging/"):
        assert f'href="{path}"' in html, path
