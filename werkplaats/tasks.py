"""Background tasks (django-tasks) of the network core: sending the outbox."""

from django_tasks import task

from . import mail


@task()
def send_outbox(pks: list[int]) -> int:
    """Send the given outbox emails (each at most once); fails, so the task is recorded as
    failed, when some did not go out (the catch-up command tries them again)."""
    return mail.send_outbox(pks).check().sent
