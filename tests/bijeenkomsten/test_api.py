"""Bijeenkomsten in the read-only API: what their pages show, the page's filters and order;
never a registration, a registrant or the online link."""

import datetime
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from bijeenkomsten.models import Status, VerslagBijlage

from .conftest import amsterdam

pytestmark = pytest.mark.django_db

API = "/api/v1/bijeenkomsten/"
ONLINE = "https://meet.example/geheime-kamer"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def slugs(rows):
    return [row["slug"] for row in rows]


@pytest.fixture
def agenda(make_bijeenkomst, make_leeratelier, make_gemeente, make_persoon):
    """Two coming bijeenkomsten (one of them online too, with a speaker), one cancelled, two
    past ones (one with a verslag)."""
    armoede = make_leeratelier("Armoede en schulden")
    nijmegen = make_gemeente("Nijmegen")
    return {
        "arena": make_bijeenkomst(
            "Arena armoede",
            days=10,
            leeratelier=armoede,
            gemeente=nijmegen,
            locatie="Fort Lent",
            online_link=ONLINE,
            capaciteit=2,
            beschrijving="We **praten** samen.",
        ),
        "tribune": make_bijeenkomst("Tribune", days=20, soort="tribunebijeenkomst"),
        "afgelast": make_bijeenkomst(
            "Afgelast",
            days=15,
            status=Status.GEANNULEERD,
            annulering_reden="De zaal is dicht.",
            leeratelier=armoede,
        ),
        "voorbij": make_bijeenkomst(
            "Voorbij met verslag",
            days=-30,
            gemeente=nijmegen,
            verslag="We bespraken **wat werkt**.",
            capaciteit=5,
        ),
        "lang_geleden": make_bijeenkomst("Lang geleden", days=-300, leeratelier=armoede),
        "spreker": make_persoon("Maritza Gerritsen", email="m.gerritsen@example.nl"),
    }


def test_a_coming_bijeenkomst_shows_what_its_page_shows(client, agenda, register, make_user):
    arena = agenda["arena"]
    arena.sprekers.add(agenda["spreker"])
    register(arena, naam="Gast Jansen", email="gast@example.nl", organisatie="Buurtteam")
    response = client.get(f"{API}{arena.slug}/")
    assert response.status_code == 200
    data = response.json()
    assert data["api_url"] == f"http://testserver{API}{arena.slug}/"
    assert data["url"] == f"http://testserver/bijeenkomsten/{arena.slug}/"
    assert (data["titel"], data["soort"], data["soort_naam"]) == (
        "Arena armoede",
        "arenabijeenkomst",
        "Arenabijeenkomst",
    )
    assert data["leeratelier"] == {
        "slug": "armoede-en-schulden",
        "titel": "Armoede en schulden",
        "url": "http://testserver/leerateliers/armoede-en-schulden/",
    }
    assert data["beschrijving"] == "We **praten** samen."
    assert data["start_at"] == timezone.localtime(arena.start_at).isoformat()
    assert data["end_at"] == timezone.localtime(arena.end_at).isoformat()
    assert (data["status"], data["annulering_reden"], data["is_voorbij"]) == ("gepland", "", False)
    assert (data["locatie"], data["adres"]) == ("Fort Lent", "Kapittelweg 33, Nijmegen")
    assert data["gemeente"]["slug"] == "nijmegen"
    assert data["is_online"] is True
    assert data["sprekers"] == [
        {
            "slug": "maritza-gerritsen",
            "naam": "Maritza Gerritsen",
            "url": "http://testserver/personen/maritza-gerritsen/",
        }
    ]
    assert data["aanmelden"] == {
        "capaciteit": 2,
        "plaatsen_vrij": 1,
        "is_vol": False,
        "aantal_wachtlijst": None,
        "kan_tot": timezone.localtime(arena.start_at).isoformat(),
        "is_open": True,
    }
    assert data["ics"] == f"http://testserver/bijeenkomsten/{arena.slug}/agenda.ics"
    assert (data["verslag"], data["bijlagen"]) == ("", [])


def test_times_carry_the_dutch_offset_in_winter_and_summer(client, make_bijeenkomst):
    winter = make_bijeenkomst("Winter", start_at=amsterdam(2030, 1, 15, 14))
    zomer = make_bijeenkomst("Zomer", start_at=amsterdam(2030, 7, 15, 14))
    assert client.get(f"{API}{winter.slug}/").json()["start_at"] == "2030-01-15T14:00:00+01:00"
    assert client.get(f"{API}{zomer.slug}/").json()["start_at"] == "2030-07-15T14:00:00+02:00"


def test_a_full_one_says_how_many_wait_and_nobody_who(client, agenda, register, make_user):
    arena = agenda["arena"]
    register(arena, user=make_user("eerste@example.nl"))
    register(arena, naam="Gast Jansen", email="gast@example.nl", organisatie="Buurtteam")
    register(arena, user=make_user("wachtend@example.nl"))
    response = client.get(f"{API}{arena.slug}/")
    aanmelden = response.json()["aanmelden"]
    assert (aanmelden["plaatsen_vrij"], aanmelden["is_vol"], aanmelden["aantal_wachtlijst"]) == (
        0,
        True,
        1,
    )
    content = response.content.decode()
    assert not EMAIL.search(content)
    assert "Gast Jansen" not in content and "Buurtteam" not in content


