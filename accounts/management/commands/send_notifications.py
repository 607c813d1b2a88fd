"""Catch up on update emails; meant for a cron job every few minutes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from accounts.notifications import DeliveryError, send_pending_notifications


class Command(BaseCommand):
    help = (
        "Verstuurt de e-mails over tribune-updates die nog niet zijn aangekondigd (bijvoorbeeld "
        "omdat hun publicatiedatum pas nu is bereikt) en probeert mislukte e-mails opnieuw. "
        "Nog eens draaien verstuurt niets dubbel."
    )

    def handle(self, *args, **options):
        try:
            sent = send_pending_notifications()
        except DeliveryError as error:
            raise CommandError(
                f"{error.sent} e-mail(s) verstuurd, {error.failed} mislukt; "
                "die worden de volgende keer opnieuw geprobeerd. Zie het log voor de oorzaak."
            ) from error
        self.stdout.write(
            ngettext(
                "%(count)d e-mail over tribune-updates verstuurd.",
                "%(count)d e-mails over tribune-updates verstuurd.",
                sent,
            )
            % {"count": sent}
        )
