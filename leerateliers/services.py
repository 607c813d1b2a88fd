"""Writes to leerateliers that touch several rows: deelnames (the history of roles is kept),
tribune updates and their announcement, and following a leeratelier."""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import represented_by
from werkplaats.models import Organisatie, Persoon, User

from . import tasks
from .models import (
    Abonnement,
    Deelname,
    Frequentie,
    Leeratelier,
    Rol,
    TribuneUpdate,
    UpdateStatus,
)


def _current(organisatie, leeratelier):
    return (
        Deelname.objects.select_for_update()
        .filter(organisatie=organisatie, leeratelier=leeratelier)
        .current()
        .first()
    )


@transaction.atomic
def deelname_set_rol(
    *,
    organisatie: Organisatie,
    leeratelier: Leeratelier,
    rol: Rol,
    on: datetime.date | None = None,
    contactpersoon: Persoon | None = None,
) -> Deelname:
    """Put an organisation in the arena or on the tribune from ``on`` (today by default).

    A current deelname in the other role ends that day; one in the same role stays as it is.
    """
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError(_("Een rol kan niet in de toekomst ingaan."))
    current = _current(organisatie, leeratelier)
    if current is not None:
        if current.rol == rol or current.sinds == on:
            # Same role: only the contact may change. Same day: a correction, no history.
            current.rol = rol
            current.contactpersoon = contactpersoon or current.contactpersoon
            current.full_clean()
            current.save(update_fields=["rol", "contactpersoon"])
            return current
        if on < current.sinds:
            raise ValidationError(
                _("De nieuwe rol kan niet ingaan voor %(datum)s, de start van de huidige rol.")
                % {"datum": current.sinds.strftime("%d-%m-%Y")}
            )
        current.tot = on
        current.full_clean()
        current.save(update_fields=["tot"])
        contactpersoon = contactpersoon or current.contactpersoon
    deelname = Deelname(
        organisatie=organisatie,
        leeratelier=leeratelier,
        rol=rol,
        sinds=on,
        contactpersoon=contactpersoon,
    )
    deelname.full_clean()
    deelname.save()
    return deelname


@transaction.atomic
def deelname_end(
    *, organisatie: Organisatie, leeratelier: Leeratelier, on: datetime.date | None = None
) -> Deelname | None:
    """End the organisation's current deelname (if any); the row stays as history."""
    current = _current(organisatie, leeratelier)
    if current is None:
        return None
    current.tot = on or timezone.localdate()
    current.full_clean()
    current.save(update_fields=["tot"])
    return current


@transaction.atomic
def update_save(*, update: TribuneUpdate, publish: bool = False) -> TribuneUpdate:
    """Save a tribune update, publishing it when asked. Its readers are told once, when it
    becomes published (see notifications); later edits send nothing. The site's form and
    the admin both save through here."""
    stored = TribuneUpdate.objects.filter(pk=update.pk).values(
        "status", "aangekondigd_at", "bijlage"
    )
    stored = stored.first() if update.pk is not None else None
    was_published = stored is not None and stored["status"] == UpdateStatus.GEPUBLICEERD
    if stored is not None:  # set by the notifications, never by an editor's copy
        update.aangekondigd_at = stored["aangekondigd_at"]
    if publish:
        update.status = UpdateStatus.GEPUBLICEERD
    update.full_clean()
    update.save()
    if stored and stored["bijlage"] and stored["bijlage"] != update.bijlage.name:
        # A replaced or removed attachment leaves no file behind.
        storage = update.bijlage.storage
        transaction.on_commit(partial(storage.delete, stored["bijlage"]))
    if update.is_published and not was_published:
        update_notify_readers(update=update)
    return update


def update_notify_readers(*, update: TribuneUpdate) -> None:
    """Queue the emails about a published update once the transaction has committed; an
    update dated in the future is announced at that time where the task backend can wait."""
    task = tasks.notify_update
    if update.gepubliceerd_at > timezone.now() and task.get_backend().supports_defer:
        task = task.using(run_after=update.gepubliceerd_at)
    transaction.on_commit(partial(task.enqueue, update.pk))


def leerateliers_mailing(user: User):
    """The leerateliers whose updates reach ``user``: followed ones, and those where an
    organisation the user is contactpersoon of is in the arena or on the tribune."""
    via_deelname = Deelname.objects.current().filter(
        Q(organisatie__in=represented_by(user)) | Q(contactpersoon__user=user)
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
