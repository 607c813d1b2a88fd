"""``manage.py send_bijeenkomst_emails``: reminders and catching up (schedule it often)."""

from django.core.management.base import BaseCommand, CommandError

from bijeenkomsten.notifications import send_pending


class Command(BaseCommand):
    help = (
        "Stuurt de herinneringen voor bijeenkomsten die binnen twee dagen beginnen, en de "
        "e-mails over aanmeldingen en de berichten die nog niet verstuurd konden worden. "
        "Veilig om vaak te draaien: niemand krijgt iets twee keer."
    )

    def handle(self, *args, **options):
        counts = send_pending()
        self.stdout.write(
            "Verstuurd: {herinneringen} herinnering(en), {aanmeldingen} e-mail(s) over "
            "aanmeldingen, {berichten} bericht(en).".format(**counts)
        )
        if counts["mislukt"]:
            raise CommandError(
                f"{counts['mislukt']} e-mail(s) mislukt; de volgende run probeert ze opnieuw, "
                "behalve die aan adressen die de mailserver weigert."
            )
