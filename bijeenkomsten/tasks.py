"""Background tasks (django-tasks): the emails about bijeenkomsten and registrations."""

from django_tasks import task


@task()
def send_registration(aanmelding_id: int) -> int:
    """Tell someone where their registration stands now: a seat (with the .ics), a place on
    the waiting list, or a seat that came free. Nothing when they were told already."""
    from . import notifications

    return notifications.send_registration(aanmelding_id)


@task()
def send_guest_confirmation(bijeenkomst_id: int, naam: str, email: str, organisatie: str) -> int:
    """Send a guest the link that makes their registration."""
    from . import notifications

    return notifications.send_guest_confirmation(
        bijeenkomst_id=bijeenkomst_id, naam=naam, email=email, organisatie=organisatie
    )


@task()
def send_bericht(bericht_id: int) -> int:
    """Send a message (cancellation, verslag, note) to everyone registered, once."""
    from . import notifications

    return notifications.send_bericht(bericht_id)
