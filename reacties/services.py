"""Business rules of the reactions, each in one transaction; the emails are kept in the outbox
(``werkplaats.mail.queue``) and go out after the commit, each once.

A reaction goes to the trekkers and co-trekkers of the leeratelier it is about (for a
praktijk, its leeratelier; for a publicatie, each of its leerateliers): to their account's
address, else the public address of their profile. When nobody is found, the leeratelier's
contact address gets it, and else the address of the werkplaats itself. The sender gets a
receipt that repeats nothing they typed.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.services import wanting
from leerateliers.models import Leeratelier, LerendePraktijk, Trekkerschap
from leerateliers.permissions import acts_as_trekker, leerateliers_led_by
from publicaties.models import Publicatie
from werkplaats import mail
from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.links import absolute_url
from werkplaats.models import Gemeente, Privacyverklaring, Profiel, UitgaandeMail, User
from werkplaats.text import normalise_email as normalise

from .consent import TOESTEMMING_TEKST, TOESTEMMING_VERSIE
from .models import Reactie, Soort, Status

logger = logging.getLogger(__name__)

# Reactions that were dealt with are forgotten this long after.
KEEP_AFGEROND_FOR = datetime.timedelta(days=365)
# ... and none, dealt with or not, longer than this after it came in.
KEEP_AT_MOST = datetime.timedelta(days=2 * 365)
SLEUTEL_MAX = UitgaandeMail._meta.get_field("sleutel").max_length
# The weekly summary looks back this far.
OVERZICHT_SPAN = datetime.timedelta(days=7)


def _sleutel(reactie: Reactie, wat: str, address: str) -> str:
    """The outbox key of an email about ``reactie`` to ``address``; a very long address is
    named by its hash, so the key fits its column."""
    sleutel = f"reactie-{reactie.pk}-{wat}-{normalise(address)}"
    if len(sleutel) > SLEUTEL_MAX:
        digest = hashlib.sha256(normalise(address).encode()).hexdigest()
        sleutel = f"reactie-{reactie.pk}-{wat}-{digest}"
    return sleutel


# --- Who hears of a reaction -----------------------------------------------------------------


def leerateliers_van(doel) -> list[Leeratelier]:
    """The leerateliers a target belongs to."""
    if isinstance(doel, Leeratelier):
        return [doel]
    if isinstance(doel, LerendePraktijk):
        return [doel.leeratelier]
    if isinstance(doel, Publicatie):
        return list(doel.leerateliers.order_by("titel"))
    return []


@dataclass(frozen=True)
class Ontvanger:
    """One address a reaction goes to: a trekker (with an account or not), or the contact
    address of an atelier or of the werkplaats, which may not have a login."""

    email: str
    user: User | None = None
    is_trekker: bool = False


def ontvangers(leerateliers: list[Leeratelier]) -> list[Ontvanger]:
    """Who gets a reaction about (something of) ``leerateliers``, each address once (see the
    module's rules)."""
    trekkerschappen = (
        Trekkerschap.objects.leidend()
        .filter(leeratelier__in=leerateliers)
        .select_related("persoon__user")
        .order_by("leeratelier__titel", "persoon__naam")
    )
    found: dict[str, Ontvanger] = {}
    for trekkerschap in trekkerschappen:
        persoon = trekkerschap.persoon
        # An account that may not act as trekker (and so has no list of reactions) is
        # written to at the profile's address, like a trekker without an account.
        user = persoon.user if acts_as_trekker(persoon.user) else None
        address = user.email if user is not None else persoon.email
        if address:
            found.setdefault(normalise(address), Ontvanger(address, user, is_trekker=True))
    if not found:
        for leeratelier in leerateliers:
            if leeratelier.contact_email:
                found.setdefault(
                    normalise(leeratelier.contact_email), Ontvanger(leeratelier.contact_email)
                )
    if not found:
        profiel = Profiel.objects.current()
        if profiel.email:
            found[normalise(profiel.email)] = Ontvanger(profiel.email)
    return list(found.values())


# --- A visitor answers -----------------------------------------------------------------------


def _privacy_versie() -> int:
    verklaring = Privacyverklaring.objects.geldend()
    if verklaring is None:
        raise ValidationError(
            _(
                "Een bericht sturen kan op dit moment niet, omdat de privacyverklaring nog "
                "ontbreekt. Probeer het later opnieuw."
            )
        )
    return verklaring.versie


def _target(doel) -> dict:
    if isinstance(doel, Leeratelier):
        return {"leeratelier": doel}
    if isinstance(doel, LerendePraktijk):
        return {"praktijk": doel}
    if isinstance(doel, Publicatie):
        return {"publicatie": doel}
    raise ValidationError(_("Op deze pagina kun je niet reageren."))


@transaction.atomic
def reactie_create(
    *,
    doel,
    soort: str,
    naam: str,
    email: str,
    bericht: str,
    organisatie: str = "",
    gemeente: Gemeente | None = None,
    now: datetime.datetime | None = None,
) -> Reactie:
    """Store a visitor's reaction with the consent it was sent under, and email it to whoever
    hears of reactions about ``doel`` and a copy to the sender."""
    if soort not in Soort.voor(doel):
        raise ValidationError({"soort": _("Kies waarover je bericht gaat uit de lijst.")})
    reactie = Reactie(
        soort=soort,
        naam=naam.strip(),
        email=email.strip(),
        organisatie=organisatie.strip(),
        gemeente=gemeente,
        bericht=bericht.strip(),
        aangemaakt_at=now or timezone.now(),
        toestemming_tekst=TOESTEMMING_TEKST,
        toestemming_versie=TOESTEMMING_VERSIE,
        privacy_versie=_privacy_versie(),
        **_target(doel),
    )
    reactie.full_clean()
    reactie.save()
    _queue_emails(reactie, doel)
    return reactie


def _queue_emails(reactie: Reactie, doel) -> None:
    soort = Soort(reactie.soort)
    leerateliers = leerateliers_van(doel)
    naar = ontvangers(leerateliers)
    context = {
        "reactie": reactie,
        "soort": soort.label,
        "doel": doel,
        "doel_url": absolute_url(doel.get_absolute_url()),
        "leerateliers": get_text_list([atelier.titel for atelier in leerateliers], _("en")),
    }
    for ontvanger in naar:
        if ontvanger.user is not None:  # a trekker with an account: the list in /mijn/
            link = reactie.get_absolute_url()
        elif not ontvanger.is_trekker:  # the werkplaats or the atelier: the admin
            link = reverse("admin:reacties_reactie_change", args=[reactie.pk])
        else:  # a trekker without an account answers by email
            link = None
        email = mail.message(
            to=ontvanger.email,
            subject=_("Nieuwe reactie: %(soort)s — %(doel)s")
            % {"soort": soort.label, "doel": str(doel)},
            template="reacties/email/reactie",
            context={
                **context,
                "ontvanger": ontvanger,
                "url": absolute_url(link) if link else "",
            },
        )
        email.extra_headers["Reply-To"] = reactie.email
        mail.queue(_sleutel(reactie, "aan", ontvanger.email), email, user=ontvanger.user)
    if not naar:
        logger.warning("Reactie %s: niemand om haar naar te sturen.", reactie.pk)
    kopie = mail.message(
        to=reactie.email,
        subject=_("Je bericht aan de werkplaats: %(doel)s") % {"doel": str(doel)},
        template="reacties/email/kopie",
        context={
            **context,
            "naar_trekkers": any(o.is_trekker for o in naar),
            "privacy_url": absolute_url(reverse("werkplaats:privacy")),
        },
    )
    mail.queue(_sleutel(reactie, "kopie", reactie.email), kopie)


# --- Trekkers deal with them -----------------------------------------------------------------


def reacties_voor(user):
    """The reactions ``user`` may see and change on the site: those about the leerateliers
    they lead, with their praktijken and publicaties."""
    return Reactie.objects.voor_leerateliers(leerateliers_led_by(user))


def met_nieuwe_reacties(leerateliers, user):
    """``leerateliers`` with ``reacties_nieuw``: how many of the reactions ``user`` may see
    are still new. The same number on every row, counted once by the database inside the
    query for the rows (for /mijn/, which is near its query budget)."""
    aantal = (
        reacties_voor(user).nieuw().order_by().values("status").annotate(n=Count("pk")).values("n")
    )
    return leerateliers.annotate(reacties_nieuw=Coalesce(Subquery(aantal), 0))


@transaction.atomic
def reactie_status_set(
    *, reactie: Reactie, status: str, door: User | None, now: datetime.datetime | None = None
) -> Reactie:
    """Move a reaction to ``status`` (nieuw, in behandeling, afgerond), noting when and by
    whom. Setting the status it has changes nothing."""
    reactie = Reactie.objects.select_for_update().get(pk=reactie.pk)
    if reactie.status == status:
        return reactie
    reactie.status = status
    reactie.behandeld_at = now or timezone.now()
    reactie.behandeld_door = door
    reactie.full_clean()
    reactie.save(update_fields=["status", "behandeld_at", "behandeld_door"])
    return reactie


# --- Once a week ----------------------------------------------------------------------------


def overzichten_versturen(*, now: datetime.datetime | None = None) -> int:
    """Send each trekker with an account one email listing the new reactions (still 'nieuw')
    of the past week about the leerateliers they lead; nothing when there are none, nor to
    whom turned it off (``Meldingsvoorkeur.reacties_overzicht``). Keyed per
    user and ISO week, so running it twice in a week sends nothing twice. Returns how many
    summaries were new."""
    now = now or timezone.now()
    jaar, week, _dag = timezone.localtime(now).isocalendar()
    sinds = now - OVERZICHT_SPAN
    trekkers = User.objects.filter(
        is_active=True,
        pk__in=Trekkerschap.objects.leidend()
        .filter(persoon__user__isnull=False)
        .values("persoon__user"),
    )
    sent = 0
    for user in wanting(trekkers, "reacties_overzicht").order_by("pk"):
        reacties = list(
            reacties_voor(user)
            .nieuw()
            .filter(aangemaakt_at__gte=sinds, aangemaakt_at__lte=now)
            .for_list()
        )
        if not reacties:
            continue
        email = mail.message(
            to=user.email,
            subject=_("Nieuwe reacties van deze week (%(aantal)s)") % {"aantal": len(reacties)},
            template="reacties/email/overzicht",
            context={
                "reacties": reacties,
                "url": absolute_url(reverse("reacties:lijst") + "?status=nieuw"),
                "sinds": sinds,
                "voorkeuren_url": absolute_url(reverse("leerateliers:preferences")),
            },
        )
        with transaction.atomic():
            sent += mail.queue(f"reacties-overzicht-{user.pk}-{jaar}-w{week:02d}", email, user=user)
    return sent


def reacties_vergeten(*, now: datetime.datetime | None = None) -> int:
    """Erase the reactions that were dealt with (afgerond) more than ``KEEP_AFGEROND_FOR``
    ago, and any reaction older than ``KEEP_AT_MOST``, dealt with or not; the admin's log
    forgets whom they were about. Returns how many went."""
    now = now or timezone.now()
    oud = Reactie.objects.filter(
        Q(status=Status.AFGEROND, behandeld_at__lt=now - KEEP_AFGEROND_FOR)
        | Q(aangemaakt_at__lt=now - KEEP_AT_MOST)
    )
    forget_in_admin_log(Reactie, list(oud.values_list("pk", flat=True)))
    return oud.delete()[0]
