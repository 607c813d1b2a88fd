"""Sending an edition: recipients fixed once, batches, each email once, retries, refusals and
the headers every edition carries."""

import smtplib
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from nieuwsbrief import sending, services
from nieuwsbrief.links import unsubscribe_url
from nieuwsbrief.models import Bezorging, EditieStatus
from werkplaats.links import absolute_url

from .builders import abonnee, editie

pytestmark = pytest.mark.django_db

ADRESSEN = [f"lezer{n}@example.nl" for n in range(1, 6)]


@pytest.fixture(autouse=True)
def batches(settings):
    settings.NIEUWSBRIEF_BATCH_SIZE = 2
    settings.NIEUWSBRIEF_BATCH_PAUSE = 0
    return settings


@pytest.fixture
def verzonden(world, django_capture_on_commit_callbacks):
    """An edition for all subscribers, sent to five: the task runs after the commit."""
    for adres in ADRESSEN:
        abonnee(adres)
    made = editie(aan_alle_abonnees=True, items=[("Vrij", "Een **vrije** tekst.")])
    with django_capture_on_commit_callbacks(execute=True):
        aantal = services.editie_send(editie=made, by=world.beheerder)
    assert aantal == 5
    made.refresh_from_db()
    return made


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def test_sending_fixes_the_recipients_sends_each_once_and_locks_the_edition(verzonden):
    assert sent_to() == ADRESSEN
    assert verzonden.status == EditieStatus.VERZONDEN
    assert verzonden.is_locked
    assert Bezorging.objects.filter(editie=verzonden, verzonden_at__isnull=False).count() == 5
    assert sending.progress(verzonden) == {
        "verzonden": 5,
        "geweigerd": 0,
        "mislukt": 0,
        "wachtend": 0,
    }


def test_sending_twice_sends_nothing_more(verzonden, world):
    with pytest.raises(ValidationError, match="al verzonden"):
        services.editie_send(editie=verzonden, by=world.beheerder)
    assert sending.send_batch(verzonden.pk) == (sending.mail.Tally(), 0)
    call_command("send_nieuwsbrief")
    assert sent_to() == ADRESSEN


def test_new_subscribers_after_sending_are_not_added(verzonden):
    abonnee("later@example.nl")
    call_command("send_nieuwsbrief")
    assert "later@example.nl" not in sent_to()


def test_an_interrupted_send_resumes_without_duplicates(world, django_capture_on_commit_callbacks):
    for adres in ADRESSEN:
        abonnee(adres)
    made = editie(aan_alle_abonnees=True)
    # The worker stops after its first batch (no task runs after the commit) ...
    services.editie_send(editie=made, by=world.beheerder)
    tally, remaining = sending.send_batch(made.pk)
    assert (tally.sent, remaining) == (2, 3)
    # ... and in the next batch the mail server fails for one address, for now.
    real = sending.editie_message

    def flaky(**kwargs):
        if kwargs["to"] == ADRESSEN[3] and not flaky.failed:
            flaky.failed = True
            raise smtplib.SMTPServerDisconnected("weg")
        return real(**kwargs)

    flaky.failed = False
    with mock.patch.object(sending, "editie_message", side_effect=flaky):
        tally, remaining = sending.send_batch(made.pk)
    assert (tally.sent, tally.failed, remaining) == (1, 1, 1)
    assert sending.progress(made)["mislukt"] == 1
    # The catch-up run sends what waits and retries the failure; again sends nothing.
    call_command("send_nieuwsbrief")
    call_command("send_nieuwsbrief")
    assert sent_to() == ADRESSEN
    made.refresh_from_db()
    assert made.status == EditieStatus.VERZONDEN


def test_a_row_claimed_by_another_worker_is_not_sent_again(world):
    abonnee(ADRESSEN[0])
    made = editie(aan_alle_abonnees=True)
    services.editie_send(editie=made, by=world.beheerder)
    row = Bezorging.objects.get(editie=made)
    sending._claim(row, row.editie.verzonden_at).take()  # another worker won it
    call_command("send_nieuwsbrief")
    assert mail.outbox == []


