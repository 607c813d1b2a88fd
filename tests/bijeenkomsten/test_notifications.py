"""Reminders two days before, and the messages to everyone registered: each sent once."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Koppeling, KoppelingStatus
from bijeenkomsten import notifications, services
from bijeenkomsten.models import Aanmelding, Bericht, Ontvanger, Soort
from leerateliers.models import Abonnement, Frequentie, Rol
from leerateliers.services import deelname_set_rol
from tests.helpers import run_command
from werkplaats.mail import Tally

pytestmark = pytest.mark.django_db


def addressees():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_reminder_goes_two_days_before_and_only_once(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(days=10, capaciteit=1)
    register(bijeenkomst, make_user("zit@example.nl"))
    register(bijeenkomst, make_user("wacht@example.nl"))
    mail.outbox.clear()
    three_days_before = bijeenkomst.start_at - datetime.timedelta(days=3)
    two_days_before = bijeenkomst.start_at - datetime.timedelta(days=2)

    assert notifications.send_reminders(now=three_days_before) == Tally(sent=0, failed=0)
    assert notifications.send_reminders(now=two_days_before) == Tally(sent=1, failed=0)
    assert notifications.send_reminders(now=two_days_before) == Tally(sent=0, failed=0)
    assert (
        notifications.send_reminders(now=bijeenkomst.start_at - datetime.timedelta(hours=1))
        == Tally()
    )

    (message,) = mail.outbox
    assert message.to == ["zit@example.nl"]  # not the waiting list
    assert message.subject == f"Herinnering: {bijeenkomst.titel}"
    assert Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")


def test_the_email_command_is_safe_to_run_often(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(days=1)
    aanmelding = register(bijeenkomst, make_user())
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        aangemeld_at=timezone.now() - datetime.timedelta(days=5)
    )
    mail.outbox.clear()
    assert "Verstuurd: 1 herinnering(en)" in run_command("send_bijeenkomst_emails")
    assert "Verstuurd: 0 herinnering(en)" in run_command("send_bijeenkomst_emails")
    assert len(mail.outbox) == 1


def test_no_reminder_for_a_registration_made_within_the_two_days(
    make_bijeenkomst, make_user, register
):
    bijeenkomst = make_bijeenkomst(days=1)  # registered now: the confirmation just went out
    register(bijeenkomst, make_user())
    mail.outbox.clear()
    assert notifications.send_reminders() == Tally(sent=0, failed=0)


def test_no_reminder_for_a_cancelled_bijeenkomst(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(days=10)
    register(bijeenkomst, make_user())
    services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="Ziekte.")
    assert notifications.send_reminders(now=bijeenkomst.start_at - datetime.timedelta(days=1)) == (
        Tally()
    )


def test_a_failed_reminder_is_tried_again_by_the_next_run(
    make_bijeenkomst, make_user, register, monkeypatch
):
    bijeenkomst = make_bijeenkomst(days=10)
    register(bijeenkomst, make_user())
    mail.outbox.clear()
    due = bijeenkomst.start_at - datetime.timedelta(days=1)

    def broken(self, fail_silently=False):
        raise OSError("SMTP-server onbereikbaar")

    monkeypatch.setattr(mail.EmailMessage, "send", broken)
    assert notifications.send_reminders(now=due) == Tally(sent=0, failed=1)
    monkeypatch.undo()
    assert notifications.send_reminders(now=due) == Tally(sent=1, failed=0)


@pytest.mark.parametrize(
    ("reply", "outcome", "failed_next_run"),
    [
        ((550, b"5.1.1 No such user"), "refused", 0),
        ((451, b"4.7.1 Greylisted, try again later"), "failed", 1),
    ],
    ids=["refused-for-good", "refused-for-now"],
)
def test_an_address_refused_for_good_is_reported_once_not_tried_forever(
    make_bijeenkomst, make_user, monkeypatch, reply, outcome, failed_next_run
):
    def refused(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({self.to[0]: reply})

    monkeypatch.setattr(mail.EmailMessage, "send", refused)
    bijeenkomst = make_bijeenkomst(days=10)
    user = make_user("bestaat-niet@example.nl")
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
    Aanmelding.objects.update(aangemeld_at=timezone.now() - datetime.timedelta(days=1))
    due = bijeenkomst.start_at - datetime.timedelta(days=1)

    first = notifications.send_pending(now=due)
    assert first["herinneringen"] == first["aanmeldingen"] == Tally(**{outcome: 1})
    again = notifications.send_pending(now=due)
    assert again["herinneringen"] == again["aanmeldingen"] == Tally(failed=failed_next_run)


def test_cancelling_a_bijeenkomst_tells_everyone_registered_once(
    make_bijeenkomst, make_user, register, cancel, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    register(bijeenkomst, make_user("zit@example.nl"))
    register(bijeenkomst, make_user("wacht@example.nl"))
    cancel(register(bijeenkomst, make_user("weg@example.nl")))
    register(bijeenkomst, naam="Anna de Boer", email="anna@example.nl")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        bericht = services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="De zaal is dicht.")

    assert addressees() == ["anna@example.nl", "wacht@example.nl", "zit@example.nl"]
    message = mail.outbox[0]
    assert message.subject == f"Geannuleerd: {bijeenkomst.titel}"
    assert "De zaal is dicht." in message.body
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert notifications.send_bericht(bericht.pk) == Tally()  # a retried task sends nothing
    assert len(mail.outbox) == 3
    with pytest.raises(ValidationError, match="al geannuleerd"):
        services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="Nog eens.")


def test_a_message_reaches_everyone_registered(
    make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst()
    register(bijeenkomst, make_user("a@example.nl"))
    register(bijeenkomst, naam="Bert", email="b@example.nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bericht = services.bijeenkomst_message(
            bijeenkomst=bijeenkomst, onderwerp="Andere zaal", tekst="We zitten in zaal 2.12."
        )
    assert addressees() == ["a@example.nl", "b@example.nl"]
    assert "We zitten in zaal 2.12." in mail.outbox[0].body
    bericht.refresh_from_db()
    assert bericht.verstuurd_at is not None and bericht.aantal_ontvangers == 2


def test_the_verslag_of_a_tribunebijeenkomst_also_reaches_the_tribune(
    make_bijeenkomst,
    make_user,
    register,
    make_leeratelier,
    make_organisatie,
    django_capture_on_commit_callbacks,
):
    jip = make_leeratelier("JIP")
    tribune, arena = make_organisatie("Tribunepartner"), make_organisatie("Arenapartner")
    deelname_set_rol(organisatie=tribune, leeratelier=jip, rol=Rol.TRIBUNE)
    deelname_set_rol(organisatie=arena, leeratelier=jip, rol=Rol.ARENA)
    for email, organisatie in (("tribune@example.nl", tribune), ("arena@example.nl", arena)):
        Koppeling.objects.create(
            user=make_user(email),
            naam=email,
            organisatie=organisatie,
            is_contactpersoon=True,
            status=KoppelingStatus.GOEDGEKEURD,
        )
    volger, stil = make_user("volger@example.nl"), make_user("stil@example.nl")
    Abonnement.objects.create(user=volger, leeratelier=jip)
    Abonnement.objects.create(user=stil, leeratelier=jip, frequentie=Frequentie.NOOIT)

    bijeenkomst = make_bijeenkomst(soort=Soort.TRIBUNEBIJEENKOMST, leeratelier=jip, days=3)
    register(bijeenkomst, make_user("deelnemer@example.nl"))
    register(bijeenkomst, make_user("volger-ook@example.nl"))
    with pytest.raises(ValidationError, match="nog niet voorbij"):
        services.verslag_send(bijeenkomst=bijeenkomst)
    bijeenkomst.start_at -= datetime.timedelta(days=10)
    bijeenkomst.end_at -= datetime.timedelta(days=10)
    bijeenkomst.save()
    with pytest.raises(ValidationError, match="Schrijf eerst het verslag"):
        services.verslag_send(bijeenkomst=bijeenkomst)
    bijeenkomst.verslag = "We bespraken **wat werkt**."
    bijeenkomst.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.verslag_send(bijeenkomst=bijeenkomst)

    assert addressees() == [
        "deelnemer@example.nl",
        "tribune@example.nl",
        "volger-ook@example.nl",
        "volger@example.nl",
    ]
    assert "We bespraken **wat werkt**." in mail.outbox[0].body
    with pytest.raises(ValidationError, match="al verstuurd"):
        services.verslag_send(bijeenkomst=bijeenkomst)
    assert Bericht.objects.count() == 1


def test_the_verslag_of_another_soort_goes_only_to_those_registered(
    make_bijeenkomst, make_user, register, make_leeratelier, django_capture_on_commit_callbacks
):
    jip = make_leeratelier("JIP")
    Abonnement.objects.create(user=make_user("volger@example.nl"), leeratelier=jip)
    bijeenkomst = make_bijeenkomst(soort=Soort.ARENABIJEENKOMST, leeratelier=jip, days=1)
    register(bijeenkomst, make_user("deelnemer@example.nl"))
    bijeenkomst.start_at -= datetime.timedelta(days=5)
    bijeenkomst.end_at -= datetime.timedelta(days=5)
    bijeenkomst.verslag = "Verslag."
    bijeenkomst.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.verslag_send(bijeenkomst=bijeenkomst)
    assert addressees() == ["deelnemer@example.nl"]


def broken_send(self, fail_silently=False):
    raise OSError("SMTP-server onbereikbaar")


def test_someone_seated_before_their_first_email_gets_one_email_not_two(
    make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    first = register(bijeenkomst, make_user())
    # The second registers while no worker runs: their email waits.
    waiting = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user("b@example.nl"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_cancel(aanmelding=first)
    notifications.send_registration(waiting.pk)  # the waiting task, run late

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["b@example.nl"], f"Aanmelding bevestigd: {bijeenkomst.titel}")
    ]


def test_no_registration_email_once_the_bijeenkomst_is_cancelled(make_bijeenkomst, make_user):
    bijeenkomst = make_bijeenkomst()
    aanmelding = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="Ziekte.")
    assert notifications.send_registration(aanmelding.pk) == Tally()


def test_emails_that_failed_are_sent_by_the_next_run(
    make_bijeenkomst, make_user, django_capture_on_commit_callbacks, monkeypatch
):
    def unreachable(self):
        raise OSError("SMTP-server onbereikbaar")

    bijeenkomst = make_bijeenkomst()
    monkeypatch.setattr(mail.EmailMessage, "send", broken_send)
    with django_capture_on_commit_callbacks(execute=True):  # the task fails, and says so
        services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user("a@example.nl"))
    monkeypatch.setattr(type(mail.get_connection()), "open", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        services.bijeenkomst_message(bijeenkomst=bijeenkomst, onderwerp="Zaal", tekst="2.12")
    assert not Ontvanger.objects.filter(verstuurd_at__isnull=False).exists()  # nothing claimed
    monkeypatch.undo()

    counts = notifications.send_pending()

    assert counts == {
        "herinneringen": Tally(),
        "aanmeldingen": Tally(sent=1),
        "berichten": Tally(sent=1),
    }
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [f"Aanmelding bevestigd: {bijeenkomst.titel}", "Zaal"]
    assert notifications.send_pending()["aanmeldingen"] == Tally()  # nothing twice


def test_a_new_time_is_emailed_with_the_new_ics_and_the_reminder_comes_again(
    make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(days=10, online_link="https://meet.jit.si/werkplaats-x")
    aanmelding = register(bijeenkomst, make_user("a@example.nl"))
    Aanmelding.objects.filter(pk=aanmelding.pk).update(herinnerd_at=timezone.now())
    mail.outbox.clear()
    bijeenkomst.start_at += datetime.timedelta(days=7)
    bijeenkomst.end_at += datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.bijeenkomst_save(bijeenkomst=bijeenkomst, changed={"start_at", "end_at"})

    (message,) = mail.outbox
    assert message.subject == f"Gewijzigd: {bijeenkomst.titel}"
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert event.decoded("dtstart") == bijeenkomst.start_at
    assert event["sequence"] == 1
    assert "werkplaats-x" in str(event["description"])  # a seat: the link stays in the copy
    aanmelding.refresh_from_db()
    assert aanmelding.herinnerd_at is None


def test_moving_a_reminded_bijeenkomst_within_two_days_sends_the_change_not_a_second_reminder(
    make_bijeenkomst, make_user, register, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(days=1)
    aanmelding = register(bijeenkomst, make_user("a@example.nl"))
    registered_at = timezone.now() - datetime.timedelta(days=3)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(aangemeld_at=registered_at)
    assert notifications.send_reminders() == Tally(sent=1, failed=0)
    mail.outbox.clear()

    bijeenkomst.start_at += datetime.timedelta(minutes=30)
    bijeenkomst.end_at += datetime.timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.bijeenkomst_save(bijeenkomst=bijeenkomst, changed={"start_at", "end_at"})
    assert notifications.send_reminders() == Tally(sent=0, failed=0)
    assert [message.subject for message in mail.outbox] == [f"Gewijzigd: {bijeenkomst.titel}"]


def test_a_cancelled_bijeenkomst_has_no_verslag_to_send(make_bijeenkomst):
    bijeenkomst = make_bijeenkomst("Training", days=2, verslag="Wat we gedaan zouden hebben.")
    services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="Ziekte.")
    with pytest.raises(ValidationError, match="Training is geannuleerd; daar is geen verslag van"):
        services.verslag_send(
            bijeenkomst=bijeenkomst, now=bijeenkomst.end_at + datetime.timedelta(days=1)
        )
    assert not Bericht.objects.filter(soort="verslag").exists()


def test_a_long_title_can_still_be_cancelled_and_reported(make_bijeenkomst, make_user):
    bijeenkomst = make_bijeenkomst("Lang " * 39 + "eind")  # 199 characters
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    bericht = services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="Ziekte.")
    assert bericht.onderwerp.endswith("eind")


def test_the_guest_confirmation_does_not_repeat_the_typed_name(client, make_bijeenkomst):
    bijeenkomst = make_bijeenkomst()
    naam = "Win een prijs op https://example.com"
    client.post(bijeenkomst.get_absolute_url(), {"naam": naam, "email": "a@example.nl"})
    (message,) = mail.outbox
    assert "example.com" not in message.body
