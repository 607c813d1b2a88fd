"""Writes and reads that reach every app: the personal-data download and deleting an account,
collected from each app's ``privacy.py``.

The apps are read in ``INSTALLED_APPS`` order (lowest floor first) for the download and
erased the other way round, so that what stands on the account (seats at bijeenkomsten, roles
in leerateliers) is handled before the account itself goes.
"""

from django.db import transaction
from django.utils import timezone

from bijeenkomsten.models import Bijeenkomst
from leerateliers import tijdlijn
from leerateliers.models import Leeratelier
from werkplaats import audit
from werkplaats.discovery import app_modules
from werkplaats.models import User


def _merge(into: dict, part: dict) -> None:
    """Add ``part`` to ``into``; sections both name (the profile) are merged, and a section
    that a lower floor has nothing for (no profile) stays empty."""
    for key, value in part.items():
        if key not in into:
            into[key] = value
        elif isinstance(into[key], dict) and isinstance(value, dict):
            _merge(into[key], value)


def personal_data(user: User) -> dict:
    """What the portal holds about ``user``, as plain data for the download."""
    data: dict = {}
    for module in app_modules("privacy"):
        _merge(data, module.export(user))
    return data


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and the personal data that hangs on it, app by app (each app's
    ``privacy.erase``, the top floor first): seats at bijeenkomsten that have not begun are
    given up first, so the waiting list moves on; registrations, roles in leerateliers,
    follows, claims and email addresses go; published tribune updates stay without author.
    A profile that is the author of a publicatie or a member of the programmacommissie is a
    public record: it stays with only its name, unlinked and emptied. The admin's log keeps
    that something changed, not whom it was about. The site and the admin both delete here."""
    audit.record("account.deleted", user=user.pk)
    for module in reversed(app_modules("privacy")):
        module.erase(user)


# --- A leeratelier's activity over time ------------------------------------------------------

TIJDLIJN_KORT = 10  # events shown before "Eerdere activiteit"


def leeratelier_tijdlijn(
    leeratelier: Leeratelier, *, gehouden: list[Bijeenkomst]
) -> list[tijdlijn.Gebeurtenis]:
    """Everything that happened in a leeratelier up to today, newest first: its deelnames,
    tribune updates and lessen, and the bijeenkomsten ``gehouden`` there. ``leeratelier``
    comes from ``for_detail()``, whose prefetches hold all the rest: no query of its own."""
    own = tijdlijn.events(
        deelnames=leeratelier.alle_deelnames,
        updates=leeratelier.gepubliceerde_updates,
        lessen=leeratelier.lessen,  # each with its praktijk at hand
    )
    bijeenkomsten = [
        tijdlijn.Gebeurtenis(
            timezone.localdate(bijeenkomst.start_at),
            str(bijeenkomst.get_soort_display()),
            bijeenkomst.titel,
            bijeenkomst.get_absolute_url(),
            inhoud=True,
        )
        for bijeenkomst in gehouden
    ]
    return tijdlijn.newest_first([*own, *bijeenkomsten])
