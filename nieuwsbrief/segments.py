"""Who an edition goes to: the union of the segments ticked on it, each address once.

- all subscribers: every active (confirmed, not withdrawn) ``Inschrijving``;
- subscribers interested in a leeratelier: the active ones that named it;
- the tribune or the arena of a leeratelier: the contactpersonen of the organisations on it
  (accounts; no subscription needed, their role names them);
- the followers of a leeratelier (accounts).

Accounts that chose "nooit" for a leeratelier are left out of its tribune, arena and
followers; inactive accounts are left out; an address in ``Afmelding`` is always left out.
Addresses are compared without regard to case, so one person gets one email.
"""

from dataclasses import dataclass

from leerateliers.models import Rol
from leerateliers.notifications import audience_user_ids
from werkplaats.models import User

from .models import Afmelding, Editie, Inschrijving


@dataclass(frozen=True)
class Ontvanger:
    """One address an edition goes to, and what put it there."""

    email: str
    inschrijving_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class Segment:
    """What is ticked on an edition, as ids (so a form's unsaved choice can be counted)."""

    aan_alle_abonnees: bool = False
    interesse_in: frozenset[int] = frozenset()
    tribune_van: frozenset[int] = frozenset()
    arena_van: frozenset[int] = frozenset()
    volgers_van: frozenset[int] = frozenset()

    @classmethod
    def of(cls, editie: Editie) -> "Segment":
        return cls(
            aan_alle_abonnees=editie.aan_alle_abonnees,
            interesse_in=frozenset(editie.interesse_in.values_list("pk", flat=True)),
            tribune_van=frozenset(editie.tribune_van.values_list("pk", flat=True)),
            arena_van=frozenset(editie.arena_van.values_list("pk", flat=True)),
            volgers_van=frozenset(editie.volgers_van.values_list("pk", flat=True)),
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.aan_alle_abonnees
            or self.interesse_in
            or self.tribune_van
            or self.arena_van
            or self.volgers_van
        )


def _account_ids(segment: Segment) -> set[int]:
    ids: set[int] = set()
    for leeratelier_id in segment.tribune_van | segment.arena_van | segment.volgers_van:
        rollen = tuple(
            rol
            for rol, chosen in (
                (Rol.TRIBUNE, segment.tribune_van),
                (Rol.ARENA, segment.arena_van),
            )
            if leeratelier_id in chosen
        )
        ids |= audience_user_ids(
            leeratelier_id, rollen=rollen, volgers=leeratelier_id in segment.volgers_van
        )
    return ids


def recipients(segment: Segment | Editie) -> list[Ontvanger]:
    """Every address of the segment once, subscribers first, in a stable order."""
    if isinstance(segment, Editie):
        segment = Segment.of(segment)
    afgemeld = {email.lower() for email in Afmelding.objects.values_list("email", flat=True)}
    found: dict[str, Ontvanger] = {}

    def add(ontvanger: Ontvanger) -> None:
        key = ontvanger.email.strip().lower()
        if key and key not in afgemeld and key not in found:
            found[key] = Ontvanger(key, ontvanger.inschrijving_id, ontvanger.user_id)

    inschrijvingen = Inschrijving.objects.none()
    if segment.aan_alle_abonnees:
        inschrijvingen = Inschrijving.objects.actief()
    elif segment.interesse_in:
        inschrijvingen = Inschrijving.objects.actief().filter(leerateliers__in=segment.interesse_in)
    for pk, email, user_id in (
        inschrijvingen.distinct().order_by("pk").values_list("pk", "email", "user_id")
    ):
        add(Ontvanger(email, inschrijving_id=pk, user_id=user_id))
    account_ids = _account_ids(segment)
    if account_ids:
        users = User.objects.filter(pk__in=account_ids, is_active=True).order_by("pk")
        for pk, email in users.values_list("pk", "email"):
            add(Ontvanger(email, user_id=pk))
    return list(found.values())
