"""``manage.py run_scheduled``: run every periodic job that is due (see werkplaats.scheduler)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone

from werkplaats import scheduler


def seconds(outcome: scheduler.Outcome) -> str:
    return f"{formats.number_format(outcome.seconds, 1)} s"


class Command(BaseCommand):
    help = (
        "Voert elke geplande taak uit die aan de beurt is (verzenden, opruimen; elke taak "
        "hoogstens één keer per keer dat ze aan de beurt is, ook als er twee tegelijk "
        "draaien) en haalt na een onderbreking in wat er gemist is. Draai dit elke paar "
        "minuten (systemd-timer of cron). Eindigt met status 1 als een taak mislukte."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "names",
            nargs="*",
            metavar="TAAK",
            help="Voer alleen deze taken uit, nu meteen, ook als ze nog niet aan de beurt zijn.",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="show",
            help="Toon de taken, wanneer ze aan de beurt zijn en hoe hun laatste keer ging.",
        )

    def handle(self, *args, names, show, **options):
        known = {job.name: job for job in scheduler.jobs()}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                f"Onbekende taak: {', '.join(unknown)}. Bekend zijn: {', '.join(known)}."
            )
        if show:
            self.show(known.values())
            return
        if names:
            outcomes = []
            for name in names:
                outcome = scheduler.run_now(known[name], self.stdout)
                if outcome is None:
                    self.stdout.write(f"{name}: draait al elders, niet opnieuw gestart.")
                else:
                    outcomes.append(self.tell(outcome))
        else:
            outcomes = [
                self.tell(outcome)
                for outcome in scheduler.run_due(self.stdout, selected=known.values())
            ]
        self.end(outcomes, options["verbosity"])

    def tell(self, outcome):
        if outcome.ok:
            self.stdout.write(f"{outcome.job.name}: klaar in {seconds(outcome)}.")
        else:
            self.stderr.write(f"{outcome.job.name}: MISLUKT na {seconds(outcome)}: {outcome.error}")
        return outcome

    def end(self, outcomes, verbosity):
        if not outcomes and verbosity >= 2:
            self.stdout.write("Geen taak aan de beurt.")
        failed = [outcome.job.name for outcome in outcomes if not outcome.ok]
        if failed:
            raise CommandError(
                f"{len(failed)} van {len(outcomes)} geplande taken mislukt: {', '.join(failed)}."
            )

    def show(self, jobs):
        now = timezone.now()
        rows = scheduler.rows(job.name for job in jobs)
        for job in jobs:
            row = rows[job.name]
            if row.klaar_at is None:
                last = "nog nooit uitgevoerd"
            else:
                when = formats.date_format(timezone.localtime(row.klaar_at), "DATETIME_FORMAT")
                last = f"laatst klaar {when}" + (f", MISLUKT: {row.fout}" if row.is_mislukt else "")
            due = "aan de beurt" if job.due(row, now) else "niet aan de beurt"
            self.stdout.write(f"{job.name} ({job.schedule}): {due}; {last}.")