def test_a_refused_address_is_marked_and_never_tried_again(world):
    abonnee(ADRESSEN[0])
    abonnee(ADRESSEN[1])
    made = editie(aan_alle_abonnees=True)
    services.editie_send(editie=made, by=world.beheerder)
    refused = smtplib.SMTPRecipientsRefused({ADRESSEN[0]: (550, b"Onbekend adres")})
    real = sending.editie_message

    def refuse(**kwargs):
        message = real(**kwargs)
        if kwargs["to"] == ADRESSEN[0]:
            message.send = mock.Mock(side_effect=refused)
        return message

    with (
        mock.patch.object(sending, "editie_message", side_effect=refuse),
        pytest.raises(CommandError, match="geweigerd"),
    ):
        call_command("send_nieuwsbrief")
    row = Bezorging.objects.get(editie=made, email=ADRESSEN[0])
    assert row.geweigerd_at is not None and row.verzonden_at is None
    call_command("send_nieuwsbrief")
    assert sent_to() == [ADRESSEN[1]]
    assert sending.progress(made)["geweigerd"] == 1


def test_every_edition_carries_sender_unsubscribe_link_and_rfc_8058_headers(verzonden):
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        (to,) = message.to
        link = unsubscribe_url(to)
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert link in message.body
        assert f'href="{link}"' in html
        assert '<html lang="nl">' in html
        assert "Werkplaats Sociaal Domein" in message.body
        assert "Werkplaats Sociaal Domein" in html
        assert "<strong>vrije</strong>" in html


def test_batches_are_separated_by_the_configured_pause(world, settings):
    settings.NIEUWSBRIEF_BATCH_PAUSE = 7
    for adres in ADRESSEN:
        abonnee(adres)
    made = editie(aan_alle_abonnees=True)
    services.editie_send(editie=made, by=world.beheerder)
    with mock.patch("nieuwsbrief.tasks.time.sleep") as sleep:
        from nieuwsbrief.tasks import send_editie

        send_editie.call(made.pk)
    assert [call.args for call in sleep.call_args_list] == [(7,), (7,)]
    assert sent_to() == ADRESSEN


def test_time_to_send_many(world, settings, django_capture_on_commit_callbacks):
    """Not a benchmark: prints how long 200 recipients take through the whole path."""
    settings.NIEUWSBRIEF_BATCH_SIZE = 50
    for n in range(200):
        abonnee(f"massa{n}@example.nl")
    made = editie(aan_alle_abonnees=True, items=[("Vrij", "Tekst " * 50)])
    start = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        services.editie_send(editie=made, by=world.beheerder)
    seconds = time.perf_counter() - start
    print(f"\n200 edities verstuurd in {seconds:.2f} s ({seconds / 200 * 1000:.1f} ms per e-mail)")
    assert len(mail.outbox) == 200


def test_links_to_site_pages_are_full_addresses_in_the_email(world):
    abonnee(ADRESSEN[0])
    made = editie(
        aan_alle_abonnees=True,
        voorwoord="Zie de [kennisagenda](/kennisagenda/).",
        items=[("Meer", "En de [leerateliers](/leerateliers/).")],
    )
    message = sending.editie_message(editie=made, to=ADRESSEN[0])
    html = message.alternatives[0][0]
    for path in ("/kennisagenda/", "/leerateliers/"):
        assert f'href="{absolute_url(path)}"' in html
        assert f"({absolute_url(path)})" in message.body


def test_with_a_backend_that_can_wait_the_next_batch_is_a_task_due_after_the_pause(world, settings):
    from django_tasks import default_task_backend

    from nieuwsbrief.tasks import send_editie

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.NIEUWSBRIEF_BATCH_PAUSE = 30
    for adres in ADRESSEN:
        abonnee(adres)
    made = editie(aan_alle_abonnees=True)
    services.editie_send(editie=made, by=world.beheerder)
    assert send_editie.call(made.pk) == 2
    made.refresh_from_db()
    (volgende,) = default_task_backend.results
    assert volgende.task.name == "send_editie" and volgende.args == [made.pk]
    wait = volgende.task.run_after - made.verzonden_at
    assert 30 <= wait.total_seconds() < 60
    assert len(mail.outbox) == 2
