"""Background tasks (django-tasks): the emails about bijeenkomsten and registrations."""

from django_tasks import task


@task()
def send_registration(aanmelding_id: int) -> int:
    """Confirm a registration (with the .ics) or say where it stands on the waiting list."""
    from . import notifications

    return notifications.send_registration(aanmelding_id)


@task()
def send_seat_available(aanmelding_id: int) -> int:
    """Tell someone from the waiting list that a seat came free for them."""
    from . import notifications

    return notifications.send_registration(aanmelding_id, seat_freed=True)


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
