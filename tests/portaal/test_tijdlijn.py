"""The arena's activity over time on a leeratelier's page, and the coverage of the voorwaarden
per year (per gemeente too) on /sociale-kwaliteit/."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from bijeenkomsten.models import Status as BijeenkomstStatus
from leerateliers.models import GeleerdeLes, Niveau, PraktijkStatus, Rol
from leerateliers.services import deelname_end, deelname_set_rol

pytestmark = pytest.mark.django_db


def _lines(html, heading_id, item_class):
    section = html[html.index(f'id="{heading_id}"') :]
    section = section[: section.index("</section>")]
    items = re.findall(rf'<(?:li|tr) class="{item_class}">(.*?)</(?:li|tr)>', section, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def timeline(response):
    """The timeline's entries as a reader sees them: "date · kind text"."""
    return _lines(response.content.decode(), "tijdlijn-titel", "timeline__item")


def dag(date):
    return date_format(date, "j F Y")


def test_a_deelname_that_moves_twice_shows_joining_and_both_moves(
    client, ateliers, make_organisatie
):
    armoede = ateliers["armoede"]
    zorgalliantie = make_organisatie("Zorgalliantie")
    today = timezone.localdate()
    first, second, third = (today - datetime.timedelta(days=d) for d in (300, 200, 100))
    deelname_set_rol(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.TRIBUNE, on=first)
    deelname_set_rol(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.ARENA, on=second)
    deelname_set_rol(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.TRIBUNE, on=third)

    assert timeline(client.get(armoede.get_absolute_url())) == [
        f"{dag(third)} · Tribune Zorgalliantie ging van de arena naar de tribune.",
        f"{dag(second)} · Arena Zorgalliantie ging van de tribune naar de arena.",
        f"{dag(first)} · Tribune Zorgalliantie sloot aan op de tribune.",
    ]


def test_leaving_and_coming_back_bijeenkomsten_updates_and_lessen_in_date_order(
    client, ateliers, make_organisatie, make_bijeenkomst, make_update, make_praktijk
):
    armoede = ateliers["armoede"]
    movisie = make_organisatie("Movisie")
    today = timezone.localdate()
    ago = lambda days: today - datetime.timedelta(days=days)  # noqa: E731
    deelname_set_rol(organisatie=movisie, leeratelier=armoede, rol=Rol.ARENA, on=ago(90))
    deelname_end(organisatie=movisie, leeratelier=armoede, on=ago(60))
    deelname_set_rol(organisatie=movisie, leeratelier=armoede, rol=Rol.TRIBUNE, on=ago(30))
    held = make_bijeenkomst("Arenabijeenkomst armoede", days=-20, leeratelier=armoede)
    make_bijeenkomst(
        "Afgelast", days=-15, leeratelier=armoede, status=BijeenkomstStatus.GEANNULEERD
    )
    make_bijeenkomst("Nog niet geweest", days=15, leeratelier=armoede)
    make_update(
        armoede,
        "Podcast over armoede",
        gepubliceerd_at=timezone.now() - datetime.timedelta(days=10),
    )
    praktijk = make_praktijk(armoede, "Verhalenkamer")
    GeleerdeLes.objects.create(praktijk=praktijk, tekst="Niet advies geven.", geleerd_on=ago(5))

    lines = timeline(client.get(armoede.get_absolute_url()))

    assert lines == [
        f"{dag(ago(5))} · Lokale les Niet advies geven.",
        f"{dag(ago(10))} · Tribune-update Podcast over armoede",
        f"{dag(timezone.localdate(held.start_at))} · Arenabijeenkomst Arenabijeenkomst armoede",
        f"{dag(ago(30))} · Tribune Movisie deed weer mee, op de tribune.",
        f"{dag(ago(60))} · Arena Movisie stopte (was in de arena).",
        f"{dag(ago(90))} · Arena Movisie sloot aan in de arena.",
    ]


def test_older_activity_folds_away_and_the_page_stays_within_its_queries(
    client, ateliers, make_organisatie, make_update, django_assert_max_num_queries
):
    armoede = ateliers["armoede"]
    for number in range(14):
        make_update(armoede, f"Update {number}")
    client.get("/")
    with django_assert_max_num_queries(14):
        response = client.get(armoede.get_absolute_url())
    html = response.content.decode()
    assert len(response.context["tijdlijn"]) == 10
    assert "Eerdere activiteit (4 gebeurtenissen)" in html


# --- Coverage per year -----------------------------------------------------------------------


def years(response):
    """Rows of the per-year table: "year cell cell cell cell"."""
    return _lines(response.content.decode(), "jaren-titel", "jaar")


