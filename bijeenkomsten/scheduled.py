"""The periodic jobs of the bijeenkomsten (run by ``manage.py run_scheduled``)."""

from werkplaats import scheduler

scheduler.command("send_bijeenkomst_emails", scheduler.every(minutes=10))
scheduler.command("forget_guests", scheduler.daily(hour=3))
