"""Sending an edition: one email per ``Bezorging`` row, through the one mail path.

The rows are fixed when the edition is sent (``services.editie_send``). Each email is claimed
on its row before it leaves (``geclaimd_at``, in an UPDATE only one process can win) and
stamped ``verzonden_at`` once it is out; a refusal for good keeps the claim and sets
``geweigerd_at``; any other failure gives the claim back, and the catch-up run
(``manage.py send_nieuwsbrief``) tries it again for ``werkplaats.mail.RETRY_FOR``. A row is
therefore never sent twice, whoever runs at the same time.
"""

import logging
import time
from datetime import datetime

from django.conf import settings
from django.core import mail as django_mail
from django.db.models import F
from django.utils import timezone

from werkplaats import mail
from werkplaats.models import Profiel

from . import content
from .links import unsubscribe_url
from .models import MISLUKT, Bezorging, Editie, EditieStatus

logger = logging.getLogger(__name__)

TEMPLATE = "nieuwsbrief/email/editie"


def subject(editie: Editie) -> str:
    return f"{editie.titel} · {Profiel.objects.current().naam}"


def editie_message(*, editie: Editie, to: str, shown: dict | None = None, is_test=False):
    """The email of ``editie`` to one address, with its own one-click unsubscribe link and
    the RFC 8058 headers. ``shown`` is ``content.context(editie, absolute=True)``, made once
    for a whole batch."""
    shown = shown if shown is not None else content.context(editie, absolute=True)
    unsubscribe = unsubscribe_url(to)
    onderwerp = subject(editie)
    if is_test:
        onderwerp = f"[Test] {onderwerp}"
    return mail.message(
        to=to,
        subject=onderwerp,
        template=TEMPLATE,
        context={**shown, "unsubscribe_url": unsubscribe, "is_test": is_test},
        html=True,
        unsubscribe_url=unsubscribe,
    )


def _claim(bezorging: Bezorging, now: datetime) -> mail.Claim:
    return mail.Claim(
        Bezorging,
        [bezorging.pk],
        unsent={"geclaimd_at__isnull": True},
        taken={"geclaimd_at": now, "pogingen": F("pogingen") + 1},
        given_back={"geclaimd_at": None},
        refused={"geweigerd_at": now},
    )


def waiting(editie: Editie, *, retry: bool):
    """Rows nobody has claimed: never tried, and (with ``retry``) failed for now."""
    rows = Bezorging.objects.filter(editie=editie, geclaimd_at__isnull=True)
    return rows if retry else rows.filter(pogingen=0)


def _send_rows(editie: Editie, rows: list[Bezorging]) -> tuple[mail.Tally, bool]:
    """Send ``rows`` over one connection. The second value is False when the mail server
    could not be reached (nothing was claimed then)."""
    tally = mail.Tally()
    if not rows:
        return tally, True
    shown = content.context(editie, absolute=True)
    connection = django_mail.get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("De mailserver is onbereikbaar; %d nieuwsbrief(ven) wachten.", len(rows))
        return mail.Tally(failed=len(rows)), False
    try:
        for bezorging in rows:
            now = timezone.now()
            outcome = mail.send(
                _claim(bezorging, now),
                lambda _won, bezorging=bezorging: editie_message(
                    editie=editie, to=bezorging.email, shown=shown
                ),
                about=f"Nieuwsbrief {editie.pk} aan bezorging {bezorging.pk}",
                connection=connection,
            )
            if outcome is mail.Outcome.SENT:
                Bezorging.objects.filter(pk=bezorging.pk).update(verzonden_at=now)
            tally.add(outcome)
    finally:
        connection.close()
    return tally, True


def finish(editie: Editie) -> None:
    """Sent once no row waits any more (each was sent, refused, or lost in a crash)."""
    if not waiting(editie, retry=True).exists():
        Editie.objects.filter(pk=editie.pk, status=EditieStatus.VERZENDEN).update(
            status=EditieStatus.VERZONDEN
        )


def send_batch(editie_id: int, *, size: int | None = None) -> tuple[mail.Tally, int]:
    """Send the next batch of never-tried rows of an edition that is being sent. Returns the
    tally and how many never-tried rows still wait (0 when the mail server is away: the
    catch-up run takes over then)."""
    editie = Editie.objects.filter(pk=editie_id, status=EditieStatus.VERZENDEN).first()
    if editie is None:
        return mail.Tally(), 0
    size = size or settings.NIEUWSBRIEF_BATCH_SIZE
    rows = list(waiting(editie, retry=False).order_by("pk")[:size])
    tally, reached = _send_rows(editie, rows)
    finish(editie)
    return tally, waiting(editie, retry=False).count() if reached else 0


def send_pending(*, now: datetime | None = None, pause: float | None = None) -> mail.Tally:
    """Catch up: every edition being sent gets its waiting rows (never tried, or failed for
    now) sent in batches, with the configured pause between batches. An edition sent longer
    ago than ``RETRY_FOR`` is given up: what still waits stays unsent. Safe to run often."""
    now = now or timezone.now()
    pause = settings.NIEUWSBRIEF_BATCH_PAUSE if pause is None else pause
    sending = Editie.objects.filter(status=EditieStatus.VERZENDEN).order_by("verzonden_at", "pk")
    Editie.objects.filter(
        pk__in=sending.filter(verzonden_at__lt=now - mail.RETRY_FOR).values("pk")
    ).update(status=EditieStatus.VERZONDEN)
    tally = mail.Tally()
    first = True
    for editie in sending.filter(verzonden_at__gte=now - mail.RETRY_FOR):
        pks = list(waiting(editie, retry=True).order_by("pk").values_list("pk", flat=True))
        size = settings.NIEUWSBRIEF_BATCH_SIZE
        for start in range(0, len(pks), size):
            if not first and pause:
                time.sleep(pause)
            first = False
            chunk = pks[start : start + size]
            rows = list(Bezorging.objects.filter(pk__in=chunk).order_by("pk"))
            batch, reached = _send_rows(editie, rows)
            tally += batch
            if not reached:  # the mail server is away: the rest waits for the next run
                tally.failed += len(pks) - start - len(chunk)
                break
        finish(editie)
    return tally


def progress(editie: Editie) -> dict[str, int]:
    """Sent / failed (refused for good, or failed for now) / waiting, for the admin."""
    rows = Bezorging.objects.filter(editie=editie)
    return {
        "verzonden": rows.filter(verzonden_at__isnull=False).count(),
        "geweigerd": rows.filter(geweigerd_at__isnull=False).count(),
        "mislukt": rows.filter(**MISLUKT).count(),
        "wachtend": rows.filter(geclaimd_at__isnull=True, pogingen=0).count(),
    }
