"""Object-level rules about identity: who is an active account, whom an account represents,
and who decides about koppelingen. The rules of each app build on these (the leerateliers'
are in ``leerateliers/permissions.py``).

A rule needs both a role (a group permission, given by staff when they approve a koppeling)
and a relation in the data (an approved koppeling as contactpersoon, or a leading
trekkerschap). Without an approved koppeling nothing is allowed.
"""

from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Q

from werkplaats.models import Organisatie, User

from .models import Koppeling


def is_active(user: User | AnonymousUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def represented_by(user: User | AnonymousUser):
    """The organisations ``user`` is the approved contactpersoon of (whatever their role)."""
    if not is_active(user):
        return Organisatie.objects.none()
    return Organisatie.objects.filter(
        pk__in=Koppeling.objects.approved()
        .filter(user=user, is_contactpersoon=True)
        .values("organisatie")
    )


def koppeling_reviewers():
    """The active staff who may decide about koppelingen (``can_approve_koppeling``): by the
    permission, given to them or to one of their groups, or as superuser."""
    permission = Permission.objects.filter(
        content_type__app_label="accounts", codename="change_koppeling"
    )
    return User.objects.filter(
        Q(is_superuser=True)
        | Q(user_permissions__in=permission)
        | Q(groups__permissions__in=permission),
        is_active=True,
        is_staff=True,
    ).distinct()


def can_approve_koppeling(user: User | AnonymousUser, koppeling: Koppeling) -> bool:
    """Staff with the right approve claims, but never their own (superusers excepted)."""
    if not is_active(user) or not user.is_staff or not user.has_perm("accounts.change_koppeling"):
        return False
    return user.is_superuser or koppeling.user_id != user.pk
