"""Emails about published tribune updates: who gets them, when, and how to stop them.

Every email is guarded by a ``Melding`` row (one per user and update): rows are created once,
and each goes out through the one mail path (``werkplaats.mail``), which claims the row before
sending. Publishing again, saving a published update or retrying a task therefore never sends
anything twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Koppeling
from werkplaats import mail
from werkplaats.links import absolute_url
from werkplaats.models import User
from werkplaats.text import render_markdown

from .models import Abonnement, Deelname, Frequentie, Leeratelier, Melding, Rol, TribuneUpdate

UNSUBSCRIBE_SALT = "accounts.notifications.unsubscribe"  # kept: links in sent emails use it


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
    ids = audience_user_ids(leeratelier_id, rollen=(Rol.TRIBUNE,), volgers=True)
    return list(User.objects.filter(pk__in=ids))


def audience_user_ids(
    leeratelier_id: int, *, rollen: tuple[str, ...] = (), volgers: bool = False
) -> set[int]:
    """Ids of the active users of one part of a leeratelier's audience: the contactpersonen
    of the organisations in ``rollen`` (arena, tribune) and, with ``volgers``, its followers;
    without those who chose "nooit" for it (the nieuwsbrief's segments)."""
    found = _audience(leeratelier_id, rollen=rollen) if rollen or volgers else {}
    wanted = {
        user_id
        for user_id, reden in found.items()
        if reden.organisaties or (volgers and reden.volgt)
    }
    stopped = Abonnement.objects.filter(
        leeratelier_id=leeratelier_id, frequentie=Frequentie.NOOIT
    ).values("user_id")
    return set(
        User.objects.filter(pk__in=wanted, is_active=True)
        .exclude(pk__in=stopped)
        .values_list("pk", flat=True)
    )


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
    path = reverse(
        "leerateliers:unsubscribe", kwargs={"token": unsubscribe_token(user, leeratelier)}
    )
    return request.build_absolute_uri(path) if request is not None else absolute_url(path)


# --- Emails ----------------------------------------------------------------------------------


def _message(*, user: User, subject: str, template: str, context: dict, unsubscribe: str | None):
    """A text email with an HTML alternative, both from ``leerateliers/email/<template>``."""
    context = {**context, "preferences_url": absolute_url(reverse("leerateliers:preferences"))}
    return mail.message(
        to=user.email,
        subject=subject,
        template=f"leerateliers/email/{template}",
        context=context,
        html=True,
        unsubscribe_url=unsubscribe,
    )


def _update_item(update: TribuneUpdate) -> dict:
    return {
        "update": update,
        "url": absolute_url(update.get_absolute_url()),
        "tekst_html": render_markdown(update.tekst),
    }


def update_message(*, user: User, update: TribuneUpdate, reden: Reden):
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


def digest_message(*, user: User, updates: list[TribuneUpdate], redenen: dict[int, Reden]):
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


def _claim(meldingen: list[Melding], now: datetime) -> mail.Claim:
    """A melding is sent once its ``verstuurd_at`` is set; claiming sets it first."""
    return mail.Claim(
        Melding,
        [melding.pk for melding in meldingen],
        unsent={"verstuurd_at__isnull": True},
        taken={"verstuurd_at": now},
        given_back={"verstuurd_at": None},
        refused={"geweigerd_at": now},
    )


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


def _deliver(update: TribuneUpdate) -> mail.Tally:
    """Send the unsent "direct" meldingen of ``update`` through the one mail path."""
    pending = list(
        Melding.objects.filter(
            update=update,
            frequentie=Frequentie.DIRECT,
            verstuurd_at__isnull=True,
            user__is_active=True,
        ).select_related("user")
    )
    redenen = _audience(update.leeratelier_id) if pending else {}
    return mail.send_each(
        pending,
        claim=lambda melding: _claim([melding], timezone.now()),
        build=lambda melding, _won: update_message(
            user=melding.user, update=update, reden=redenen.get(melding.user_id, Reden())
        ),
        about=lambda melding: f"E-mail over update {update.pk} aan gebruiker {melding.user_id}",
    )


def _visible(update_id: int) -> TribuneUpdate | None:
    return (
        TribuneUpdate.objects.published()
        .select_related("leeratelier", "auteur")
        .filter(pk=update_id)
        .first()
    )


def send_update_notifications(update_id: int) -> mail.Tally:
    """Tell the readers of a published update about it.

    The first run decides who the readers are (one Melding each, "direct" or "wekelijks");
    every run sends the unsent "direct" ones. A missing or not (yet) visible update is left
    alone.
    """
    update = _visible(update_id)
    if update is None:
        return mail.Tally()
    _announce(update)
    return _deliver(update)


ANNOUNCE_WINDOW = timedelta(days=7)


def send_pending_notifications(*, now: datetime | None = None) -> mail.Tally:
    """Catch up: announce updates that became visible without being announced (published
    with a date that has since passed, or while no worker ran) in the last week, and send
    "direct" emails that failed for now, for a week. Safe to run often."""
    now = now or timezone.now()
    unannounced = TribuneUpdate.objects.published().filter(
        aangekondigd_at__isnull=True, gepubliceerd_at__gte=now - ANNOUNCE_WINDOW
    )
    update_ids = set(unannounced.values_list("pk", flat=True))
    update_ids |= set(
        Melding.objects.filter(
            frequentie=Frequentie.DIRECT,
            verstuurd_at__isnull=True,
            aangemaakt_at__gte=now - mail.RETRY_FOR,
        )
        .values_list("update_id", flat=True)
        .distinct()
    )
    tally = mail.Tally()
    for update_id in sorted(update_ids):
        tally += send_update_notifications(update_id)
    return tally


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


def send_weekly_digests(*, now: datetime | None = None) -> mail.Tally:
    """Send each user one email with all their unsent weekly meldingen (the tally counts
    emails, not updates). Running it again sends nothing new, so a cron job may repeat it.

    ``now`` (default: the current time) is the cut-off for meldingen and publications and the
    time stamped as ``verstuurd_at``.
    """
    now = now or timezone.now()
    pending = list(
        _pending_digest_meldingen(now)
        .select_related("user", "update__leeratelier", "update__auteur")
        .order_by("user_id", "pk")
    )
    by_user: dict[int, list[Melding]] = defaultdict(list)
    for melding in pending:
        by_user[melding.user_id].append(melding)
    leeratelier_ids = {melding.update.leeratelier_id for melding in pending}
    redenen = {leeratelier_id: _audience(leeratelier_id) for leeratelier_id in leeratelier_ids}

    def build(user_id, won):
        meldingen = [melding for melding in by_user[user_id] if melding.pk in won]
        return digest_message(
            user=meldingen[0].user,
            updates=[melding.update for melding in meldingen],
            redenen={
                leeratelier_id: readers.get(user_id, Reden())
                for leeratelier_id, readers in redenen.items()
            },
        )

    return mail.send_each(
        list(by_user),
        claim=lambda user_id: _claim(by_user[user_id], now),
        build=build,
        about=lambda user_id: f"Weekoverzicht aan gebruiker {user_id}",
    )
