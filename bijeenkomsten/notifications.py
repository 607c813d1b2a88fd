"""Emails about bijeenkomsten: confirmation (with the .ics), the waiting list, a freed seat, the
reminder two days before, and the messages to everyone registered (a cancellation, the
verslag, a note from the organisers). Text emails, sent by background tasks (``tasks.py``).

Nothing is sent twice: a reminder claims its registration's ``herinnerd_at`` and a message its
``verstuurd_at`` before the first email leaves, in an UPDATE only one process can win.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core import mail, signing
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.notifications import absolute_url, tribune_readers

from . import ical
from .models import (
    REMINDER_BEFORE,
    Aanmelding,
    AanmeldingStatus,
    Bericht,
    BerichtSoort,
    Bijeenkomst,
    Soort,
    Status,
)

logger = logging.getLogger(__name__)

CANCEL_SALT = "bijeenkomsten.afmelden"
CONFIRM_SALT = "bijeenkomsten.bevestigen"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)


# --- Links -----------------------------------------------------------------------------------


def cancel_token(aanmelding: Aanmelding) -> str:
    """A signed token that lets its holder cancel one registration (the link in every email)."""
    return signing.Signer(salt=CANCEL_SALT).sign_object(aanmelding.pk)


def read_cancel_token(token: str) -> Aanmelding | None:
    try:
        pk = int(signing.Signer(salt=CANCEL_SALT).unsign_object(token))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Aanmelding.objects.select_related("bijeenkomst", "user").filter(pk=pk).first()


def cancel_path(aanmelding: Aanmelding) -> str:
    return reverse("bijeenkomsten:cancel", kwargs={"token": cancel_token(aanmelding)})


def confirm_token(*, bijeenkomst: Bijeenkomst, naam: str, email: str, organisatie: str) -> str:
    """A guest's registration, signed and dated: it becomes a registration only when the
    link in the email is followed, so nobody registers someone else's address."""
    data = {"b": bijeenkomst.pk, "n": naam, "e": email.strip().lower(), "o": organisatie}
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(data, compress=True)


def read_confirm_token(token: str) -> dict | None:
    """The registration in a guest's link: bijeenkomst, naam, email, organisatie; None when
    the link is not genuine, too old, or its bijeenkomst is gone."""
    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            token, max_age=CONFIRM_MAX_AGE
        )
        bijeenkomst = Bijeenkomst.objects.for_list().get(pk=int(data["b"]))
        return {
            "bijeenkomst": bijeenkomst,
            "naam": str(data["n"]),
            "email": str(data["e"]),
            "organisatie": str(data.get("o", "")),
        }
    except (signing.BadSignature, KeyError, ValueError, TypeError, Bijeenkomst.DoesNotExist):
        return None


# --- Emails ----------------------------------------------------------------------------------


def _email(
    *, to: str, subject: str, template: str, context: dict, ics: bytes | None = None
) -> mail.EmailMessage:
    bijeenkomst = context["bijeenkomst"]
    context = {
        **context,
        "url": absolute_url(bijeenkomst.get_absolute_url()),
        "is_online": bool(bijeenkomst.online_link),
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"bijeenkomsten/email/{template}.txt", context)
    message = mail.EmailMessage(subject=" ".join(subject.split()), body=body, to=[to])
    if ics is not None:
        message.attach(ical.filename(bijeenkomst), ics, "text/calendar; charset=utf-8")
    return message


