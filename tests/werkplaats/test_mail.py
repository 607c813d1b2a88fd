"""The one mail path: every email about something stored is claimed before it leaves, and a
failure is handled the same way whoever sends: refused for good is final and reported once,
a failure for now is tried again by the next catch-up run."""

import datetime
import logging
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from bijeenkomsten import notifications as bijeenkomst_mail
from bijeenkomsten import services as bijeenkomst_services
from bijeenkomsten.models import Aanmelding
from leerateliers import notifications as update_mail
from leerateliers.models import Abonnement, Frequentie, UpdateStatus
from leerateliers.services import update_save
from werkplaats import mail as one_path
from werkplaats.mail import Tally

pytestmark = pytest.mark.django_db

FOR_GOOD = (550, b"5.1.1 No such user")
FOR_NOW = (451, b"4.7.1 Greylisted, try again later")


def update_email(make_user, make_leeratelier, make_update, **_):
    atelier = make_leeratelier()
    Abonnement.objects.create(user=make_user("lezer@example.nl"), leeratelier=atelier)
    update_save(update=make_update(atelier, status=UpdateStatus.CONCEPT), publish=True)
    return update_mail.send_pending_notifications


def weekly_digest(make_user, make_leeratelier, make_update, **_):
    atelier = make_leeratelier()
    Abonnement.objects.create(
        user=make_user("lezer@example.nl"), leeratelier=atelier, frequentie=Frequentie.WEKELIJKS
    )
    update_save(update=make_update(atelier, status=UpdateStatus.CONCEPT), publish=True)
    update_mail.send_pending_notifications()  # decides who hears, weekly: nothing sent yet
    return update_mail.send_weekly_digests


def registration_email(make_user, make_bijeenkomst, **_):
    aanmelding = bijeenkomst_services.aanmelding_create(
        bijeenkomst=make_bijeenkomst(), user=make_user("lezer@example.nl")
    )
    return lambda: bijeenkomst_mail.send_registration(aanmelding.pk)


def reminder(make_user, make_bijeenkomst, **_):
    bijeenkomst = make_bijeenkomst(days=1)
    aanmelding = bijeenkomst_services.aanmelding_create(
        bijeenkomst=bijeenkomst, user=make_user("lezer@example.nl")
    )
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        aangemeld_at=timezone.now() - datetime.timedelta(days=5), gemeld_status="aangemeld"
    )
    return bijeenkomst_mail.send_reminders


def message_to_those_registered(make_user, make_bijeenkomst, **_):
    bijeenkomst = make_bijeenkomst()
    aanmelding = bijeenkomst_services.aanmelding_create(
        bijeenkomst=bijeenkomst, user=make_user("lezer@example.nl")
    )
    Aanmelding.objects.filter(pk=aanmelding.pk).update(gemeld_status="aangemeld")
    bericht = bijeenkomst_services.bijeenkomst_message(
        bijeenkomst=bijeenkomst, onderwerp="Andere zaal", tekst="We zitten in zaal 2.12."
    )
    return lambda: bijeenkomst_mail.send_bericht(bericht.pk)


def outbox_email(**_):
    one_path.queue(
        "proef-1", mail.EmailMultiAlternatives("Je aanvraag", "Tekst.", to=["lezer@example.nl"])
    )
    return one_path.send_outbox


SENDERS = [
    update_email,
    weekly_digest,
    registration_email,
    reminder,
    message_to_those_registered,
    outbox_email,
]


@pytest.fixture
def sender(request, make_user, make_leeratelier, make_update, make_bijeenkomst):
    """The catch-up run of one kind of email, with one email to lezer@example.nl waiting."""
    return request.param(
        make_user=make_user,
        make_leeratelier=make_leeratelier,
        make_update=make_update,
        make_bijeenkomst=make_bijeenkomst,
    )


def server_answering(monkeypatch, reply):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused(dict.fromkeys(self.to, reply))

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)


@pytest.mark.parametrize("sender", SENDERS, indirect=True)
def test_an_address_refused_for_good_is_reported_once_and_never_tried_again(
    sender, monkeypatch, caplog
):
    server_answering(monkeypatch, FOR_GOOD)
    with caplog.at_level(logging.ERROR, logger="werkplaats.mail"):
        assert sender() == Tally(refused=1)
        assert sender() == Tally()
    assert len([r for r in caplog.records if "geweigerd" in r.getMessage()]) == 1
    assert "lezer@example.nl" not in caplog.text  # the log names rows, not people

    monkeypatch.undo()
    assert sender() == Tally()
    assert mail.outbox == []


@pytest.mark.parametrize("sender", SENDERS, indirect=True)
def test_a_failure_for_now_is_sent_by_the_next_run_once(sender, monkeypatch):
    server_answering(monkeypatch, FOR_NOW)
    assert sender() == Tally(failed=1)
    assert sender() == Tally(failed=1)

    monkeypatch.undo()
    assert sender() == Tally(sent=1)
    assert sender() == Tally()
    assert [message.to for message in mail.outbox] == [["lezer@example.nl"]]


