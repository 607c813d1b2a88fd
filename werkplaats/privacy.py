"""Personal data of the network core: the account itself and the persoon profile linked to it.

Every app that holds personal data has a ``privacy.py`` like this one: ``COVERS`` names its
models that hold personal data (or a user or email field) and says how they are treated,
``export(user)`` gives the data for the download and ``erase(user)`` removes it.
``portaal.services`` collects them, erasing from the top floor down, so this module goes last.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from .admin_tools import forget_in_admin_log
from .models import Persoon, Profiel, User

COVERS = {
    User: "exported; deleted with its sessions on every device",
    Persoon: "exported; deleted, or emptied down to the name when it is a public record",
    LogEntry: "what the user did goes with the account; the log forgets whom it was about",
    Profiel: (
        "public contact details the beheerder publishes (a general address, or a contact "
        "person's work address with their consent); never linked to an account, changed or "
        "emptied in the admin"
    ),
}


def export(user: User) -> dict:
    persoon = Persoon.objects.filter(user=user).select_related("organisatie").first()
    return {
        "account": {
            "e-mailadres": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "aangemaakt_op": user.date_joined,
            "laatst_ingelogd_op": user.last_login,
            "groepen": sorted(user.groups.values_list("name", flat=True)),
        },
        "profiel": None
        if persoon is None
        else {
            "naam": persoon.naam,
            "functie": persoon.functie,
            "organisatie": persoon.organisatie.naam if persoon.organisatie else None,
            "openbaar_e-mailadres": persoon.email,
            "over_mij": persoon.bio,
            "adres_op_de_website": persoon.get_absolute_url(),
        },
    }


def _delete_sessions(user: User) -> None:
    """End the user's sessions on every device (the current one is ended by logging out)."""
    user_id = str(user.pk)
    stale = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    Session.objects.filter(pk__in=stale).delete()


def erase(user: User) -> None:
    """Delete the account and its profile. A profile that something keeps as a public record
    (the author of a publicatie, a member of the programmacommissie) stays with only its
    name, unlinked and emptied."""
    forget_in_admin_log(User, [user.pk])
    persoon = Persoon.objects.select_for_update().filter(user=user).first()
    if persoon is not None:
        persoon_pk = persoon.pk
        try:
            with transaction.atomic():
                persoon.delete()
            forget_in_admin_log(Persoon, [persoon_pk])
        except ProtectedError:
            persoon.user = None
            persoon.email = ""
            persoon.functie = ""
            persoon.bio = ""
            persoon.save()
    _delete_sessions(user)
    user.delete()
