"""Emails about bijeenkomsten: confirmation (with the .ics), the waiting list, a freed seat, the
reminder two days before, and the messages to everyone registered (a cancellation, the
verslag, a note from the organisers). Text emails, sent by background tasks (``tasks.py``).

Nothing is sent twice: every email goes through the one mail path (``werkplaats.mail``), which
claims its row first: a reminder its registration's ``herinnerd_at``, a registration email its
``gemeld_status``, a message each ``Ontvanger``'s ``verstuurd_at``.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerateliers.notifications import tribune_readers
from werkplaats import mail
from werkplaats.links import absolute_url
from werkplaats.models import User

from . import ical
from .models import (
    REMINDER_BEFORE,
    Aanmelding,
    AanmeldingStatus,
    Bericht,
    BerichtSoort,
    Bijeenkomst,
    Ontvanger,
    Soort,
    Status,
)

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


def _email(*, to: str, subject: str, template: str, context: dict, ics: bytes | None = None):
    bijeenkomst = context["bijeenkomst"]
    context = {
        **context,
        "url": absolute_url(bijeenkomst.get_absolute_url()),
        "is_online": bool(bijeenkomst.online_link),
    }
    attachments = []
    if ics is not None:
        attachments = [(ical.filename(bijeenkomst), ics, "text/calendar; charset=utf-8")]
    return mail.message(
        to=to,
        subject=subject,
        template=f"bijeenkomsten/email/{template}",
        context=context,
        attachments=attachments,
    )


def _subject(text: str, bijeenkomst: Bijeenkomst) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return text % {"titel": bijeenkomst.titel}


def _with_link(bijeenkomst: Bijeenkomst) -> bytes:
    return ical.calendar([bijeenkomst], name=bijeenkomst.titel, with_link=True)


def registration_message(aanmelding: Aanmelding, *, seat_freed: bool = False):
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


def cancellation_message(aanmelding: Aanmelding, *, was_waiting: bool):
    """The confirmation for someone who cancelled their own registration (``was_waiting``:
    they gave up a place on the waiting list rather than a seat)."""
    bijeenkomst = aanmelding.bijeenkomst
    return _email(
        to=aanmelding.adres,
        subject=_subject(_("Afgemeld: %(titel)s"), bijeenkomst),
        template="afgemeld",
        context={"aanmelding": aanmelding, "bijeenkomst": bijeenkomst, "was_waiting": was_waiting},
    )


def send_registration(aanmelding_id: int) -> mail.Tally:
    """Tell someone where their registration stands now, unless they were told already
    (``gemeld_status``): so a seat given before the first email went out gets one email, not
    two, and nothing goes out for a registration cancelled since, or a bijeenkomst that was
    cancelled or is over. What is told is claimed before the email leaves (see
    ``werkplaats.mail`` for what a failure does)."""
    tally = mail.Tally()
    aanmelding = (
        Aanmelding.objects.select_related("bijeenkomst", "user__persoon")
        .filter(pk=aanmelding_id)
        .first()
    )
    if aanmelding is None or not aanmelding.is_active:
        return tally
    bijeenkomst = aanmelding.bijeenkomst
    told = aanmelding.gemeld_status
    if told == aanmelding.status or bijeenkomst.is_cancelled or bijeenkomst.is_past():
        return tally
    claim = mail.Claim(
        Aanmelding,
        [aanmelding.pk],
        unsent={"status": aanmelding.status, "gemeld_status": told},
        taken={"gemeld_status": aanmelding.status},
        given_back={"gemeld_status": told},
    )
    seat_freed = told == AanmeldingStatus.WACHTLIJST
    tally.add(
        mail.send(
            claim,
            lambda _won: registration_message(aanmelding, seat_freed=seat_freed),
            about=f"E-mail over aanmelding {aanmelding.pk}",
        )
    )
    return tally


def send_guest_confirmation(
    *, bijeenkomst_id: int, naam: str, email: str, organisatie: str
) -> mail.Tally:
    """The email with the link a guest follows to make the registration (no row keeps it:
    the link itself carries the registration)."""
    tally = mail.Tally()
    bijeenkomst = Bijeenkomst.objects.filter(pk=bijeenkomst_id).first()
    if bijeenkomst is None:
        return tally
    token = confirm_token(bijeenkomst=bijeenkomst, naam=naam, email=email, organisatie=organisatie)
    link = absolute_url(reverse("bijeenkomsten:confirm", kwargs={"token": token}))
    tally.add(
        mail.send(
            None,
            lambda _won: _email(
                to=email,
                subject=_subject(_("Bevestig je aanmelding: %(titel)s"), bijeenkomst),
                template="bevestig_adres",
                context={"bijeenkomst": bijeenkomst, "confirm_url": link},
            ),
            about=f"Bevestigingslink voor bijeenkomst {bijeenkomst.pk}",
        )
    )
    return tally


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


def reminder_message(aanmelding: Aanmelding):
    return _email(
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


def send_reminders(*, now: datetime.datetime | None = None) -> mail.Tally:
    """Remind everyone with a seat two days before; safe to run as often as wanted (each
    registration's ``herinnerd_at`` is claimed before its email leaves)."""
    now = now or timezone.now()
    return mail.send_each(
        list(_due_reminders(now)),
        claim=lambda aanmelding: mail.Claim(
            Aanmelding,
            [aanmelding.pk],
            unsent={"herinnerd_at__isnull": True},
            taken={"herinnerd_at": now},
            given_back={"herinnerd_at": None},
        ),
        build=lambda aanmelding, _won: reminder_message(aanmelding),
        about=lambda aanmelding: f"Herinnering voor aanmelding {aanmelding.pk}",
    )


# --- Messages to everyone registered ---------------------------------------------------------


def bericht_recipients(bericht: Bericht) -> dict[str, tuple[Aanmelding | None, User | None]]:
    """Addresses of a message, each once, with the registration they come from (None for a
    reader of the tribune who did not register) and their account (None for a guest):
    everyone seated or waiting, and for the verslag of a tribunebijeenkomst the tribune of its
    leeratelier too."""
    bijeenkomst = bericht.bijeenkomst
    registrations = (
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst)
        .active()
        .reachable()
        .select_related("user")
        .order_by("aangemeld_at", "pk")
    )
    found: dict[str, tuple[Aanmelding | None, User | None]] = {}
    for aanmelding in registrations:
        found.setdefault(aanmelding.adres.lower(), (aanmelding, aanmelding.user))
    tribune = (
        bericht.soort == BerichtSoort.VERSLAG
        and bijeenkomst.soort == Soort.TRIBUNEBIJEENKOMST
        and bijeenkomst.leeratelier_id is not None
    )
    if tribune:
        for user in tribune_readers(bijeenkomst.leeratelier_id):
            found.setdefault(user.email.lower(), (None, user))
    return found


