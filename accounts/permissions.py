"""Every object-level rule of the portal's front end, in one place.

A rule needs both a role (a group permission, given by staff when they approve a koppeling)
and a relation in the data (an approved koppeling as contactpersoon, or a leading
trekkerschap). Without an approved koppeling nothing is allowed.
"""

from django.contrib.auth.models import AnonymousUser

from leerateliers.models import Leeratelier, LeeratelierStatus, Trekkerschap, TribuneUpdate
from werkplaats.models import Organisatie, User

from .models import Koppeling

MANAGE_DEELNAMES = "leerateliers.change_deelname"
WRITE_UPDATES = "leerateliers.add_tribuneupdate"


def _active(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def organisaties_managed_by(user: User | AnonymousUser):
    """The organisations whose deelnames ``user`` may change (as approved contactpersoon)."""
    if not _active(user) or not user.has_perm(MANAGE_DEELNAMES):
        return Organisatie.objects.none()
    return Organisatie.objects.filter(
        pk__in=Koppeling.objects.approved()
        .filter(user=user, is_contactpersoon=True)
        .values("organisatie")
    )


def can_manage_deelnames(user: User | AnonymousUser, organisatie: Organisatie) -> bool:
    return organisaties_managed_by(user).filter(pk=organisatie.pk).exists()


def can_change_deelname(
    user: User | AnonymousUser, organisatie: Organisatie, leeratelier: Leeratelier, *, joins: bool
) -> bool:
    """Put ``organisatie`` in the arena or on the tribune (``joins``) or end its deelname: its
    contactpersoon may, except join a leeratelier that has ended."""
    if joins and leeratelier.status == LeeratelierStatus.AFGEROND:
        return False
    return can_manage_deelnames(user, organisatie)


def leerateliers_led_by(user: User | AnonymousUser):
    """The leerateliers ``user`` leads (trekker or co-trekker of). Only staff link an account
    to a persoon: by approving a koppeling, or in the admin."""
    if not _active(user) or not user.has_perm(WRITE_UPDATES):
        return Leeratelier.objects.none()
    return Leeratelier.objects.filter(
        pk__in=Trekkerschap.objects.leidend().filter(persoon__user=user).values("leeratelier")
    )


def can_write_updates(user: User | AnonymousUser, leeratelier: Leeratelier) -> bool:
    return leerateliers_led_by(user).filter(pk=leeratelier.pk).exists()


def can_edit_update(user: User | AnonymousUser, update: TribuneUpdate) -> bool:
    return can_write_updates(user, update.leeratelier)


def can_approve_koppeling(user: User | AnonymousUser, koppeling: Koppeling) -> bool:
    """Staff with the right approve claims, but never their own (superusers excepted)."""
    if not _active(user) or not user.is_staff or not user.has_perm("accounts.change_koppeling"):
        return False
    return user.is_superuser or koppeling.user_id != user.pk
