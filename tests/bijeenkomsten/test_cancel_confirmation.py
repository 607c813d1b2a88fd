"""Whoever cancels their own registration gets a confirmation, once per cancellation; a
registration cancelled by the organisers or with a deleted account gets none."""

import re

import pytest
from django.core import mail

from bijeenkomsten import services
from bijeenkomsten.models import Aanmelding, AanmeldingStatus
from bijeenkomsten.notifications import cancel_path
from tests.helpers import run_command
from werkplaats import mail as one_path

pytestmark = pytest.mark.django_db


def confirmations(titel):
    return [message for message in mail.outbox if message.subject == f"Afgemeld: {titel}"]


def test_a_signed_in_user_who_cancels_gets_one_confirmation(
    client, make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(online_link="https://meet.example.nl/geheim")
    user = make_user()
    aanmelding = register(bijeenkomst, user)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_path(aanmelding), follow=True)
        client.post(cancel_path(aanmelding))  # a second click: nothing new
    assert f"Je bent afgemeld voor {bijeenkomst.titel}." in response.content.decode()

    (message,) = confirmations(bijeenkomst.titel)
    assert message.to == [user.email]
    assert "Je bent afgemeld voor deze bijeenkomst." in message.body
    assert "omdat je je op de website hebt afgemeld" in message.body
    assert f"http://testserver{bijeenkomst.get_absolute_url()}" in message.body
    assert "/bijeenkomsten/afmelden/" not in message.body  # nothing left to cancel
    assert "meet.example.nl" not in message.body  # the seat is gone, and so is the link
    assert "Met vriendelijke groet," in message.body

    one_path.send_outbox()
    run_command("send_outbox")
    assert len(confirmations(bijeenkomst.titel)) == 1


def test_a_guest_on_the_waiting_list_who_cancels_is_told_so(
    client, make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    register(bijeenkomst, make_user())
    guest = register(bijeenkomst, naam="Anna de Boer", email="anna@example.nl")
    assert guest.status == AanmeldingStatus.WACHTLIJST
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_path(guest))
    (message,) = confirmations(bijeenkomst.titel)
    assert message.to == ["anna@example.nl"]
    assert "je staat niet meer op de wachtlijst" in message.body


def test_cancelling_again_after_registering_again_is_confirmed_again(
    client, make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst()
    user = make_user()
    aanmelding = register(bijeenkomst, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_path(aanmelding))
    register(bijeenkomst, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_path(aanmelding))
    assert len(confirmations(bijeenkomst.titel)) == 2


def test_cancelled_by_the_organisers_sends_no_confirmation(
    client, make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    first = register(bijeenkomst, make_user())
    waiting = register(bijeenkomst, make_user())
    client.force_login(make_user("staf@example.nl", is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/beheer/bijeenkomsten/aanmelding/",
            {"action": "cancel", "_selected_action": [first.pk], "bevestigd": "1"},
        )
    assert Aanmelding.objects.get(pk=first.pk).status == AanmeldingStatus.AFGEMELD
    assert confirmations(bijeenkomst.titel) == []
    # The seat went to the waiting list, who hears of that as before.
    assert mail.outbox[-1].to == [waiting.adres]
    assert re.match("Er is een plaats voor je vrijgekomen", mail.outbox[-1].subject)


def test_the_service_confirms_only_when_asked(
    make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst()
    aanmelding = register(bijeenkomst, make_user())
    with django_capture_on_commit_callbacks(execute=True):
        services.seats_release(user=aanmelding.user)  # the account is about to go
    assert confirmations(bijeenkomst.titel) == []
