import datetime
import re

import pytest
from django.utils import timezone


@pytest.fixture
def verklaring(db):
    """The privacyverklaring in force (version 1), which every consent record names."""
    from werkplaats.models import Privacyverklaring

    return Privacyverklaring.objects.create(
        versie=1,
        geldig_vanaf=timezone.localdate() - datetime.timedelta(days=30),
        tekst="# Wie is verantwoordelijk?\n\nDe werkplaats.",
    )


@pytest.fixture
def subscribe(client, verklaring, django_capture_on_commit_callbacks):
    """Post the subscription form as a visitor would (the confirmation email goes out after
    the commit); returns the response."""

    def post(email="anna@example.nl", *, follow=False, **fields):
        data = {"email": email, "toestemming": "on", "pagina": "/nieuwsbrief/", **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/nieuwsbrief/", data, follow=follow)

    return post


def link_in(message, prefix):
    """The path of the link starting with ``prefix`` in an email."""
    found = re.search(rf"https?://[^/\s]+({prefix}\S+)", message.body)
    assert found, message.body
    return found[1]
