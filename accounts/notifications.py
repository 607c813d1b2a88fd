"""Emails about published tribune updates: who gets them, when, and how to stop them.

Every email is guarded by a ``Melding`` row (one per user and update): rows are created once,
and a row is sent only while its ``verstuurd_at`` is empty, under a row lock. Publishing again,
saving a published update or retrying a task therefore never sends anything twice.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerateliers.models import Deelname, Leeratelier, Rol, TribuneUpdate
from werkplaats.models import User
from werkplaats.text import render_markdown

from .models import Abonnement, Frequentie, Koppeling, Melding

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "accounts.notifications.unsubscribe"
FALLBACK_HOST = "localhost:8000"


class DeliveryError(RuntimeError):
    """Some emails could not be sent; they stay unsent and go out on the next run."""

    def __init__(self, *, sent: int, failed: int):
        self.sent = sent
        self.failed = failed
        super().__init__(f"{failed} e-mail(s) niet verstuurd, {sent} wel.")


@dataclass
class Reden:
    """Why a user hears about a leeratelier's updates: following it, being a contactpersoon."""

    volgt: bool = False
    organisaties: set[str] = field(default_factory=set)

    def describe(self, leeratelier: Leeratelier) -> str:
        """One Dutch sentence for the email's footer."""
        organisaties = get_text_list(sorted(self.organisaties), _("en"))
        if self.volgt and organisaties:
            return _(
                "Je krijgt deze e-mail omdat je het leeratelier %(leeratelier)s volgt en "
                "contactpersoon bent van %(organisaties)s."
            ) % {"leeratelier": leeratelier.titel, "organisaties": organisaties}
        if self.volgt:
            return _("Je krijgt deze e-mail omdat je het leeratelier %(leeratelier)s volgt.") % {
                "leeratelier": leeratelier.titel
            }
        if organisaties:
            return _(
                "Je krijgt deze e-mail omdat je contactpersoon bent van %(organisaties)s "
                "bij het leeratelier %(leeratelier)s."
            ) % {"leeratelier": leeratelier.titel, "organisaties": organisaties}
        return _(
            "Je krijgt deze e-mail vanwege je instellingen voor het leeratelier %(leeratelier)s."
        ) % {"leeratelier": leeratelier.titel}


# --- Who -------------------------------------------------------------------------------------


def _audience(leeratelier_id: int, rollen=(Rol.ARENA, Rol.TRIBUNE)) -> dict[int, Reden]:
    """User ids of the followers and contactpersonen of a leeratelier, with their reasons.

    A contactpersoon is one of an organisation currently in one of ``rollen`` (the arena or
    the tribune): by an approved koppeling as contactpersoon, or as the persoon named on the
    current deelname.
    """
    redenen: dict[int, Reden] = defaultdict(Reden)
    followers = Abonnement.objects.following().filter(leeratelier_id=leeratelier_id)
    for user_id in followers.values_list("user_id", flat=True):
        redenen[user_id].volgt = True
    current = Deelname.objects.current().filter(leeratelier_id=leeratelier_id, rol__in=rollen)
    contacts = (
        Koppeling.objects.approved()
        .filter(is_contactpersoon=True, organisatie__in=current.values("organisatie"))
        .values_list("user_id", "organisatie__naam")
    )
    named = current.filter(contactpersoon__user__isnull=False).values_list(
        "contactpersoon__user_id", "organisatie__naam"
    )
    for user_id, organisatie in [*contacts, *named]:
        redenen[user_id].organisaties.add(organisatie)
    return dict(redenen)


def tribune_readers(leeratelier_id: int) -> list[User]:
    """Who hears what the tribune of a leeratelier hears: its followers and the contactpersonen
    of the organisations on its tribune; active users who did not choose "nooit" for it."""
    stopped = Abonnement.objects.filter(
        leeratelier_id=leeratelier_id, frequentie=Frequentie.NOOIT
    ).values("user_id")
    audience = _audience(leeratelier_id, rollen=[Rol.TRIBUNE])
    return list(User.objects.filter(pk__in=audience, is_active=True).exclude(pk__in=stopped))


