"""Emails to the trekkers (trekker and co-trekker) of a leeratelier about its arena and
tribune: an organisation joins, moves from one to the other, or leaves.

Services report the change once it is saved (``deelname_started``, ``deelname_ended``); the
admin, which edits deelnames row by row, reports what it saved (``deelnames_saved``). Each
email goes through the outbox of the one mail path under a key naming the deelname, the event
and the trekker, so a change reported twice tells nobody twice. A trekker can turn these
emails off (``Meldingsvoorkeur.deelnames``); the demo loader reports nothing.
"""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from accounts.permissions import koppeling_reviewers
from accounts.services import wanting
from werkplaats import mail
from werkplaats.links import absolute_url
from werkplaats.models import User

from .models import Deelname, Leeratelier, Rol, Trekkerschap

AANGESLOTEN = "aangesloten"
VERPLAATST = "verplaatst"
GESTOPT = "gestopt"


def trekkers(leeratelier: Leeratelier) -> list[Trekkerschap]:
    """The trekkerschappen (trekker, co-trekker) of ``leeratelier`` whose persoon has an
    active account that wants emails about deelnames, with that account loaded."""
    rows = Trekkerschap.objects.leidend().filter(
        leeratelier=leeratelier, persoon__user__is_active=True
    )
    accounts = wanting(User.objects.filter(pk__in=rows.values("persoon__user")), "deelnames")
    return list(rows.filter(persoon__user__in=accounts).select_related("persoon__user"))


def _previous(deelname: Deelname) -> Deelname | None:
    """The organisation's role in this leeratelier that ended the day ``deelname`` began."""
    return (
        Deelname.objects.filter(
            organisatie_id=deelname.organisatie_id,
            leeratelier_id=deelname.leeratelier_id,
            tot=deelname.sinds,
        )
        .exclude(pk=deelname.pk)
        .order_by("-sinds", "-pk")
        .first()
    )


def deelname_started(deelname: Deelname) -> None:
    """A new current deelname: the organisation joined, or moved when its role in the other
    place ended the day this one began."""
    if deelname.tot is not None:
        return  # history entered afterwards, not news
    previous = _previous(deelname)
    if previous is not None and previous.rol != deelname.rol:
        _tell(deelname, VERPLAATST, van=previous.rol)
    else:
        _tell(deelname, AANGESLOTEN)


def deelname_ended(deelname: Deelname) -> None:
    """A deelname that ended: the organisation left, unless a new role began the same day
    (a move, which ``deelname_started`` tells)."""
    if deelname.tot is None:
        return
    moved = Deelname.objects.current().filter(
        organisatie_id=deelname.organisatie_id,
        leeratelier_id=deelname.leeratelier_id,
        sinds=deelname.tot,
    )
    if not moved.exists():
        _tell(deelname, GESTOPT)


def deelnames_saved(*, started: Iterable[Deelname] = (), ended: Iterable[Deelname] = ()) -> None:
    """Deelnames saved together in the admin: ``started`` are new rows, ``ended`` rows that
    were current and now have an end date. Reported once all are saved, so a move entered as
    one row ended and one added is told as a move."""
    for deelname in ended:
        deelname_ended(deelname)
    for deelname in started:
        deelname_started(deelname)


def _texts(deelname: Deelname, event: str, van: str | None) -> tuple[str, str]:
    """The subject and the first sentence of the email about ``event``."""
    organisatie = deelname.organisatie.naam
    atelier = deelname.leeratelier.titel
    if event == GESTOPT:
        return (
            _("%(organisatie)s doet niet meer mee aan %(atelier)s")
            % {"organisatie": organisatie, "atelier": atelier},
            _(
                "%(organisatie)s zat %(plaats)s van %(atelier)s en doet sinds %(datum)s niet "
                "meer mee."
            )
            % {
                "organisatie": organisatie,
                "plaats": Rol(deelname.rol).plaats,
                "atelier": atelier,
                "datum": formats.date_format(deelname.tot, "j F Y"),
            },
        )
    datum = formats.date_format(deelname.sinds, "j F Y")
    if event == VERPLAATST:
        return (
            _("%(organisatie)s gaat van %(van)s naar %(naar)s van %(atelier)s")
            % {
                "organisatie": organisatie,
                "van": Rol(van).naam,
                "naar": Rol(deelname.rol).naam,
                "atelier": atelier,
            },
            _("%(organisatie)s zat %(van)s van %(atelier)s en zit sinds %(datum)s %(naar)s.")
            % {
                "organisatie": organisatie,
                "van": Rol(van).plaats,
                "atelier": atelier,
                "datum": datum,
                "naar": Rol(deelname.rol).plaats,
            },
        )
    subject = (
        _("Nieuw in de arena van %(atelier)s: %(organisatie)s")
        if deelname.rol == Rol.ARENA
        else _("Nieuw op de tribune van %(atelier)s: %(organisatie)s")
    )
    return (
        subject % {"organisatie": organisatie, "atelier": atelier},
        _("%(organisatie)s zit sinds %(datum)s %(plaats)s van %(atelier)s.")
        % {
            "organisatie": organisatie,
            "datum": datum,
            "plaats": Rol(deelname.rol).plaats,
            "atelier": atelier,
        },
    )


def _tell(deelname: Deelname, event: str, van: str | None = None) -> None:
    """Queue the email about ``event`` for each trekker of the deelname's leeratelier."""
    leeratelier = deelname.leeratelier
    leiding = trekkers(leeratelier)
    if not leiding:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, zin = _texts(deelname, event, van)
        context = {
            "deelname": deelname,
            "leeratelier": leeratelier,
            "zin": zin,
            "leeratelier_url": absolute_url(leeratelier.get_absolute_url()),
            "preferences_url": absolute_url(reverse("leerateliers:preferences")),
        }
        redenen = {
            trekkerschap.pk: _("Je krijgt deze e-mail omdat je %(rol)s bent van %(atelier)s.")
            % {"rol": trekkerschap.get_rol_display().lower(), "atelier": leeratelier.titel}
            for trekkerschap in leiding
        }
    for trekkerschap in leiding:
        user = trekkerschap.persoon.user
        mail.queue(
            f"deelname-{deelname.pk}-{event}-aan-{user.pk}",
            mail.message(
                to=user.email,
                subject=subject,
                template="leerateliers/email/deelname",
                context={**context, "reden": redenen[trekkerschap.pk]},
            ),
            user=user,
        )


def soorten_for(user: User) -> list[str]:
    """The kinds of emails (``Meldingsvoorkeur`` fields) that can reach ``user``, so the only
    choices the user is offered: trekkers hear about their arena and tribune and get the
    weekly overview of reactions; staff who decide about koppelingen hear of new requests."""
    soorten = []
    if user.is_active and Trekkerschap.objects.leidend().filter(persoon__user=user).exists():
        soorten += ["deelnames", "reacties_overzicht"]
    if koppeling_reviewers().filter(pk=user.pk).exists():
        soorten.append("koppelingen")
    return soorten
