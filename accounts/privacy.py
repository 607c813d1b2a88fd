"""Personal data of identity: the account's email addresses, its koppelingen, its choices
about emails and its second factors (see ``werkplaats.privacy`` for what these modules
declare)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import User

from .models import Koppeling, Meldingsvoorkeur

COVERS = {
    EmailAddress: "exported; deleted with the account",
    Koppeling: "exported; deleted with the account (as the decider's, the link is cleared)",
    Meldingsvoorkeur: "exported; deleted with the account",
    Authenticator: "exported without its secret; deleted with the account",
}


def _voorkeuren(user: User, addresses: list[EmailAddress]) -> list[Meldingsvoorkeur]:
    """The user's choices about emails: loaded along with the addresses when there are any."""
    if not addresses:
        return list(Meldingsvoorkeur.objects.filter(user=user))
    try:
        return [addresses[0].user.meldingsvoorkeur]
    except Meldingsvoorkeur.DoesNotExist:
        return []


def export(user: User) -> dict:
    addresses = list(
        EmailAddress.objects.filter(user=user).select_related("user__meldingsvoorkeur")
    )
    return {
        "e-mailadressen": [
            {
                "e-mailadres": address.email,
                "bevestigd": address.verified,
                "primair": address.primary,
            }
            for address in addresses
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
        "e-mailvoorkeuren": [
            {
                str(Meldingsvoorkeur._meta.get_field(soort).verbose_name): getattr(voorkeur, soort)
                for soort in Meldingsvoorkeur.SOORTEN
            }
            | {"gewijzigd_op": voorkeur.gewijzigd_at}
            for voorkeur in _voorkeuren(user, addresses)
        ],
        "tweede_stap": [
            {
                "soort": authenticator.get_type_display(),
                "ingesteld_op": authenticator.created_at,
                "laatst_gebruikt_op": authenticator.last_used_at,
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def erase(user: User) -> None:
    """The rows go with the account (cascade); the admin's log forgets whose they were."""
    forget_in_admin_log(Koppeling, Koppeling.objects.filter(user=user).values_list("pk", flat=True))
    Meldingsvoorkeur.objects.filter(user=user).delete()
