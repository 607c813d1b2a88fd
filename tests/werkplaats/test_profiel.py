"""The werkplaats' profile: one place for its name, region and contact, shown everywhere and
changed by the beheerder in the admin."""

import pytest
from django.core import mail

from werkplaats.models import Profiel
from werkplaats.views import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiel(make_organisatie, make_persoon):
    lectoraat = make_organisatie("Lectoraat Sociale Innovatie", soort="lectoraat")
    contact = make_persoon("Marijke Vos", functie="lector", email="m.vos@example.nl")
    return Profiel.objects.create(
        naam="Werkplaats Sociaal Domein",
        regio="Noord-Holland Noord",
        omschrijving="Samen leren in het sociaal domein van de kop van Noord-Holland.",
        lectoraat=lectoraat,
        contactpersoon=contact,
        email="werkplaats@example.nl",
        telefoon="072 518 35 00",
        postadres="Postbus 1\n1800 AA Alkmaar",
    )


def test_another_werkplaats_runs_the_portal_with_its_own_profile(client, profiel):
    home = client.get("/").content.decode()
    assert "Werkplaats Sociaal Domein Noord-Holland Noord</title>" in home
    assert "Noord-Holland Noord" in home and "Marijke Vos" in home
    assert "Arnhem" not in home and "Nijmegen" not in home and "Verharen" not in home

    contact = client.get("/contact/").content.decode()
    for fact in (
        "werkplaats@example.nl",
        "072 518 35 00",
        "Postbus 1",
        "Lectoraat Sociale Innovatie",
    ):
        assert fact in contact


def test_without_a_profile_the_site_names_no_region_and_no_person(client):
    page = client.get("/").content.decode()
    assert client.get("/contact/").status_code == 200
    assert "Arnhem" not in page and "Verharen" not in page


def test_a_change_in_the_admin_shows_on_the_next_page(
    admin_client, client, profiel, django_capture_on_commit_callbacks
):
    assert "Noord-Holland Noord" in client.get("/").content.decode()  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/beheer/werkplaats/profiel/{profiel.pk}/change/",
            {
                "naam": "Werkplaats Sociaal Domein",
                "regio": "Kop van Noord-Holland",
                "email": "werkplaats@example.nl",
                "links-TOTAL_FORMS": "0",
                "links-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:500]
    page = client.get("/").content.decode()
    assert "Kop van Noord-Holland" in page and "Noord-Holland Noord" not in page


def test_renaming_the_contact_person_shows_once_it_is_committed(
    client, profiel, django_capture_on_commit_callbacks
):
    assert "Marijke Vos" in client.get("/").content.decode()
    contact = profiel.contactpersoon
    with django_capture_on_commit_callbacks(execute=True):
        contact.naam = "Marijke de Vos"
        contact.save()
        assert "Marijke Vos" in client.get("/").content.decode()  # not committed yet
    assert "Marijke de Vos" in client.get("/").content.decode()


def test_saving_another_organisation_keeps_the_cached_profile(
    client, profiel, make_organisatie, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks() as callbacks:
        make_organisatie("Buurtwerk Alkmaar")
    assert callbacks == []


def test_the_profile_is_read_once_and_then_kept(client, profiel, django_assert_num_queries):
    client.get("/contact/")
    with django_assert_num_queries(1):  # the links of the contact page; the profile is kept
        client.get("/contact/")


def test_emails_are_signed_with_the_profile(client, profiel, make_user):
    make_user("lid@example.nl")
    client.post("/accounts/password/reset/", {"email": "lid@example.nl"})
    assert "Werkplaats Sociaal Domein Noord-Holland Noord" in mail.outbox[0].body


def test_the_500_page_names_the_werkplaats(rf, profiel):
    page = server_error(rf.get("/")).content.decode()
    assert "Er ging iets mis" in page and "Noord-Holland Noord" in page
