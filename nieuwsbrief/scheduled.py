"""The periodic job of the nieuwsbrief (run by ``manage.py run_scheduled``)."""

from werkplaats import scheduler

scheduler.command("send_nieuwsbrief", scheduler.every(minutes=10))
