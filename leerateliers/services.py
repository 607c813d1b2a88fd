"""Writes to leerateliers that touch several rows: deelnames (the history of roles is kept),
tribune updates and their announcement, and following a leeratelier."""

import datetime
import re
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from accounts.permissions import represented_by
from werkplaats import audit
from werkplaats.links import absolute_url
from werkplaats.models import Organisatie, Persoon, User

from . import berichten, tasks
from .models import (
    Abonnement,
    Deelname,
    Frequentie,
    GeleerdeLes,
    Leeratelier,
    LerendePraktijk,
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


def _undo_same_day_move(current, rol, contactpersoon) -> Deelname | None:
    """A move made today and taken back today: the role it left, which ended today, runs on
    as if nothing happened (the history keeps no role of a few hours). None when ``current``
    did not come from a move out of ``rol``."""
    left = (
        Deelname.objects.select_for_update()
        .filter(
            organisatie_id=current.organisatie_id,
            leeratelier_id=current.leeratelier_id,
            tot=current.sinds,
            rol=rol,
        )
        .first()
    )
    if left is None:
        return None
    current.delete()
    left.tot = None
    left.contactpersoon = contactpersoon or current.contactpersoon or left.contactpersoon
    left.full_clean()
    left.save(update_fields=["tot", "contactpersoon"])
    return left


@transaction.atomic
def deelname_set_rol(
    *,
    organisatie: Organisatie,
    leeratelier: Leeratelier,
    rol: Rol,
    on: datetime.date | None = None,
    contactpersoon: Persoon | None = None,
    notify: bool = True,
    by: User | None = None,
) -> Deelname:
    """Put an organisation in the arena or on the tribune from ``on`` (today by default).

    A current deelname in the other role ends that day; one in the same role stays as it is.
    The trekkers are told when the organisation joins or moves (not with ``notify=False``, as
    the demo loader calls it); a same-role call or a same-day correction tells nobody. The
    audit log records the decision and who took it (``by``).
    """
    deelname = _set_rol(organisatie, leeratelier, rol, on, contactpersoon, notify)
    _audit("deelname.rol", deelname, by)
    return deelname


def _audit(event: str, deelname: Deelname, by: User | None) -> None:
    audit.record(
        event,
        actor=by,
        deelname=deelname.pk,
        organisatie=deelname.organisatie_id,
        leeratelier=deelname.leeratelier_id,
        rol=deelname.rol,
    )


def _set_rol(organisatie, leeratelier, rol, on, contactpersoon, notify) -> Deelname:
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError(_("Een rol kan niet in de toekomst ingaan."))
    current = _current(organisatie, leeratelier)
    if current is not None:
        if current.sinds == on and current.rol != rol:
            undone = _undo_same_day_move(current, rol, contactpersoon)
            if undone is not None:
                return undone
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
    if notify:
        berichten.deelname_started(deelname)
    return deelname


@transaction.atomic
def deelname_end(
    *,
    organisatie: Organisatie,
    leeratelier: Leeratelier,
    on: datetime.date | None = None,
    notify: bool = True,
    by: User | None = None,
) -> Deelname | None:
    """End the organisation's current deelname (if any); the row stays as history. The
    trekkers are told (not with ``notify=False``); the audit log records who ended it (``by``)."""
    current = _current(organisatie, leeratelier)
    if current is None:
        return None
    current.tot = on or timezone.localdate()
    current.full_clean()
    current.save(update_fields=["tot"])
    _audit("deelname.ended", current, by)
    if notify:
        berichten.deelname_ended(current)
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


# --- Lerende praktijken and geleerde lessen, kept up by the atelier's trekkers ---------------


def _save_with_history(instance, m2m: dict, door: User | None) -> None:
    """Save ``instance`` and set its many-to-many fields as one change in its history, by
    ``door``: simple_history would record the save and each many-to-many change apart."""
    created = instance._state.adding
    if door is not None:
        instance._history_user = door
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    # The one record, now that the many-to-many values are in place (what save() would send).
    post_save.send(
        sender=type(instance),
        instance=instance,
        created=created,
        update_fields=None,
        raw=False,
        using=instance._state.db,
    )


@transaction.atomic
def praktijk_save(
    *,
    praktijk: LerendePraktijk,
    gemeenten=(),
    partners=(),
    werkplaatsen=(),
    door: User | None = None,
) -> LerendePraktijk:
    """Save a lerende praktijk with its gemeenten, partners and the other Werkplaatsen
    Sociaal Domein it runs with. A new one gets its address from its title, which must then
    differ from the atelier's other praktijken."""
    if any(not werkplaats.is_werkplaats_sociaal_domein for werkplaats in werkplaatsen):
        raise ValidationError(
            {"werkplaatsen": _("Kies alleen Werkplaatsen Sociaal Domein als werkplaats.")}
        )
    if not praktijk.slug:
        praktijk.slug = slugify(praktijk.titel)[:150] or "praktijk"
        taken = LerendePraktijk.objects.filter(
            leeratelier_id=praktijk.leeratelier_id, slug=praktijk.slug
        )
        if taken.exists():
            praktijk.slug = ""
            raise ValidationError(
                {"titel": _("Dit leeratelier heeft al een lerende praktijk met deze titel.")}
            )
    praktijk.full_clean()
    m2m = {"gemeenten": gemeenten, "partners": partners, "werkplaatsen": werkplaatsen}
    _save_with_history(praktijk, m2m, door)
    return praktijk


def les_check(*, les: GeleerdeLes, bronnen) -> None:
    """The rules of lessen that travel: only a regional les brings lessen together, and only
    local lessen of its own leeratelier; a local les that was taken up stays local."""
    if bronnen and not les.is_regionaal:
        raise ValidationError(
            {
                "bronnen": _(
                    "Alleen een regionale les brengt lokale lessen samen. Kies niveau "
                    "regionaal, of laat de lokale lessen leeg."
                )
            }
        )
    for bron in bronnen:
        if bron.pk == les.pk or bron.is_regionaal or bron.leeratelier_id != les.leeratelier_id:
            raise ValidationError(
                {"bronnen": _("Kies alleen lokale lessen uit de praktijken van dit leeratelier.")}
            )
    if les.pk is not None and les.is_regionaal and les.opgepakt_in.exists():
        raise ValidationError(
            {
                "niveau": _(
                    "Deze lokale les is opgepakt in een regionale les en blijft daarom lokaal. "
                    "Haal haar daar eerst weg."
                )
            }
        )


@transaction.atomic
def les_save(
    *,
    les: GeleerdeLes,
    voorwaarden=(),
    bronnen=(),
    aankondigen: bool = False,
    door: User | None = None,
) -> GeleerdeLes:
    """Save a geleerde les with its voorwaarden and (regional) the local lessen it brings
    together. With ``aankondigen`` a regional les is announced on the tribune, once: a les
    that was announced before is never announced again."""
    bronnen = list(bronnen)
    if les.praktijk_id is not None and les.leeratelier_id is None:
        les.leeratelier_id = les.praktijk.leeratelier_id
    if les.pk is not None:  # set by the announcement, never by an editor's copy
        stored = GeleerdeLes.objects.select_for_update().filter(pk=les.pk)
        les.aankondiging_id = stored.values_list("aankondiging_id", flat=True).first()
    les.full_clean()
    les_check(les=les, bronnen=bronnen)
    _save_with_history(les, {"voorwaarden": voorwaarden, "bronnen": bronnen}, door)
    if aankondigen and les.is_regionaal and les.aankondiging_id is None:
        les_announce(les=les, door=door)
    return les


def _markdown_text(text: str) -> str:
    """``text`` shown as it is in Markdown (no link, emphasis or heading of its own)."""
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", " ".join(text.split()))


def announcement_text(les: GeleerdeLes) -> str:
    """A tribune update about a regional les: the les, the local lessen it brings together
    with their praktijken and gemeenten, and links to the site (Markdown)."""
    leeratelier = les.leeratelier
    atelier_url = absolute_url(leeratelier.get_absolute_url())
    atelier = f"[{_markdown_text(leeratelier.titel)}]({atelier_url})"
    lines = [f"> {_markdown_text(les.tekst)}", ""]
    bronnen = (
        les.bronnen.select_related("praktijk__leeratelier")
        .prefetch_related("praktijk__gemeenten")
        .order_by("praktijk__titel", "pk")
    )
    if bronnen:
        lines += [
            _(
                "Deze regionale les van %(leeratelier)s brengt lokale lessen uit de lerende "
                "praktijken samen:"
            )
            % {"leeratelier": atelier},
            "",
        ]
        for bron in bronnen:
            praktijk = bron.praktijk
            waar = f"[{_markdown_text(praktijk.titel)}]({absolute_url(bron.get_absolute_url())})"
            gemeenten = ", ".join(gemeente.naam for gemeente in praktijk.gemeenten.all())
            if gemeenten:
                waar = f"{waar} ({gemeenten})"
            lines.append(f"- {waar}: “{_markdown_text(bron.tekst)}”")
    else:
        lines.append(_("Een nieuwe regionale les van %(leeratelier)s.") % {"leeratelier": atelier})
    lines += ["", f"[{_('Lees de les op de website')}]({absolute_url(les.get_absolute_url())})"]
    return "\n".join(lines)


def les_announce(*, les: GeleerdeLes, door: User | None = None) -> TribuneUpdate:
    """Announce a regional les on the tribune: a published tribune update by the trekker's
    persoon, sent to the tribune's readers like any update (see ``update_save``)."""
    titel = _("Nieuwe regionale les: %(les)s") % {
        "les": Truncator(" ".join(les.tekst.split())).chars(160)
    }
    update = TribuneUpdate(
        leeratelier=les.leeratelier,
        auteur=Persoon.objects.filter(user=door).first() if door is not None else None,
        titel=titel,
        tekst=announcement_text(les),
    )
    update_save(update=update, publish=True)
    # Not an edit of the les: no record in its history.
    GeleerdeLes.objects.filter(pk=les.pk).update(aankondiging=update)
    les.aankondiging = update
    return update
