"""/zoeken/ also finds the network (netwerkpartners, gemeenten, personen, thema's) and the
kwesties of the kennisagenda, each linking to its page or its place on the agenda."""

import datetime

import pytest
from django.test import Client

from kennisagenda.models import Agendapunt, AgendaStatus, Kennisagenda, Kwestie, KwestieStatus
from werkplaats.models import Soort

pytestmark = pytest.mark.django_db


def found(client, text):
    """``{label: [(text, href), …]}`` of the result groups for ``text``."""
    response = client.get("/zoeken/", {"q": text})
    assert response.status_code == 200
    return {
        label: sorted((str(row), row.get_absolute_url()) for row in rows)
        for label, _kind, rows in response.context["groups"]
    }


def agenda(slug, status, year):
    dates = {"vastgesteld_on": datetime.date(year, 1, 1)} if status != AgendaStatus.CONCEPT else {}
    return Kennisagenda.objects.create(
        titel=f"Kennisagenda {slug}",
        slug=slug,
        status=status,
        periode_van=datetime.date(year, 1, 1),
        **dates,
    )


@pytest.fixture
def kwesties():
    """A current agenda, an archived one and a concept, with a kwestie on each; a lapsed one."""
    huidig = agenda("2020", AgendaStatus.VASTGESTELD, 2020)
    vorig = agenda("2016", AgendaStatus.GEARCHIVEERD, 2016)
    concept = agenda("2025", AgendaStatus.CONCEPT, 2025)
    rows = {
        "huidig": Kwestie.objects.create(naam="Armoede en schulden in de wijk"),
        "vorig": Kwestie.objects.create(naam="Schulden bij jongeren", beschrijving="Vroeg erbij."),
        "concept": Kwestie.objects.create(naam="Geheime schulden", beschrijving="Nog niet af."),
        "vervallen": Kwestie.objects.create(
            naam="Schuldhulp op het platteland", status=KwestieStatus.VERVALLEN
        ),
    }
    Agendapunt.objects.create(agenda=vorig, kwestie=rows["huidig"])
    Agendapunt.objects.create(agenda=huidig, kwestie=rows["huidig"])
    Agendapunt.objects.create(agenda=vorig, kwestie=rows["vorig"])
    Agendapunt.objects.create(agenda=concept, kwestie=rows["concept"])
    return rows


def test_search_finds_netwerkpartners_gemeenten_personen_and_themas(
    client, make_organisatie, make_gemeente, make_persoon, make_thema
):
    heumen = make_gemeente("Heumen", toelichting="Werkt aan eenzaamheid met Krachtige Kernen.")
    kernen = make_organisatie(
        "Krachtige Kernen", soort=Soort.SAMENWERKING, gemeente=heumen, beschrijving="In de regio."
    )
    make_persoon("Sanne Kern", functie="contactpersoon", organisatie=kernen)
    make_thema("Krachtige kernen in dorpen", beschrijving="Voorzieningen in kleine kernen.")
    make_organisatie("Zorgalliantie")

    groups = found(client, "Krachtige Kernen")

    assert groups == {
        "Netwerkpartners": [("Krachtige Kernen", "/partners/krachtige-kernen/")],
        "Gemeenten": [("Heumen", "/gemeenten/heumen/")],
        "Thema's": [("Krachtige kernen in dorpen", "/themas/krachtige-kernen-in-dorpen/")],
    }
    assert found(client, "contactpersoon") == {
        "Personen": [("Sanne Kern", "/personen/sanne-kern/")]
    }
    page = client.get("/zoeken/", {"q": "Krachtige Kernen"}).content.decode().split("<main")[1]
    for heading in ("Netwerkpartners", "Gemeenten", "Thema&#x27;s"):
        assert f">{heading}</h2>" in page
    assert 'href="/partners/krachtige-kernen/"' in page
    assert "Samenwerkingsverband · Heumen" in page


def test_search_finds_public_kwesties_and_links_to_their_place_on_the_agenda(client, kwesties):
    groups = found(client, "schulden")
    assert groups == {
        "Kwesties op de kennisagenda": [
            (
                "Armoede en schulden in de wijk",
                "/kennisagenda/#kwestie-armoede-en-schulden-in-de-wijk",
            ),
            ("Schulden bij jongeren", "/kennisagenda/2016/#kwestie-schulden-bij-jongeren"),
        ]
    }
    assert found(client, "schuldhulp platteland") == {
        "Kwesties op de kennisagenda": [
            (
                "Schuldhulp op het platteland",
                "/kennisagenda/geschiedenis/#kwestie-schuldhulp-op-het-platteland",
            )
        ]
    }
    assert found(client, "geheime") == {}  # only on a concept version


def test_a_kwestie_links_to_the_same_place_without_the_search_annotations(kwesties):
    assert kwesties["huidig"].get_absolute_url() == (
        "/kennisagenda/#kwestie-armoede-en-schulden-in-de-wijk"
    )
    assert kwesties["vorig"].get_absolute_url() == (
        "/kennisagenda/2016/#kwestie-schulden-bij-jongeren"
    )


def test_each_place_a_kwestie_links_to_has_its_anchor(client, kwesties):
    for key in ("huidig", "vorig", "vervallen"):
        path, anchor = kwesties[key].get_absolute_url().split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode()


def test_search_costs_the_same_queries_with_few_and_with_many_results(
    client, kwesties, make_organisatie, make_gemeente, make_persoon, make_thema,
    django_assert_num_queries,
):  # fmt: skip
    def add(number):
        gemeente = make_gemeente(toelichting="Een aanpak van schulden.")
        organisatie = make_organisatie(gemeente=gemeente, beschrijving="Helpt bij schulden.")
        make_persoon(functie="adviseur schulden", organisatie=organisatie)
        make_thema(f"Schulden {number}")
        vervallen = KwestieStatus.VERVALLEN
        Kwestie.objects.create(naam=f"Schulden en wonen {number}", status=vervallen)

    add(0)
    client = Client()
    client.get("/zoeken/", {"q": "schulden"})  # the profile into the cache
    # Twelve kinds: leerateliers, gemeenten, thema's and onderwijs together in one query (shown
    # from their own columns), each of the other eight in one (publicaties with their authors).
    with django_assert_num_queries(9):
        client.get("/zoeken/", {"q": "schulden"})
    for number in range(1, 12):
        add(number)
    with django_assert_num_queries(9):
        response = client.get("/zoeken/", {"q": "schulden"})
    kinds = {kind: len(rows) for _label, kind, rows in response.context["groups"]}
    assert kinds == dict.fromkeys(["persoon", "organisatie", "gemeente", "thema", "kwestie"], 10)
