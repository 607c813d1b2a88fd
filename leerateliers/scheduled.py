"""The periodic jobs of the leerateliers (run by ``manage.py run_scheduled``)."""

from werkplaats import scheduler

scheduler.command("send_notifications", scheduler.every(minutes=10))
scheduler.command("send_weekly_digest", scheduler.weekly(weekday=0, hour=8))
