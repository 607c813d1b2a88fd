"""Changes to accounts that touch several rows: approving koppelingen, following, deleting."""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import seats_release
from leerateliers.models import Deelname, Leeratelier
from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import Persoon, User

from .models import Abonnement, Frequentie, Koppeling, KoppelingStatus

ONDERZOEKER = "Onderzoeker"
PARTNERCONTACT = "Partnercontact"


def _lock(koppeling: Koppeling, status: KoppelingStatus, message: str) -> Koppeling:
    locked = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if locked.status != status:
        raise ValidationError(message)
    return locked


def _lock_pending(koppeling: Koppeling) -> Koppeling:
    return _lock(koppeling, KoppelingStatus.AANGEVRAAGD, _("Deze aanvraag is al beoordeeld."))


def _decided(koppeling: Koppeling, status: KoppelingStatus, by: User) -> Koppeling:
    koppeling.status = status
    koppeling.beoordeeld_at = timezone.now()
    koppeling.beoordeeld_door = by
    koppeling.save()
    return koppeling


def _group(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]


@transaction.atomic
def koppeling_approve(*, koppeling: Koppeling, by: User) -> Koppeling:
    """Approve a claim: link the account to the claimed persoon and give it its roles,
    Partnercontact for a contactpersoon and Onderzoeker for a persoon (which leerateliers that
    reaches follows from their trekkerschappen, now and later; see permissions.py).

    A claim without an existing persoon creates no public profile (staff can add one in the
    admin); the contactpersoon's rights do not need one.
    """
    koppeling = _lock_pending(koppeling)
    user = koppeling.user
    if koppeling.persoon_id:
        persoon = Persoon.objects.select_for_update().get(pk=koppeling.persoon_id)
        if persoon.user_id not in (None, user.pk):
            raise ValidationError(_("Dit profiel is al gekoppeld aan een ander account."))
        current = Persoon.objects.filter(user=user).exclude(pk=persoon.pk).first()
        if current is not None:
            raise ValidationError(
                _("Dit account is al gekoppeld aan het profiel van %(naam)s.") % {"naam": current}
            )
        persoon.user = user
        persoon.save(update_fields=["user"])
        user.groups.add(_group(ONDERZOEKER))
    if koppeling.is_contactpersoon:
        user.groups.add(_group(PARTNERCONTACT))
    return _decided(koppeling, KoppelingStatus.GOEDGEKEURD, by)


@transaction.atomic
def koppeling_reject(*, koppeling: Koppeling, by: User) -> Koppeling:
    return _decided(_lock_pending(koppeling), KoppelingStatus.AFGEWEZEN, by)


@transaction.atomic
def koppeling_revoke(*, koppeling: Koppeling, by: User) -> Koppeling:
    """Withdraw an approval: the account loses the persoon and the roles this claim gave,
    unless another approved claim still gives them."""
    koppeling = _lock(
        koppeling,
        KoppelingStatus.GOEDGEKEURD,
        _("Alleen een goedgekeurde koppeling kan worden ingetrokken."),
    )
    user = koppeling.user
    if koppeling.persoon_id:
        Persoon.objects.filter(pk=koppeling.persoon_id, user=user).update(user=None)
    _decided(koppeling, KoppelingStatus.INGETROKKEN, by)
    if not Koppeling.objects.approved().filter(user=user, is_contactpersoon=True).exists():
        user.groups.remove(_group(PARTNERCONTACT))
    if not Persoon.objects.filter(user=user).exists():
        user.groups.remove(_group(ONDERZOEKER))
    return koppeling


def leerateliers_mailing(user: User):
    """The leerateliers whose updates reach ``user``: followed ones, and those where an
    organisation the user is contactpersoon of is in the arena or on the tribune."""
    contact_organisaties = Koppeling.objects.approved().filter(user=user, is_contactpersoon=True)
    via_deelname = Deelname.objects.current().filter(
        Q(organisatie__in=contact_organisaties.values("organisatie")) | Q(contactpersoon__user=user)
    )
    return (
        Leeratelier.objects.filter(
            Q(abonnementen__user=user, abonnementen__volgt=True)
            | Q(pk__in=via_deelname.values("leeratelier"))
        )
        .distinct()
        .order_by("titel")
    )


def abonnement_set(
    *,
    user: User,
    leeratelier: Leeratelier,
    volgt: bool | None = None,
    frequentie: Frequentie | None = None,
) -> Abonnement:
    """Follow or unfollow a leeratelier, or choose how often its updates come by email."""
    defaults = {}
    if volgt is not None:
        defaults["volgt"] = volgt
    if frequentie is not None:
        defaults["frequentie"] = frequentie
    elif (
        volgt
        and Abonnement.objects.filter(
            user=user, leeratelier=leeratelier, frequentie=Frequentie.NOOIT
        ).exists()
    ):
        defaults["frequentie"] = Frequentie.DIRECT  # following again means hearing again
    abonnement, _created = Abonnement.objects.update_or_create(
        user=user,
        leeratelier=leeratelier,
        defaults=defaults,
        create_defaults={"volgt": bool(volgt), **defaults},
    )
    return abonnement


def _delete_sessions(user: User) -> None:
    """End the user's sessions on every device (the current one is ended by logging out)."""
    user_id = str(user.pk)
    stale = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    Session.objects.filter(pk__in=stale).delete()


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and the personal data that hangs on it.

    The persoon profile goes too, with its roles in leerateliers; published tribune updates
    stay, without author. A profile that is the author of a publicatie or a member of the
    programmacommissie is a public record: it stays with only its name, unlinked and emptied.
    The admin's log keeps that something changed, not whom it was about. Seats at
    bijeenkomsten that have not begun are given up first, so the waiting list moves on.
    """
    seats_release(user=user)  # a freed seat goes to the waiting list
    aanmeldingen = Aanmelding.objects.of(user)  # also those made as a guest with this address
    forget_in_admin_log(Aanmelding, aanmeldingen.values_list("pk", flat=True))
    aanmeldingen.delete()
    forget_in_admin_log(Koppeling, Koppeling.objects.filter(user=user).values_list("pk", flat=True))
    forget_in_admin_log(User, [user.pk])
    persoon = Persoon.objects.select_for_update().filter(user=user).first()
    if persoon is not None:
        persoon_pk = persoon.pk
        try:
            with transaction.atomic():
                persoon.delete()
            forget_in_admin_log(Persoon, [persoon_pk])
        except ProtectedError:
            persoon.user = None
            persoon.email = ""
            persoon.functie = ""
            persoon.bio = ""
            persoon.save()
            persoon.trekkerschappen.all().delete()
    _delete_sessions(user)
    user.delete()
