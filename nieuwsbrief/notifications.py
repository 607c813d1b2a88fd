"""Emails about subscriptions, through the one mail path (``werkplaats.mail``). The editions'
sending lives in ``sending.py``."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from werkplaats import mail
from werkplaats.models import Profiel

from .links import CONFIRM_MAX_AGE, confirm_url
from .models import Inschrijving

# --- Subscriptions ---------------------------------------------------------------------------


def send_confirmation(inschrijving_id: int) -> mail.Tally:
    """The email with the link that confirms a waiting subscription (no row keeps it: the
    link itself carries the subscription). Nothing for one confirmed or withdrawn since."""
    tally = mail.Tally()
    inschrijving = (
        Inschrijving.objects.wacht()
        .prefetch_related("leerateliers")
        .filter(pk=inschrijving_id)
        .first()
    )
    if inschrijving is None:
        return tally
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Bevestig je inschrijving voor de nieuwsbrief van de %(naam)s") % {
            "naam": Profiel.objects.current().volledige_naam
        }
    tally.add(
        mail.send(
            None,
            lambda _won: mail.message(
                to=inschrijving.email,
                subject=subject,
                template="nieuwsbrief/email/bevestigen",
                context={
                    "inschrijving": inschrijving,
                    "confirm_url": confirm_url(inschrijving),
                    "dagen": CONFIRM_MAX_AGE // (24 * 3600),
                },
            ),
            about=f"Bevestigingslink voor inschrijving {inschrijving.pk}",
        )
    )
    return tally
