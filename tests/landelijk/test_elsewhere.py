"""The werkgroepen on other pages: the leeratelier page shows those it brings knowledge to,
and a werkplaats' page (``{% plek "werkgroepen" organisatie %}``) those it takes part in."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from werkplaats import plekken

pytestmark = pytest.mark.django_db


def test_the_leeratelier_page_shows_its_werkgroepen(client, lerende_praktijken):
    atelier = lerende_praktijken.leerateliers.get()
    html = client.get(atelier.get_absolute_url()).content.decode()
    assert "Landelijke werkgroepen" in html
    assert 'href="/werkgroepen/lerende-praktijken/"' in html
    assert "Leren van lerende praktijken in het sociaal domein" in html
    assert 'href="/werkgroepen/"' in html


def test_a_leeratelier_without_werkgroep_has_no_such_section(client, make_leeratelier):
    atelier = make_leeratelier("Armoede en schulden")
    html = client.get(atelier.get_absolute_url()).content.decode()
    main = html[html.index("<main") : html.index("</main>")]  # the footer links to the list
    assert "Landelijke werkgroepen" not in main


def test_the_werkgroepen_cost_the_leeratelier_page_no_query_however_many(
    lerende_praktijken, make_werkgroep, make_leeratelier, django_assert_num_queries
):
    zonder = make_leeratelier("Armoede en schulden")
    atelier = lerende_praktijken.leerateliers.get()
    client = Client()
    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as without:
        client.get(zonder.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        assert client.get(atelier.get_absolute_url()).status_code == 200
    for _ in range(5):
        make_werkgroep(leerateliers=[atelier])
    with django_assert_num_queries(len(one)):
        html = client.get(atelier.get_absolute_url()).content.decode()
    assert html.count('href="/werkgroepen/werkgroep-') == 5
    assert len(one) == len(without)  # the werkgroepen come from the cached map either way
    assert len(one) <= 14


def render_plek(organisatie):
    template = Template('{% load werkplaats_tags %}{% plek "werkgroepen" organisatie %}')
    return template.render(Context({"organisatie": organisatie}))


def test_a_werkplaats_page_shows_the_werkgroepen_it_takes_part_in(
    lerende_praktijken, make_werkgroep, make_werkplaats, make_persoon, hoofdthema
):
    twente = make_werkplaats("Werkplaats Sociaal Domein Twente")
    via_lid = make_werkgroep("Armoede", leden=[(make_persoon(), twente, "")])
    make_werkgroep("Sociale basis")  # Twente does not take part
    nijmegen = lerende_praktijken.werkplaatsen.get(naam__contains="Nijmegen")

    html = render_plek(nijmegen)
    assert '<h2 id="werkgroepen-titel">Landelijke werkgroepen</h2>' in html
    assert 'href="/werkgroepen/lerende-praktijken/"' in html
    assert "Lerende praktijken" in html  # its hoofdthema
    assert "Armoede" not in html
    html = render_plek(twente)
    assert via_lid.get_absolute_url() in html
    assert "Lerende" not in html and "Sociale basis" not in html


def test_the_plek_stays_empty_for_a_werkplaats_without_werkgroep_in_one_query(
    make_werkplaats, django_assert_num_queries
):
    werkplaats = make_werkplaats()
    assert "werkgroepen" in plekken._vullers  # LandelijkConfig.ready filled it
    with django_assert_num_queries(1):
        assert render_plek(werkplaats) == ""


def test_the_plek_lists_each_werkgroep_once_in_one_query(
    lerende_praktijken, make_persoon, django_assert_num_queries
):
    from landelijk.models import Lidmaatschap

    nijmegen = lerende_praktijken.werkplaatsen.get(naam__contains="Nijmegen")
    for _ in range(3):  # more members from the same werkplaats
        Lidmaatschap.objects.create(
            werkgroep=lerende_praktijken, persoon=make_persoon(), werkplaats=nijmegen
        )
    with django_assert_num_queries(1):
        html = render_plek(nijmegen)
    assert html.count('href="/werkgroepen/lerende-praktijken/"') == 1


def test_the_network_picture_gets_each_werkgroep_with_its_leerateliers_without_a_query(
    lerende_praktijken, make_werkgroep, make_leeratelier, django_assert_num_queries
):
    from landelijk.plekken import netwerk_werkgroepen

    armoede = make_leeratelier("Armoede en schulden")
    make_werkgroep("Armoede", leerateliers=[armoede, lerende_praktijken.leerateliers.get()])
    make_werkgroep("Sociale basis")  # no leeratelier brings knowledge to it: no node
    # The map was made again when the werkgroepen changed: reading it costs nothing.
    with django_assert_num_queries(0):
        knopen = netwerk_werkgroepen()
    assert [(k.slug, k.label, k.url, k.leerateliers) for k in knopen] == [
        (
            "armoede",
            "Armoede",
            "/werkgroepen/armoede/",
            ("armoede-en-schulden", "evalueren-van-sociale-interventies"),
        ),
        (
            "lerende-praktijken",
            "Lerende Praktijken",
            "/werkgroepen/lerende-praktijken/",
            ("evalueren-van-sociale-interventies",),
        ),
    ]
    assert netwerk_werkgroepen in plekken._vullers["netwerk-werkgroepen"]


def test_the_leeratelier_page_follows_a_change_to_its_werkgroepen(
    client, make_werkgroep, make_leeratelier
):
    atelier = make_leeratelier("Armoede en schulden")
    werkgroep = make_werkgroep("Armoede", leerateliers=[atelier])
    assert 'href="/werkgroepen/armoede/"' in client.get(atelier.get_absolute_url()).content.decode()

    werkgroep.leerateliers.remove(atelier)

    assert "/werkgroepen/armoede/" not in client.get(atelier.get_absolute_url()).content.decode()