def test_the_online_link_is_never_given_not_even_to_someone_with_a_seat(
    agenda, register, make_user
):
    user = make_user("zit@example.nl")
    register(agenda["arena"], user=user)
    client = Client()
    client.force_login(user)  # the API knows no sessions: everybody is anonymous
    page = client.get(agenda["arena"].get_absolute_url()).content.decode()
    assert ONLINE in page  # the page gives it to those with a seat
    for path in (API, f"{API}{agenda['arena'].slug}/"):
        response = client.get(path)
        assert response.status_code == 200
        assert ONLINE not in response.content.decode()
        assert "meet.example" not in response.content.decode()


def test_a_cancelled_one_says_why_and_offers_no_places(client, agenda):
    data = client.get(f"{API}{agenda['afgelast'].slug}/").json()
    assert (data["status"], data["status_naam"]) == ("geannuleerd", "Geannuleerd")
    assert data["annulering_reden"] == "De zaal is dicht."
    assert data["aanmelden"] is None


def test_a_past_one_has_its_verslag_and_files_and_no_places(client, agenda):
    voorbij = agenda["voorbij"]
    bijlage = VerslagBijlage.objects.create(
        bijeenkomst=voorbij, titel="Dia's", bestand=ContentFile(b"%PDF-1.4\n", name="dias.pdf")
    )
    response = client.get(f"{API}{voorbij.slug}/")
    assert response.status_code == 200  # found by its slug, although the list shows what comes
    data = response.json()
    assert data["is_voorbij"] is True
    assert data["aanmelden"] is None
    assert data["verslag"] == "We bespraken **wat werkt**."
    assert data["bijlagen"] == [
        {"titel": "Dia's", "bestand": f"http://testserver{bijlage.bestand.url}", "soort": "PDF"}
    ]


def test_a_verslag_is_not_shown_before_the_bijeenkomst_is_over(client, make_bijeenkomst):
    komend = make_bijeenkomst("Nog niet", days=3, verslag="Alvast geschreven.")
    data = client.get(f"{API}{komend.slug}/").json()
    assert (data["verslag"], data["bijlagen"]) == ("", [])


def test_the_list_has_what_comes_first_and_the_archive_the_latest_first(client, agenda):
    assert slugs(client.get(API).json()["results"]) == [
        agenda["arena"].slug,
        agenda["afgelast"].slug,
        agenda["tribune"].slug,
    ]
    archief = client.get(API, {"periode": "archief"}).json()["results"]
    assert slugs(archief) == [agenda["voorbij"].slug, agenda["lang_geleden"].slug]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"periode": "archief"},
        {"soort": "tribunebijeenkomst"},
        {"leeratelier": "armoede-en-schulden"},
        {"leeratelier": "armoede-en-schulden", "periode": "archief"},
        {"gemeente": "nijmegen", "periode": "archief"},
    ],
)
def test_filters_give_the_rows_of_the_page_in_its_order(client, agenda, query):
    page = client.get("/bijeenkomsten/", query)
    assert page.status_code == 200
    api = client.get(API, query)
    assert api.status_code == 200
    assert slugs(api.json()["results"]) == [row.slug for row in page.context["object_list"]]


def test_a_wrong_filter_value_is_a_problem(client, agenda):
    response = client.get(API, {"gemeente": "atlantis"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["invalidParams"][0]["name"] == "gemeente"


def test_an_unknown_slug_is_a_problem(client, agenda):
    response = client.get(f"{API}bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["title"] == "Niet gevonden"


def test_no_registration_and_no_email_address_anywhere(client, agenda, register, make_user):
    register(agenda["arena"], user=make_user("iemand@example.nl"))
    register(agenda["tribune"], naam="Gast", email="gast@example.nl", organisatie="Wijkteam")
    agenda["arena"].sprekers.add(agenda["spreker"])  # a public address on their profile
    for query in ({}, {"periode": "archief"}):
        content = client.get(API, query).content.decode()
        assert not EMAIL.search(content), EMAIL.search(content)
        assert "aanmeldingen" not in content and "Wijkteam" not in content


def test_queries_are_pinned_and_do_not_grow_with_the_rows(
    client,
    agenda,
    register,
    make_user,
    make_bijeenkomst,
    make_persoon,
    make_leeratelier,
    make_gemeente,
    django_assert_num_queries,
):
    # count, page (with the counts of seats and the queue), then bijlagen and sprekers
    with django_assert_num_queries(4):
        assert len(client.get(API).json()["results"]) == 3
    for number in range(4):
        bijeenkomst = make_bijeenkomst(
            days=40 + number,
            capaciteit=1,
            leeratelier=make_leeratelier(),
            gemeente=make_gemeente(),
        )
        bijeenkomst.sprekers.add(make_persoon(), make_persoon())
        register(bijeenkomst, user=make_user())
        register(bijeenkomst, user=make_user())
        verleden = make_bijeenkomst(days=-10 - number, verslag="Verslag.")
        VerslagBijlage.objects.create(
            bijeenkomst=verleden, titel="Dia's", bestand=ContentFile(b"%PDF-1.4\n", name="d.pdf")
        )
    with django_assert_num_queries(4):
        assert len(client.get(API).json()["results"]) == 7
    with django_assert_num_queries(4):
        assert len(client.get(API, {"periode": "archief"}).json()["results"]) == 6
    with django_assert_num_queries(3):  # no count
        assert client.get(f"{API}{agenda['arena'].slug}/").status_code == 200


def test_a_bijeenkomst_of_long_ago_is_still_found(client, make_bijeenkomst):
    oud = make_bijeenkomst("Oud", start_at=amsterdam(2019, 3, 1), hours=3)
    assert client.get(f"{API}{oud.slug}/").json()["end_at"] == (
        timezone.localtime(oud.start_at + datetime.timedelta(hours=3)).isoformat()
    )
