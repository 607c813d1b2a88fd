"""Changes to accounts that touch several rows: approving koppelingen, following, deleting."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerateliers.models import Deelname, Leeratelier
from werkplaats.models import Persoon, User

from .models import Abonnement, Frequentie, Koppeling, KoppelingStatus

ONDERZOEKER = "Onderzoeker"
PARTNERCONTACT = "Partnercontact"


def _lock_pending(koppeling: Koppeling) -> Koppeling:
    locked = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if not locked.is_pending:
        raise ValidationError(_("Deze aanvraag is al beoordeeld."))
    return locked


@transaction.atomic
def koppeling_approve(*, koppeling: Koppeling, by: User) -> Koppeling:
    """Approve a claim: link the account to the claimed persoon and give it its roles,
    Partnercontact for a contactpersoon and Onderzoeker for someone who leads a leeratelier.

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
        if persoon.trekkerschappen.leidend().exists():
            user.groups.add(Group.objects.get_or_create(name=ONDERZOEKER)[0])
    if koppeling.is_contactpersoon:
        user.groups.add(Group.objects.get_or_create(name=PARTNERCONTACT)[0])

    koppeling.status = KoppelingStatus.GOEDGEKEURD
    koppeling.beoordeeld_at = timezone.now()
    koppeling.beoordeeld_door = by
    koppeling.save()
    return koppeling


@transaction.atomic
def koppeling_reject(*, koppeling: Koppeling, by: User) -> Koppeling:
    koppeling = _lock_pending(koppeling)
    koppeling.status = KoppelingStatus.AFGEWEZEN
    koppeling.beoordeeld_at = timezone.now()
    koppeling.beoordeeld_door = by
    koppeling.save()
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
    abonnement, _created = Abonnement.objects.update_or_create(
        user=user,
        leeratelier=leeratelier,
        defaults=defaults,
        create_defaults={"volgt": bool(volgt), **defaults},
    )
    return abonnement


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and the personal data that hangs on it.

    The persoon profile goes too, with its roles in leerateliers; published tribune updates
    stay, without author. A profile that is the author of a publicatie or a member of the
    programmacommissie is a public record: it stays with only its name, unlinked and emptied.
    """
    persoon = Persoon.objects.select_for_update().filter(user=user).first()
    if persoon is not None:
        try:
            with transaction.atomic():
                persoon.delete()
        except ProtectedError:
            persoon.user = None
            persoon.email = ""
            persoon.functie = ""
            persoon.bio = ""
            persoon.save()
            persoon.trekkerschappen.all().delete()
    user.delete()
