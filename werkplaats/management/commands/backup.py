"""``manage.py backup``: the database and the uploads in one archive (see werkplaats.backup)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from werkplaats import backup


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class Command(BaseCommand):
    help = (
        "Schrijft de database en alle uploads (MEDIA_ROOT) naar één archief, met een manifest "
        "van de migraties en van grootte en SHA-256 van elk bestand. Terugzetten: "
        "manage.py restore <archief>."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="PAD",
            help=(
                "Het archief dat gemaakt wordt (.tar.gz of .tar; een bestaand bestand wordt "
                "nooit overschreven). Standaard werkplaats-backup-<datum>-<tijd>.tar.gz in de "
                "huidige map."
            ),
        )

    def handle(self, *args, output=None, **options):
        output = output or f"werkplaats-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        try:
            made = backup.create(output)
        except backup.BackupError as error:
            raise CommandError(f"Geen back-up gemaakt: {error}") from error
        database = made.manifest["database"]["file"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up geschreven naar {made.archive}: de database ({made.vendor}, "
                f"{megabytes(made.size(database))}) en {made.media_files} bestanden uit "
                f"{made.media_root} ({megabytes(made.size(backup.MEDIA + '/'))})."
            )
        )
