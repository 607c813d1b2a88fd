"""Personal data of identity: the account's email addresses and its koppelingen
(see ``werkplaats.privacy`` for what these modules declare)."""

from allauth.account.models import EmailAddress

from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import User

from .models import Koppeling

COVERS = {
    EmailAddress: "exported; deleted with the account",
    Koppeling: "exported; deleted with the account (as the decider's, the link is cleared)",
}


def export(user: User) -> dict:
    return {
        "e-mailadressen": [
            {
                "e-mailadres": address.email,
                "bevestigd": address.verified,
                "primair": address.primary,
            }
            for address in EmailAddress.objects.filter(user=user)
        ],
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
    }


def erase(user: User) -> None:
    """The rows go with the account (cascade); the admin's log forgets whose they were."""
    forget_in_admin_log(Koppeling, Koppeling.objects.filter(user=user).values_list("pk", flat=True))
