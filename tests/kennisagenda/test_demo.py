"""The demo kennisagenda: three versions, the story of merges and lapses, the commissie."""

import datetime

import pytest

from kennisagenda.models import (
    AgendaStatus,
    Besluit,
    BesluitSoort,
    Commissielid,
    Kennisagenda,
    Kwestie,
    KwestieStatus,
    Vertegenwoordiging,
)
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

# The kwesties of 2020 (seed 004) and the leerateliers they belong to.
KWESTIES_2020 = {
    "Armoede en schulden": "armoede-en-schulden",
    "Eenzaamheid en betekenisvol contact": "eenzaamheid-en-betekenisvol-contact",
    "Samen wonen in de wijk": "samen-wonen-in-de-wijk",
    "Jongeren met een ondersteuningsbehoefte, inclusie en participatie (JIP)": "jip",
    "Evalueren van sociale interventies": "evalueren-van-sociale-interventies",
    "Samenwerken aan sociale kwaliteit in de sociale basis": (
        "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"
    ),
}

# The thema's of 2016-2018 (seed 001) and where they went.
SAMENGEVOEGD = {
    "Aanpak van eenzaamheid en sociaal isolement": "Eenzaamheid en betekenisvol contact",
    "Eenzaamheid en sociaal isolement: ontwerp programma": "Eenzaamheid en betekenisvol contact",
    "Van passend onderwijs naar passende arbeid vanuit ervaringsdeskundigheid": (
        "Jongeren met een ondersteuningsbehoefte, inclusie en participatie (JIP)"
    ),
    "Evalueren 'Nieuwe Stijl'": "Evalueren van sociale interventies",
}
VERVALLEN = [
    "Integrale levenskwaliteit als sturend kader in plattelandsgemeenschappen",
    "Sociale leerprocessen tussen wijkteams en burgers",
]

MODELS = [
    "kennisagenda.kennisagenda",
    "kennisagenda.kwestie",
    "kennisagenda.agendapunt",
    "kennisagenda.commissielid",
    "kennisagenda.besluit",
]


def load_demo():
    return run_command("load_demo")


def in_2019(besluit):
    return besluit.genomen_on.year == 2019


def test_prints_the_kennisagenda_in_the_summary():
    output = load_demo()
    assert "3 versies van de kennisagenda" in output
    assert "12 kwesties" in output
    assert "leden van de programmacommissie" in output


def test_only_2020_is_vastgesteld_and_its_kwesties_have_their_leerateliers():
    load_demo()
    assert list(Kennisagenda.objects.values_list("slug", "status")) == [
        ("2020", AgendaStatus.VASTGESTELD),
        ("2019", AgendaStatus.GEARCHIVEERD),
        ("2016-2018", AgendaStatus.GEARCHIVEERD),
    ]
    current = Kennisagenda.objects.current()
    assert current.vastgesteld_on == current.periode_van == datetime.date(2020, 1, 1)
    assert current.vorige.slug == "2019" and current.vorige.vorige.slug == "2016-2018"
    linked = {
        punt.kwestie.naam: punt.kwestie.leeratelier.slug
        for punt in current.punten.select_related("kwestie__leeratelier")
    }
    assert linked == KWESTIES_2020
    assert not current.punten.exclude(kwestie__status=KwestieStatus.ACTIEF).exists()


def test_every_version_that_was_adopted_has_a_besluit():
    load_demo()
    for agenda in Kennisagenda.objects.all():
        besluit = Besluit.objects.get(soort=BesluitSoort.VASTGESTELD, agenda=agenda)
        assert besluit.genomen_on == agenda.vastgesteld_on, agenda.slug


def test_the_2016_version_has_the_six_local_themas():
    load_demo()
    lokaal = Kennisagenda.objects.get(slug="2016-2018")
    namen = [punt.kwestie.naam for punt in lokaal.punten.select_related("kwestie")]
    assert set(namen) == set(SAMENGEVOEGD) | set(VERVALLEN)
    assert len(namen) == 6


def test_merged_kwesties_point_to_their_target_with_a_besluit():
    load_demo()
    for naam, doel in SAMENGEVOEGD.items():
        kwestie = Kwestie.objects.get(naam=naam)
        assert kwestie.status == KwestieStatus.SAMENGEVOEGD, naam
        assert kwestie.samengevoegd_in.naam == doel, naam
        besluit = Besluit.objects.get(soort=BesluitSoort.SAMENGEVOEGD, kwestie=kwestie)
        assert besluit.doel == kwestie.samengevoegd_in and in_2019(besluit), naam
        assert besluit.toelichting, naam


def test_lapsed_kwesties_are_vervallen_with_a_besluit():
    load_demo()
    for naam in VERVALLEN:
        kwestie = Kwestie.objects.get(naam=naam)
        assert kwestie.status == KwestieStatus.VERVALLEN and kwestie.samengevoegd_in is None
        besluit = Besluit.objects.get(soort=BesluitSoort.VERVALLEN, kwestie=kwestie)
        assert in_2019(besluit) and besluit.toelichting, naam
    # Lapsed before the inventory was adopted: not in 2019 or 2020.
    later = Kennisagenda.objects.filter(slug__in=["2019", "2020"])
    assert not Kwestie.objects.filter(naam__in=VERVALLEN, agendapunten__agenda__in=later).exists()


def test_every_kwestie_of_2020_was_decided_as_new():
    load_demo()
    nieuw = Besluit.objects.filter(soort=BesluitSoort.NIEUWE_KWESTIE)
    assert set(nieuw.values_list("kwestie__naam", flat=True)) == set(KWESTIES_2020)
    assert all(in_2019(besluit) for besluit in nieuw)


def test_the_matrix_is_not_all_four_for_every_kwestie():
    load_demo()
    counts = [kwestie.voorwaarden.count() for kwestie in Kwestie.objects.all()]
    assert min(counts) >= 1
    assert any(count < 4 for count in counts) and 4 in counts


def test_no_commissielid_has_an_invented_persoon():
    load_demo()
    leden = Commissielid.objects.select_related("persoon", "organisatie")
    with_persoon = [(lid.vertegenwoordigt, lid.persoon.slug) for lid in leden if lid.persoon]
    assert with_persoon == [(Vertegenwoordiging.LECTORAAT, "lisbeth-verharen")]
    lector = leden.get(persoon__slug="lisbeth-verharen")
    assert lector.organisatie.slug == "lectoraat-versterken-van-sociale-kwaliteit"
    # Every group seed 004 names has a seat, all of them current.
    assert set(leden.values_list("vertegenwoordigt", flat=True)) == set(Vertegenwoordiging.values)
    assert Commissielid.objects.current().count() == leden.count()
    assert not leden.filter(organisatie=None).exists()


def test_the_history_page_tells_the_story(client):
    load_demo()
    page = client.get("/kennisagenda/geschiedenis/").content.decode()
    assert "Aanpak van eenzaamheid en sociaal isolement" in page
    assert "Sociale leerprocessen tussen wijkteams en burgers" in page
    assert client.get("/kennisagenda/").status_code == 200
    assert client.get("/kennisagenda/2016-2018/").status_code == 200


def test_a_second_run_changes_nothing():
    load_demo()
    before = run_command("dumpdata", *MODELS, format="json", indent=1)
    history = run_command("dumpdata", "kennisagenda", format="json", indent=1)
    load_demo()
    assert run_command("dumpdata", *MODELS, format="json", indent=1) == before
    # Nothing is saved again, so no new history rows either.
    assert run_command("dumpdata", "kennisagenda", format="json", indent=1) == history
