"""Registering, cancelling and the steps of the programmacommissie, each in one transaction.

Seats are handed out while the bijeenkomst's row is locked (``select_for_update``): two
people who take the last seat at the same moment are served one after the other, so one gets
the seat and the other the waiting list. Emails go out after the commit, in the background.
"""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats import mail
from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import User

from . import notifications, tasks
from .models import (
    GUEST_DATA_KEPT,
    REMINDER_BEFORE,
    Aanmelding,
    AanmeldingStatus,
    Bericht,
    BerichtSoort,
    Bijeenkomst,
    Ontvanger,
    Status,
)

# Changes that calendars must hear about (they raise the event's SEQUENCE), and those that the
# people registered are emailed about.
PLACE_AND_TIME_FIELDS = {"start_at", "end_at", "locatie", "adres", "online_link"}
CALENDAR_FIELDS = {"titel", "samenvatting", *PLACE_AND_TIME_FIELDS}
# The same message to the same people within this time is a double click, not a new message.
REPEAT_WINDOW = datetime.timedelta(minutes=10)


def _locked(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    return Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)


def account_of(email: str) -> User | None:
    """The active account that signs in with ``email``, if there is one."""
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def _existing(bijeenkomst: Bijeenkomst, *, user: User | None) -> Aanmelding | None:
    """The person's row for this bijeenkomst: by account, or made as a guest with the account's
    address before (it becomes the account's), so one person never holds two rows."""
    rows = Aanmelding.objects.select_for_update().filter(bijeenkomst=bijeenkomst).of(user)
    found = rows.order_by(F("user").asc(nulls_last=True)).first()
    if found is not None:
        found.user = user
    return found


def _existing_guest(bijeenkomst: Bijeenkomst, *, email: str) -> Aanmelding | None:
    rows = Aanmelding.objects.select_for_update().filter(bijeenkomst=bijeenkomst)
    return rows.filter(user__isnull=True, email=email.strip().lower()).first()


def _already(aanmelding: Aanmelding) -> str:
    if aanmelding.is_waiting:
        return _("Je staat al op de wachtlijst voor deze bijeenkomst.")
    return _("Je bent al aangemeld voor deze bijeenkomst.")


@transaction.atomic
def aanmelding_create(
    *,
    bijeenkomst: Bijeenkomst,
    user: User | None = None,
    naam: str = "",
    email: str = "",
    organisatie: str = "",
    now: datetime.datetime | None = None,
) -> Aanmelding:
    """Register a signed-in ``user``, or a guest by ``naam`` and (confirmed) ``email``: a seat
    while there is one, else a place on the waiting list. A guest whose address is that of an
    account is registered as that account. Registering again after cancelling reuses the row
    and joins the back of the queue. Raises ValidationError (in Dutch) when registering is
    closed or the person is already registered."""
    now = now or timezone.now()
    bijeenkomst = _locked(bijeenkomst)
    refusal = bijeenkomst.registration_refusal(now)
    if refusal:
        raise ValidationError(refusal)
    user = user or account_of(email)
    if user is not None:
        aanmelding = _existing(bijeenkomst, user=user)
    else:
        aanmelding = _existing_guest(bijeenkomst, email=email)
    if aanmelding is not None and aanmelding.is_active:
        raise ValidationError(_already(aanmelding))
    seated = Aanmelding.objects.filter(bijeenkomst=bijeenkomst).seated().count()
    has_seat = bijeenkomst.capaciteit is None or seated < bijeenkomst.capaciteit
    aanmelding = aanmelding or Aanmelding(bijeenkomst=bijeenkomst, user=user)
    if aanmelding.user_id is None:
        aanmelding.naam, aanmelding.email = naam.strip(), email
    aanmelding.organisatie = organisatie.strip() or aanmelding.organisatie
    aanmelding.status = AanmeldingStatus.AANGEMELD if has_seat else AanmeldingStatus.WACHTLIJST
    aanmelding.aangemeld_at = now
    aanmelding.afgemeld_at = None
    aanmelding.herinnerd_at = None
    aanmelding.gemeld_status = ""  # not yet emailed about this registration
    aanmelding.full_clean()
    aanmelding.save()
    transaction.on_commit(partial(tasks.send_registration.enqueue, aanmelding.pk))
    return aanmelding