def _refused(error: Exception) -> bool:
    """The mail server refused the address for good (5xx): trying again would fail again.
    A temporary refusal (4xx: greylisting, throttling) is tried again."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _message in error.recipients.values()
    )


def _subject(text: str, bijeenkomst: Bijeenkomst) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return text % {"titel": bijeenkomst.titel}


def _with_link(bijeenkomst: Bijeenkomst) -> bytes:
    return ical.calendar([bijeenkomst], name=bijeenkomst.titel, with_link=True)


def registration_message(aanmelding: Aanmelding, *, seat_freed: bool = False) -> mail.EmailMessage:
    """The email about a registration as it stands: the confirmation with the .ics for a seat,
    or where one stands on the waiting list; ``seat_freed``: the news that a seat came free."""
    bijeenkomst = aanmelding.bijeenkomst
    context = {
        "aanmelding": aanmelding,
        "bijeenkomst": bijeenkomst,
        "cancel_url": absolute_url(cancel_path(aanmelding)),
    }
    if aanmelding.is_waiting:
        positie = (
            Aanmelding.objects.with_position()
            .values_list("positie", flat=True)
            .get(pk=aanmelding.pk)
        )
        return _email(
            to=aanmelding.adres,
            subject=_subject(_("Wachtlijst: %(titel)s"), bijeenkomst),
            template="wachtlijst",
            context={**context, "positie": positie},
        )
    subject = (
        _("Er is een plaats voor je vrijgekomen: %(titel)s")
        if seat_freed
        else _("Aanmelding bevestigd: %(titel)s")
    )
    return _email(
        to=aanmelding.adres,
        subject=_subject(subject, bijeenkomst),
        template="plaats" if seat_freed else "bevestiging",
        context=context,
        ics=_with_link(bijeenkomst),
    )


def send_registration(aanmelding_id: int) -> int:
    """Tell someone where their registration stands now, unless they were told already
    (``gemeld_status``): so a seat given before the first email went out gets one email, not
    two, and nothing goes out for a registration cancelled since, or a bijeenkomst that was
    cancelled or is over. The row is claimed before the email leaves; a failed email gives the
    claim back and is tried again by ``send_pending``, unless the mail server refused the
    address (reported once, never tried again). Returns how many emails went out."""
    aanmelding = (
        Aanmelding.objects.select_related("bijeenkomst", "user__persoon")
        .filter(pk=aanmelding_id)
        .first()
    )
    if aanmelding is None or not aanmelding.is_active:
        return 0
    bijeenkomst = aanmelding.bijeenkomst
    told = aanmelding.gemeld_status
    if told == aanmelding.status or bijeenkomst.is_cancelled or bijeenkomst.is_past():
        return 0
    claimed = Aanmelding.objects.filter(
        pk=aanmelding.pk, status=aanmelding.status, gemeld_status=told
    ).update(gemeld_status=aanmelding.status)
    if not claimed:
        return 0
    try:
        seat_freed = told == AanmeldingStatus.WACHTLIJST
        registration_message(aanmelding, seat_freed=seat_freed).send()
    except Exception as error:
        if not _refused(error):
            Aanmelding.objects.filter(pk=aanmelding.pk).update(gemeld_status=told)
        raise
    return 1


def send_guest_confirmation(*, bijeenkomst_id: int, naam: str, email: str, organisatie: str) -> int:
    """The email with the link a guest follows to make the registration."""
    bijeenkomst = Bijeenkomst.objects.filter(pk=bijeenkomst_id).first()
    if bijeenkomst is None:
        return 0
    token = confirm_token(bijeenkomst=bijeenkomst, naam=naam, email=email, organisatie=organisatie)
    link = absolute_url(reverse("bijeenkomsten:confirm", kwargs={"token": token}))
    _email(
        to=email,
        subject=_subject(_("Bevestig je aanmelding: %(titel)s"), bijeenkomst),
        template="bevestig_adres",
        context={"bijeenkomst": bijeenkomst, "confirm_url": link},
    ).send()
    return 1


def _due_reminders(now: datetime.datetime):
    """Seats at bijeenkomsten that begin within two days, not yet reminded, and taken before
    those two days began (a later registration has just had its confirmation)."""
    return (
        Aanmelding.objects.reachable()
        .filter(
            status=AanmeldingStatus.AANGEMELD,
            herinnerd_at__isnull=True,
            bijeenkomst__status=Status.GEPLAND,
            bijeenkomst__start_at__gt=now,
            bijeenkomst__start_at__lte=now + REMINDER_BEFORE,
            aangemeld_at__lte=F("bijeenkomst__start_at") - REMINDER_BEFORE,
        )
        .select_related("bijeenkomst", "user__persoon")
    )


def send_reminders(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Remind everyone with a seat two days before; safe to run as often as wanted. Each
    registration is claimed before its email leaves, so two runs never both send it; a
    failed email is given back and tried by the next run (not when the mail server refused
    the address). Returns (sent, failed)."""
    now = now or timezone.now()
    sent = failed = 0
    with mail.get_connection() as connection:
        for aanmelding in _due_reminders(now):
            claimed = Aanmelding.objects.filter(pk=aanmelding.pk, herinnerd_at__isnull=True).update(
                herinnerd_at=now
            )
            if not claimed:
                continue
            try:
                message = _email(
                    to=aanmelding.adres,
                    subject=_subject(_("Herinnering: %(titel)s"), aanmelding.bijeenkomst),
                    template="herinnering",
                    context={
                        "aanmelding": aanmelding,
                        "bijeenkomst": aanmelding.bijeenkomst,
                        "cancel_url": absolute_url(cancel_path(aanmelding)),
                    },
                    ics=_with_link(aanmelding.bijeenkomst),
                )
                message.connection = connection
                message.send()
                sent += 1
            except Exception as error:
                if not _refused(error):
                    Aanmelding.objects.filter(pk=aanmelding.pk).update(herinnerd_at=None)
                logger.exception("Herinnering voor aanmelding %s mislukt", aanmelding.pk)
                failed += 1
    return sent, failed


# --- Messages to everyone registered ---------------------------------------------------------


