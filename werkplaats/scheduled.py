"""The periodic jobs of the network core (run by ``manage.py run_scheduled``)."""

from django.conf import settings
from django.core.management import call_command

from . import scheduler

scheduler.command("send_outbox", scheduler.every(minutes=10))
# Expired sessions (with the addresses and ids they hold) go once a day.
scheduler.command("clearsessions", scheduler.daily(hour=3))


def prune_task_results(stdout):
    if settings.TASKS_BACKEND != "database":
        stdout.write("Taken worden direct uitgevoerd: er is niets op te ruimen.")
        return
    call_command("prune_db_task_results", stdout=stdout, stderr=stdout)


# Finished task rows hold the arguments of the emails (a guest's name and address).
scheduler.register("prune_db_task_results", scheduler.daily(hour=3), prune_task_results)