@transaction.atomic
def aanmelding_cancel(
    *, aanmelding: Aanmelding, now: datetime.datetime | None = None, confirm: bool = False
) -> list[Aanmelding]:
    """Cancel a registration (a seat or a place in the queue) until the bijeenkomst begins.
    A freed seat goes to the first on the waiting list, who is emailed; returns those seated.
    With ``confirm`` (the person cancelled it themselves) they get a confirmation by email.
    Cancelling twice changes nothing and sends nothing."""
    now = now or timezone.now()
    bijeenkomst = _locked(aanmelding.bijeenkomst)
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    if not aanmelding.is_active:
        return []
    if bijeenkomst.has_started(now) and not bijeenkomst.is_cancelled:
        raise ValidationError(_("De bijeenkomst is al begonnen; afmelden kan niet meer."))
    had_seat = aanmelding.is_seated
    aanmelding.status = AanmeldingStatus.AFGEMELD
    aanmelding.afgemeld_at = now
    aanmelding.save(update_fields=["status", "afgemeld_at"])
    if confirm:
        mail.queue(
            f"afmelding-{aanmelding.pk}-{now:%Y%m%d%H%M%S%f}",
            notifications.cancellation_message(aanmelding, was_waiting=not had_seat),
            user=aanmelding.user,
        )
    return _fill_seats(bijeenkomst, now=now) if had_seat else []


def _fill_seats(bijeenkomst: Bijeenkomst, *, now: datetime.datetime) -> list[Aanmelding]:
    """Seat the waiting list in its order while seats are free (the row must be locked)."""
    if bijeenkomst.is_cancelled or bijeenkomst.has_started(now):
        return []
    waiting = Aanmelding.objects.filter(bijeenkomst=bijeenkomst).waiting().select_for_update()
    if bijeenkomst.capaciteit is not None:
        seated = Aanmelding.objects.filter(bijeenkomst=bijeenkomst).seated().count()
        waiting = waiting[: max(bijeenkomst.capaciteit - seated, 0)]
    promoted = list(waiting)
    for aanmelding in promoted:
        aanmelding.status = AanmeldingStatus.AANGEMELD
        aanmelding.save(update_fields=["status"])
        transaction.on_commit(partial(tasks.send_registration.enqueue, aanmelding.pk))
    return promoted


@transaction.atomic
def bijeenkomst_save(
    *, bijeenkomst: Bijeenkomst, changed: set[str] | None = None, by: User | None = None
) -> list[Aanmelding]:
    """Save a bijeenkomst edited in the admin. A change that calendars must hear of raises its
    revision (feeds update their copy); a new time or place of a bijeenkomst still to come is
    emailed to everyone registered, with the new .ics, and a start moved to beyond the
    reminder's window makes the reminder due again. More seats go to the waiting list.
    Returns those seated."""
    changed = set(changed or ())
    now = timezone.now()
    is_update = bijeenkomst.pk is not None
    if is_update and changed & CALENDAR_FIELDS:
        bijeenkomst.revisie += 1
    bijeenkomst.full_clean()
    bijeenkomst.save()
    registered = Aanmelding.objects.filter(bijeenkomst=bijeenkomst).active()
    if is_update and "start_at" in changed and bijeenkomst.start_at - REMINDER_BEFORE > now:
        # Moved beyond the reminder's window: remind again then. Moved within it: the email
        # about the change is enough.
        registered.update(herinnerd_at=None)
    moved = is_update and changed & PLACE_AND_TIME_FIELDS
    upcoming = not bijeenkomst.is_cancelled and not bijeenkomst.is_past()
    if moved and upcoming and registered.exists():
        _bericht(
            bijeenkomst=bijeenkomst,
            soort=BerichtSoort.WIJZIGING,
            onderwerp=_("Gewijzigd: %(titel)s") % {"titel": bijeenkomst.titel},
            tekst="",
            by=by,
        )
    if "capaciteit" in changed:
        return _fill_seats(_locked(bijeenkomst), now=now)
    return []


@transaction.atomic
def aanmelding_delete(*, aanmelding: Aanmelding) -> None:
    """Remove a registration (in the admin); a seat at a bijeenkomst still to come is given
    up first, so it goes to the waiting list."""
    if aanmelding.is_active and not aanmelding.bijeenkomst.has_started():
        aanmelding_cancel(aanmelding=aanmelding)
    aanmelding.delete()


@transaction.atomic
def seats_release(*, user: User) -> None:
    """Give up the user's registrations for bijeenkomsten that have not begun (before the
    account goes), so their seats go to the waiting list."""
    rows = Aanmelding.objects.of(user).active().select_related("bijeenkomst")
    for aanmelding in rows:
        if not aanmelding.bijeenkomst.has_started():
            aanmelding_cancel(aanmelding=aanmelding)


def _bericht(
    *, bijeenkomst: Bijeenkomst, soort: BerichtSoort, onderwerp: str, tekst: str, by: User | None
) -> Bericht:
    bericht = Bericht(
        bijeenkomst=bijeenkomst, soort=soort, onderwerp=onderwerp, tekst=tekst, aangemaakt_door=by
    )
    bericht.full_clean()
    bericht.save()
    transaction.on_commit(partial(tasks.send_bericht.enqueue, bericht.pk))
    return bericht