def bericht_recipients(bericht: Bericht) -> dict[str, Aanmelding | None]:
    """Addresses of a message, each once, with the registration they come from (None for a
    reader of the tribune who did not register): everyone seated or waiting, and for the
    verslag of a tribunebijeenkomst the tribune of its leeratelier too."""
    bijeenkomst = bericht.bijeenkomst
    registrations = (
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst)
        .active()
        .reachable()
        .select_related("user")
        .order_by("aangemeld_at", "pk")
    )
    found: dict[str, Aanmelding | None] = {}
    for aanmelding in registrations:
        found.setdefault(aanmelding.adres.lower(), aanmelding)
    tribune = (
        bericht.soort == BerichtSoort.VERSLAG
        and bijeenkomst.soort == Soort.TRIBUNEBIJEENKOMST
        and bijeenkomst.leeratelier_id is not None
    )
    if tribune:
        for user in tribune_readers(bijeenkomst.leeratelier_id):
            found.setdefault(user.email.lower(), None)
    return found


def _file_url(bijlage) -> str:
    url = bijlage.bestand.url
    return absolute_url(url) if url.startswith("/") else url


def send_bericht(bericht_id: int) -> int:
    """Send a message to its recipients, once; returns how many emails went out.

    The message is claimed before the first email; when the mail server cannot be reached
    at all the claim is given back (``send_pending`` tries again). A single address that
    fails is logged and skipped, so nobody else gets the message twice."""
    claimed = Bericht.objects.filter(pk=bericht_id, verstuurd_at__isnull=True).update(
        verstuurd_at=timezone.now()
    )
    if not claimed:
        return 0
    bericht = Bericht.objects.select_related("bijeenkomst__leeratelier").get(pk=bericht_id)
    bijeenkomst = bericht.bijeenkomst
    name = bijeenkomst.titel
    # A cancellation or a change carries the event, so calendars replace their copy (with the
    # online link for whoever has a seat).
    calendars = {}
    if bericht.soort in (BerichtSoort.ANNULERING, BerichtSoort.WIJZIGING):
        calendars = {
            False: ical.calendar([bijeenkomst], name=name),
            True: ical.calendar([bijeenkomst], name=name, with_link=True),
        }
    bijlagen = []
    if bericht.soort == BerichtSoort.VERSLAG:
        bijlagen = [(bijlage.titel, _file_url(bijlage)) for bijlage in bijeenkomst.bijlagen.all()]
    sent = 0
    try:
        connection = mail.get_connection()
        connection.open()
    except Exception:
        Bericht.objects.filter(pk=bericht.pk).update(verstuurd_at=None)
        raise
    try:
        for address, aanmelding in bericht_recipients(bericht).items():
            seated = aanmelding is not None and aanmelding.is_seated
            context = {
                "bericht": bericht,
                "bijeenkomst": bijeenkomst,
                "aanmelding": aanmelding,
                "bijlagen": bijlagen,
                "cancel_url": absolute_url(cancel_path(aanmelding))
                if aanmelding is not None
                and bericht.soort in (BerichtSoort.BERICHT, BerichtSoort.WIJZIGING)
                else "",
            }
            try:
                message = _email(
                    to=address,
                    subject=bericht.onderwerp,
                    template="bericht",
                    context=context,
                    ics=calendars.get(seated),
                )
                message.connection = connection
                message.send()
                sent += 1
            except Exception:
                logger.exception("Bericht %s aan een ontvanger mislukt", bericht.pk)
    finally:
        connection.close()
    Bericht.objects.filter(pk=bericht.pk).update(aantal_ontvangers=sent)
    return sent


def send_pending(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Catch up on what should have gone out: reminders that are due, registration emails and
    messages that were not sent (no worker ran, or the mail server was away). Safe to run as
    often as wanted; returns counts per kind, failures included."""
    now = now or timezone.now()
    reminders, failed = send_reminders(now=now)
    registrations = 0
    untold = (
        Aanmelding.objects.active()
        .reachable()
        .exclude(gemeld_status=F("status"))
        .filter(bijeenkomst__status=Status.GEPLAND, bijeenkomst__end_at__gte=now)
        .values_list("pk", flat=True)
    )
    for aanmelding_id in untold:
        try:
            registrations += send_registration(aanmelding_id)
        except Exception:
            logger.exception("E-mail over aanmelding %s mislukt", aanmelding_id)
            failed += 1
    berichten = 0
    for bericht_id in Bericht.objects.filter(verstuurd_at__isnull=True).values_list(
        "pk", flat=True
    ):
        try:
            berichten += send_bericht(bericht_id)
        except Exception:
            logger.exception("Bericht %s mislukt", bericht_id)
            failed += 1
    return {
        "herinneringen": reminders,
        "aanmeldingen": registrations,
        "berichten": berichten,
        "mislukt": failed,
    }