def _address(bericht_id: int) -> None:
    """Decide once who gets a message: one Ontvanger per address, and the message is stamped
    as sent out. Whoever registers later is not sent it."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(of=("self",))
            .select_related("bijeenkomst__leeratelier")
            .filter(pk=bericht_id)
            .first()
        )
        if bericht is None or bericht.verstuurd_at is not None:
            return
        Ontvanger.objects.bulk_create(
            [
                Ontvanger(bericht=bericht, email=address, aanmelding=aanmelding, user=user)
                for address, (aanmelding, user) in bericht_recipients(bericht).items()
            ],
            ignore_conflicts=True,
        )
        bericht.verstuurd_at = timezone.now()
        bericht.save(update_fields=["verstuurd_at"])


def bericht_message(bericht: Bericht, ontvanger: Ontvanger, calendars: dict, bijlagen: list):
    aanmelding = ontvanger.aanmelding
    seated = aanmelding is not None and aanmelding.is_seated
    wants_cancel_link = bericht.soort in (BerichtSoort.BERICHT, BerichtSoort.WIJZIGING)
    context = {
        "bericht": bericht,
        "bijeenkomst": bericht.bijeenkomst,
        "aanmelding": aanmelding,
        "bijlagen": bijlagen,
        "cancel_url": absolute_url(cancel_path(aanmelding))
        if aanmelding is not None and wants_cancel_link
        else "",
    }
    return _email(
        to=ontvanger.email,
        subject=bericht.onderwerp,
        template="bericht",
        context=context,
        ics=calendars.get(seated),
    )


def send_bericht(bericht_id: int) -> mail.Tally:
    """Send a message to its recipients: decided once, then each address is sent once (the
    catch-up runs try an address that failed for now again for a week)."""
    _address(bericht_id)
    bericht = (
        Bericht.objects.select_related("bijeenkomst__leeratelier").filter(pk=bericht_id).first()
    )
    if bericht is None:
        return mail.Tally()
    bijeenkomst = bericht.bijeenkomst
    # A cancellation or a change carries the event, so calendars replace their copy (with the
    # online link for whoever has a seat).
    calendars = {}
    if bericht.soort in (BerichtSoort.ANNULERING, BerichtSoort.WIJZIGING):
        calendars = {
            False: ical.calendar([bijeenkomst], name=bijeenkomst.titel),
            True: _with_link(bijeenkomst),
        }
    bijlagen = []
    if bericht.soort == BerichtSoort.VERSLAG:
        bijlagen = [
            (bijlage.titel, absolute_url(bijlage.bestand.url))
            for bijlage in bijeenkomst.bijlagen.all()
        ]
    pending = list(
        bericht.ontvangers.filter(verstuurd_at__isnull=True).select_related("aanmelding__user")
    )
    tally = mail.send_each(
        pending,
        claim=lambda ontvanger: mail.Claim(
            Ontvanger,
            [ontvanger.pk],
            unsent={"verstuurd_at__isnull": True},
            taken={"verstuurd_at": timezone.now()},
            given_back={"verstuurd_at": None},
            refused={"geweigerd_at": timezone.now()},
        ),
        build=lambda ontvanger, _won: bericht_message(bericht, ontvanger, calendars, bijlagen),
        about=lambda ontvanger: f"Bericht {bericht.pk} aan ontvanger {ontvanger.pk}",
    )
    sent = bericht.ontvangers.filter(verstuurd_at__isnull=False, geweigerd_at__isnull=True).count()
    Bericht.objects.filter(pk=bericht.pk).update(aantal_ontvangers=sent)
    return tally


def send_pending(*, now: datetime.datetime | None = None) -> dict[str, mail.Tally]:
    """Catch up on what should have gone out: reminders that are due, registration emails and
    messages that were not sent (no worker ran, or the mail server was away). Safe to run as
    often as wanted; returns a tally per kind."""
    now = now or timezone.now()
    reminders = send_reminders(now=now)
    untold = (
        Aanmelding.objects.active()
        .reachable()
        .exclude(gemeld_status=F("status"))
        .filter(bijeenkomst__status=Status.GEPLAND, bijeenkomst__end_at__gte=now)
        .values_list("pk", flat=True)
    )
    registrations = mail.Tally()
    for aanmelding_id in untold:
        registrations += send_registration(aanmelding_id)
    berichten = mail.Tally()
    unsent = Bericht.objects.filter(verstuurd_at__isnull=True).values_list("pk", flat=True)
    waiting = Ontvanger.objects.filter(
        verstuurd_at__isnull=True, bericht__verstuurd_at__gte=now - mail.RETRY_FOR
    ).values_list("bericht_id")
    for bericht_id in sorted({*unsent, *(pk for (pk,) in waiting)}):
        berichten += send_bericht(bericht_id)
    return {
        "herinneringen": reminders,
        "aanmeldingen": registrations,
        "berichten": berichten,
    }
