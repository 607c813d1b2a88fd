"""Deciding about koppelingen: approving, rejecting and revoking them, with their roles; and
which emails about events a user wants (``Meldingsvoorkeur``)."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats import audit
from werkplaats.models import Persoon, User

from . import berichten
from .models import Koppeling, KoppelingStatus, Meldingsvoorkeur
from .permissions import koppeling_reviewers

ONDERZOEKER = "Onderzoeker"
PARTNERCONTACT = "Partnercontact"


def _lock(koppeling: Koppeling, status: KoppelingStatus, message: str) -> Koppeling:
    locked = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if locked.status != status:
        raise ValidationError(message)
    return locked


def _lock_pending(koppeling: Koppeling) -> Koppeling:
    return _lock(koppeling, KoppelingStatus.AANGEVRAAGD, _("Deze aanvraag is al beoordeeld."))


def _decided(
    koppeling: Koppeling, status: KoppelingStatus, by: User, *, notify: bool = True
) -> Koppeling:
    """Record the decision (also in the audit log) and (with ``notify``) tell the applicant,
    once."""
    koppeling.status = status
    koppeling.beoordeeld_at = timezone.now()
    koppeling.beoordeeld_door = by
    koppeling.save()
    audit.record(
        "koppeling.decided",
        user=koppeling.user_id,
        actor=by,
        koppeling=koppeling.pk,
        status=status,
    )
    if notify:
        berichten.koppeling_decided(koppeling)
    return koppeling


def _group(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]


@transaction.atomic
def koppeling_approve(*, koppeling: Koppeling, by: User, notify: bool = True) -> Koppeling:
    """Approve a claim: link the account to the claimed persoon and give it its roles,
    Partnercontact for a contactpersoon and Onderzoeker for a persoon (which leerateliers that
    reaches follows from their trekkerschappen, now and later; see permissions.py).

    A claim without an existing persoon creates no public profile (staff can add one in the
    admin); the contactpersoon's rights do not need one. The applicant is told by email,
    except with ``notify=False`` (the demo accounts).
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
    return _decided(koppeling, KoppelingStatus.GOEDGEKEURD, by, notify=notify)


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


# --- Emails about koppelingen and the choices about emails ------------------------------------


@transaction.atomic
def koppeling_request(*, koppeling: Koppeling) -> Koppeling:
    """Store a new claim and tell the staff who decide about claims (once, after the commit)."""
    koppeling.full_clean()
    koppeling.save()
    audit.record(
        "koppeling.requested",
        user=koppeling.user_id,
        koppeling=koppeling.pk,
        persoon=koppeling.persoon_id,
        organisatie=koppeling.organisatie_id,
        is_contactpersoon=koppeling.is_contactpersoon,
    )
    reviewers = wanting(koppeling_reviewers().exclude(pk=koppeling.user_id), "koppelingen")
    berichten.koppeling_requested(koppeling, reviewers=reviewers)
    return koppeling


def wants(user: User, soort: str) -> bool:
    """Whether ``user`` wants the emails of ``soort`` (a ``Meldingsvoorkeur`` field); a user
    who never chose wants them."""
    return not Meldingsvoorkeur.objects.declining(soort).filter(user=user).exists()


def wanting(users, soort: str):
    """``users`` (a queryset) without those who turned off the emails of ``soort``."""
    return users.exclude(pk__in=Meldingsvoorkeur.objects.declining(soort).values("user"))


def meldingsvoorkeur_of(user: User) -> Meldingsvoorkeur:
    """The user's choices, unsaved defaults when they never chose."""
    return Meldingsvoorkeur.objects.filter(user=user).first() or Meldingsvoorkeur(user=user)


def meldingsvoorkeur_set(*, user: User, **keuzes: bool) -> Meldingsvoorkeur:
    """Turn emails of the named kinds on or off (``deelnames=False``); others stay as they are."""
    for soort in keuzes:
        Meldingsvoorkeur.check_soort(soort)
    voorkeur, _created = Meldingsvoorkeur.objects.update_or_create(user=user, defaults=keuzes)
    return voorkeur