def recipients(update: TribuneUpdate) -> dict[User, Frequentie]:
    """Who is told about ``update``, and how: each active follower and contactpersoon once.

    Users who chose "nooit" for the leeratelier and the update's own author are left out; a
    user without an Abonnement row for the leeratelier gets it at once ("direct").
    """
    audience = _audience(update.leeratelier_id)
    users = User.objects.filter(pk__in=audience, is_active=True)
    author = update.auteur.user_id if update.auteur else None
    if author is not None:
        users = users.exclude(pk=author)
    chosen = dict(
        Abonnement.objects.filter(
            leeratelier_id=update.leeratelier_id, user_id__in=audience
        ).values_list("user_id", "frequentie")
    )
    found = {user: Frequentie(chosen.get(user.pk, Frequentie.DIRECT)) for user in users}
    return {user: freq for user, freq in found.items() if freq != Frequentie.NOOIT}


# --- Links -----------------------------------------------------------------------------------


def public_host() -> str:
    """The portal's public host: the first entry of ``ALLOWED_HOSTS`` (the
    ``DJANGO_ALLOWED_HOSTS`` variable) that is not a wildcard ("*" or ".example.org"), else
    "localhost:8000"."""
    return next(
        (host for host in settings.ALLOWED_HOSTS if "*" not in host and not host.startswith(".")),
        FALLBACK_HOST,
    )


def absolute_url(path: str) -> str:
    """``path`` on the portal's public address (``public_host``), for emails sent without a
    request; the scheme is ``ACCOUNT_DEFAULT_HTTP_PROTOCOL`` (https unless debug or plain http
    is on)."""
    return f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{public_host()}{path}"


def unsubscribe_token(user: User, leeratelier: Leeratelier) -> str:
    """A signed token that lets its holder stop the emails of one leeratelier for one user."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object([user.pk, leeratelier.pk])


def read_unsubscribe_token(token: str) -> tuple[User, Leeratelier] | None:
    """The user and leeratelier of a token from ``unsubscribe_token``; None if it is not
    genuine or either of them no longer exists."""
    try:
        user_id, leeratelier_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
        user = User.objects.get(pk=int(user_id))
        leeratelier = Leeratelier.objects.get(pk=int(leeratelier_id))
    except (
        signing.BadSignature,
        ValueError,
        TypeError,
        User.DoesNotExist,
        Leeratelier.DoesNotExist,
    ):
        return None
    return user, leeratelier


def unsubscribe_url(
    user: User, leeratelier: Leeratelier, *, request: HttpRequest | None = None
) -> str:
    """The absolute one-click unsubscribe link; on the request's host when there is one."""
    path = reverse("accounts:unsubscribe", kwargs={"token": unsubscribe_token(user, leeratelier)})
    return request.build_absolute_uri(path) if request is not None else absolute_url(path)


# --- Emails ----------------------------------------------------------------------------------


def _message(
    *, user: User, subject: str, template: str, context: dict, unsubscribe: str | None
) -> mail.EmailMultiAlternatives:
    """A text email with an HTML alternative, both from ``accounts/email/<template>``."""
    context = {**context, "preferences_url": absolute_url(reverse("accounts:preferences"))}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"accounts/email/{template}.txt", context)
        html = render_to_string(f"accounts/email/{template}.html", {**context, "subject": subject})
    headers = {}
    if unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = mail.EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[user.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def _update_item(update: TribuneUpdate) -> dict:
    return {
        "update": update,
        "url": absolute_url(update.get_absolute_url()),
        "tekst_html": render_markdown(update.tekst),
    }


def update_message(*, user: User, update: TribuneUpdate, reden: Reden) -> mail.EmailMessage:
    """The email that tells ``user`` about one published ``update``."""
    leeratelier = update.leeratelier
    unsubscribe = unsubscribe_url(user, leeratelier)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nieuwe tribune-update: %(titel)s (%(leeratelier)s)") % {
            "titel": update.titel,
            "leeratelier": leeratelier.titel,
        }
        context = {
            **_update_item(update),
            "leeratelier": leeratelier,
            "leeratelier_url": absolute_url(leeratelier.get_absolute_url()),
            "reden": reden.describe(leeratelier),
            "unsubscribe_url": unsubscribe,
        }
    return _message(
        user=user, subject=subject, template="update", context=context, unsubscribe=unsubscribe
    )


