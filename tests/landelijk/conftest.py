"""Builders for the landelijke werkgroepen: a werkgroep with what its page shows."""

import datetime
import itertools

import pytest

_numbers = itertools.count(1)


@pytest.fixture
def hoofdthema(make_thema):
    return make_thema("Lerende praktijken", is_landelijk_hoofdthema=True)


@pytest.fixture
def make_werkplaats(make_organisatie):
    from werkplaats.models import Soort

    def make(naam=None, **fields):
        return make_organisatie(
            naam or f"Werkplaats Sociaal Domein {next(_numbers)}",
            soort=Soort.WERKPLAATS_SOCIAAL_DOMEIN,
            **fields,
        )

    return make


@pytest.fixture
def make_werkgroep(db):
    from landelijk.models import Lidmaatschap, Werkgroep, WerkgroepActiviteit

    def make(naam=None, *, leden=(), activiteiten=(), **fields):
        """``leden``: (persoon, werkplaats, rol) triples; ``activiteiten``: dicts of fields.
        Many-to-many fields (werkplaatsen, leerateliers, publicaties, bijeenkomsten) as lists."""
        related = {
            name: fields.pop(name)
            for name in ("werkplaatsen", "leerateliers", "publicaties", "bijeenkomsten")
            if name in fields
        }
        fields.setdefault("samenvatting", "Hoe leren leernetwerken, en hoe leer je van elkaar?")
        werkgroep = Werkgroep.objects.create(naam=naam or f"Werkgroep {next(_numbers)}", **fields)
        for name, rows in related.items():
            getattr(werkgroep, name).set(rows)
        for persoon, werkplaats, rol in leden:
            Lidmaatschap.objects.create(
                werkgroep=werkgroep, persoon=persoon, werkplaats=werkplaats, rol=rol
            )
        for volgorde, activiteit in enumerate(activiteiten, start=1):
            WerkgroepActiviteit.objects.create(werkgroep=werkgroep, volgorde=volgorde, **activiteit)
        return werkgroep

    return make


@pytest.fixture
def lerende_praktijken(
    make_werkgroep,
    make_werkplaats,
    make_persoon,
    make_leeratelier,
    make_publicatie,
    make_bijeenkomst,
    hoofdthema,
):
    """The werkgroep of the seeds, with a published report, a concept handreiking (also the
    result of an activity), a member from each of two werkplaatsen and a bijeenkomst."""
    from publicaties.models import Status

    nijmegen = make_werkplaats("Werkplaats Sociaal Domein Arnhem en Nijmegen")
    utrecht = make_werkplaats("Werkplaats Sociaal Domein Utrecht")
    rapport = make_publicatie("Een rondgang langs 17 leernetwerken")
    concept = make_publicatie("Handreiking in de maak", status=Status.CONCEPT)
    return make_werkgroep(
        "Lerende Praktijken",
        volledige_naam="Leren van lerende praktijken in het sociaal domein",
        hoofdthema=hoofdthema,
        beschrijving="Het programma:\n\n- **beschrijven** en analyseren",
        werkplaatsen=[nijmegen, utrecht],
        leerateliers=[make_leeratelier("Evalueren van sociale interventies")],
        publicaties=[rapport, concept],
        bijeenkomsten=[make_bijeenkomst("Landelijke werkgroepdag", days=-30)],
        leden=[
            (
                make_persoon("Erik Jansen", email="erik.jansen@example.nl"),
                nijmegen,
                "contactpersoon",
            ),
            (make_persoon("Anna de Wit"), utrecht, ""),
        ],
        activiteiten=[
            {
                "titel": "Rondgang langs 17 leernetwerken",
                "status": "afgerond",
                "start_on": datetime.date(2020, 2, 1),
                "end_on": datetime.date(2020, 6, 30),
                "publicatie": rapport,
            },
            {"titel": "Conceptueel kader", "status": "lopend", "publicatie": concept},
        ],
    )