@transaction.atomic
def bijeenkomst_cancel(
    *,
    bijeenkomst: Bijeenkomst,
    reden: str,
    by: User | None = None,
    now: datetime.datetime | None = None,
) -> Bericht:
    """Cancel a bijeenkomst that has not ended: it stays on the site marked as cancelled,
    refuses registrations, and everyone registered gets one email with the reason."""
    bijeenkomst = _locked(bijeenkomst)
    if bijeenkomst.is_cancelled:
        raise ValidationError(_("%(titel)s is al geannuleerd.") % {"titel": bijeenkomst.titel})
    if bijeenkomst.is_past(now):
        raise ValidationError(
            _("%(titel)s is al voorbij en kan niet meer worden geannuleerd.")
            % {"titel": bijeenkomst.titel}
        )
    bijeenkomst.status = Status.GEANNULEERD
    bijeenkomst.annulering_reden = reden.strip()
    bijeenkomst.revisie += 1
    bijeenkomst.save(update_fields=["status", "annulering_reden", "revisie", "gewijzigd_at"])
    return _bericht(
        bijeenkomst=bijeenkomst,
        soort=BerichtSoort.ANNULERING,
        onderwerp=_("Geannuleerd: %(titel)s") % {"titel": bijeenkomst.titel},
        tekst=bijeenkomst.annulering_reden,
        by=by,
    )


@transaction.atomic
def bijeenkomst_message(
    *, bijeenkomst: Bijeenkomst, onderwerp: str, tekst: str, by: User | None = None
) -> Bericht:
    """An email from the organisers to everyone registered (seated or waiting). The same
    message again within a few minutes is a second click, and refused."""
    if not tekst.strip():
        raise ValidationError(_("Schrijf een tekst voor het bericht."))
    bijeenkomst = _locked(bijeenkomst)
    just_sent = bijeenkomst.berichten.filter(
        soort=BerichtSoort.BERICHT,
        onderwerp=onderwerp.strip(),
        tekst=tekst.strip(),
        aangemaakt_at__gte=timezone.now() - REPEAT_WINDOW,
    )
    if just_sent.exists():
        raise ValidationError(
            _("Dit bericht over %(titel)s is zojuist al verstuurd.") % {"titel": bijeenkomst.titel}
        )
    return _bericht(
        bijeenkomst=bijeenkomst,
        soort=BerichtSoort.BERICHT,
        onderwerp=onderwerp.strip(),
        tekst=tekst.strip(),
        by=by,
    )


@transaction.atomic
def verslag_send(
    *, bijeenkomst: Bijeenkomst, by: User | None = None, now: datetime.datetime | None = None
) -> Bericht:
    """Send the verslag of a bijeenkomst that is over, once: to everyone registered and, for
    a tribunebijeenkomst, to the tribune of its leeratelier."""
    bijeenkomst = _locked(bijeenkomst)
    if bijeenkomst.is_cancelled:
        raise ValidationError(
            _("%(titel)s is geannuleerd; daar is geen verslag van.") % {"titel": bijeenkomst.titel}
        )
    if not bijeenkomst.is_past(now):
        raise ValidationError(
            _("%(titel)s is nog niet voorbij; het verslag volgt na afloop.")
            % {"titel": bijeenkomst.titel}
        )
    if not bijeenkomst.verslag.strip():
        raise ValidationError(
            _("Schrijf eerst het verslag van %(titel)s.") % {"titel": bijeenkomst.titel}
        )
    if bijeenkomst.berichten.filter(soort=BerichtSoort.VERSLAG).exists():
        raise ValidationError(
            _("Het verslag van %(titel)s is al verstuurd.") % {"titel": bijeenkomst.titel}
        )
    return _bericht(
        bijeenkomst=bijeenkomst,
        soort=BerichtSoort.VERSLAG,
        onderwerp=_("Verslag: %(titel)s") % {"titel": bijeenkomst.titel},
        tekst=bijeenkomst.verslag,
        by=by,
    )


@transaction.atomic
def guests_forget(*, now: datetime.datetime | None = None) -> int:
    """Erase the name and email address of guests a year after their bijeenkomst, also from
    the admin's log (the organisation they named stays, as do the counts), and the addresses
    its messages went to. Returns how many guests were erased."""
    now = now or timezone.now()
    guests = Aanmelding.objects.filter(
        user__isnull=True,
        gegevens_verwijderd_at__isnull=True,
        bijeenkomst__end_at__lt=now - GUEST_DATA_KEPT,
    )
    forget_in_admin_log(Aanmelding, guests.values_list("pk", flat=True))
    Ontvanger.objects.filter(bericht__bijeenkomst__end_at__lt=now - GUEST_DATA_KEPT).delete()
    return guests.update(
        naam=_("Gast"),
        # Unique per bijeenkomst as the constraint wants, and never deliverable (RFC 2606).
        email=Concat(Value("gast-"), Cast("pk", CharField()), Value("@verwijderd.invalid")),
        gegevens_verwijderd_at=now,
    )
