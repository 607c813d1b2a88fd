"""Send the weekly overview of tribune updates; meant for a weekly cron job."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from accounts.notifications import DeliveryError, send_weekly_digests


class Command(BaseCommand):
    help = (
        "Verstuurt iedereen die een weekoverzicht wil één e-mail met de tribune-updates die nog "
        "niet verstuurd zijn. Nog eens draaien verstuurt niets dubbel."
    )

    def handle(self, *args, **options):
        try:
            sent = send_weekly_digests()
        except DeliveryError as error:
            raise CommandError(
                f"{error.sent} weekoverzicht(en) verstuurd, {error.failed} mislukt; "
                "die gaan de volgende keer mee. Zie het log voor de oorzaak."
            ) from error
        self.stdout.write(
            ngettext(
                "%(count)d e-mail met een weekoverzicht verstuurd.",
                "%(count)d e-mails met een weekoverzicht verstuurd.",
                sent,
            )
            % {"count": sent}
        )
