"""The one way the portal sends email: build the message, claim its row, send, then keep the
claim (sent) or give it back.

Every email about something stored (a tribune update, a registration, a message to those
registered) is guarded by the row that says whether it went out. The row is claimed in one
UPDATE that only one process can win before the email leaves, so two workers never send the
same email, and what happens when sending fails is decided here, once for all of them:

- the mail server refused it for good (a 5xx answer for every recipient, or for the message):
  the claim stays, so the email is never tried again, the row is marked as refused where it
  has room for that, and the refusal is reported once (logged, and counted as ``refused`` so
  the catch-up command exits non-zero);
- anything else (the server is away, a 4xx answer such as greylisting, a broken template): the
  claim is given back and the catch-up runs try again, for ``RETRY_FOR`` at most.

An email is sent at most once: a worker that dies between its claim and the send loses that
email rather than risk sending it twice.
"""

import datetime
import enum
import logging
import smtplib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Profiel, UitgaandeMail

logger = logging.getLogger(__name__)

# How long the catch-up runs keep trying an email that failed for now; then it is left alone.
RETRY_FOR = datetime.timedelta(days=7)


def message(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    html: bool = False,
    unsubscribe_url: str | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> mail.EmailMultiAlternatives:
    """An email to one address, its text from ``<template>.txt`` (and, with ``html``, an HTML
    alternative from ``<template>.html``), rendered in the site's language. With
    ``unsubscribe_url`` it carries ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 2369
    and RFC 8058), so mail programs offer one-click unsubscribing."""
    context = {"profiel": Profiel.objects.current(), **context}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"{template}.txt", context)
        alternative = (
            render_to_string(f"{template}.html", {**context, "subject": subject}) if html else None
        )
    headers = {}
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    email = mail.EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[to], headers=headers
    )
    if alternative is not None:
        email.attach_alternative(alternative, "text/html")
    for filename, content, mimetype in attachments:
        email.attach(filename, content, mimetype)
    return email


def is_refused(error: Exception) -> bool:
    """The mail server refused the address, or this message, for good (5xx): trying again
    would fail again. A temporary refusal (4xx: greylisting, throttling) is not, and neither
    is a refused sender (our own settings, fixed and then tried again)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


class Outcome(enum.Enum):
    SENT = "verstuurd"
    FAILED = "mislukt"  # for now: the claim is given back, the next run tries again
    REFUSED = "geweigerd"  # for good: the claim stays, nobody tries again
    TAKEN = "al opgepakt"  # another process claimed the row first: nothing sent here


@dataclass
class Tally:
    """How a run went: emails sent, failed for now, refused for good."""

    sent: int = 0
    failed: int = 0
    refused: int = 0

    def add(self, outcome: Outcome) -> Outcome:
        if outcome is Outcome.SENT:
            self.sent += 1
        elif outcome is Outcome.FAILED:
            self.failed += 1
        elif outcome is Outcome.REFUSED:
            self.refused += 1
        return outcome

    def __iadd__(self, other: "Tally") -> "Tally":
        self.sent += other.sent
        self.failed += other.failed
        self.refused += other.refused
        return self

    @property
    def ok(self) -> bool:
        return not (self.failed or self.refused)

    def check(self) -> "Tally":
        """The tally itself when everything went out; else ``DeliveryError`` (so a background
        task is recorded as failed)."""
        if not self.ok:
            raise DeliveryError(self)
        return self

    def summary(self) -> str:
        """One Dutch sentence about what did not go out, for a command's error."""
        return (
            f"{self.failed} e-mail(s) mislukt, die de volgende run opnieuw probeert; "
            f"{self.refused} geweigerd door de mailserver, die niet opnieuw worden geprobeerd. "
            "Zie het log voor de oorzaak."
        )


def report(command: BaseCommand, tally: Tally, sent_text: str) -> None:
    """How a management command ends a mail run: ``sent_text`` (what went out), then a
    non-zero exit with the reason when something did not go out."""
    command.stdout.write(sent_text)
    if not tally.ok:
        raise CommandError(tally.summary())


class DeliveryError(RuntimeError):
    def __init__(self, tally: Tally):
        self.tally = tally
        super().__init__(
            f"{tally.sent} e-mail(s) verstuurd, {tally.failed} mislukt, {tally.refused} geweigerd."
        )


@dataclass(frozen=True)
class Claim:
    """The rows one email is about, and how to claim them: ``unsent`` selects a row while
    nobody has taken it, ``taken`` marks it taken (and, once the email is out, sent),
    ``given_back`` undoes that and ``refused`` (if the row has room for it) marks a refusal
    for good."""

    model: type[models.Model]
    pks: Sequence[Any]
    unsent: dict = field(default_factory=dict)
    taken: dict = field(default_factory=dict)
    given_back: dict = field(default_factory=dict)
    refused: dict = field(default_factory=dict)

    def take(self) -> list:
        """Claim the rows, each in an UPDATE only one process can win, all in one transaction
        and in key order: two runs that want the same rows wait for each other, so one gets
        them all and the other none. Returns the keys won."""
        rows = self.model._default_manager
        with transaction.atomic():
            return [
                pk
                for pk in sorted(self.pks)
                if rows.filter(pk=pk, **self.unsent).update(**self.taken)
            ]

    def give_back(self, pks: Sequence[Any]) -> None:
        self.model._default_manager.filter(pk__in=pks).update(**self.given_back)

    def mark_refused(self, pks: Sequence[Any]) -> None:
        if self.refused:
            self.model._default_manager.filter(pk__in=pks).update(**self.refused)


