"""Personal data of the network core: the account itself and the persoon profile linked to it.

Every app that holds personal data has a ``privacy.py`` like this one: ``COVERS`` names its
models that hold personal data (or a user or email field) and says how they are treated,
``export(user)`` gives the data for the download and ``erase(user)`` removes it.
``portaal.services`` collects them, erasing from the top floor down, so this module goes last.
An app that reads several tables for the download reads them with ``rows_in_one_query``, so
that /mijn/gegevens/ stays within the pages' query ceiling however many apps there are.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import (
    CharField,
    DateTimeField,
    F,
    Field,
    ProtectedError,
    QuerySet,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone

from .admin_tools import forget_in_admin_log
from .models import Persoon, Profiel, Toegankelijkheidsverklaring, UitgaandeMail, User

COVERS = {
    User: "exported; deleted with its sessions on every device",
    Persoon: "exported; deleted, or emptied down to the name when it is a public record",
    LogEntry: "what the user did goes with the account; the log forgets whom it was about",
    UitgaandeMail: (
        "the subjects and dates are exported; deleted with the account, and a month after "
        "sending in any case"
    ),
    Profiel: (
        "public contact details the beheerder publishes (a general address, or a contact "
        "person's work address with their consent); never linked to an account, changed or "
        "emptied in the admin"
    ),
    Toegankelijkheidsverklaring: (
        "public: the general address for accessibility reports and the name and function of "
        "whoever signed the statement off for the werkplaats; never linked to an account, "
        "changed in the admin"
    ),
}


def _column(given: dict, name: str, field: type[Field]):
    """What a branch of ``rows_in_one_query`` reads as column ``name``."""
    if name not in given:
        return Cast(Value(None), output_field=field())
    return F(given[name]) if isinstance(given[name], str) else given[name]


def rows_in_one_query(
    columns: dict[str, type[Field]], **kinds: tuple[QuerySet, dict]
) -> dict[str, list[dict]]:
    """The rows of several querysets, read in one UNION query. ``kinds`` names each queryset
    with what it gives of ``columns`` (a field name, or an expression); every other column is
    NULL of the column's type, as PostgreSQL matches the branches' types. Returns each kind's
    rows as dicts of ``columns``, in the order of its queryset (its ``order_by`` or its
    model's ordering; a relation in it orders by its key)."""
    branches = []
    for kind, (queryset, given) in kinds.items():
        if unknown := set(given) - set(columns):
            raise ValueError(f"{kind}: no such column {sorted(unknown)}")
        query = queryset.query
        ordering = query.order_by or (query.default_ordering and queryset.model._meta.ordering)
        annotations = {
            "_soort": Value(kind),
            "_rang": Window(RowNumber(), order_by=list(ordering or ["pk"])),
        } | {f"_{name}": _column(given, name, field) for name, field in columns.items()}
        branches.append(queryset.order_by().annotate(**annotations).values_list(*annotations))
    first, *rest = branches
    found: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for kind, _rang, *values in first.union(*rest, all=True).order_by("_soort", "_rang"):
        found[kind].append(dict(zip(columns, values, strict=True)))
    return found


def export(user: User) -> dict:
    """The account, its profile, its groups and the emails about events, in one query."""
    rows = rows_in_one_query(
        {
            "naam": CharField,
            "functie": CharField,
            "organisatie": CharField,
            "email": CharField,
            "bio": TextField,
            "slug": CharField,
            "aangemaakt_at": DateTimeField,
            "verstuurd_at": DateTimeField,
        },
        profiel=(
            Persoon.objects.filter(user=user),
            {
                "naam": "naam",
                "functie": "functie",
                "organisatie": "organisatie__naam",
                "email": "email",
                "bio": "bio",
                "slug": "slug",
            },
        ),
        groep=(user.groups.all(), {"naam": "name"}),
        mail=(
            UitgaandeMail.objects.filter(user=user),
            {"naam": "onderwerp", "aangemaakt_at": "aangemaakt_at", "verstuurd_at": "verstuurd_at"},
        ),
    )
    persoon = next(iter(rows["profiel"]), None)
    return {
        "account": {
            "e-mailadres": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "aangemaakt_op": user.date_joined,
            "laatst_ingelogd_op": user.last_login,
            "groepen": sorted(groep["naam"] for groep in rows["groep"]),
        },
        "profiel": None
        if persoon is None
        else {
            "naam": persoon["naam"],
            "functie": persoon["functie"],
            "organisatie": persoon["organisatie"],
            "openbaar_e-mailadres": persoon["email"],
            "over_mij": persoon["bio"],
            "adres_op_de_website": Persoon(slug=persoon["slug"]).get_absolute_url(),
        },
        "e-mails_over_gebeurtenissen": [
            {
                "onderwerp": mail["naam"],
                "aangemaakt_op": mail["aangemaakt_at"],
                "verstuurd_op": mail["verstuurd_at"],
            }
            for mail in rows["mail"]
        ],
    }


def _delete_sessions(user: User) -> None:
    """End the user's sessions on every device (the current one is ended by logging out)."""
    user_id = str(user.pk)
    stale = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    Session.objects.filter(pk__in=stale).delete()


def erase(user: User) -> None:
    """Delete the account and its profile. A profile that something keeps as a public record
    (the author of a publicatie, a member of the programmacommissie) stays with only its
    name, unlinked and emptied."""
    forget_in_admin_log(User, [user.pk])
    persoon = Persoon.objects.select_for_update().filter(user=user).first()
    if persoon is not None:
        persoon_pk = persoon.pk
        try:
            with transaction.atomic():
                persoon.delete()
            forget_in_admin_log(Persoon, [persoon_pk])
        except ProtectedError:
            persoon.user = None
            persoon.email = ""
            persoon.functie = ""
            persoon.bio = ""
            persoon.save()
    _delete_sessions(user)
    user.delete()
