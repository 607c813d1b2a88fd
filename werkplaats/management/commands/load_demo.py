"""``manage.py load_demo``: load the demo content of every app that has a ``demo`` module."""

from django.core.management.base import BaseCommand
from django.db import transaction

from werkplaats.discovery import app_modules
from werkplaats.models import Gemeente, Organisatie


class Command(BaseCommand):
    help = (
        "Laadt de demo-inhoud uit de brondocumenten (gemeenten, thema's, partners, personen, "
        "…). Opnieuw draaien verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen laden als er nog geen gemeenten of organisaties in de database staan.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and (Gemeente.objects.exists() or Organisatie.objects.exists()):
            self.stdout.write("De database bevat al inhoud; de demo-inhoud is niet geladen.")
            return
        counts = {}
        with transaction.atomic():
            for module in app_modules("demo"):
                for label, count in (module.load() or {}).items():
                    counts[label] = counts.get(label, 0) + count
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud geladen: {summary or 'niets'}."))
