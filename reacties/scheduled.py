"""The periodic job of the reacties (run by ``manage.py run_scheduled``)."""

from werkplaats import scheduler

scheduler.command("send_reacties_overzicht", scheduler.weekly(weekday=0, hour=8))