@pytest.fixture
def two_gemeenten(ateliers, make_gemeente, make_praktijk, voorwaarden):
    """Armoede (sociaaleconomische zekerheid, sociale inclusie) ran a praktijk in Heumen from
    2019 to 2020 with a les on sociale empowerment learned in 2020, and one in Wijchen that
    started in 2021 and still runs."""
    armoede = ateliers["armoede"]
    heumen = armoede.gemeenten.get(naam="Heumen")
    wijchen = make_gemeente("Wijchen")
    heumen_praktijk = make_praktijk(
        armoede,
        "Verhalenkamer",
        gemeenten=[heumen],
        start_on=datetime.date(2019, 3, 1),
        end_on=datetime.date(2020, 6, 30),
        status=PraktijkStatus.AFGEROND,
    )
    make_praktijk(armoede, "Zakgeld", gemeenten=[wijchen], start_on=datetime.date(2021, 1, 1))
    les = GeleerdeLes.objects.create(
        praktijk=heumen_praktijk, tekst="Luister eerst.", geleerd_on=datetime.date(2020, 5, 1)
    )
    les.voorwaarden.set([voorwaarden["sociale-empowerment"]])
    return {"heumen": heumen, "wijchen": wijchen}


def test_coverage_per_year_counts_running_praktijken_and_lessen_learned(
    client, two_gemeenten, django_assert_max_num_queries
):
    this_year = timezone.localdate().year
    client.get("/")
    with django_assert_max_num_queries(14):
        response = client.get("/sociale-kwaliteit/")
    rows = years(response)
    # Columns in the order of the voorwaarden.
    order = [v.naam for v in response.context["matrix_voorwaarden"]]
    assert order == [
        "Sociaaleconomische zekerheid",
        "Sociale inclusie",
        "Sociale cohesie",
        "Sociale empowerment",
    ]
    running = "1 praktijk 0 lessen 1 praktijk 0 lessen 0 praktijken 0 lessen 0 praktijken 0 lessen"
    assert rows == [
        *(f"{year} {running}" for year in range(this_year, 2020, -1)),
        "2020 1 praktijk 0 lessen 1 praktijk 0 lessen 0 praktijken 0 lessen 1 praktijk 1 les",
        "2019 1 praktijk 0 lessen 1 praktijk 0 lessen 0 praktijken 0 lessen 1 praktijk 0 lessen",
    ]


def test_coverage_per_year_for_one_gemeente(client, two_gemeenten, ateliers, voorwaarden):
    armoede = ateliers["armoede"]
    zakgeld = armoede.praktijken.get(titel="Zakgeld")
    lokaal = GeleerdeLes.objects.create(
        praktijk=zakgeld, tekst="Kinderen weten veel.", geleerd_on=datetime.date(2022, 2, 1)
    )
    regionaal = GeleerdeLes.objects.create(
        leeratelier=armoede,
        niveau=Niveau.REGIONAAL,
        tekst="Betrek kinderen overal.",
        geleerd_on=datetime.date(2022, 9, 1),
    )
    regionaal.bronnen.set([lokaal])
    regionaal.voorwaarden.set([voorwaarden["sociale-cohesie"]])

    response = client.get("/sociale-kwaliteit/", {"gemeente": "wijchen"})
    rows = years(response)
    assert "in Wijchen" in response.content.decode()
    assert rows[-1].startswith("2021 1 praktijk")
    # The regional les took up a les from Wijchen: it counts there, under sociale cohesie.
    assert (
        "2022 1 praktijk 0 lessen 1 praktijk 0 lessen 0 praktijken 1 les 0 praktijken 0 lessen"
        in rows
    )
    assert not any(row.startswith(("2020", "2019")) for row in rows)

    response = client.get("/sociale-kwaliteit/", {"gemeente": "heumen"})
    assert [row.split()[0] for row in years(response)] == ["2020", "2019"]


def test_an_unknown_gemeente_gets_a_dutch_message_and_the_whole_region(client, two_gemeenten):
    response = client.get("/sociale-kwaliteit/", {"gemeente": "<script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een gemeente uit de lijst." in html
    assert "hele regio" in html
    assert [row.split()[0] for row in years(response)][-2:] == ["2020", "2019"]


def test_a_move_taken_back_the_same_day_leaves_no_trace(client, ateliers, make_organisatie):
    armoede = ateliers["armoede"]
    zorgalliantie = make_organisatie("Zorgalliantie")
    start = timezone.localdate() - datetime.timedelta(days=50)
    deelname_set_rol(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.ARENA, on=start)
    deelname_set_rol(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.TRIBUNE)
    deelname_set_rol(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.ARENA)

    rows = list(armoede.deelnames.values_list("rol", "sinds", "tot"))
    assert rows == [(Rol.ARENA, start, None)]
    assert timeline(client.get(armoede.get_absolute_url())) == [
        f"{dag(start)} · Arena Zorgalliantie sloot aan in de arena."
    ]


def test_a_praktijk_still_to_start_counts_in_no_year_and_an_ancient_date_is_refused(
    client, ateliers, make_praktijk
):
    armoede = ateliers["armoede"]
    later = timezone.localdate() + datetime.timedelta(days=400)
    make_praktijk(armoede, "Nog niet begonnen", start_on=later, status=PraktijkStatus.GEPLAND)
    assert years(client.get("/sociale-kwaliteit/")) == []

    praktijk = make_praktijk(armoede, "Tikfout")
    praktijk.start_on = datetime.date(1, 1, 1)
    with pytest.raises(ValidationError) as error:
        praktijk.full_clean()
    assert error.value.message_dict["start_on"] == ["Kies een datum vanaf 1 januari 2000."]