def digest_message(
    *, user: User, updates: list[TribuneUpdate], redenen: dict[int, Reden]
) -> mail.EmailMessage:
    """One email listing ``updates`` (any leerateliers), grouped by leeratelier.

    ``redenen`` holds the reason per leeratelier id. The List-Unsubscribe header is only set
    when every update comes from the same leeratelier.
    """
    by_leeratelier: dict[int, list[TribuneUpdate]] = defaultdict(list)
    for update in sorted(updates, key=lambda update: (update.leeratelier.titel, update.pk)):
        by_leeratelier[update.leeratelier_id].append(update)
    with translation.override(settings.LANGUAGE_CODE):
        groepen = [
            {
                "leeratelier": rows[0].leeratelier,
                "leeratelier_url": absolute_url(rows[0].leeratelier.get_absolute_url()),
                "reden": redenen.get(leeratelier_id, Reden()).describe(rows[0].leeratelier),
                "unsubscribe_url": unsubscribe_url(user, rows[0].leeratelier),
                "updates": [_update_item(update) for update in rows],
            }
            for leeratelier_id, rows in by_leeratelier.items()
        ]
        subject = ngettext(
            "Weekoverzicht: %(count)d nieuwe tribune-update",
            "Weekoverzicht: %(count)d nieuwe tribune-updates",
            len(updates),
        ) % {"count": len(updates)}
    unsubscribe = groepen[0]["unsubscribe_url"] if len(groepen) == 1 else None
    return _message(
        user=user,
        subject=subject,
        template="digest",
        context={"groepen": groepen, "aantal": len(updates)},
        unsubscribe=unsubscribe,
    )


# --- Sending ---------------------------------------------------------------------------------


def _announce(update: TribuneUpdate) -> None:
    """Decide once who hears about ``update``: one Melding per reader, then the update is
    stamped as announced. Readers who arrive later are not told about it."""
    with transaction.atomic():
        locked = TribuneUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.aangekondigd_at is not None:
            return
        wanted = recipients(update)
        Melding.objects.bulk_create(
            [Melding(user=user, update=update, frequentie=freq) for user, freq in wanted.items()],
            ignore_conflicts=True,
        )
        locked.aangekondigd_at = timezone.now()
        locked.save(update_fields=["aangekondigd_at"])


def _deliver(update: TribuneUpdate) -> int:
    """Send the unsent "direct" meldingen of ``update``; returns how many went out.

    Each row is claimed (its ``verstuurd_at`` set) before its email is sent, in one UPDATE that
    only one process can win, so two workers never send the same email; a failed send gives the
    claim back, and the next run (``send_pending_notifications``) tries again.
    """
    pending = list(
        Melding.objects.filter(
            update=update,
            frequentie=Frequentie.DIRECT,
            verstuurd_at__isnull=True,
            user__is_active=True,
        ).select_related("user")
    )
    if not pending:
        return 0
    redenen = _audience(update.leeratelier_id)
    sent = failed = 0
    with mail.get_connection() as connection:
        for melding in pending:
            claimed = Melding.objects.filter(pk=melding.pk, verstuurd_at__isnull=True).update(
                verstuurd_at=timezone.now()
            )
            if not claimed:
                continue
            try:
                message = update_message(
                    user=melding.user,
                    update=update,
                    reden=redenen.get(melding.user_id, Reden()),
                )
                message.connection = connection
                message.send()
                sent += 1
            except Exception:
                Melding.objects.filter(pk=melding.pk).update(verstuurd_at=None)
                logger.exception(
                    "E-mail over update %s aan gebruiker %s mislukt", update.pk, melding.user_id
                )
                failed += 1
    if failed:
        raise DeliveryError(sent=sent, failed=failed)
    return sent


def _visible(update_id: int) -> TribuneUpdate | None:
    return (
        TribuneUpdate.objects.published()
        .select_related("leeratelier", "auteur")
        .filter(pk=update_id)
        .first()
    )


