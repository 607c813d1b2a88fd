"""Background tasks (django-tasks): emails about tribune updates."""

from django_tasks import task

from . import notifications


@task()
def notify_update(update_id: int) -> int:
    """Email the readers of a just-published tribune update (safe to run more than once);
    fails, so the task is recorded as failed, when some emails did not go out."""
    return notifications.send_update_notifications(update_id).check().sent
