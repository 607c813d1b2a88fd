from django.core.management.base import BaseCommand

from werkplaats import mail


class Command(BaseCommand):
    help = (
        "Verstuur de e-mails in het postvak uit die nog wachten (nooit twee keer) en vergeet "
        "verstuurde e-mails na een maand."
    )

    def handle(self, *args, **options):
        tally = mail.send_outbox()
        forgotten = mail.forget_sent()
        mail.report(
            self,
            tally,
            f"{tally.sent} e-mail(s) uit het postvak verstuurd; {forgotten} oude vergeten.",
        )
