"""Catch up on nieuwsbrief emails; meant for a cron job every ten minutes."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from nieuwsbrief.sending import send_pending
from werkplaats import mail


class Command(BaseCommand):
    help = (
        "Verstuurt de nieuwsbrieven die nog wachten (bijvoorbeeld omdat er geen worker draaide) "
        "en probeert mislukte opnieuw, in porties met een pauze ertussen "
        "(DJANGO_NIEUWSBRIEF_BATCH_SIZE, DJANGO_NIEUWSBRIEF_BATCH_PAUSE). Nog eens draaien "
        "verstuurt niets dubbel."
    )

    def handle(self, *args, **options):
        tally = send_pending()
        sent = ngettext(
            "%(count)d nieuwsbrief verstuurd.", "%(count)d nieuwsbrieven verstuurd.", tally.sent
        )
        mail.report(self, tally, sent % {"count": tally.sent})
