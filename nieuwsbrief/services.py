"""Business rules of the nieuwsbrief, each in one transaction; emails go out after the commit,
in the background (``tasks.py``).

Subscriptions: consent is given on a page and recorded word for word (``consent.py``); the
subscription counts only once the emailed link is confirmed (double opt-in), or at once for a
signed-in account, whose address is confirmed already. Withdrawing takes one click and also
stops every other edition to the address (``Afmelding``)."""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Bijeenkomst
from bijeenkomsten.models import Status as BijeenkomstStatus
from leerateliers.models import GeleerdeLes, TribuneUpdate
from publicaties.models import Publicatie
from werkplaats import mail
from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import Privacyverklaring, User
from werkplaats.text import normalise_email as normalise

from . import content, sending, tasks
from .consent import TOESTEMMING_TEKST, TOESTEMMING_VERSIE
from .links import CONFIRM_MAX_AGE
from .models import (
    Afmelding,
    Afmeldsleutel,
    Bezorging,
    Editie,
    EditieStatus,
    Inschrijving,
    Item,
    ItemSoort,
)
from .segments import Segment, recipients

# --- Subscriptions ---------------------------------------------------------------------------


def _privacy_versie() -> int:
    verklaring = Privacyverklaring.objects.geldend()
    if verklaring is None:
        raise ValidationError(
            _(
                "Inschrijven kan op dit moment niet, omdat de privacyverklaring nog ontbreekt. "
                "Probeer het later opnieuw."
            )
        )
    return verklaring.versie


def _open(email: str) -> Inschrijving | None:
    """The address's subscription that is not withdrawn (waiting or active), locked."""
    return (
        Inschrijving.objects.select_for_update()
        .filter(email=email, afgemeld_at__isnull=True)
        .first()
    )


def _record(*, email: str, pagina: str, now: datetime.datetime, **fields) -> Inschrijving:
    inschrijving = Inschrijving(
        email=email,
        toestemming_at=now,
        toestemming_pagina=pagina[:300],
        toestemming_tekst=TOESTEMMING_TEKST,
        toestemming_versie=TOESTEMMING_VERSIE,
        privacy_versie=_privacy_versie(),
        **fields,
    )
    inschrijving.full_clean()
    with transaction.atomic():  # a savepoint: a double click loses the race, nothing else
        inschrijving.save()
    return inschrijving


@transaction.atomic
def inschrijving_aanvragen(
    *,
    email: str,
    pagina: str,
    naam: str = "",
    organisatie: str = "",
    leerateliers=(),
    now: datetime.datetime | None = None,
) -> Inschrijving | None:
    """Consent given on ``pagina``: a subscription that waits until the emailed link is
    confirmed. The visitor sees the same answer whatever the address, so it tells nobody who
    is subscribed: an address that is subscribed already stays as it is and gets no email
    (returns None); one still waiting gets a new record and a new link, and its old link
    stops working; any other address gets its record and the link."""
    email = normalise(email)
    now = now or timezone.now()
    bestaand = _open(email)
    if bestaand is not None and bestaand.is_actief:
        return None
    if bestaand is not None:  # not confirmed: no consent yet, replaced by the one just given
        bestaand.delete()
    account = User.objects.filter(email__iexact=email, is_active=True).first()
    try:
        inschrijving = _record(
            email=email,
            pagina=pagina,
            now=now,
            naam=naam.strip(),
            organisatie=organisatie.strip(),
            user=account,
        )
    except IntegrityError:  # the same request at the same moment: that one sends the link
        return None
    inschrijving.leerateliers.set(leerateliers)
    transaction.on_commit(partial(tasks.send_confirmation.enqueue, inschrijving.pk))
    return inschrijving


@transaction.atomic
def inschrijving_bevestigen(
    *, inschrijving: Inschrijving, now: datetime.datetime | None = None
) -> Inschrijving:
    """The emailed link was followed and confirmed: the subscription counts from now, and an
    earlier 'no editions at all' for the address is lifted. Confirming twice changes nothing."""
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.afgemeld_at is not None:
        raise ValidationError(
            _("Deze inschrijving is ingetrokken. Schrijf je opnieuw in als je de nieuwsbrief wilt.")
        )
    if inschrijving.bevestigd_at is None:
        inschrijving.bevestigd_at = now or timezone.now()
        inschrijving.full_clean()
        inschrijving.save(update_fields=["bevestigd_at"])
        Afmelding.objects.filter(email=inschrijving.email).delete()
    return inschrijving


@transaction.atomic
def inschrijving_account(
    *, user: User, pagina: str, now: datetime.datetime | None = None
) -> Inschrijving:
    """A signed-in user subscribes with one click: the account's address is confirmed
    already, so the subscription counts at once; the consent is recorded all the same."""
    email = normalise(user.email)
    now = now or timezone.now()
    bestaand = _open(email)
    if bestaand is not None and bestaand.is_actief:
        if bestaand.user_id is None:
            bestaand.user = user
            bestaand.save(update_fields=["user"])
        return bestaand
    if bestaand is not None:
        bestaand.delete()
    try:
        inschrijving = _record(
            email=email,
            pagina=pagina,
            now=now,
            naam=user.get_full_name()[:150],
            user=user,
            bevestigd_at=now,
        )
    except IntegrityError:  # a double click: the first one subscribed
        return Inschrijving.objects.get(email=email, afgemeld_at__isnull=True)
    Afmelding.objects.filter(email=email).delete()
    return inschrijving


