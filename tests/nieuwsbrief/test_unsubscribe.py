"""Withdrawing: one click from every edition (RFC 8058, without a session or CSRF token) and
from /mijn/; the record stays with the date it ended, and no edition goes to the address."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from nieuwsbrief.links import unsubscribe_url
from nieuwsbrief.models import Afmelding, Inschrijving

from .conftest import link_in

pytestmark = pytest.mark.django_db


def unsubscribe_path(email):
    return urlsplit(unsubscribe_url(email)).path


@pytest.fixture
def actief(client, subscribe):
    subscribe()
    client.post(link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/"))
    return Inschrijving.objects.actief().get()


def test_one_click_unsubscribe_by_post_without_a_session_or_csrf_token(actief):
    """RFC 8058: the mail program POSTs ``List-Unsubscribe=One-Click`` to the link in
    ``List-Unsubscribe``, with no cookies and no token."""
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        unsubscribe_path("anna@example.nl"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    actief.refresh_from_db()
    assert actief.afgemeld_at is not None
    assert not Inschrijving.objects.actief().exists()
    assert Afmelding.objects.filter(email="anna@example.nl").exists()


def test_the_link_asks_first_and_a_mail_scanner_withdraws_nothing(client, actief):
    path = unsubscribe_path("anna@example.nl")
    page = client.get(path)
    assert page.status_code == 200
    assert "Wil je geen nieuwsbrief meer ontvangen op anna@example.nl?" in page.content.decode()
    assert client.head(path).status_code == 200
    assert Inschrijving.objects.actief().exists()

    response = Client(enforce_csrf_checks=True).post(path)  # the button, from any browser
    assert "Je bent afgemeld" in response.content.decode()
    assert not Inschrijving.objects.actief().exists()


def test_withdrawing_twice_or_without_a_subscription_is_fine(client, verklaring):
    path = unsubscribe_path("niemand@example.nl")
    for _ in range(2):
        response = client.post(path)
        assert response.status_code == 200
    # The address wants no edition at all, whatever segment it would be in.
    assert Afmelding.objects.get().email == "niemand@example.nl"


def test_an_altered_link_gets_a_dutch_page_and_nothing_happens(client, actief):
    path = unsubscribe_path("anna@example.nl")
    assert "anna" not in path  # the link names no address
    altered_key = path[:-3] + ("a" if path[-3] != "a" else "b") + path[-2:]
    for altered in (altered_key, "/nieuwsbrief/afmelden/niets/"):
        for response in (client.get(altered), client.post(altered)):
            assert response.status_code == 404
            assert "Deze link werkt niet." in response.content.decode()
    assert Inschrijving.objects.actief().exists()
    assert not Afmelding.objects.exists()


def test_subscribing_again_after_withdrawing_keeps_the_old_record(client, subscribe, actief):
    client.post(unsubscribe_path("anna@example.nl"))
    subscribe()
    client.post(link_in(mail.outbox[-1], "/nieuwsbrief/bevestigen/"))
    old, new = Inschrijving.objects.order_by("pk")
    assert old.afgemeld_at is not None and new.is_actief
    assert not Afmelding.objects.exists()
