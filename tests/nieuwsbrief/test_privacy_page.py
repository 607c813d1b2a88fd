"""/privacy/: the privacyverklaring in force with its version and date, earlier versions by
their number, linked from the footer, the forms that ask for personal data and the demo."""

import datetime

import pytest
from django.utils import timezone

from werkplaats.demo import load_privacyverklaringen
from werkplaats.fixtures import Loader, read
from werkplaats.models import Privacyverklaring
from werkplaats.text import render_markdown

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def versies(db):
    make = Privacyverklaring.objects.create
    return [
        make(versie=1, geldig_vanaf=datetime.date(2026, 1, 1), tekst="De eerste tekst."),
        make(versie=2, geldig_vanaf=TODAY, tekst="# Cookies\n\nAlleen functionele."),
        make(versie=3, geldig_vanaf=TODAY + datetime.timedelta(days=14), tekst="Nog niet."),
    ]


def test_the_page_shows_the_version_in_force_and_links_the_earlier_ones(client, versies):
    response = client.get("/privacy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Cookies</h2>" in html
    assert f"Versie 2, geldig vanaf {TODAY.day} " in html
    assert 'href="/privacy/1/"' in html
    assert "Nog niet." not in html and 'href="/privacy/3/"' not in html


def test_an_earlier_version_stays_readable_and_says_which_one_holds_now(client, versies):
    html = client.get("/privacy/1/").content.decode()
    assert "De eerste tekst." in html
    assert "Versie 1, geldig vanaf 1 januari 2026." in html
    assert "Dit is een eerdere versie." in html and 'href="/privacy/2/"' in html


@pytest.mark.parametrize("path", ["/privacy/3/", "/privacy/99/", "/privacy/0/"])
def test_a_version_not_in_force_yet_or_unknown_is_not_found(client, versies, path):
    assert client.get(path).status_code == 404


def test_without_a_privacyverklaring_the_page_says_so_in_dutch(client, db):
    response = client.get("/privacy/")
    assert response.status_code == 404
    assert "De privacyverklaring is nog niet gepubliceerd." in response.content.decode()


def test_the_page_costs_the_same_queries_however_many_versions(
    client, versies, django_assert_num_queries
):
    client.get("/privacy/")  # the profile is cached from here on
    with django_assert_num_queries(2):
        client.get("/privacy/")
    for versie in range(4, 14):
        Privacyverklaring.objects.create(
            versie=versie, geldig_vanaf=datetime.date(2026, 2, versie), tekst="Oud."
        )
    with django_assert_num_queries(2):
        client.get("/privacy/")


def test_the_footer_the_signup_form_and_the_guest_registration_link_to_it(
    client, versies, make_bijeenkomst
):
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert 'href="/privacy/"' in footer
    signup = client.get("/accounts/signup/").content.decode().split("<footer", 1)[0]
    assert 'href="/privacy/"' in signup
    bijeenkomst = make_bijeenkomst()
    detail = client.get(bijeenkomst.get_absolute_url()).content.decode().split("<footer", 1)[0]
    assert 'href="/privacy/"' in detail


def test_the_demo_has_versions_the_newest_in_force_and_it_says_je(db):
    loader = Loader()
    load_privacyverklaringen(loader, read("site"))
    load_privacyverklaringen(loader, read("site"))  # create-only: a second load adds nothing
    versies = list(Privacyverklaring.objects.order_by("versie"))
    assert [v.versie for v in versies] == [1, 2]
    assert versies[0].geldig_vanaf < versies[1].geldig_vanaf
    verklaring = Privacyverklaring.objects.geldend()
    assert verklaring == versies[1]
    assert "Reacties" in verklaring.tekst and "Reacties" not in versies[0].tekst
    html = render_markdown(verklaring.tekst)
    assert 'href="/contact/"' in html and "Mijn werkplaats" in html
    assert " je " in verklaring.tekst and " u " not in verklaring.tekst.lower()


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer@example.nl", "x" * 20))
    return client


def test_in_the_admin_a_version_in_force_is_read_only_and_a_new_one_is_added(admin_client, versies):
    current, later = versies[1], versies[2]
    page = admin_client.get(f"/beheer/werkplaats/privacyverklaring/{current.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin_client.post(
        f"/beheer/werkplaats/privacyverklaring/{current.pk}/change/",
        {"versie": 2, "geldig_vanaf": TODAY.isoformat(), "tekst": "Anders."},
    )
    assert response.status_code == 403
    assert (
        admin_client.get(f"/beheer/werkplaats/privacyverklaring/{current.pk}/delete/").status_code
        == 403
    )
    # A version still to come may be changed; a new one may not start in the past.
    assert (
        admin_client.get(f"/beheer/werkplaats/privacyverklaring/{later.pk}/change/").status_code
        == 200
    )
    refused = admin_client.post(
        "/beheer/werkplaats/privacyverklaring/add/",
        {"versie": 4, "geldig_vanaf": "2026-01-02", "tekst": "Terug in de tijd."},
    )
    assert "niet met terugwerkende kracht" in refused.content.decode()
    refused = admin_client.post(
        "/beheer/werkplaats/privacyverklaring/add/",
        {"versie": 1, "geldig_vanaf": TODAY.isoformat(), "tekst": "Lager nummer."},
    )
    assert "Kies een hoger versienummer dan 2" in refused.content.decode()
    added = admin_client.post(
        "/beheer/werkplaats/privacyverklaring/add/",
        {
            "versie": 4,
            "geldig_vanaf": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "tekst": "Nieuw.",
        },
    )
    assert added.status_code == 302
    assert Privacyverklaring.objects.count() == 4
