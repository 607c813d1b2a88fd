"""Background tasks (django-tasks): emails about tribune updates."""

from django_tasks import task


@task()
def notify_update(update_id: int) -> None:
    """Email the readers of a just-published tribune update (safe to run more than once)."""
    from . import notifications

    notifications.send_update_notifications(update_id)


@task()
def send_digests() -> int:
    """Send the weekly overviews that are due; returns how many emails went out."""
    from . import notifications

    return notifications.send_weekly_digests()


@task()
def send_pending() -> int:
    """Announce updates that were missed and resend failed emails (see notifications)."""
    from . import notifications

    return notifications.send_pending_notifications()
