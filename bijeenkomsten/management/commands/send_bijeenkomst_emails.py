"""``manage.py send_bijeenkomst_emails``: reminders and catching up (schedule it often)."""

from django.core.management.base import BaseCommand

from bijeenkomsten.notifications import send_pending
from werkplaats import mail


class Command(BaseCommand):
    help = (
        "Stuurt de herinneringen voor bijeenkomsten die binnen twee dagen beginnen, en de "
        "e-mails over aanmeldingen en de berichten die nog niet verstuurd konden worden. "
        "Veilig om vaak te draaien: niemand krijgt iets twee keer."
    )

    def handle(self, *args, **options):
        tallies = send_pending()
        total = mail.Tally()
        for tally in tallies.values():
            total += tally
        sent = {kind: tally.sent for kind, tally in tallies.items()}
        mail.report(
            self,
            total,
            "Verstuurd: {herinneringen} herinnering(en), {aanmeldingen} e-mail(s) over "
            "aanmeldingen, {berichten} bericht(en).".format(**sent),
        )
