"""Personal data of the nieuwsbrief: subscriptions with their consent records, addresses that
want no edition, and the editions sent, matched by account and by every address of the account
(see ``werkplaats.privacy`` for what these modules declare). An address without an account is
erased on request in the admin (``services.adres_wissen``)."""

from allauth.account.models import EmailAddress
from django.db.models import CharField, DateTimeField, F, IntegerField, Q, TextField, Value
from django.db.models.functions import Cast, Lower

from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import User

from .models import (
    TOESTEMMING_VELDEN,
    Afmelding,
    Afmeldsleutel,
    Bezorging,
    Editie,
    Inschrijving,
)

COVERS = {
    Inschrijving: "exported with its consent record; deleted with the account, or on request "
    "(admin action 'Gegevens van dit adres wissen')",
    Afmelding: "exported; deleted with the account or on request",
    Bezorging: "exported as the editions received; deleted with the account or on request",
    Editie: "the staff member who sent it; the link is cleared when the account goes",
    Afmeldsleutel: "the key of an address's unsubscribe link; deleted with the account or on "
    "request",
}


def _of(user: User) -> Q:
    """Rows by account or under any of the account's addresses (compared in lower case, in
    the same query)."""
    addresses = EmailAddress.objects.filter(user=user).annotate(adres=Lower("email"))
    return (
        Q(user=user)
        | Q(email__iexact=user.email)
        | Q(email__in=addresses.values("adres"))
        | Q(email__in=addresses.values("email"))
    )


def _by_address(user: User) -> Q:
    addresses = EmailAddress.objects.filter(user=user).annotate(adres=Lower("email"))
    return (
        Q(email__iexact=user.email)
        | Q(email__in=addresses.values("adres"))
        | Q(email__in=addresses.values("email"))
    )


def _rows(user: User):
    return (
        Inschrijving.objects.filter(_of(user)),
        Afmelding.objects.filter(_by_address(user)),
        Bezorging.objects.filter(_of(user)),
    )


# The download reads the three tables in one UNION query, so that this app adds one query to
# /mijn/gegevens/, which stays within the pages' query ceiling. Each row has every column.
COLUMNS = {
    "soort": CharField,
    "pk": IntegerField,
    "email": CharField,
    "naam": CharField,
    "organisatie": CharField,
    "leeratelier": CharField,
    "toestemming_at": DateTimeField,
    "toestemming_pagina": CharField,
    "toestemming_tekst": TextField,
    "toestemming_versie": IntegerField,
    "privacy_versie": IntegerField,
    "bevestigd_at": DateTimeField,
    "afgemeld_at": DateTimeField,
    "editie": CharField,
    "verzonden_at": DateTimeField,
    "geweigerd_at": DateTimeField,
}


def _select(queryset, soort: str, *fields: str, **expressions):
    """``queryset`` as rows of ``COLUMNS`` (named ``_<column>``): ``fields`` taken as they
    are, ``expressions`` computed, every other column NULL of the column's type (PostgreSQL
    matches the branches' types)."""
    given = {name: F(name) for name in fields} | expressions | {"soort": Value(soort)}
    annotations = {
        f"_{name}": given.get(name, Cast(Value(None), output_field=field()))
        for name, field in COLUMNS.items()
    }
    return queryset.order_by().annotate(**annotations).values_list(*annotations)


def export(user: User) -> dict:
    inschrijvingen, afmeldingen, bezorgingen = _rows(user)
    records = _select(
        inschrijvingen,
        "inschrijving",
        "pk",
        "email",
        "naam",
        "organisatie",
        *TOESTEMMING_VELDEN,
        leeratelier=F("leerateliers__titel"),
    )
    refusals = _select(afmeldingen, "afmelding", "pk", "email", "afgemeld_at")
    received = _select(
        bezorgingen,
        "bezorging",
        "pk",
        "email",
        "verzonden_at",
        "geweigerd_at",
        editie=F("editie__titel"),
    )
    rows = records.union(refusals, received, all=True).order_by("_soort", "_pk", "_leeratelier")
    data = {
        "nieuwsbrief_inschrijvingen": {},
        "nieuwsbrief_afgemelde_adressen": [],
        "ontvangen_edities": [],
    }
    for values in rows:
        row = dict(zip(COLUMNS, values, strict=True))
        if row["soort"] == "inschrijving":
            record = data["nieuwsbrief_inschrijvingen"].setdefault(
                row["pk"],
                {
                    "e-mailadres": row["email"],
                    "naam": row["naam"],
                    "organisatie": row["organisatie"],
                    "leerateliers_van_interesse": [],
                    "toestemming_gegeven_op": row["toestemming_at"],
                    "toestemming_gegeven_op_pagina": row["toestemming_pagina"],
                    "tekst_van_de_toestemming": row["toestemming_tekst"],
                    "versie_van_de_toestemmingstekst": row["toestemming_versie"],
                    "versie_van_de_privacyverklaring": row["privacy_versie"],
                    "bevestigd_op": row["bevestigd_at"],
                    "afgemeld_op": row["afgemeld_at"],
                },
            )
            if row["leeratelier"]:
                record["leerateliers_van_interesse"].append(row["leeratelier"])
        elif row["soort"] == "afmelding":
            data["nieuwsbrief_afgemelde_adressen"].append(
                {"e-mailadres": row["email"], "afgemeld_op": row["afgemeld_at"]}
            )
        else:
            data["ontvangen_edities"].append(
                {
                    "editie": row["editie"],
                    "e-mailadres": row["email"],
                    "verzonden_op": None if row["geweigerd_at"] else row["verzonden_at"],
                    "geweigerd_door_de_mailserver_op": row["geweigerd_at"],
                }
            )
    data["nieuwsbrief_inschrijvingen"] = list(data["nieuwsbrief_inschrijvingen"].values())
    return data


def erase(user: User) -> None:
    """Every subscription, consent record, refusal and delivery of the account or one of its
    addresses goes; the admin's log forgets whom they were about."""
    inschrijvingen, afmeldingen, bezorgingen = _rows(user)
    forget_in_admin_log(Inschrijving, list(inschrijvingen.values_list("pk", flat=True)))
    forget_in_admin_log(Afmelding, list(afmeldingen.values_list("pk", flat=True)))
    bezorgingen.delete()
    inschrijvingen.delete()
    afmeldingen.delete()
    Afmeldsleutel.objects.filter(_by_address(user)).delete()
