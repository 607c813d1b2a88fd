"""``manage.py restore``: put an archive of ``manage.py backup`` back into an empty database and
media folder, after checking all of it (see werkplaats.backup)."""

from django.core.management.base import BaseCommand, CommandError

from werkplaats import backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van manage.py backup terug, alleen in een lege database en een lege "
        "of nog niet bestaande map voor uploads. Het hele archief wordt eerst gecontroleerd "
        "(manifest, grootte en SHA-256 van elk bestand, paden, soort database); bij elke "
        "afwijking wordt niets veranderd."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="ARCHIEF", help="Het archief (.tar.gz of .tar).")

    def handle(self, *args, archive, **options):
        try:
            restored = backup.restore(archive)
        except backup.BackupError as error:
            unchanged = "" if error.changed else " Er is niets veranderd."
            raise CommandError(f"Niet teruggezet: {error}{unchanged}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Teruggezet uit {restored.archive} (gemaakt op "
                f"{restored.manifest['created_at']}): de database ({restored.vendor}) en "
                f"{restored.media_files} bestanden in {restored.media_root}."
            )
        )
        if restored.pending_migrations:
            self.stdout.write(
                f"Deze versie van het portaal heeft {len(restored.pending_migrations)} "
                "migratie(s) die de back-up nog niet had: draai nu manage.py migrate."
            )
