"""Send the weekly overview of tribune updates; meant for a weekly cron job."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from leerateliers.notifications import send_weekly_digests
from werkplaats import mail


class Command(BaseCommand):
    help = (
        "Verstuurt iedereen die een weekoverzicht wil één e-mail met de tribune-updates die nog "
        "niet verstuurd zijn. Nog eens draaien verstuurt niets dubbel."
    )

    def handle(self, *args, **options):
        tally = send_weekly_digests()
        sent = ngettext(
            "%(count)d e-mail met een weekoverzicht verstuurd.",
            "%(count)d e-mails met een weekoverzicht verstuurd.",
            tally.sent,
        )
        mail.report(self, tally, sent % {"count": tally.sent})
