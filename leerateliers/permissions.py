"""Every object-level rule about leerateliers on the site, in one place: managing the
deelnames of an organisation, writing tribune updates and keeping up an atelier's lerende
praktijken and geleerde lessen (on top of ``accounts.permissions``).
Changing an id in a URL or a form never gets past them."""

from django.contrib.auth.models import AnonymousUser

from accounts.permissions import is_active, represented_by
from werkplaats.models import Organisatie, User

from .models import (
    GeleerdeLes,
    Leeratelier,
    LeeratelierStatus,
    LerendePraktijk,
    Trekkerschap,
    TribuneUpdate,
)

MANAGE_DEELNAMES = "leerateliers.change_deelname"
WRITE_UPDATES = "leerateliers.add_tribuneupdate"


def organisaties_managed_by(user: User | AnonymousUser):
    """The organisations whose deelnames ``user`` may change (as approved contactpersoon)."""
    if not is_active(user) or not user.has_perm(MANAGE_DEELNAMES):
        return Organisatie.objects.none()
    return represented_by(user)


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


def acts_as_trekker(user: User | AnonymousUser | None) -> bool:
    """Whether ``user`` may act for the leerateliers their persoon leads (see below)."""
    return user is not None and is_active(user) and user.has_perm(WRITE_UPDATES)


def can_check_leesbaarheid(user: User | AnonymousUser) -> bool:
    """Who may ask for the leesbaarheidsindicatie while typing: staff, who edit in the admin,
    and trekkers, who write updates, praktijken and lessen on the site."""
    return is_active(user) and (user.is_staff or acts_as_trekker(user))


def leerateliers_led_by(user: User | AnonymousUser):
    """The leerateliers ``user`` leads (trekker or co-trekker of). Only staff link an account
    to a persoon: by approving a koppeling, or in the admin."""
    if not acts_as_trekker(user):
        return Leeratelier.objects.none()
    return Leeratelier.objects.filter(
        pk__in=Trekkerschap.objects.leidend().filter(persoon__user=user).values("leeratelier")
    )


def can_write_updates(user: User | AnonymousUser, leeratelier: Leeratelier) -> bool:
    return leerateliers_led_by(user).filter(pk=leeratelier.pk).exists()


def can_edit_update(user: User | AnonymousUser, update: TribuneUpdate) -> bool:
    return can_write_updates(user, update.leeratelier)


# The trekkers who write an atelier's updates keep up its praktijken and lessen: the object's
# own leeratelier decides, whatever the URL or the form names.


def can_edit_praktijk(user: User | AnonymousUser, praktijk: LerendePraktijk) -> bool:
    return can_write_updates(user, praktijk.leeratelier)


def can_edit_les(user: User | AnonymousUser, les: GeleerdeLes) -> bool:
    return can_write_updates(user, les.leeratelier)