def inschrijvingen_opruimen(*, now: datetime.datetime | None = None) -> int:
    """Erase the subscriptions that were never confirmed and whose link has expired: nothing
    was agreed, so nothing is kept. Returns how many went."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=CONFIRM_MAX_AGE)
    verlopen = Inschrijving.objects.wacht().filter(toestemming_at__lt=cutoff)
    forget_in_admin_log(Inschrijving, list(verlopen.values_list("pk", flat=True)))
    return verlopen.delete()[1].get(Inschrijving._meta.label, 0)


@transaction.atomic
def inschrijving_intrekken(*, email: str, now: datetime.datetime | None = None) -> int:
    """Withdraw: the open subscription of the address ends (it stays as the record of what
    was agreed and when it ended) and the address gets no edition at all any more, whatever
    segment it would be in. Returns how many subscriptions ended (0 or 1); withdrawing twice
    changes nothing."""
    email = normalise(email)
    now = now or timezone.now()
    ended = Inschrijving.objects.filter(email=email, afgemeld_at__isnull=True).update(
        afgemeld_at=now
    )
    Afmelding.objects.get_or_create(email=email, defaults={"afgemeld_at": now})
    return ended


@transaction.atomic
def adres_wissen(*, email: str) -> int:
    """Erase everything the nieuwsbrief holds about an address, on request: subscriptions
    with their consent records, the refusal and the deliveries. Returns the number of rows."""
    email = normalise(email)
    inschrijvingen = Inschrijving.objects.filter(email__iexact=email)
    forget_in_admin_log(Inschrijving, list(inschrijvingen.values_list("pk", flat=True)))
    afmeldingen = Afmelding.objects.filter(email__iexact=email)
    forget_in_admin_log(Afmelding, list(afmeldingen.values_list("pk", flat=True)))
    count = Bezorging.objects.filter(email__iexact=email).delete()[0]
    count += inschrijvingen.delete()[0]
    count += afmeldingen.delete()[0]
    count += Afmeldsleutel.objects.filter(email__iexact=email).delete()[0]
    return count


# --- Editions --------------------------------------------------------------------------------

# Without an earlier edition or a date of its own, a new edition proposes this much news.
FIRST_EDITION_SPAN = datetime.timedelta(days=90)
# Within a leeratelier's rubriek: updates, publicaties, lessen, then what is coming.
SOORT_ORDER = [
    ItemSoort.VRIJ,
    ItemSoort.UPDATE,
    ItemSoort.PUBLICATIE,
    ItemSoort.LES,
    ItemSoort.BIJEENKOMST,
]


def editie_since(editie: Editie) -> datetime.datetime:
    """From when news is proposed: the edition's own date, else when the previous edition
    went out, else ``FIRST_EDITION_SPAN`` before the edition was made."""
    if editie.sinds is not None:
        return editie.sinds
    vorige = (
        Editie.objects.exclude(status=EditieStatus.CONCEPT)
        .exclude(pk=editie.pk)
        .order_by("-verzonden_at")
        .values_list("verzonden_at", flat=True)
        .first()
    )
    return vorige or editie.aangemaakt_at - FIRST_EDITION_SPAN


def _proposals(sinds: datetime.datetime, now: datetime.datetime) -> list[Item]:
    """Everything published since ``sinds`` and every bijeenkomst still to come, one item
    each, in the rubriek of its leeratelier (a publicatie: its first leeratelier by title)."""
    found = []
    publicaties = (
        Publicatie.objects.published()
        .filter(gepubliceerd_on__gte=timezone.localdate(sinds))
        .prefetch_related("leerateliers")
        .order_by("gepubliceerd_on", "pk")
    )
    for publicatie in publicaties:
        leerateliers = sorted(publicatie.leerateliers.all(), key=lambda atelier: atelier.titel)
        found.append(
            Item(
                soort=ItemSoort.PUBLICATIE,
                publicatie=publicatie,
                leeratelier=leerateliers[0] if leerateliers else None,
            )
        )
    updates = (
        TribuneUpdate.objects.published()
        .filter(gepubliceerd_at__gte=sinds)
        .select_related("leeratelier")
        .order_by("gepubliceerd_at", "pk")
    )
    found += [
        Item(soort=ItemSoort.UPDATE, update=update, leeratelier=update.leeratelier)
        for update in updates
    ]
    # A les recorded since then, also one dated earlier (a trekker writes it down afterwards).
    lessen = (
        GeleerdeLes.objects.filter(
            Q(aangemaakt_at__gte=sinds) | Q(geleerd_on__gte=timezone.localdate(sinds))
        )
        .select_related("leeratelier")
        .order_by("geleerd_on", "pk")
    )
    found += [Item(soort=ItemSoort.LES, les=les, leeratelier=les.leeratelier) for les in lessen]
    bijeenkomsten = (
        Bijeenkomst.objects.upcoming(now)
        .filter(status=BijeenkomstStatus.GEPLAND)
        .select_related("leeratelier")
    )
    found += [
        Item(
            soort=ItemSoort.BIJEENKOMST,
            bijeenkomst=bijeenkomst,
            leeratelier=bijeenkomst.leeratelier,
        )
        for bijeenkomst in bijeenkomsten
    ]
    return found


def _source_key(item: Item) -> tuple[str, int | None]:
    return item.soort, {
        ItemSoort.PUBLICATIE: item.publicatie_id,
        ItemSoort.UPDATE: item.update_id,
        ItemSoort.BIJEENKOMST: item.bijeenkomst_id,
        ItemSoort.LES: item.les_id,
    }.get(item.soort)


@transaction.atomic
def editie_prefill(*, editie: Editie, now: datetime.datetime | None = None) -> int:
    """Propose what the network did since the previous edition (``editie_since``): each
    publicatie, tribune update and geleerde les since then and each bijeenkomst still to come
    that the edition does not hold yet, grouped per leeratelier (general items last), after
    the items it has. The editor then reorders, drops and adds. Returns how many were added."""
    editie = Editie.objects.select_for_update().get(pk=editie.pk)
    if editie.is_locked:
        raise ValidationError(_("Deze editie is al verzonden; er kan niets meer bij."))
    now = now or timezone.now()
    bestaand = {_source_key(item) for item in editie.items.all()}
    nieuw = [
        item for item in _proposals(editie_since(editie), now) if _source_key(item) not in bestaand
    ]
    nieuw.sort(
        key=lambda item: (
            item.leeratelier is None,
            item.leeratelier.titel if item.leeratelier else "",
            SOORT_ORDER.index(item.soort),
        )
    )
    volgorde = max(editie.items.values_list("volgorde", flat=True), default=0)
    for item in nieuw:
        volgorde += 10
        item.editie = editie
        item.volgorde = volgorde
        item.full_clean()
    Item.objects.bulk_create(nieuw)
    return len(nieuw)


def editie_check(editie: Editie) -> None:
    """Why the edition cannot be sent now, as a Dutch ValidationError; nothing when it can."""
    if editie.is_locked:
        raise ValidationError(
            _("Deze editie is al verzonden. Een editie gaat maar één keer de deur uit.")
        )
    if content.is_empty(editie):
        raise ValidationError(
            _("Deze editie is leeg: schrijf een voorwoord of neem minstens één onderdeel op.")
        )
    if Segment.of(editie).is_empty:
        raise ValidationError(
            _("Kies eerst aan wie deze editie gaat: alle abonnees, of een of meer groepen.")
        )


@transaction.atomic
def editie_send(*, editie: Editie, by: User, now: datetime.datetime | None = None) -> int:
    """Send the edition, once: its recipients are fixed now (one ``Bezorging`` each; see
    ``segments.py`` for who), it is locked, and background tasks send it in batches after
    the commit. Returns the number of recipients."""
    editie = Editie.objects.select_for_update().get(pk=editie.pk)
    editie_check(editie)
    ontvangers = recipients(editie)
    if not ontvangers:
        raise ValidationError(
            _(
                "Niemand in de gekozen groepen kan deze editie krijgen (geen bevestigde "
                "inschrijvingen of accounts). Kies andere ontvangers."
            )
        )
    editie.status = EditieStatus.VERZENDEN
    editie.verzonden_at = now or timezone.now()
    editie.verzonden_door = by
    editie.full_clean()
    editie.save(update_fields=["status", "verzonden_at", "verzonden_door"])
    Bezorging.objects.bulk_create(
        [
            Bezorging(
                editie=editie,
                email=ontvanger.email,
                inschrijving_id=ontvanger.inschrijving_id,
                user_id=ontvanger.user_id,
            )
            for ontvanger in ontvangers
        ]
    )
    transaction.on_commit(partial(tasks.send_editie.enqueue, editie.pk))
    return len(ontvangers)


def editie_test_send(*, editie: Editie, to: str) -> None:
    """The edition as a subscriber would get it, marked as a test, to ``to`` (the editor's
    own address) only. No delivery row: nothing is recorded and the edition stays as it is."""
    if not to:
        raise ValidationError(
            _("Je account heeft geen e-mailadres, dus een testversie kan nergens heen.")
        )
    outcome = mail.send(
        None,
        lambda _won: sending.editie_message(editie=editie, to=to, is_test=True),
        about=f"Testversie van nieuwsbrief {editie.pk}",
    )
    if outcome is not mail.Outcome.SENT:
        raise ValidationError(
            _("De testversie kon niet worden verstuurd; de mailserver gaf een fout.")
        )
