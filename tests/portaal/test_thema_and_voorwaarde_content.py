"""A thema's and a voorwaarde's page list their publicaties and geleerde lessen."""

import datetime

import pytest
from django.test import Client

from leerateliers.models import GeleerdeLes
from publicaties.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(voorwaarden, make_thema, make_leeratelier, make_praktijk, make_publicatie):
    """Armoede (thema) with its atelier, praktijk and lessen; a second thema and atelier whose
    lessen and publicaties belong elsewhere; publicaties old, new, concept and untagged."""
    inclusie = voorwaarden["sociale-inclusie"]
    cohesie = voorwaarden["sociale-cohesie"]
    armoede = make_thema("Armoede", voorwaarden=[voorwaarden["sociaaleconomische-zekerheid"]])
    eenzaamheid = make_thema("Eenzaamheid", voorwaarden=[cohesie])
    atelier = make_leeratelier("Armoede en schulden", themas=[armoede])
    ander = make_leeratelier("Eenzaamheid en betekenisvol contact", themas=[eenzaamheid])
    verhalenkamer = make_praktijk(atelier, "Verhalenkamer")
    welkome_wijk = make_praktijk(ander, "Welkome Wijk")
    les(verhalenkamer, "Verhalen openen gesprekken over geld.", [inclusie], 2022)
    les(verhalenkamer, "Schaamte verdwijnt als ervaringsdeskundigen meepraten.", [], 2023)
    les(welkome_wijk, "Een vaste plek maakt ontmoeting vanzelfsprekend.", [cohesie], 2023)
    tags = {"themas": [armoede], "voorwaarden": [inclusie]}
    make_publicatie("Oud rapport", relations=tags, gepubliceerd_on=datetime.date(2019, 3, 1))
    make_publicatie("Nieuw essay", relations=tags, gepubliceerd_on=datetime.date(2024, 3, 1))
    make_publicatie("Nog een concept", relations=tags, status=Status.CONCEPT)
    make_publicatie("Over iets anders", relations={"themas": [eenzaamheid]})
    return {"armoede": armoede, "verhalenkamer": verhalenkamer, "inclusie": inclusie}


def les(praktijk, tekst, voorwaarden, year):
    les = GeleerdeLes.objects.create(
        praktijk=praktijk, tekst=tekst, geleerd_on=datetime.date(year, 5, 1)
    )
    les.voorwaarden.set(voorwaarden)
    return les


def main(response):
    assert response.status_code == 200
    return response.content.decode().split("<main")[1]


def in_order(page, *texts):
    positions = [page.index(text) for text in texts]
    return positions == sorted(positions)


def test_thema_page_lists_its_published_publicaties_newest_first(client, content):
    page = main(client.get("/themas/armoede/"))
    assert "Publicaties over dit thema" in page
    assert in_order(page, "Nieuw essay", "Oud rapport")
    assert "Nog een concept" not in page and "Over iets anders" not in page
    assert 'href="/publicaties/?thema=armoede"' in page


def test_thema_page_lists_the_lessen_of_the_praktijken_of_its_leerateliers(client, content):
    page = main(client.get("/themas/armoede/"))
    assert in_order(
        page,
        "Schaamte verdwijnt als ervaringsdeskundigen meepraten.",
        "Verhalen openen gesprekken over geld.",
    )
    assert f'href="{content["verhalenkamer"].get_absolute_url()}"' in page
    assert "Een vaste plek maakt ontmoeting vanzelfsprekend." not in page


def test_voorwaarde_page_lists_its_publicaties_and_the_lessen_mapped_to_it(client, content):
    page = main(client.get("/sociale-kwaliteit/sociale-inclusie/"))
    assert in_order(page, "Publicaties over deze voorwaarde", "Nieuw essay", "Oud rapport")
    assert "Nog een concept" not in page
    assert 'href="/publicaties/?voorwaarde=sociale-inclusie"' in page
    assert "Verhalen openen gesprekken over geld." in page
    assert "Schaamte verdwijnt" not in page  # mapped to no voorwaarde
    cohesie = main(client.get("/sociale-kwaliteit/sociale-cohesie/"))
    assert "Een vaste plek maakt ontmoeting vanzelfsprekend." in cohesie
    assert "Nog geen publicaties over deze voorwaarde." in cohesie


def test_pages_without_publicaties_or_lessen_say_so(client, make_thema):
    make_thema("Energietransitie")
    page = main(client.get("/themas/energietransitie/"))
    assert "Nog geen publicaties over dit thema." in page
    assert "Nog geen geleerde lessen over dit thema." in page


# The page's row with its voorwaarden/thema's, its leerateliers, the publicaties with their
# authors (one query), the lessen with their voorwaarden (and the voorwaarde page's links to the
# other voorwaarden); the werkplaats' profile comes from the cache.
PAGES = [("/themas/armoede/", 5), ("/sociale-kwaliteit/sociale-inclusie/", 6)]


@pytest.mark.parametrize(("path", "queries"), PAGES)
def test_thema_and_voorwaarde_pages_cost_the_same_queries_with_more_publicaties_and_lessen(
    path, queries, content, make_publicatie, make_praktijk, django_assert_num_queries
):
    client = Client()
    main(client.get(path))  # the profile into the cache
    with django_assert_num_queries(queries):
        main(client.get(path))
    tags = {"themas": [content["armoede"]], "voorwaarden": [content["inclusie"]]}
    atelier = content["verhalenkamer"].leeratelier
    for number in range(12):
        make_publicatie(auteurs=["Jan van der Berg", "Anna Zwart"], relations=tags)
        les(make_praktijk(atelier), f"Les {number}", [content["inclusie"]], 2024)
    with django_assert_num_queries(queries):
        page = main(client.get(path))
    assert page.count('class="lesson"') == (14 if "themas" in path else 13)
