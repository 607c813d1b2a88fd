"""/personen/: every public contact of the network, by achternaam, reachable by links."""

import pytest
from django.test import Client

from werkplaats.models import Soort

pytestmark = pytest.mark.django_db


@pytest.fixture
def personen(make_organisatie, make_persoon):
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen", soort=Soort.HOGESCHOOL)
    return {
        "zwart": make_persoon("Anna Zwart"),
        "berg": make_persoon("Jan van der Berg", functie="onderzoeker", organisatie=han),
        "bruijn": make_persoon("Piet de Bruijn", functie="lector"),
        "aalders": make_persoon("Émile Aalders", organisatie=han),
    }


def test_personen_page_lists_everyone_by_achternaam_with_functie_and_organisatie(client, personen):
    response = client.get("/personen/")
    content = response.content.decode().split("<main")[1]
    assert response.status_code == 200
    assert "<h1>Personen</h1>" in content
    assert "4 personen, op achternaam" in content
    order = ["Émile Aalders", "Jan van der Berg", "Piet de Bruijn", "Anna Zwart"]
    positions = [content.index(naam) for naam in order]
    assert positions == sorted(positions)
    for persoon in personen.values():
        assert f'href="{persoon.get_absolute_url()}"' in content
    assert "onderzoeker" in content and "lector" in content
    assert 'href="/partners/hogeschool-van-arnhem-en-nijmegen/"' in content


def test_the_personen_page_is_linked_from_the_partners_page_and_every_persoon_page(
    client, personen
):
    assert 'href="/personen/"' in client.get("/partners/").content.decode()
    persoon_page = client.get(personen["berg"].get_absolute_url()).content.decode()
    breadcrumbs = persoon_page.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert '<a href="/personen/">Personen</a>' in breadcrumbs


def test_personen_page_says_so_when_there_is_nobody_yet(client):
    content = client.get("/personen/").content.decode()
    assert "Er staan nog geen personen op de site." in content


def test_personen_page_costs_the_same_queries_with_4_and_with_40_personen(
    personen, make_persoon, make_organisatie, django_assert_num_queries
):
    client = Client()
    assert client.get("/personen/").status_code == 200  # the profile into the cache
    # One query: the personen with their organisaties.
    with django_assert_num_queries(1):
        assert client.get("/personen/").status_code == 200
    for _ in range(36):
        make_persoon(organisatie=make_organisatie(), functie="trekker")
    with django_assert_num_queries(1):
        response = client.get("/personen/")
    assert len(response.context["personen"]) == 40
