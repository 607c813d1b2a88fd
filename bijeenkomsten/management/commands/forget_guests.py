"""``manage.py forget_guests``: erase guests' names and addresses a year after (run daily)."""

from django.core.management.base import BaseCommand

from bijeenkomsten.services import guests_forget


class Command(BaseCommand):
    help = (
        "Wist de naam en het e-mailadres van gasten (aanmeldingen zonder account) een jaar na "
        "hun bijeenkomst. Veilig om vaak te draaien."
    )

    def handle(self, *args, **options):
        count = guests_forget()
        self.stdout.write(f"Gegevens van {count} gast(en) gewist.")