def send_update_notifications(update_id: int) -> int:
    """Tell the readers of a published update about it; returns how many emails went out.

    The first run decides who the readers are (one Melding each, "direct" or "wekelijks");
    every run sends the unsent "direct" ones. A missing or not (yet) visible update is left
    alone. If some sends fail, the others still go out and ``DeliveryError`` is raised.
    """
    update = _visible(update_id)
    if update is None:
        return 0
    _announce(update)
    return _deliver(update)


ANNOUNCE_WINDOW = timedelta(days=7)


def send_pending_notifications(*, now: datetime | None = None) -> int:
    """Catch up: announce updates that became visible without being announced (published
    with a date that has since passed, or while no worker ran) in the last week, and resend
    "direct" emails that failed. Returns how many emails went out; safe to run often."""
    now = now or timezone.now()
    unannounced = TribuneUpdate.objects.published().filter(
        aangekondigd_at__isnull=True, gepubliceerd_at__gte=now - ANNOUNCE_WINDOW
    )
    update_ids = set(unannounced.values_list("pk", flat=True))
    update_ids |= set(
        Melding.objects.filter(frequentie=Frequentie.DIRECT, verstuurd_at__isnull=True)
        .values_list("update_id", flat=True)
        .distinct()
    )
    sent = failed = 0
    for update_id in sorted(update_ids):
        try:
            sent += send_update_notifications(update_id)
        except DeliveryError as error:
            sent += error.sent
            failed += error.failed
    if failed:
        raise DeliveryError(sent=sent, failed=failed)
    return sent


def _pending_digest_meldingen(now: datetime) -> QuerySet[Melding]:
    """Unsent weekly meldingen of active users about updates visible at ``now``, leaving out
    leerateliers the user has since set to "nooit" (those rows stay unsent)."""
    stopped = Abonnement.objects.filter(
        user=OuterRef("user"),
        leeratelier=OuterRef("update__leeratelier"),
        frequentie=Frequentie.NOOIT,
    )
    return Melding.objects.filter(
        frequentie=Frequentie.WEKELIJKS,
        verstuurd_at__isnull=True,
        aangemaakt_at__lte=now,
        user__is_active=True,
        update__in=TribuneUpdate.objects.published(),
        update__gepubliceerd_at__lte=now,
    ).exclude(Exists(stopped))


def send_weekly_digests(*, now: datetime | None = None) -> int:
    """Send each user one email with all their unsent weekly meldingen; returns how many
    emails went out. Running it again sends nothing new, so a cron job may repeat it.

    ``now`` (default: the current time) is the cut-off for meldingen and publications and the
    time stamped as ``verstuurd_at``. If some sends fail, the others still go out and
    ``DeliveryError`` is raised afterwards.
    """
    now = now or timezone.now()
    pending = _pending_digest_meldingen(now)
    user_ids = list(pending.values_list("user_id", flat=True).distinct().order_by("user_id"))
    if not user_ids:
        return 0
    leeratelier_ids = set(pending.values_list("update__leeratelier_id", flat=True))
    redenen = {leeratelier_id: _audience(leeratelier_id) for leeratelier_id in leeratelier_ids}
    sent = failed = 0
    with mail.get_connection() as connection:
        for user_id in user_ids:
            try:
                with transaction.atomic():
                    meldingen = list(
                        pending.filter(user_id=user_id)
                        .select_for_update(of=("self",))
                        .select_related("user", "update__leeratelier", "update__auteur")
                    )
                    if not meldingen:
                        continue
                    user = meldingen[0].user
                    message = digest_message(
                        user=user,
                        updates=[melding.update for melding in meldingen],
                        redenen={
                            leeratelier_id: by_user.get(user_id, Reden())
                            for leeratelier_id, by_user in redenen.items()
                        },
                    )
                    message.connection = connection
                    message.send()
                    Melding.objects.filter(pk__in=[melding.pk for melding in meldingen]).update(
                        verstuurd_at=now
                    )
                sent += 1
            except Exception:
                logger.exception("Weekoverzicht aan gebruiker %s mislukt", user_id)
                failed += 1
    if failed:
        raise DeliveryError(sent=sent, failed=failed)
    return sent
