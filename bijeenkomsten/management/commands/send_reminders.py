"""``manage.py send_reminders``: the reminders two days before a bijeenkomst (run it often)."""

from django.core.management.base import BaseCommand, CommandError

from bijeenkomsten.notifications import send_reminders


class Command(BaseCommand):
    help = (
        "Stuurt een herinnering aan iedereen met een plaats bij een bijeenkomst die binnen twee "
        "dagen begint. Veilig om vaak te draaien: niemand krijgt een herinnering twee keer."
    )

    def handle(self, *args, **options):
        sent, failed = send_reminders()
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
        if failed:
            raise CommandError(
                f"{failed} herinnering(en) mislukt; de volgende run probeert ze opnieuw."
            )
