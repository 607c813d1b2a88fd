"""The outbox: an email about an event is stored once under its key and sent once, after the
transaction commits; the catch-up command retries it and forgets it a month later."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.helpers import run_command
from werkplaats import mail as one_path
from werkplaats.models import UitgaandeMail

pytestmark = pytest.mark.django_db


def email(to="lezer@example.nl"):
    message = mail.EmailMultiAlternatives(
        "Je koppeling is goedgekeurd",
        "Welkom.",
        to=[to],
        headers={"List-Unsubscribe": "<https://werkplaats.example/mijn/meldingen/>"},
    )
    message.attach_alternative("<p>Welkom.</p>", "text/html")
    return message


def test_an_event_reported_twice_is_emailed_once_after_the_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        assert one_path.queue("koppeling-1-goedgekeurd", email()) is True
        assert mailoutbox == []  # nothing leaves before the commit
    with django_capture_on_commit_callbacks(execute=True):
        assert one_path.queue("koppeling-1-goedgekeurd", email()) is False

    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == ["lezer@example.nl"]
    assert sent.subject == "Je koppeling is goedgekeurd"
    assert sent.alternatives[0][0] == "<p>Welkom.</p>"
    assert sent.extra_headers["List-Unsubscribe"] == "<https://werkplaats.example/mijn/meldingen/>"
    assert UitgaandeMail.objects.get().verstuurd_at is not None
    assert run_command("send_outbox").startswith("0 e-mail(s)")
    assert len(mailoutbox) == 1


def test_the_command_sends_what_waits_and_forgets_old_rows(mailoutbox):
    one_path.queue("wacht", email("wacht@example.nl"))  # no commit here: it waits
    old = UitgaandeMail.objects.create(
        sleutel="oud",
        aan="oud@example.nl",
        onderwerp="Oud",
        tekst="Oud.",
        aangemaakt_at=timezone.now() - datetime.timedelta(days=40),
        verstuurd_at=timezone.now() - datetime.timedelta(days=40),
    )

    output = run_command("send_outbox")

    assert output.strip() == "1 e-mail(s) uit het postvak verstuurd; 1 oude vergeten."
    assert [message.to for message in mailoutbox] == [["wacht@example.nl"]]
    assert not UitgaandeMail.objects.filter(pk=old.pk).exists()


def test_an_account_takes_its_emails_with_it(make_user):
    user = make_user()
    one_path.queue("voor-account", email(user.email), user=user)
    user.delete()
    assert not UitgaandeMail.objects.exists()


def test_what_the_outbox_cannot_keep_is_refused_rather_than_lost():
    with_attachment = email()
    with_attachment.attach("agenda.ics", b"BEGIN:VCALENDAR", "text/calendar")
    for message in (
        with_attachment,
        mail.EmailMultiAlternatives("Twee", "Tekst.", to=["a@example.nl", "b@example.nl"]),
        mail.EmailMultiAlternatives("Cc", "Tekst.", to=["a@example.nl"], cc=["b@example.nl"]),
    ):
        with pytest.raises(ValueError):
            one_path.queue("kan-niet", message)
    assert not UitgaandeMail.objects.exists()
