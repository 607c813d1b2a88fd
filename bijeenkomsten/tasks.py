"""Background tasks (django-tasks): the emails about bijeenkomsten and registrations. Each
fails, so the task is recorded as failed, when its email did not go out."""

from django_tasks import task

from . import notifications


@task()
def send_registration(aanmelding_id: int) -> int:
    """Tell someone where their registration stands now: a seat (with the .ics), a place on
    the waiting list, or a seat that came free. Nothing when they were told already."""
    return notifications.send_registration(aanmelding_id).check().sent


@task()
def send_guest_confirmation(bijeenkomst_id: int, naam: str, email: str, organisatie: str) -> int:
    """Send a guest the link that makes their registration."""
    return (
        notifications.send_guest_confirmation(
            bijeenkomst_id=bijeenkomst_id, naam=naam, email=email, organisatie=organisatie
        )
        .check()
        .sent
    )


@task()
def send_bericht(bericht_id: int) -> int:
    """Send a message (cancellation, verslag, note) to everyone registered, once."""
    return notifications.send_bericht(bericht_id).check().sent
