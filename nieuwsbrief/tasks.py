"""Background tasks (django-tasks) of the nieuwsbrief. Each fails, so the task is recorded as
failed, when its email did not go out."""

import datetime
import time

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from werkplaats import mail

from . import notifications, sending

# --- Subscriptions ---------------------------------------------------------------------------


@task()
def send_confirmation(inschrijving_id: int) -> int:
    """Send the link that confirms a subscription."""
    return notifications.send_confirmation(inschrijving_id).check().sent


# --- Editions --------------------------------------------------------------------------------


@task()
def send_editie(editie_id: int) -> int:
    """Send an edition in batches: one batch of ``NIEUWSBRIEF_BATCH_SIZE`` emails, then the
    next after ``NIEUWSBRIEF_BATCH_PAUSE`` seconds (a new task, where the backend can wait;
    otherwise a pause inside this one). Failures wait for ``manage.py send_nieuwsbrief``."""
    pause = settings.NIEUWSBRIEF_BATCH_PAUSE
    total = mail.Tally()
    while True:
        tally, remaining = sending.send_batch(editie_id)
        total += tally
        if not remaining:
            break
        if send_editie.get_backend().supports_defer:
            later = timezone.now() + datetime.timedelta(seconds=pause)
            send_editie.using(run_after=later).enqueue(editie_id)
            break
        time.sleep(pause)
    return total.check().sent
