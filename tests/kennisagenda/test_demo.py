"""The demo kennisagenda (``fixtures/kennisagenda.toml``): three versions, the story of merges
and lapses taken through the services, the commissie; loading again creates only what is
missing."""

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
from kennisagenda.services import kennisagenda_adopt, kennisagenda_start_concept
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


def load_demo():
    return run_command("load_demo")


def dump():
    """Every row of the app, history included."""
    return run_command("dumpdata", "kennisagenda", format="json", indent=1)


def in_2019(besluit):
    return besluit.genomen_on.year == 2019


def test_prints_the_kennisagenda_in_the_summary():
    output = load_demo()
    for counted in ("12 kwesties", "3 kennisagenda's", "21 agendapunten", "17 besluiten"):
        assert counted in output
    assert "12 programmacommissie" in output


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


def test_the_story_goes_through_the_services():
    load_demo()
    # Each kwestie and version starts where the site starts them; its history has each step.
    for naam in [*SAMENGEVOEGD, *VERVALLEN]:
        first = Kwestie.objects.get(naam=naam).history.order_by("history_id").first()
        assert first.status == KwestieStatus.ACTIEF, naam
    lokaal = Kennisagenda.objects.get(slug="2016-2018").history.order_by("history_id")
    assert list(lokaal.values_list("status", flat=True)) == [
        AgendaStatus.CONCEPT,
        AgendaStatus.VASTGESTELD,
        AgendaStatus.GEARCHIVEERD,
    ]


def test_a_second_run_changes_nothing():
    load_demo()
    before = dump()
    assert "Demo-inhoud geladen: niets." in load_demo()
    # Nothing is saved again, so no new history rows either.
    assert dump() == before


def test_what_is_edited_on_the_site_survives_loading_again():
    load_demo()
    kwestie = Kwestie.objects.get(slug="armoede-en-schulden")
    kwestie.beschrijving = "Zoals de programmacommissie het nu zegt."
    kwestie.save()
    kwestie.voorwaarden.clear()
    besluit = Besluit.objects.get(soort=BesluitSoort.VASTGESTELD, agenda__slug="2020")
    besluit.toelichting = "Aangevuld op de site."
    besluit.save()
    lid = Commissielid.objects.get(organisatie__slug="movisie")
    lid.tot = datetime.date(2021, 12, 31)
    lid.save()
    before = dump()
    assert "niets" in load_demo()
    assert dump() == before
    kwestie.refresh_from_db()
    assert kwestie.beschrijving == "Zoals de programmacommissie het nu zegt."
    assert not kwestie.voorwaarden.exists()
    assert Besluit.objects.filter(soort=BesluitSoort.VASTGESTELD).count() == 3


def test_a_step_the_site_has_moved_past_is_left_as_it_is():
    load_demo()
    huidige = Kennisagenda.objects.current()
    concept = kennisagenda_start_concept(bron=huidige, titel="Kennisagenda 2024", slug="2024")
    kennisagenda_adopt(agenda=concept, on=datetime.date(2024, 1, 1))
    # A besluit deleted in the admin: its step was taken, so it is not taken again.
    Besluit.objects.get(soort=BesluitSoort.SAMENGEVOEGD, doel__slug="jip").delete()
    before = dump()
    assert "niets" in load_demo()
    assert dump() == before
    assert Kennisagenda.objects.current().slug == "2024"


def test_a_row_deleted_on_the_site_comes_back():
    load_demo()
    Commissielid.objects.get(organisatie__slug="movisie").delete()
    assert "Demo-inhoud geladen: 1 programmacommissie." in load_demo()
    assert Commissielid.objects.filter(organisatie__slug="movisie").exists()
