"""/mijn/: what each kind of account sees, following, email choices, and fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leerateliers.models import Abonnement, Frequentie

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_a_login(client):
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/mijn/"


def test_a_trekker_sees_their_leeratelier_with_concepts_and_a_write_button(
    client, world, make_update
):
    make_update(world.a, titel="Nog niet af", status="concept")
    make_update(world.b, titel="Van een ander atelier")
    client.force_login(world.trekker)
    content = client.get("/mijn/").content.decode()
    assert "Welkom, Carinda Jansen." in content
    assert "Leerateliers die ik trek" in content
    assert "Nog niet af" in content and "Concept" in content
    assert f"/leerateliers/{world.a.slug}/updates/nieuw/" in content
    assert "Van een ander atelier" not in content
    assert "Deelname van" not in content


def test_a_partner_sees_the_roles_of_their_organisation_with_the_three_actions(client, world):
    client.force_login(world.partner)
    content = client.get("/mijn/").content.decode()
    assert "Deelname van Krachtige Kernen" in content
    base = f"/mijn/organisaties/{world.organisatie.slug}"
    assert f"{base}/{world.a.slug}/arena/" in content  # on the tribune of A
    assert f"{base}/{world.a.slug}/tribune/" not in content
    assert f"{base}/{world.b.slug}/tribune/" in content  # in the arena of B
    assert f"{base}/{world.a.slug}/stoppen/" in content
    assert "Zorgalliantie" not in content
    assert "Leerateliers die ik trek" not in content


def test_following_and_unfollowing_a_leeratelier(client, world):
    client.force_login(world.stranger)
    page = client.get(world.a.get_absolute_url()).content.decode()
    assert "Volgen" in page
    client.post(f"/mijn/volgen/{world.a.slug}/", {"volgen": "on"})
    assert Abonnement.objects.following().filter(user=world.stranger, leeratelier=world.a).exists()
    assert "Niet meer volgen" in client.get(world.a.get_absolute_url()).content.decode()
    assert world.a.titel in client.get("/mijn/").content.decode()

    client.post(f"/mijn/volgen/{world.a.slug}/", {"next": "/mijn/"})
    assert not Abonnement.objects.following().filter(user=world.stranger).exists()


@pytest.mark.parametrize("target", ["https://example.com/", "-396", "' OR '1'='1", "mijn"])
def test_follow_is_a_post_and_never_redirects_elsewhere(client, world, target):
    client.force_login(world.stranger)
    assert client.get(f"/mijn/volgen/{world.a.slug}/").status_code == 405
    response = client.post(f"/mijn/volgen/{world.a.slug}/", {"volgen": "on", "next": target})
    assert response["Location"] == world.a.get_absolute_url()


def test_anonymous_visitors_are_invited_to_log_in_to_follow(client, world):
    content = client.get(world.a.get_absolute_url()).content.decode()
    assert f"/accounts/login/?next=/leerateliers/{world.a.slug}/" in content


def test_email_choices_per_leeratelier(client, world):
    client.force_login(world.partner)
    client.post(f"/mijn/volgen/{world.b.slug}/", {"volgen": "on"})
    page = client.get("/mijn/meldingen/").content.decode()
    assert world.a.titel in page and world.b.titel in page  # via the organisation, followed
    client.post(
        "/mijn/meldingen/",
        {f"leeratelier-{world.a.pk}": "wekelijks", f"leeratelier-{world.b.pk}": "nooit"},
    )
    chosen = dict(
        Abonnement.objects.filter(user=world.partner).values_list("leeratelier", "frequentie")
    )
    assert chosen == {world.a.pk: Frequentie.WEKELIJKS, world.b.pk: Frequentie.NOOIT}
    assert Abonnement.objects.get(user=world.partner, leeratelier=world.b).volgt


def test_a_bad_email_choice_is_refused_in_dutch(client, world):
    client.force_login(world.partner)
    response = client.post("/mijn/meldingen/", {f"leeratelier-{world.a.pk}": "elk-uur"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Abonnement.objects.filter(user=world.partner).exists()


@pytest.mark.parametrize("who", ["trekker", "partner"])
def test_the_dashboard_query_count_does_not_grow_with_the_network(
    client, world, who, make_update, make_leeratelier, django_assert_num_queries
):
    from leerateliers.models import Rol
    from leerateliers.services import deelname_set_rol

    user = getattr(world, who)
    client.force_login(user)
    client.get("/mijn/")  # the first request renews the session's idle period (one write)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/mijn/").status_code == 200
    count = len(small)  # now: the requests below empty the connection's query log
    for number in range(8):
        atelier = make_leeratelier(f"Extra atelier {number}")
        deelname_set_rol(organisatie=world.organisatie, leeratelier=atelier, rol=Rol.TRIBUNE)
        make_update(world.a, titel=f"Extra update {number}")
        client.post(f"/mijn/volgen/{atelier.slug}/", {"volgen": "on"})
    with django_assert_num_queries(count):
        response = client.get("/mijn/")
    assert "Extra atelier 7" in response.content.decode()


def test_following_again_after_unsubscribing_brings_the_emails_back(client, world):
    client.force_login(world.stranger)
    client.post(f"/mijn/volgen/{world.a.slug}/", {"volgen": "on"})
    client.post("/mijn/meldingen/", {f"leeratelier-{world.a.pk}": "nooit"})
    client.post(f"/mijn/volgen/{world.a.slug}/", {"next": "/mijn/"})  # unfollow
    client.post(f"/mijn/volgen/{world.a.slug}/", {"volgen": "on"})
    abonnement = Abonnement.objects.get(user=world.stranger, leeratelier=world.a)
    assert (abonnement.volgt, abonnement.frequentie) == (True, Frequentie.DIRECT)


def test_a_form_without_its_csrf_token_gets_a_dutch_page_and_changes_nothing(world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.stranger)
    response = browser.post(f"/mijn/volgen/{world.a.slug}/", {"volgen": "on"})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()
    assert not Abonnement.objects.filter(user=world.stranger).exists()
