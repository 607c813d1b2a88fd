"""Nothing the public pages keep back comes out of the API: every answer of every collection
and every object, on the demo content with concepts added, is scanned for the email addresses
the database holds (accounts, registrations, subscriptions, reactions, contact fields) and for
the titles of concepts."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from kennisagenda.models import Kennisagenda
from leerateliers.models import Leeratelier, TribuneUpdate
from publicaties.models import Publicatie, Status
from werkplaats.rest import ClientRateThrottle

pytestmark = pytest.mark.django_db

SECRET = "Geheim concept 7f3a"


def stored_addresses():
    """Every value of every email field in the database."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.EmailField):
                found |= set(model._default_manager.exclude(**{field.name: ""})
                             .values_list(field.name, flat=True))  # fmt: skip
    return {address.lower() for address in found if address}


def every_answer(client):
    """The text of every page of every collection and of every object in it."""
    texts = []
    for url in client.get("/api/v1/").json()["collections"].values():
        page_url = f"{url}?page_size=100"
        while page_url:
            response = client.get(page_url)
            assert response.status_code == 200, page_url
            texts.append(response.content.decode())
            body = response.json()
            for row in body["results"]:
                detail = client.get(row["api_url"])
                assert detail.status_code == 200, row["api_url"]
                texts.append(detail.content.decode())
            page_url = body["next"]
    return texts


def test_no_address_concept_or_registration_leaves_through_the_api(client, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "allow_request", lambda self, request, view: True)
    call_command("load_demo", verbosity=0)
    atelier = Leeratelier.objects.first()
    publicatie = Publicatie.objects.create(
        titel=f"{SECRET} publicatie", soort="rapport", samenvatting="Nog niet af.",
        gepubliceerd_on="2026-01-01", status=Status.CONCEPT,
    )  # fmt: skip
    publicatie.leerateliers.add(atelier)
    TribuneUpdate.objects.create(
        leeratelier=atelier, titel=f"{SECRET} update", tekst="Nog niet af."
    )
    Kennisagenda.objects.create(titel=f"{SECRET} kennisagenda", slug="geheim-concept")
    addresses = stored_addresses()
    assert addresses, "the demo holds email addresses to look for"

    texts = every_answer(client)

    everything = "\n".join(texts).lower()
    assert len(texts) > 50
    leaked = [address for address in addresses if address in everything]
    assert leaked == []
    assert SECRET.lower() not in everything
