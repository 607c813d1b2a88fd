"""``manage.py forget_studentwerk``: erase student work whose consent never came (run daily)."""

from django.core.management.base import BaseCommand

from onderwijs.services import studentwerk_vergeten


class Command(BaseCommand):
    help = (
        "Verwijdert werk van studenten dat een jaar na het toevoegen nog concept is zonder "
        "vastgelegde toestemming, met de naam van de student en de bestanden. Veilig om vaak "
        "te draaien."
    )

    def handle(self, *args, **options):
        count = studentwerk_vergeten()
        self.stdout.write(f"{count} werk(en) van studenten zonder toestemming verwijderd.")
