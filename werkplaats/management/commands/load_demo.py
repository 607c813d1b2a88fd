"""``manage.py load_demo``: load the demo content of every app that has a ``demo`` module."""

from django.core.management.base import BaseCommand
from django.db import transaction

from werkplaats.discovery import app_modules
from werkplaats.fixtures import Loader
from werkplaats.models import Gemeente, Organisatie


class Command(BaseCommand):
    help = (
        "Laadt de demo-inhoud uit fixtures/ (gemeenten, thema's, partners, personen, …). "
        "Alleen wat ontbreekt wordt aangemaakt; opnieuw draaien verandert niets."
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
        loader = Loader()
        with transaction.atomic():
            for module in app_modules("demo"):
                module.load(loader)
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud geladen: {loader.summary()}."))
