"""Catch up on update emails; meant for a cron job every few minutes."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from leerateliers.notifications import send_pending_notifications
from werkplaats import mail


class Command(BaseCommand):
    help = (
        "Verstuurt de e-mails over tribune-updates die nog niet zijn aangekondigd (bijvoorbeeld "
        "omdat hun publicatiedatum pas nu is bereikt) en probeert mislukte e-mails opnieuw. "
        "Nog eens draaien verstuurt niets dubbel."
    )

    def handle(self, *args, **options):
        tally = send_pending_notifications()
        sent = ngettext(
            "%(count)d e-mail over tribune-updates verstuurd.",
            "%(count)d e-mails over tribune-updates verstuurd.",
            tally.sent,
        )
        mail.report(self, tally, sent % {"count": tally.sent})
