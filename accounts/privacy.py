"""What the portal holds about one user, as plain data for the download under /mijn/gegevens/."""

from allauth.account.models import EmailAddress

from bijeenkomsten.models import Aanmelding
from leerateliers.models import Deelname, TribuneUpdate
from werkplaats.models import Persoon, User

from .models import Abonnement, Koppeling, Melding


def personal_data(user: User) -> dict:
    persoon = Persoon.objects.filter(user=user).select_related("organisatie").first()
    return {
        "account": {
            "e-mailadres": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "aangemaakt_op": user.date_joined,
            "laatst_ingelogd_op": user.last_login,
            "groepen": sorted(user.groups.values_list("name", flat=True)),
        },
        "e-mailadressen": [
            {
                "e-mailadres": address.email,
                "bevestigd": address.verified,
                "primair": address.primary,
            }
            for address in EmailAddress.objects.filter(user=user)
        ],
        "profiel": None
        if persoon is None
        else {
            "naam": persoon.naam,
            "functie": persoon.functie,
            "organisatie": persoon.organisatie.naam if persoon.organisatie else None,
            "openbaar_e-mailadres": persoon.email,
            "over_mij": persoon.bio,
            "adres_op_de_website": persoon.get_absolute_url(),
            "rollen_in_leerateliers": [
                {"leeratelier": t.leeratelier.titel, "rol": t.get_rol_display()}
                for t in persoon.trekkerschappen.select_related("leeratelier")
            ],
            "contactpersoon_van_deelnames": [
                {
                    "organisatie": d.organisatie.naam,
                    "leeratelier": d.leeratelier.titel,
                    "rol": d.get_rol_display(),
                    "sinds": d.sinds,
                    "tot": d.tot,
                }
                for d in Deelname.objects.filter(contactpersoon=persoon).select_related(
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
                for u in TribuneUpdate.objects.filter(auteur=persoon).select_related("leeratelier")
            ],
        },
        "koppelingen": [
            {
                "profiel": str(k.persoon) if k.persoon else k.naam,
                "functie": k.functie,
                "organisatie": k.organisatie.naam if k.organisatie else None,
                "contactpersoon": k.is_contactpersoon,
                "toelichting": k.toelichting,
                "status": k.get_status_display(),
                "aangevraagd_op": k.aangevraagd_at,
                "beoordeeld_op": k.beoordeeld_at,
            }
            for k in Koppeling.objects.filter(user=user).select_related("persoon", "organisatie")
        ],
        "leerateliers": [
            {
                "leeratelier": a.leeratelier.titel,
                "volg_ik": a.volgt,
                "e-mail_bij_updates": a.get_frequentie_display(),
            }
            for a in Abonnement.objects.filter(user=user).select_related("leeratelier")
        ],
        "aanmeldingen_voor_bijeenkomsten": [
            {
                "bijeenkomst": a.bijeenkomst.titel,
                "begint_op": a.bijeenkomst.start_at,
                "status": a.get_status_display(),
                "organisatie": a.organisatie,
                "aangemeld_op": a.aangemeld_at,
                "afgemeld_op": a.afgemeld_at,
            }
            for a in Aanmelding.objects.of(user).select_related("bijeenkomst")
        ],
        "verstuurde_meldingen": [
            {
                "update": m.update.titel,
                "leeratelier": m.update.leeratelier.titel,
                "verstuurd_op": m.verstuurd_at,
            }
            for m in Melding.objects.filter(user=user).select_related("update__leeratelier")
        ],
    }
