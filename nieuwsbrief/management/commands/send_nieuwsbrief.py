"""Catch up on nieuwsbrief emails, and erase subscriptions whose confirmation link expired
unused; meant for a cron job every ten minutes."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from nieuwsbrief.sending import send_pending
from nieuwsbrief.services import inschrijvingen_opruimen
from werkplaats import mail


class Command(BaseCommand):
    help = (
        "Verstuurt de nieuwsbrieven die nog wachten (bijvoorbeeld omdat er geen worker draaide) "
        "en probeert mislukte opnieuw, in porties met een pauze ertussen "
        "(DJANGO_NIEUWSBRIEF_BATCH_SIZE, DJANGO_NIEUWSBRIEF_BATCH_PAUSE). Nog eens draaien "
        "verstuurt niets dubbel. Wist daarna de inschrijvingen die niet binnen zeven dagen "
        "zijn bevestigd."
    )

    def handle(self, *args, **options):
        gewist = inschrijvingen_opruimen()
        if gewist:
            self.stdout.write(
                ngettext(
                    "%(count)d onbevestigde inschrijving gewist.",
                    "%(count)d onbevestigde inschrijvingen gewist.",
                    gewist,
                )
                % {"count": gewist}
            )
        tally = send_pending()
        sent = ngettext(
            "%(count)d nieuwsbrief verstuurd.", "%(count)d nieuwsbrieven verstuurd.", tally.sent
        )
        mail.report(self, tally, sent % {"count": tally.sent})
