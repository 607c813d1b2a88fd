"""``manage.py send_reacties_overzicht``: the weekly summary of new reactions (run weekly)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from reacties.services import overzichten_versturen, reacties_vergeten


class Command(BaseCommand):
    help = (
        "Stuurt elke trekker één e-mail met de nieuwe reacties van de afgelopen week op de "
        "eigen leerateliers (niets als er niets nieuw is; per week hoogstens "
        "één keer), en wist reacties die langer dan een jaar zijn afgehandeld."
    )

    def handle(self, *args, **options):
        sent = overzichten_versturen()
        forgotten = reacties_vergeten()
        summaries = ngettext(
            "%(count)d weekoverzicht van reacties klaargezet om te versturen",
            "%(count)d weekoverzichten van reacties klaargezet om te versturen",
            sent,
        ) % {"count": sent}
        self.stdout.write(f"{summaries}; {forgotten} oude reactie(s) gewist.")
