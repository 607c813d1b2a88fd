"""/mijn/reacties/: a trekker sees the reactions about the leerateliers they lead (with their
praktijken and publicaties), newest first, by status, and moves them along; nobody else can
see or change them, also not by changing ids. The admin shows them all."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from reacties import services
from reacties.models import Reactie, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_reactie(verklaring):
    """A reaction about ``doel`` as the site stores it (emails kept in the outbox, unsent)."""

    def make(doel, *, soort=None, naam="Anna de Boer", days_ago=0, **fields):
        from reacties.models import Soort

        return services.reactie_create(
            doel=doel,
            soort=soort or Soort.voor(doel)[0],
            naam=naam,
            email=fields.pop("email", "anna@example.nl"),
            bericht=fields.pop("bericht", f"Een bericht van {naam}."),
            now=timezone.now() - datetime.timedelta(days=days_ago),
            **fields,
        )

    return make


def test_the_list_needs_a_login(client):
    response = client.get("/mijn/reacties/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/mijn/reacties/"


def test_a_trekker_sees_the_reactions_about_their_atelier_its_praktijken_and_publicaties(
    client, world, make_praktijk, make_publicatie, make_reactie
):
    praktijk = make_praktijk(world.a, titel="Verhalenkamer")
    spel = make_publicatie("Kletsborden", soort="spel", relations={"leerateliers": [world.a]})
    make_reactie(world.a, naam="Eerste", days_ago=3)
    make_reactie(praktijk, naam="Tweede", days_ago=2)
    make_reactie(spel, naam="Derde", days_ago=1)
    make_reactie(world.b, naam="Van een ander atelier")

    client.force_login(world.trekker)
    html = client.get("/mijn/reacties/").content.decode()
    assert "Van een ander atelier" not in html
    # Newest first, each with what it is about.
    assert html.index("Derde") < html.index("Tweede") < html.index("Eerste")
    assert 'Spel bestellen — <a href="/publicaties/kletsborden/">Kletsborden</a>' in html
    assert f"Lerende praktijk van {world.a.titel}" in html
    assert 'href="mailto:anna@example.nl"' in html
    assert "Alle (3)" in html and "Nieuw (3)" in html and "Afgerond (0)" in html


def test_the_trekker_of_the_other_atelier_sees_only_theirs(client, world, make_reactie):
    make_reactie(world.a, naam="Voor Carinda")
    make_reactie(world.b, naam="Voor Joos")
    client.force_login(world.trekker_b)
    html = client.get("/mijn/reacties/").content.decode()
    assert "Voor Joos" in html and "Voor Carinda" not in html


def test_a_trekker_moves_a_reaction_along_and_filters_by_status(client, world, make_reactie):
    eerste = make_reactie(world.a, naam="Eerste")
    make_reactie(world.a, naam="Tweede")
    client.force_login(world.trekker)

    response = client.post(
        f"/mijn/reacties/{eerste.pk}/status/",
        {"status": "in-behandeling", "next": "/mijn/reacties/?status=nieuw"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/mijn/reacties/?status=nieuw#reactie-{eerste.pk}"
    eerste.refresh_from_db()
    assert eerste.status == Status.IN_BEHANDELING
    assert eerste.behandeld_door == world.trekker and eerste.behandeld_at is not None

    html = client.get("/mijn/reacties/?status=nieuw").content.decode()
    assert "De reactie van Eerste staat nu op ‘in behandeling’." in html  # after the change
    assert "Een bericht van Tweede." in html and "Een bericht van Eerste." not in html
    html = client.get("/mijn/reacties/?status=in-behandeling").content.decode()
    assert "Een bericht van Eerste." in html and "Een bericht van Tweede." not in html
    html = client.get("/mijn/reacties/?status=afgerond").content.decode()
    assert "Er zijn geen reacties met deze status." in html


def test_a_bad_status_or_next_changes_nothing_and_stays_on_the_site(client, world, make_reactie):
    reactie = make_reactie(world.a)
    client.force_login(world.trekker)
    response = client.post(
        f"/mijn/reacties/{reactie.pk}/status/",
        {"status": "weggegooid", "next": "https://example.com/"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == f"/mijn/reacties/#reactie-{reactie.pk}"
    assert "Kies een status uit de lijst." in response.content.decode()
    reactie.refresh_from_db()
    assert reactie.status == Status.NIEUW
    assert client.get("/mijn/reacties/?status=weggegooid").status_code == 200


def test_the_trekker_of_another_atelier_cannot_change_a_reaction_even_with_changed_ids(
    client, world, make_praktijk, make_publicatie, make_reactie
):
    praktijk = make_praktijk(world.a)
    rapport = make_publicatie(soort="methodiek", relations={"leerateliers": [world.a]})
    reacties = [make_reactie(world.a), make_reactie(praktijk), make_reactie(rapport)]
    client.force_login(world.trekker_b)
    for reactie in reacties:
        response = client.post(f"/mijn/reacties/{reactie.pk}/status/", {"status": "afgerond"})
        assert response.status_code == 404
    assert client.post("/mijn/reacties/99999/status/", {"status": "afgerond"}).status_code == 404
    assert set(Reactie.objects.values_list("status", flat=True)) == {Status.NIEUW}


@pytest.mark.parametrize("who", ["partner", "stranger"])
def test_who_leads_no_atelier_sees_no_reactions_and_changes_none(client, world, who, make_reactie):
    reactie = make_reactie(world.a, naam="Geheim")
    client.force_login(getattr(world, who))
    html = client.get("/mijn/reacties/").content.decode()
    assert "Je trekt geen leeratelier." in html and "Geheim" not in html
    response = client.post(f"/mijn/reacties/{reactie.pk}/status/", {"status": "afgerond"})
    assert response.status_code == 404
    assert "Reacties van bezoekers" not in client.get("/mijn/").content.decode()


def test_the_status_change_is_a_post_with_a_csrf_token(world, make_reactie):
    from django.test import Client

    reactie = make_reactie(world.a)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.trekker)
    assert browser.get(f"/mijn/reacties/{reactie.pk}/status/").status_code == 405
    response = browser.post(f"/mijn/reacties/{reactie.pk}/status/", {"status": "afgerond"})
    assert response.status_code == 403
    reactie.refresh_from_db()
    assert reactie.status == Status.NIEUW


def test_the_dashboard_links_a_trekker_to_the_list_with_the_number_of_new_ones(
    client, world, make_reactie
):
    make_reactie(world.a)
    make_reactie(world.a, email="bert@example.nl")
    afgerond = make_reactie(world.a, email="cor@example.nl")
    services.reactie_status_set(reactie=afgerond, status=Status.AFGEROND, door=world.trekker)
    make_reactie(world.b)
    client.force_login(world.trekker)
    html = client.get("/mijn/").content.decode()
    assert '<a href="/mijn/reacties/">Reacties van bezoekers</a>' in html
    assert "· 2 nieuw" in html


# --- Query counts ----------------------------------------------------------------------------

# Session, user, the user's permissions (2), the counts per status and the page of reactions.
QUERIES_LIST = 6


def test_the_list_costs_the_same_queries_however_many_reactions(
    client,
    world,
    make_praktijk,
    make_publicatie,
    make_gemeente,
    make_reactie,
    django_assert_num_queries,
):
    client.force_login(world.trekker)
    client.get("/mijn/reacties/")  # the first request renews the session's idle period
    make_reactie(world.a)
    with django_assert_num_queries(QUERIES_LIST):
        client.get("/mijn/reacties/")
    praktijk = make_praktijk(world.a)
    spel = make_publicatie(soort="spel", relations={"leerateliers": [world.a, world.b]})
    for number in range(8):
        for doel in (world.a, praktijk, spel):
            make_reactie(doel, email=f"bezoeker{number}@example.nl", gemeente=make_gemeente())
    with django_assert_num_queries(QUERIES_LIST):
        response = client.get("/mijn/reacties/")
    assert response.content.decode().count('class="item reactie"') == 20  # one page
    with django_assert_num_queries(QUERIES_LIST):
        response = client.get("/mijn/reacties/?status=nieuw&page=2")
    assert response.content.decode().count('class="item reactie"') == 5


def test_the_dashboard_counts_the_new_reactions_without_a_query_of_its_own(
    client, world, make_reactie
):
    client.force_login(world.trekker)
    client.get("/mijn/")  # the first request renews the session's idle period
    with CaptureQueriesContext(connection) as without:
        html = client.get("/mijn/").content.decode()
    assert "· 0 nieuw" in html
    for number in range(5):
        make_reactie(world.a, email=f"bezoeker{number}@example.nl")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/mijn/").content.decode()
    assert "· 5 nieuw" in html
    assert len(queries) == len(without) <= 15
    print(f"\n/mijn/ for a trekker: {len(queries)} queries")


# --- The admin -------------------------------------------------------------------------------


@pytest.fixture
def staff(client, world):
    client.force_login(world.beheerder)
    return client


def test_the_admin_lists_every_reaction_with_filters_search_and_dates(staff, world, make_reactie):
    make_reactie(world.a, naam="Anna de Boer")
    make_reactie(world.b, naam="Bert Jansen", email="bert@example.nl")
    html = staff.get("/beheer/reacties/reactie/").content.decode()
    assert "Anna de Boer" in html and "Bert Jansen" in html
    html = staff.get("/beheer/reacties/reactie/?q=bert%40example").content.decode()
    assert "Bert Jansen" in html and "Anna de Boer" not in html
    assert staff.get("/beheer/reacties/reactie/?status__exact=afgerond").status_code == 200
    year = timezone.localdate().year
    assert staff.get(f"/beheer/reacties/reactie/?aangemaakt_at__year={year}").status_code == 200
    assert staff.get("/beheer/reacties/reactie/add/").status_code == 403


def test_each_status_in_the_admin_list_is_named_after_its_reaction(staff, world, make_reactie):
    """A list's cells have no label: each select says whose status it is (WCAG 4.1.2)."""
    reactie = make_reactie(world.a, naam="Anna de Boer")
    html = staff.get("/beheer/reacties/reactie/").content.decode()
    assert f'aria-label="{escape(f"Status van “{reactie}”")}"' in html


def test_changing_the_status_in_the_admin_goes_through_the_same_service(staff, world, make_reactie):
    reactie = make_reactie(world.a)
    page = staff.get(f"/beheer/reacties/reactie/{reactie.pk}/change/")
    assert page.status_code == 200
    response = staff.post(f"/beheer/reacties/reactie/{reactie.pk}/change/", {"status": "afgerond"})
    assert response.status_code == 302
    reactie.refresh_from_db()
    assert reactie.status == Status.AFGEROND
    assert reactie.behandeld_door == world.beheerder and reactie.behandeld_at is not None


def test_the_programmacommissie_may_follow_reactions_up(world):
    from django.contrib.auth.models import Group

    permissions = set(
        Group.objects.get(name="Programmacommissie").permissions.values_list("codename", flat=True)
    )
    assert {"view_reactie", "change_reactie", "delete_reactie"} <= permissions
    assert "add_reactie" not in permissions
