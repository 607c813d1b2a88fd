"""The demo leerateliers: the six kwesties, their trekkers, one role change, idempotent."""

import datetime

import pytest

from leerateliers.models import (
    Deelname,
    Leeratelier,
    LeeratelierStatus,
    Rol,
    TribuneUpdate,
    UpdateStatus,
)
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


# slug: (titel, {trekker: rol}) as the seeds give them.
LEERATELIERS = {
    "armoede-en-schulden": ("Armoede en schulden", {"Carinda Jansen": "trekker"}),
    "eenzaamheid-en-betekenisvol-contact": (
        "Eenzaamheid en betekenisvol contact",
        {"Annica Brummel": "trekker", "Meike Heessels": "co-trekker"},
    ),
    "samen-wonen-in-de-wijk": ("Samen wonen in de wijk", {}),
    "jip": (
        "Jongeren, inclusie en participatie (JIP)",
        {"Joos Meesters": "trekker", "Maritza Gerritsen": "promovendus"},
    ),
    "evalueren-van-sociale-interventies": ("Evalueren van sociale interventies", {}),
    "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis": (
        "Samenwerken aan sociale kwaliteit in de sociale basis",
        {"Lisbeth Verharen": "trekker"},
    ),
}

JIP_VRAAGSTUKKEN = [
    "Hoe samenwerking verbeteren rondom en met jongeren?",
    "Hoe leren jongeren die elementen om klaar te zijn voor de toekomst?",
    "Hoe brengen we de zorgrol en de werkgeversrol meer bij elkaar?",
    "Wat werkt en geeft energie en wat leren we daarvan?",
]


def load_demo():
    return run_command("load_demo")


def dump_leerateliers():
    return run_command("dumpdata", "leerateliers", format="json", indent=1)


def test_prints_the_leerateliers_in_the_summary():
    output = load_demo()
    assert "6 leerateliers" in output
    assert "lerende praktijken" in output


def test_the_six_leerateliers_have_their_trekkers():
    load_demo()
    loaded = {
        leeratelier.slug: (
            leeratelier.titel,
            {t.persoon.naam: t.rol for t in leeratelier.trekkerschappen.select_related("persoon")},
        )
        for leeratelier in Leeratelier.objects.all()
    }
    assert loaded == LEERATELIERS


def test_the_contact_address_is_the_trekkers_email():
    load_demo()
    adressen = dict(Leeratelier.objects.values_list("slug", "contact_email"))
    assert adressen["armoede-en-schulden"] == "carinda.jansen@han.nl"
    assert adressen["jip"] == "joos.meesters@han.nl"
    assert adressen["samen-wonen-in-de-wijk"] == ""


def test_jip_has_the_four_vraagstukken_of_the_seed_in_order():
    load_demo()
    jip = Leeratelier.objects.get(slug="jip")
    assert list(jip.vraagstukken.values_list("volgorde", "tekst")) == list(
        enumerate(JIP_VRAAGSTUKKEN, start=1)
    )


def test_every_leeratelier_has_two_to_four_numbered_vraagstukken_and_a_praktijk():
    load_demo()
    for leeratelier in Leeratelier.objects.all():
        volgordes = list(leeratelier.vraagstukken.values_list("volgorde", flat=True))
        assert 2 <= len(volgordes) <= 4, leeratelier.slug
        assert volgordes == list(range(1, len(volgordes) + 1)), leeratelier.slug
        assert leeratelier.praktijken.exists(), leeratelier.slug
    assert Leeratelier.objects.actief().count() == 5
    assert Leeratelier.objects.get(slug="jip").status == LeeratelierStatus.ACTIEF


def test_gemeente_nijmegen_moved_from_the_tribune_to_the_arena_of_jip():
    load_demo()
    rows = Deelname.objects.filter(
        leeratelier__slug="jip", organisatie__slug="gemeente-nijmegen"
    ).order_by("sinds")
    assert [(d.rol, d.sinds, d.tot) for d in rows] == [
        (Rol.TRIBUNE, datetime.date(2020, 1, 1), datetime.date(2021, 3, 1)),
        (Rol.ARENA, datetime.date(2021, 3, 1), None),
    ]


def test_every_leeratelier_has_three_to_eight_partners():
    load_demo()
    for leeratelier in Leeratelier.objects.with_counts():
        partners = leeratelier.aantal_arena + leeratelier.aantal_tribune
        assert 3 <= partners <= 8, leeratelier.slug


def test_a_second_run_changes_nothing():
    load_demo()
    before = dump_leerateliers()
    load_demo()
    assert dump_leerateliers() == before


def test_the_concept_update_stays_unpublished():
    load_demo()
    concept = TribuneUpdate.objects.get(status=UpdateStatus.CONCEPT)
    published = TribuneUpdate.objects.published()
    assert concept not in published
    assert 4 <= published.count() <= 6
    assert not published.filter(auteur=None).exists()


def test_the_concept_update_is_not_on_the_page_of_its_leeratelier(client):
    load_demo()
    concept = TribuneUpdate.objects.get(status=UpdateStatus.CONCEPT)
    published = TribuneUpdate.objects.published().filter(leeratelier=concept.leeratelier)
    page = client.get(concept.leeratelier.get_absolute_url()).content.decode()
    assert concept.titel not in page
    assert published.exists()
    for update in published:
        assert update.titel.replace("'", "&#x27;") in page
