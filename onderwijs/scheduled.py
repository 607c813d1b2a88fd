"""The periodic job of onderwijs (run by ``manage.py run_scheduled``)."""

from werkplaats import scheduler

scheduler.command("forget_studentwerk", scheduler.daily(hour=3))