@pytest.mark.parametrize("sender", SENDERS, indirect=True)
def test_nothing_is_claimed_while_the_mail_server_cannot_be_reached(sender, monkeypatch):
    def unreachable(self, fail_silently=False):
        raise ConnectionRefusedError("mailserver weg")

    monkeypatch.setattr(type(mail.get_connection()), "open", unreachable)
    monkeypatch.setattr(mail.EmailMessage, "send", unreachable)
    assert sender() == Tally(failed=1)
    monkeypatch.undo()
    assert sender() == Tally(sent=1)


def test_a_claim_is_won_by_one_process_only(make_user, make_bijeenkomst):
    aanmelding = bijeenkomst_services.aanmelding_create(
        bijeenkomst=make_bijeenkomst(), user=make_user()
    )

    def claim():
        return one_path.Claim(
            Aanmelding,
            [aanmelding.pk],
            unsent={"herinnerd_at__isnull": True},
            taken={"herinnerd_at": timezone.now()},
            given_back={"herinnerd_at": None},
        )

    first, second = claim(), claim()
    assert first.take() == [aanmelding.pk]
    assert second.take() == []  # the second worker finds it taken
    first.give_back([aanmelding.pk])
    assert second.take() == [aanmelding.pk]


def test_a_message_with_an_unsubscribe_link_carries_the_one_click_headers():
    message = one_path.message(
        to="lezer@example.nl",
        subject="Nieuwe   tribune-update\n",
        template="leerateliers/email/update",
        context={"update": None, "leeratelier": None, "unsubscribe_url": "https://x/af/"},
        html=True,
        unsubscribe_url="https://x/af/",
    )
    assert message.subject == "Nieuwe tribune-update"
    assert message.extra_headers == {
        "List-Unsubscribe": "<https://x/af/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert message.alternatives[0].mimetype == "text/html"


def test_a_command_reports_what_did_not_go_out_and_exits_non_zero(
    make_user, make_bijeenkomst, monkeypatch
):
    from django.core.management import CommandError

    from tests.helpers import run_command

    reminder(make_user=make_user, make_bijeenkomst=make_bijeenkomst)
    server_answering(monkeypatch, FOR_GOOD)
    with pytest.raises(CommandError, match="1 geweigerd door de mailserver"):
        run_command("send_bijeenkomst_emails")
    assert "Verstuurd: 0 herinnering(en)" in run_command("send_bijeenkomst_emails")


def test_a_message_the_server_refuses_for_good_is_final_too(
    make_user, make_leeratelier, make_update, monkeypatch
):
    run = update_email(
        make_user=make_user, make_leeratelier=make_leeratelier, make_update=make_update
    )

    def refuse_message(self, fail_silently=False):
        raise smtplib.SMTPDataError(554, b"5.7.1 Message rejected")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse_message)
    assert run() == Tally(refused=1)
    assert run() == Tally()


def test_what_was_refused_is_marked_so_and_not_counted_as_sent(
    make_user, make_leeratelier, make_update, make_bijeenkomst, monkeypatch
):
    from bijeenkomsten.models import Bericht, Ontvanger
    from leerateliers.models import Melding

    run_updates = update_email(
        make_user=make_user, make_leeratelier=make_leeratelier, make_update=make_update
    )
    run_message = message_to_those_registered(
        make_user=lambda email: make_user("deelnemer@example.nl"),
        make_bijeenkomst=make_bijeenkomst,
    )
    server_answering(monkeypatch, FOR_GOOD)
    run_updates()
    run_message()
    melding = Melding.objects.get()
    ontvanger = Ontvanger.objects.get()
    assert melding.geweigerd_at is not None and ontvanger.geweigerd_at is not None
    assert Bericht.objects.get().aantal_ontvangers == 0


def test_a_failure_for_now_is_left_alone_after_a_week(
    make_user, make_leeratelier, make_update, make_bijeenkomst, monkeypatch
):
    update_email(make_user=make_user, make_leeratelier=make_leeratelier, make_update=make_update)
    message_to_those_registered(
        make_user=lambda email: make_user("deelnemer@example.nl"),
        make_bijeenkomst=make_bijeenkomst,
    )
    server_answering(monkeypatch, FOR_NOW)
    update_mail.send_pending_notifications()
    assert bijeenkomst_mail.send_pending()["berichten"] == Tally(failed=1)
    monkeypatch.undo()

    week_later = timezone.now() + one_path.RETRY_FOR + datetime.timedelta(hours=1)
    assert update_mail.send_pending_notifications(now=week_later) == Tally()
    assert bijeenkomst_mail.send_pending(now=week_later)["berichten"] == Tally()
    assert mail.outbox == []
