"""The demo content command: real gemeenten, idempotent, no phone numbers."""

import re

import pytest
from django.apps import apps
from django.db import models

from tests.helpers import run_command
from werkplaats.models import Gemeente, Organisatie, Persoon, Soort, Subregio, Thema

pytestmark = pytest.mark.django_db

WERKGEBIED = {
    "Arnhem": ("GM0202", Subregio.ARNHEM),
    "Nijmegen": ("GM0268", Subregio.RIJK_VAN_NIJMEGEN),
    "Heumen": ("GM0252", Subregio.RIJK_VAN_NIJMEGEN),
    "Overbetuwe": ("GM1734", Subregio.BETUWE),
    "Lingewaard": ("GM1705", Subregio.BETUWE),
    "Zevenaar": ("GM0299", Subregio.DE_LIEMERS),
    "Duiven": ("GM0226", Subregio.DE_LIEMERS),
    "Westervoort": ("GM0293", Subregio.DE_LIEMERS),
    "Cuijk": ("GM1684", Subregio.CGM),
    "Grave": ("GM0786", Subregio.CGM),
    "Mill en Sint Hubert": ("GM0815", Subregio.CGM),
    "Venlo": ("GM0983", Subregio.NOORD_LIMBURG),
    "Peel en Maas": ("GM1894", Subregio.NOORD_LIMBURG),
}

PHONE = re.compile(r"\b0[0-9]{1,3}[- ]?[0-9]{6,8}\b|\b06-|\+31")


def load_demo():
    return run_command("load_demo")


def dump_werkplaats():
    return run_command("dumpdata", "werkplaats", format="json", indent=1)


def test_prints_a_dutch_summary():
    output = load_demo()
    assert "Demo-inhoud geladen:" in output
    assert "15 gemeenten" in output  # the werkgebied, and Utrecht and Oldenzaal outside it


def test_loads_every_gemeente_of_the_werkgebied_with_its_cbs_code():
    load_demo()
    loaded = {g.naam: (g.cbs_code, g.subregio) for g in Gemeente.objects.werkgebied()}
    assert loaded == WERKGEBIED
    assert set(Gemeente.objects.deelnemend().values_list("naam", flat=True)) == (
        WERKGEBIED.keys() - {"Peel en Maas"}
    )


def test_the_gemeenten_of_the_joint_projectgroepen_are_outside_the_werkgebied():
    load_demo()
    elders = Gemeente.objects.filter(in_werkgebied=False)
    assert {g.naam: (g.cbs_code, g.subregio, g.is_deelnemer) for g in elders} == {
        "Oldenzaal": ("GM0173", "", False),
        "Utrecht": ("GM0344", "", False),
    }


def test_a_second_run_changes_nothing():
    load_demo()
    before = dump_werkplaats()
    load_demo()
    assert dump_werkplaats() == before


def test_no_text_field_contains_a_phone_number():
    load_demo()
    checked = 0
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        for row in model.objects.values(*fields):
            for field, value in row.items():
                checked += 1
                assert not (value and PHONE.search(value)), f"{model.__name__}.{field}: {value}"
    assert checked > 100


def test_phone_pattern_catches_the_numbers_in_the_seeds():
    assert PHONE.search("Tel: 06-53981830")
    assert PHONE.search("T 024 3530369")
    assert not PHONE.search("GM0268, 2016-2018, 14 april 2022")


def test_every_gemeente_organisatie_is_linked_to_its_gemeente():
    load_demo()
    gemeente_organisaties = Organisatie.objects.filter(soort=Soort.GEMEENTE).select_related(
        "gemeente"
    )
    assert gemeente_organisaties.count() == len(WERKGEBIED)
    for organisatie in gemeente_organisaties:
        assert organisatie.gemeente is not None, organisatie.naam
        assert organisatie.naam == f"Gemeente {organisatie.gemeente.naam}"


def test_the_lector_has_her_public_email_and_the_lectoraat():
    load_demo()
    lector = Persoon.objects.select_related("organisatie__onderdeel_van").get(
        slug="lisbeth-verharen"
    )
    assert lector.naam == "Lisbeth Verharen"
    assert lector.email == "lisbeth.verharen@han.nl"
    assert "lector" in lector.functie.lower()
    assert lector.organisatie.naam == "Lectoraat Versterken van Sociale Kwaliteit"
    assert lector.organisatie.onderdeel_van.afkorting == "HAN"


def test_landelijke_hoofdthemas_are_flagged_and_mapped_to_voorwaarden():
    load_demo()
    assert set(Thema.objects.landelijk().values_list("naam", flat=True)) == {
        "Lerende praktijken",
        "Armoede",
        "Sociale basis",
        "Ervaringsdeskundigheid",
    }
    assert not Thema.objects.filter(voorwaarden=None).exists()


def test_the_contact_lines_of_the_seeds_are_on_the_contact_page_without_private_numbers(client):
    load_demo()
    page = client.get("/contact/").content.decode()
    assert "Lisbeth Verharen" in page and "lisbeth.verharen@han.nl" in page
    assert "Lectoraat Versterken van Sociale Kwaliteit" in page
    assert "Kenniscentrum HAN SOCIAAL" in page and "024 353 03 69" in page  # HAN SOCIAAL's line
    assert "@HANSociaal" in page
    assert "06-53981830" not in page and "53981830" not in page  # the lector's own mobile


def test_stichting_de_kern_works_in_dynamisch_op_weg_as_the_seeds_say(client):
    load_demo()
    kern = client.get("/partners/stichting-de-kern/").content.decode()
    assert "Dynamisch op Weg" in kern
    werkleerbedrijf = client.get("/partners/dynamisch-op-weg/").content.decode()
    for partner in ("Sallandse Wegenbouw", "ROC Twente", "Stichting de Kern"):
        assert partner in werkleerbedrijf


def test_a_second_run_changes_nothing_anywhere_and_keeps_edits(settings):
    from leerateliers.models import Leeratelier
    from werkplaats.models import Profiel

    settings.DEBUG = True  # with the demo accounts
    load_demo()
    atelier = Leeratelier.objects.get(slug="jip")
    atelier.samenvatting = "Bijgewerkt door de trekker."
    atelier.save()
    profiel = Profiel.objects.get()
    profiel.regio = "Gelderland-Zuid"
    profiel.save()
    Organisatie.objects.filter(slug="stichting-de-kern").update(beschrijving="Eigen tekst.")
    before = run_command("dumpdata", exclude=["contenttypes", "auth.permission", "sessions"])

    assert "Demo-inhoud geladen: niets." in load_demo()
    after = run_command("dumpdata", exclude=["contenttypes", "auth.permission", "sessions"])
    assert after == before
    assert "Bijgewerkt door de trekker." in after and "Gelderland-Zuid" in after
