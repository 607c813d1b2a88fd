"""Personal data of the leerateliers: roles in them, deelnames one is contactpersoon of,
tribune updates one wrote, following and the update emails sent, and who changed a lerende
praktijk or geleerde les (see ``werkplaats.privacy`` for what these modules declare)."""

from django.db.models import BooleanField, CharField, DateField, DateTimeField, IntegerField, Value

from werkplaats.models import User
from werkplaats.privacy import rows_in_one_query

from .models import (
    Abonnement,
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LerendePraktijk,
    Melding,
    Trekkerschap,
    TribuneUpdate,
)

CHANGE = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}

COVERS = {
    Abonnement: "exported; deleted with the account",
    Melding: "exported; deleted with the account",
    Trekkerschap: "exported with the profile; deleted with it",
    Deelname: "exported with the profile; its contactpersoon is cleared when the profile goes",
    TribuneUpdate: "exported with the profile; a published update stays, without its author",
    Leeratelier: "its contact_email is the atelier's own address, not a person's",
    # Who changed a praktijk or les: the account is cleared from the history when it goes
    # (history_user is SET_NULL); the change itself stays as the atelier's record.
    LerendePraktijk.history.model: "exported; the link to the account is cleared when it goes",
    GeleerdeLes.history.model: "exported; the link to the account is cleared when it goes",
}


# What the download reads of this app's tables, in one query (``rows_in_one_query``).
COLUMNS = {
    "leeratelier": CharField,
    "titel": CharField,
    "organisatie": CharField,
    "volgt": BooleanField,
    "frequentie": CharField,
    "rol": CharField,
    "status": CharField,
    "sinds": DateField,
    "tot": DateField,
    "verstuurd_at": DateTimeField,
    "geweigerd_at": DateTimeField,
    "gepubliceerd_at": DateTimeField,
    "wat": CharField,
    "nummer": IntegerField,
    "wijziging": CharField,
    "op": DateTimeField,
}


def _display(model, field: str, value) -> str:
    """The label of a choice, as ``get_<field>_display`` gives it on a row of ``model``."""
    return getattr(model(**{field: value}), f"get_{field}_display")()


def export(user: User) -> dict:
    changes = {"nummer": "id", "wijziging": "history_type", "op": "history_date"}
    rows = rows_in_one_query(
        COLUMNS,
        abonnement=(
            Abonnement.objects.filter(user=user),
            {"leeratelier": "leeratelier__titel", "volgt": "volgt", "frequentie": "frequentie"},
        ),
        melding=(
            Melding.objects.filter(user=user),
            {
                "titel": "update__titel",
                "leeratelier": "update__leeratelier__titel",
                "verstuurd_at": "verstuurd_at",
                "geweigerd_at": "geweigerd_at",
            },
        ),
        trekkerschap=(
            Trekkerschap.objects.filter(persoon__user=user),
            {"leeratelier": "leeratelier__titel", "rol": "rol"},
        ),
        deelname=(
            Deelname.objects.filter(contactpersoon__user=user),
            {
                "organisatie": "organisatie__naam",
                "leeratelier": "leeratelier__titel",
                "rol": "rol",
                "sinds": "sinds",
                "tot": "tot",
            },
        ),
        update=(
            TribuneUpdate.objects.filter(auteur__user=user),
            {
                "leeratelier": "leeratelier__titel",
                "titel": "titel",
                "status": "status",
                "gepubliceerd_at": "gepubliceerd_at",
            },
        ),
        praktijk=(
            LerendePraktijk.history.filter(history_user=user),
            changes | {"wat": Value("lerende praktijk", output_field=CharField())},
        ),
        les=(
            GeleerdeLes.history.filter(history_user=user),
            changes | {"wat": Value("geleerde les", output_field=CharField())},
        ),
    )
    data = {
        "leerateliers": [
            {
                "leeratelier": a["leeratelier"],
                "volg_ik": a["volgt"],
                "e-mail_bij_updates": _display(Abonnement, "frequentie", a["frequentie"]),
            }
            for a in rows["abonnement"]
        ],
        "verstuurde_meldingen": [
            {
                "update": m["titel"],
                "leeratelier": m["leeratelier"],
                "verstuurd_op": None if m["geweigerd_at"] else m["verstuurd_at"],
                "geweigerd_door_de_mailserver_op": m["geweigerd_at"],
            }
            for m in rows["melding"]
        ],
    }
    # Part of the profile section: without a profile (werkplaats.privacy) there is none.
    data["profiel"] = {
        "rollen_in_leerateliers": [
            {"leeratelier": t["leeratelier"], "rol": _display(Trekkerschap, "rol", t["rol"])}
            for t in rows["trekkerschap"]
        ],
        "contactpersoon_van_deelnames": [
            {
                "organisatie": d["organisatie"],
                "leeratelier": d["leeratelier"],
                "rol": _display(Deelname, "rol", d["rol"]),
                "sinds": d["sinds"],
                "tot": d["tot"],
            }
            for d in rows["deelname"]
        ],
        "tribune-updates": [
            {
                "leeratelier": u["leeratelier"],
                "titel": u["titel"],
                "status": _display(TribuneUpdate, "status", u["status"]),
                "gepubliceerd_op": u["gepubliceerd_at"],
            }
            for u in rows["update"]
        ],
    }
    # The changes the user made to praktijken and lessen, together, oldest first.
    data["wijzigingen_in_praktijken_en_lessen"] = [
        {
            "wat": c["wat"],
            "nummer": c["nummer"],
            "wijziging": CHANGE.get(c["wijziging"], c["wijziging"]),
            "op": c["op"],
        }
        for c in sorted(rows["praktijk"] + rows["les"], key=lambda c: c["op"])
    ]
    return data


def erase(user: User) -> None:
    """Roles in leerateliers end with the profile, also when the profile itself stays as a
    public record; following and the emails sent go with the account (cascade), and the
    history of praktijken and lessen forgets who made a change (SET_NULL)."""
    Trekkerschap.objects.filter(persoon__user=user).delete()
