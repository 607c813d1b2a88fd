"""Personal data of the reactions: what a visitor sent, under the address they typed in (a
visitor need not have an account), and who changed its status (see ``werkplaats.privacy`` for
what these modules declare). Reactions are erased a year after they were dealt with in any
case (``services.reacties_vergeten``, run by ``send_reacties_overzicht``)."""

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.db.models.functions import Lower

from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import User

from .models import Reactie

COVERS = {
    Reactie: "exported and deleted by the account's addresses; the trekker who changed its "
    "status is cleared when that account goes; deleted a year after it was dealt with, or on "
    "request in the admin",
}


def _sent_by(user: User) -> Q:
    """Reactions under the account's address or any other address of the account."""
    addresses = EmailAddress.objects.filter(user=user).annotate(adres=Lower("email"))
    return (
        Q(email__iexact=user.email)
        | Q(email__in=addresses.values("adres"))
        | Q(email__in=addresses.values("email"))
    )


def export(user: User) -> dict:
    reacties = Reactie.objects.filter(_sent_by(user)).for_list()
    return {
        "reacties_van_bezoekers": [
            {
                "soort": reactie.get_soort_display(),
                "over": str(reactie.doel),
                "naam": reactie.naam,
                "e-mailadres": reactie.email,
                "organisatie": reactie.organisatie,
                "gemeente": reactie.gemeente.naam if reactie.gemeente else None,
                "bericht": reactie.bericht,
                "verstuurd_op": reactie.aangemaakt_at,
                "status": reactie.get_status_display(),
                "tekst_van_de_toestemming": reactie.toestemming_tekst,
                "versie_van_de_toestemmingstekst": reactie.toestemming_versie,
                "versie_van_de_privacyverklaring": reactie.privacy_versie,
            }
            for reactie in reacties
        ]
    }


def erase(user: User) -> None:
    """The reactions sent under the account's addresses go, and the admin's log forgets whom
    they were about; on reactions the user dealt with, their name is cleared."""
    sent = Reactie.objects.filter(_sent_by(user))
    forget_in_admin_log(Reactie, list(sent.values_list("pk", flat=True)))
    sent.delete()
    Reactie.objects.filter(behandeld_door=user).update(behandeld_door=None)
