"""Builders for the OAI-PMH tests: publicaties with authors, and a harvester's GET."""

import datetime
import itertools

import pytest

from publicaties.models import Auteurschap, Publicatie, Soort, Status, split_naam

from .schemas import validate

_numbers = itertools.count(1)


@pytest.fixture
def make_publicatie(db):
    def make(auteurs=("Jan van der Berg",), leerateliers=(), **fields):
        number = next(_numbers)
        fields.setdefault("titel", f"Publicatie {number}")
        fields.setdefault("slug", f"publicatie-{number}")
        fields.setdefault("soort", Soort.RAPPORT)
        fields.setdefault("samenvatting", "Wat we leerden.")
        fields.setdefault("gepubliceerd_on", datetime.date(2024, 3, 1))
        fields.setdefault("status", Status.GEPUBLICEERD)
        publicatie = Publicatie.objects.create(**fields)
        for volgorde, naam in enumerate(auteurs):
            voornaam, tussenvoegsel, achternaam = split_naam(naam)
            Auteurschap.objects.create(
                publicatie=publicatie,
                voornaam=voornaam,
                tussenvoegsel=tussenvoegsel,
                achternaam=achternaam,
                volgorde=volgorde,
            )
        publicatie.leerateliers.set(leerateliers)
        return publicatie

    return make


@pytest.fixture
def oai(client):
    """GET /oai with the given arguments; the parsed response after validating it."""

    def get(**params):
        response = client.get("/oai", params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/xml")
        return validate(response.content)

    return get
