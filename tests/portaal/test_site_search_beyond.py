"""/zoeken/ finds what lies beyond the region: the landelijke werkgroepen and the
onderwijsactiviteiten (published ones only), each linking to its page."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def groups(client, text):
    response = client.get("/zoeken/", {"q": text})
    assert response.status_code == 200
    return {
        kind: [(str(row), row.get_absolute_url()) for row in rows]
        for _label, kind, rows in response.context["groups"]
    }


def test_a_werkgroep_and_an_onderwijsactiviteit_are_found(client):
    call_command("load_demo", verbosity=0)

    werkgroepen = groups(client, "lerende praktijken")["werkgroep"]
    assert ("Lerende Praktijken", "/werkgroepen/lerende-praktijken/") in werkgroepen

    onderwijs = groups(client, "Verhalenkamer")["onderwijs"]
    assert onderwijs and all(url.startswith("/onderwijs/") for _titel, url in onderwijs)


def test_a_concept_onderwijsactiviteit_is_not_found(client):
    from onderwijs.models import Onderwijsactiviteit, Status

    call_command("load_demo", verbosity=0)
    Onderwijsactiviteit.objects.update(status=Status.CONCEPT)

    assert "onderwijs" not in groups(client, "Verhalenkamer")
