"""/mijn/: a signed-in user subscribes with one click (recorded as consent) and withdraws."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nieuwsbrief.consent import TOESTEMMING_TEKST
from nieuwsbrief.models import Afmelding, Inschrijving
from nieuwsbrief.services import inschrijving_aanvragen

pytestmark = pytest.mark.django_db


def test_one_click_subscribes_at_once_and_records_the_consent(client, verklaring, make_user):
    user = make_user("carinda@example.nl", first_name="Carinda", last_name="Jansen")
    Afmelding.objects.create(email=user.email)
    client.force_login(user)
    page = client.get("/mijn/").content.decode()
    assert TOESTEMMING_TEKST in page and 'href="/privacy/"' in page

    response = client.post("/nieuwsbrief/inschrijven/mijn/", follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    html = response.content.decode()
    assert "Je bent ingeschreven voor de nieuwsbrief." in html
    assert "Je ontvangt de nieuwsbrief op carinda@example.nl" in html

    record = Inschrijving.objects.actief().get()
    assert record.user == user and record.naam == "Carinda Jansen"
    assert record.toestemming_pagina == "/mijn/"
    assert record.toestemming_tekst == TOESTEMMING_TEKST and record.privacy_versie == 1
    assert record.bevestigd_at == record.toestemming_at
    assert not Afmelding.objects.exists()

    client.post("/nieuwsbrief/inschrijven/mijn/")  # a second click changes nothing
    assert Inschrijving.objects.count() == 1


def test_a_waiting_guest_subscription_is_replaced_by_the_one_click(client, verklaring, make_user):
    user = make_user("carinda@example.nl")
    inschrijving_aanvragen(email="Carinda@example.nl", pagina="/nieuwsbrief/")
    client.force_login(user)
    assert "wacht nog op bevestiging" in client.get("/mijn/").content.decode()
    client.post("/nieuwsbrief/inschrijven/mijn/")
    assert Inschrijving.objects.get().is_actief


def test_withdrawing_from_mijn_takes_one_click_and_comes_back(client, verklaring, make_user):
    user = make_user()
    client.force_login(user)
    client.post("/nieuwsbrief/inschrijven/mijn/")
    html = client.get("/mijn/").content.decode()
    assert "Afmelden voor de nieuwsbrief" in html
    assert 'name="actie" value="afmelden"' in html
    response = client.post("/nieuwsbrief/inschrijven/mijn/", {"actie": "afmelden"}, follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert "Je bent afgemeld voor de nieuwsbrief." in response.content.decode()
    assert not Inschrijving.objects.actief().exists()
    assert "Inschrijven voor de nieuwsbrief" in response.content.decode()


def test_subscribing_from_mijn_needs_a_login_and_a_post(client, verklaring, make_user):
    response = client.post("/nieuwsbrief/inschrijven/mijn/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user())
    assert client.get("/nieuwsbrief/inschrijven/mijn/").status_code == 405
    assert not Inschrijving.objects.exists()


def test_the_nieuwsbrief_section_costs_the_dashboard_one_query(
    client, verklaring, make_user, django_assert_num_queries
):
    user = make_user()
    client.force_login(user)
    client.get("/mijn/")  # the first request renews the session's idle period (one write)
    with CaptureQueriesContext(connection) as without:
        client.get("/mijn/")
    count = len(without)  # now: the requests below empty the connection's query log
    nieuwsbrief = [q for q in without.captured_queries if "nieuwsbrief_" in q["sql"]]
    assert len(nieuwsbrief) == 1
    client.post("/nieuwsbrief/inschrijven/mijn/")
    client.get("/mijn/")  # shows the message
    with django_assert_num_queries(count):
        response = client.get("/mijn/")
    assert "Je ontvangt de nieuwsbrief" in response.content.decode()
