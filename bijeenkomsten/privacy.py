"""Personal data of the bijeenkomsten: registrations, also those made as a guest with the
account's address (see ``werkplaats.privacy`` for what these modules declare)."""

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.db.models.functions import Lower

from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.models import User

from .models import Aanmelding, Bericht, Ontvanger
from .services import seats_release

COVERS = {
    Aanmelding: "exported; seats ahead given up, then deleted with the account; a guest's "
    "name and address are erased a year after the bijeenkomst (manage.py forget_guests)",
    Bericht: "the staff member who sent it; the link is cleared when the account goes",
    Ontvanger: "exported; deleted with the account, and a year after the bijeenkomst",
}


def export(user: User) -> dict:
    return {
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
        "ontvangen_berichten": [
            {
                "bijeenkomst": o.bericht.bijeenkomst.titel,
                "onderwerp": o.bericht.onderwerp,
                "e-mailadres": o.email,
                "verstuurd_op": None if o.geweigerd_at else o.verstuurd_at,
                "geweigerd_door_de_mailserver_op": o.geweigerd_at,
            }
            for o in _received(user).select_related("bericht__bijeenkomst")
        ],
    }


def _received(user: User):
    """The addresses messages went to that are the user's: by account, through their
    registrations (also those made as a guest) or by any of their email addresses."""
    addresses = EmailAddress.objects.filter(user=user).annotate(adres=Lower("email"))
    return Ontvanger.objects.filter(
        Q(user=user)
        | Q(aanmelding__in=Aanmelding.objects.of(user))
        | Q(email__iexact=user.email)
        | Q(email__in=addresses.values("adres"))
    )


def erase(user: User) -> None:
    """Seats at bijeenkomsten that have not begun go to the waiting list first; then every
    registration of the person goes, the admin's log forgetting whose it was."""
    seats_release(user=user)
    _received(user).delete()
    aanmeldingen = Aanmelding.objects.of(user)
    forget_in_admin_log(Aanmelding, aanmeldingen.values_list("pk", flat=True))
    aanmeldingen.delete()
