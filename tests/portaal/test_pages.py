"""What visitors see on the network-core pages, and what those pages cost in queries."""

import pytest
from django.test import Client

from werkplaats.models import Profiel, Soort, Voorwaarde

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(make_gemeente, make_organisatie, make_persoon, make_thema):
    nijmegen = make_gemeente("Nijmegen", cbs_code="GM0268")
    heumen = make_gemeente("Heumen", cbs_code="GM0252")
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen", soort=Soort.HOGESCHOOL)
    lectoraat = make_organisatie(
        "Lectoraat Versterken van Sociale Kwaliteit", soort=Soort.LECTORAAT, onderdeel_van=han
    )
    make_organisatie("Gemeente Nijmegen", soort=Soort.GEMEENTE, gemeente=nijmegen)
    make_organisatie("Gemeente Heumen", soort=Soort.GEMEENTE, gemeente=heumen)
    make_organisatie("ROC Nijmegen", soort=Soort.MBO, gemeente=nijmegen)
    lector = make_persoon(
        "Lisbeth Verharen", functie="lector", organisatie=lectoraat, email="l.v@example.nl"
    )
    make_thema("Eenzaamheid", voorwaarden=Voorwaarde.objects.filter(slug="sociale-cohesie"))
    Profiel.objects.create(regio="Arnhem en Nijmegen", lectoraat=lectoraat, contactpersoon=lector)
    return {"nijmegen": nijmegen, "heumen": heumen, "han": han, "lector": lector}


def add_more_network(network, make_gemeente, make_organisatie, make_persoon, make_thema, count=5):
    """More rows on every page: gemeenten, partners in Nijmegen and parts of the HAN, personen."""
    for _ in range(count):
        make_gemeente()
        organisatie = make_organisatie(gemeente=network["nijmegen"], onderdeel_van=network["han"])
        make_persoon(organisatie=organisatie)
        make_persoon(organisatie=network["han"])
        make_thema(voorwaarden=Voorwaarde.objects.all())


def test_home_shows_the_voorwaarden_werkgebied_and_contact(client, network):
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    for voorwaarde in Voorwaarde.objects.all():
        assert voorwaarde.naam in content
    assert 'href="/gemeenten/heumen/"' in content
    assert "l.v@example.nl" in content
    assert "Bekijk alle 5 netwerkpartners" in content


def test_partners_can_be_filtered_by_gemeente_and_soort(client, network):
    response = client.get("/partners/", {"gemeente": "nijmegen"})
    names = [organisatie.naam for organisatie in response.context["object_list"]]
    assert names == ["Gemeente Nijmegen", "ROC Nijmegen"]
    assert "2 partners gevonden" in response.content.decode()

    response = client.get("/partners/", {"gemeente": "nijmegen", "soort": "mbo"})
    assert [o.naam for o in response.context["object_list"]] == ["ROC Nijmegen"]


def test_an_unknown_filter_value_gets_a_dutch_error_not_a_500(client, network):
    response = client.get("/partners/", {"gemeente": "atlantis", "soort": "bank"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in content
    assert "0 partners gevonden" in content


def test_partner_page_shows_its_parts_and_contacts(client, network):
    content = client.get(network["han"].get_absolute_url()).content.decode()
    assert "Lectoraat Versterken van Sociale Kwaliteit" in content
    lectoraat_page = client.get("/partners/lectoraat-versterken-van-sociale-kwaliteit/")
    assert "Lisbeth Verharen" in lectoraat_page.content.decode()
    assert "Onderdeel van" in lectoraat_page.content.decode()


def test_gemeente_page_lists_its_partners(client, network):
    content = client.get("/gemeenten/nijmegen/").content.decode()
    assert "ROC Nijmegen" in content and "Gemeente Heumen" not in content
    assert "GM0268" in content


def test_persoon_page_shows_function_organisation_and_public_email(client, network):
    content = client.get(network["lector"].get_absolute_url()).content.decode()
    assert "lector" in content
    assert 'href="mailto:l.v@example.nl"' in content
    assert "Hogeschool van Arnhem en Nijmegen" in content


def test_voorwaarde_page_lists_its_themas(client, network):
    content = client.get("/sociale-kwaliteit/sociale-cohesie/").content.decode()
    assert "Eenzaamheid" in content
    assert "Voorwaarde 3 van 4" in content


PAGES = [
    ("/", 7),  # with the next bijeenkomsten
    # with the matrices of leerateliers and praktijken, and the coverage per year
    ("/sociale-kwaliteit/", 10),  # and the quick scans published by gemeenten
    ("/sociale-kwaliteit/sociale-cohesie/", 5),  # with its publicaties and lessen (none here)
    ("/themas/", 1),
    ("/themas/eenzaamheid/", 4),  # with its publicaties and lessen (none here)
    ("/gemeenten/", 1),
    ("/gemeenten/nijmegen/", 7),  # its network (none here), roles, bijeenkomsten, quick scan
    ("/partners/", 3),
    ("/partners/?gemeente=nijmegen&soort=gemeente", 4),
    ("/partners/hogeschool-van-arnhem-en-nijmegen/", 5),
    ("/personen/", 1),
    ("/personen/lisbeth-verharen/", 6),  # with their coming and earlier bijeenkomsten
]


@pytest.mark.parametrize(("path", "queries"), PAGES)
def test_query_count_does_not_grow_with_the_network(
    path,
    queries,
    network,
    django_assert_num_queries,
    make_gemeente,
    make_organisatie,
    make_persoon,
    make_thema,
):
    client = Client()
    client.get("/")  # the site profile, read once and then cached
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    add_more_network(network, make_gemeente, make_organisatie, make_persoon, make_thema)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
