"""Personal data of the quick scan (see ``werkplaats.privacy`` for what these modules declare).

A respondent needs no account: the name and address an invitation went to serve only that
invitation and are cleared when the scan closes (``services.scan_sluiten``); who answered stays
known by organisation, and the answers count only together. While a scan is open, an account
whose address was invited gets those answers in its download, and deleting the account clears
the name and address. The account that started a scan, and who changed the question set or a
scan (the history), are cleared when the account goes."""

from allauth.account.models import EmailAddress
from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    IntegerField,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import Lower

from werkplaats.models import User
from werkplaats.privacy import rows_in_one_query

from .models import Antwoord, Opmerking, Respondent, Scan, Vraag, Vragenset, Waarde

TRACKED = [Vragenset, Vraag, Scan]
CHANGE = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}

COVERS = {
    Respondent: "the name and address an invitation went to: exported and cleared by the "
    "account's addresses, and cleared for everyone when the scan closes; the answers stay, by "
    "organisation, and count only together",
    Scan: "the account that started it: exported; cleared when the account goes",
    Scan.history.model: "exported as changes; the account that started the scan and the one "
    "that changed it are cleared when the account goes",
    Vragenset.history.model: "exported as changes; the link to the account is cleared when "
    "the account goes",
    Vraag.history.model: "exported as changes; the link to the account is cleared when the "
    "account goes",
}


def _invited(user: User):
    """Respondents invited under the account's address or any other address of the account,
    compared in lower case (as typed in an invitation), in the same query."""
    addresses = EmailAddress.objects.filter(user=user).annotate(adres=Lower("email"))
    return Respondent.objects.alias(adres=Lower("email")).filter(
        Q(email__iexact=user.email) | Q(adres__in=addresses.values("adres"))
    )


COLUMNS = {
    "nummer": IntegerField,
    "gemeente": CharField,
    "wijk": CharField,
    "van": DateField,
    "tot": DateField,
    "organisatie": CharField,
    "organisatie_naam": CharField,
    "naam": CharField,
    "email": CharField,
    "voorwaarde": CharField,
    "stelling": CharField,
    "waarde": IntegerField,
    "tekst": TextField,
    "wat": CharField,
    "op": DateTimeField,
    "gewijzigd_op": DateTimeField,
    "verstuurd_op": DateTimeField,
}


def _rows(user: User) -> dict[str, list[dict]]:
    """Everything below, read in one query."""
    invited = _invited(user)
    scan = {
        "gemeente": "scan__gemeente__naam",
        "wijk": "scan__wijk",
        "van": "scan__periode_van",
        "tot": "scan__periode_tot",
    }
    changes = {
        f"wijziging_{model._meta.model_name}": (
            model.history.filter(history_user=user).order_by("history_date", "history_id"),
            {
                "wat": Value(str(model._meta.verbose_name), output_field=CharField()),
                "nummer": "id",
                "naam": "history_type",
                "op": "history_date",
            },
        )
        for model in TRACKED
    }
    return rows_in_one_query(
        COLUMNS,
        respondent=(
            invited,
            {
                "nummer": "pk",
                **scan,
                "organisatie": "organisatie__naam",
                "organisatie_naam": "organisatie_naam",
                "naam": "naam",
                "email": "email",
                "op": "uitgenodigd_at",
                "gewijzigd_op": "gewijzigd_at",
                "verstuurd_op": "ingediend_at",
            },
        ),
        antwoord=(
            Antwoord.objects.filter(respondent__in=invited).order_by(
                "vraag__voorwaarde__volgorde", "vraag__volgorde", "vraag"
            ),
            {
                "nummer": "respondent",
                "voorwaarde": "vraag__voorwaarde__naam",
                "stelling": "vraag__stelling",
                "waarde": "waarde",
            },
        ),
        opmerking=(
            Opmerking.objects.filter(respondent__in=invited),
            {"nummer": "respondent", "voorwaarde": "voorwaarde__naam", "tekst": "tekst"},
        ),
        scan=(
            Scan.objects.filter(gestart_door=user),
            {
                "gemeente": "gemeente__naam",
                "wijk": "wijk",
                "van": "periode_van",
                "tot": "periode_tot",
                "op": "aangemaakt_at",
            },
        ),
        **changes,
    )


def _plek(row: dict) -> str:
    return f"{row['wijk']}, {row['gemeente']}" if row["wijk"] else row["gemeente"]


def export(user: User) -> dict:
    rows = _rows(user)
    return {
        "quickscan_uitnodigingen": [
            {
                "scan": _plek(respondent),
                "periode_van": respondent["van"],
                "periode_tot": respondent["tot"],
                "organisatie": respondent["organisatie"] or respondent["organisatie_naam"],
                "naam": respondent["naam"],
                "e-mailadres": respondent["email"],
                "uitgenodigd_op": respondent["op"],
                "laatst_opgeslagen_op": respondent["gewijzigd_op"],
                "verstuurd_op": respondent["verstuurd_op"],
                "antwoorden": [
                    {
                        "voorwaarde": antwoord["voorwaarde"],
                        "stelling": antwoord["stelling"],
                        "antwoord": str(Waarde(antwoord["waarde"]).label),
                    }
                    for antwoord in rows["antwoord"]
                    if antwoord["nummer"] == respondent["nummer"]
                ],
                "opmerkingen": [
                    {"voorwaarde": opmerking["voorwaarde"], "opmerking": opmerking["tekst"]}
                    for opmerking in rows["opmerking"]
                    if opmerking["nummer"] == respondent["nummer"]
                ],
            }
            for respondent in rows["respondent"]
        ],
        "quickscans_gestart": [
            {
                "scan": _plek(scan),
                "periode_van": scan["van"],
                "periode_tot": scan["tot"],
                "aangemaakt_op": scan["op"],
            }
            for scan in rows["scan"]
        ],
        "wijzigingen_in_de_quickscan": sorted(
            (
                {
                    "wat": change["wat"],
                    "nummer": change["nummer"],
                    "wijziging": CHANGE.get(change["naam"], change["naam"]),
                    "op": change["op"],
                }
                for model in TRACKED
                for change in rows[f"wijziging_{model._meta.model_name}"]
            ),
            key=lambda change: change["op"],
        ),
    }


def erase(user: User) -> None:
    """The name and address of the account's invitations are cleared (the answers stay, by
    organisation), and so is the account on the scans it started, their history included;
    deleting the account clears the history's link to who changed something."""
    _invited(user).update(naam="", email="")
    Scan.objects.filter(gestart_door=user).update(gestart_door=None)
    Scan.history.filter(gestart_door=user).update(gestart_door=None)
