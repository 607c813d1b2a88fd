import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def verklaring(db):
    """The privacyverklaring in force, which every reaction's consent record names."""
    from werkplaats.models import Privacyverklaring

    return Privacyverklaring.objects.create(
        versie=3,
        geldig_vanaf=timezone.localdate() - datetime.timedelta(days=30),
        tekst="# Wie is verantwoordelijk?\n\nDe werkplaats.",
    )


@pytest.fixture
def atelier(world, make_persoon, make_user, verklaring):
    """Leeratelier A of the small world: Carinda (trekker, with an account), Mirjam
    (co-trekker, only a public address) and Ruud (onderzoeker with an account, who does not
    lead and so hears nothing)."""
    from leerateliers.models import TrekkerRol, Trekkerschap

    mirjam = make_persoon("Mirjam de Wit", email="m.dewit@example.nl")
    Trekkerschap.objects.create(persoon=mirjam, leeratelier=world.a, rol=TrekkerRol.CO_TREKKER)
    ruud = make_persoon("Ruud Smits", email="r.smits@example.nl", user=make_user("ruud@example.nl"))
    Trekkerschap.objects.create(persoon=ruud, leeratelier=world.a, rol=TrekkerRol.ONDERZOEKER)
    return world.a


VALID = {
    "naam": "Anna de Boer",
    "email": "anna@example.nl",
    "organisatie": "Buurtteam Zuid",
    "bericht": "In onze wijk willen we ook een verhalenkamer beginnen.\nWie denkt er mee?",
    "toestemming": "on",
}


@pytest.fixture
def react(client, django_capture_on_commit_callbacks):
    """Post the reaction form at ``path`` as a visitor would (emails go out after the commit);
    returns the response."""

    def post(path, *, soort="meedoen", follow=False, **fields):
        data = {**VALID, "soort": soort, **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, follow=follow)

    return post


def form_path(doel) -> str:
    from reacties.models import reageren_url

    return reageren_url(doel)
