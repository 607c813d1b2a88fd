"""Personal data of the leerateliers: roles in them, deelnames one is contactpersoon of,
tribune updates one wrote, following and the update emails sent
(see ``werkplaats.privacy`` for what these modules declare)."""

from werkplaats.models import User

from .models import Abonnement, Deelname, Leeratelier, Melding, Trekkerschap, TribuneUpdate

COVERS = {
    Abonnement: "exported; deleted with the account",
    Melding: "exported; deleted with the account",
    Trekkerschap: "exported with the profile; deleted with it",
    Deelname: "exported with the profile; its contactpersoon is cleared when the profile goes",
    TribuneUpdate: "exported with the profile; a published update stays, without its author",
    Leeratelier: "its contact_email is the atelier's own address, not a person's",
}


def export(user: User) -> dict:
    data = {
        "leerateliers": [
            {
                "leeratelier": a.leeratelier.titel,
                "volg_ik": a.volgt,
                "e-mail_bij_updates": a.get_frequentie_display(),
            }
            for a in Abonnement.objects.filter(user=user).select_related("leeratelier")
        ],
        "verstuurde_meldingen": [
            {
                "update": m.update.titel,
                "leeratelier": m.update.leeratelier.titel,
                "verstuurd_op": None if m.geweigerd_at else m.verstuurd_at,
                "geweigerd_door_de_mailserver_op": m.geweigerd_at,
            }
            for m in Melding.objects.filter(user=user).select_related("update__leeratelier")
        ],
    }
    # Part of the profile section: without a profile (werkplaats.privacy) there is none.
    data["profiel"] = {
        "rollen_in_leerateliers": [
            {"leeratelier": t.leeratelier.titel, "rol": t.get_rol_display()}
            for t in Trekkerschap.objects.filter(persoon__user=user).select_related("leeratelier")
        ],
        "contactpersoon_van_deelnames": [
            {
                "organisatie": d.organisatie.naam,
                "leeratelier": d.leeratelier.titel,
                "rol": d.get_rol_display(),
                "sinds": d.sinds,
                "tot": d.tot,
            }
            for d in Deelname.objects.filter(contactpersoon__user=user).select_related(
                "organisatie", "leeratelier"
            )
        ],
        "tribune-updates": [
            {
                "leeratelier": u.leeratelier.titel,
                "titel": u.titel,
                "status": u.get_status_display(),
                "gepubliceerd_op": u.gepubliceerd_at,
            }
            for u in TribuneUpdate.objects.filter(auteur__user=user).select_related("leeratelier")
        ],
    }
    return data


def erase(user: User) -> None:
    """Roles in leerateliers end with the profile, also when the profile itself stays as a
    public record; following and the emails sent go with the account (cascade)."""
    Trekkerschap.objects.filter(persoon__user=user).delete()