def send(
    claim: Claim | None,
    build: Callable[[list], mail.EmailMessage],
    *,
    about: str,
    connection=None,
) -> Outcome:
    """Claim the rows, build the email about those won (``build`` gets their keys) and send
    it; on failure keep or give back the claim as the module's rules say. ``about`` names the
    email in the log, without personal data. Without a claim (an email no row keeps, such as a
    guest's confirmation link) the email is simply sent, under the same rules."""
    won = claim.take() if claim is not None else []
    if claim is not None and not won:
        return Outcome.TAKEN
    try:
        email = build(won)
        email.connection = connection
        email.send()
    except Exception as error:
        if is_refused(error):
            if claim is not None:
                claim.mark_refused(won)
            logger.error("%s: geweigerd door de mailserver; niet opnieuw.", about)
            return Outcome.REFUSED
        if claim is not None:
            claim.give_back(won)
        logger.exception("%s: niet verstuurd; de volgende run probeert het opnieuw.", about)
        return Outcome.FAILED
    return Outcome.SENT


def send_each(
    items: Sequence[Any],
    *,
    claim: Callable[[Any], Claim],
    build: Callable[[Any, list], mail.EmailMessage],
    about: Callable[[Any], str],
) -> Tally:
    """``send`` one email per item over one connection to the mail server. When the server
    cannot be reached nothing is claimed: every item counts as failed and waits for the next
    run."""
    tally = Tally()
    if not items:
        return tally
    connection = mail.get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("De mailserver is onbereikbaar; %d e-mail(s) wachten.", len(items))
        return Tally(failed=len(items))
    try:
        for item in items:
            outcome = send(
                claim(item),
                lambda won, item=item: build(item, won),
                about=about(item),
                connection=connection,
            )
            tally.add(outcome)
    finally:
        connection.close()
    return tally


# --- Emails about events, kept in the outbox -------------------------------------------------

# How long a sent email stays in the outbox (for support questions); then it is forgotten.
KEEP_SENT_FOR = datetime.timedelta(days=30)


def queue(sleutel: str, email: mail.EmailMultiAlternatives, *, user=None) -> bool:
    """Keep ``email`` in the outbox under ``sleutel`` and send it once the transaction commits.

    ``sleutel`` names the event and its recipient (``"koppeling-42-goedgekeurd"``): an email
    under a key that was used before is not stored or sent again, so reporting an event twice
    tells nobody twice. Returns whether the email was new."""
    if len(email.to) != 1 or email.cc or email.bcc or email.reply_to or email.attachments:
        raise ValueError(
            "The outbox keeps one recipient, the subject, text, HTML and headers only; "
            "put a Reply-To in the headers."
        )
    html = next(
        (content for content, mimetype in email.alternatives if mimetype == "text/html"), ""
    )
    row, created = UitgaandeMail.objects.get_or_create(
        sleutel=sleutel,
        defaults={
            "user": user,
            "aan": email.to[0],
            "onderwerp": email.subject[:300],
            "tekst": email.body,
            "html": html,
            "headers": dict(email.extra_headers),
        },
    )
    if created:
        from . import tasks  # the task module imports this one

        transaction.on_commit(lambda: tasks.send_outbox.enqueue([row.pk]))
    return created


def _rebuild(row: UitgaandeMail) -> mail.EmailMultiAlternatives:
    email = mail.EmailMultiAlternatives(
        subject=row.onderwerp, body=row.tekst, to=[row.aan], headers=row.headers
    )
    if row.html:
        email.attach_alternative(row.html, "text/html")
    return email


def send_outbox(pks: Sequence[int] | None = None, *, now: datetime.datetime | None = None) -> Tally:
    """Send the outbox's unsent emails (those of ``pks``, or all that are younger than
    ``RETRY_FOR``), each once, under the module's rules."""
    now = now or timezone.now()
    rows = UitgaandeMail.objects.unsent().filter(aangemaakt_at__gte=now - RETRY_FOR)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    rows = list(rows.order_by("pk"))
    by_pk = {row.pk: row for row in rows}
    return send_each(
        list(by_pk),
        claim=lambda pk: Claim(
            UitgaandeMail,
            [pk],
            unsent={"verstuurd_at__isnull": True, "geweigerd_at__isnull": True},
            taken={"verstuurd_at": timezone.now()},
            given_back={"verstuurd_at": None},
            refused={"geweigerd_at": timezone.now(), "verstuurd_at": None},
        ),
        build=lambda pk, _won: _rebuild(by_pk[pk]),
        about=lambda pk: f"Uitgaande e-mail {pk}",
    )


def forget_sent(*, now: datetime.datetime | None = None) -> int:
    """Delete outbox rows sent or refused more than ``KEEP_SENT_FOR`` ago, and unsent ones
    nobody retries any more. Returns how many went."""
    cutoff = (now or timezone.now()) - KEEP_SENT_FOR
    old = UitgaandeMail.objects.filter(aangemaakt_at__lt=cutoff)
    return old.delete()[0]
