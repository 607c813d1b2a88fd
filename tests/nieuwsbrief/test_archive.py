"""The archive: one edition as a web page and the Atom feed, public editions only."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from nieuwsbrief.models import Editie, EditieStatus, Item, ItemSoort
from publicaties.models import Status

from .builders import editie

pytestmark = pytest.mark.django_db


def sent(made, days_ago=1):
    Editie.objects.filter(pk=made.pk).update(
        status=EditieStatus.VERZONDEN,
        verzonden_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    made.refresh_from_db()
    return made


@pytest.fixture
def archief(world, make_publicatie, make_update):
    """A sent edition for everyone with a voorwoord, sections of two leerateliers, a general
    section and a linked publicatie; a sent edition for a segment only; a concept."""
    openbaar = sent(editie("Oktober", slug="oktober", aan_alle_abonnees=True), days_ago=2)
    publicatie = make_publicatie("Het rapport")
    Item.objects.bulk_create(
        [
            Item(editie=openbaar, volgorde=1, soort="vrij", leeratelier=world.a, tekst="Over A."),
            Item(editie=openbaar, volgorde=2, soort="vrij", leeratelier=world.b, tekst="Over B."),
            Item(editie=openbaar, volgorde=3, soort="vrij", titel="Landelijk", tekst="Algemeen."),
            Item(
                editie=openbaar,
                volgorde=4,
                soort=ItemSoort.PUBLICATIE,
                publicatie=publicatie,
                leeratelier=world.a,
            ),
            Item(editie=openbaar, volgorde=5, soort="vrij", titel="Weg", is_opgenomen=False),
            Item(
                editie=openbaar,
                volgorde=6,
                soort=ItemSoort.UPDATE,
                update=make_update(world.a, "Een update"),
                leeratelier=world.a,
            ),
        ]
    )
    segment = sent(editie("Alleen tribune", slug="tribune", aan_alle_abonnees=False))
    segment.tribune_van.set([world.a])
    concept = editie("Concept", slug="concept", aan_alle_abonnees=True)
    return {"openbaar": openbaar, "segment": segment, "concept": concept, "rapport": publicatie}


def test_an_edition_for_all_subscribers_is_a_web_page_grouped_per_leeratelier(client, archief):
    response = client.get("/nieuwsbrief/oktober/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Oktober</h1>" in html
    titels = [rubriek.titel for rubriek in response.context["rubrieken"]]
    assert titels == ["Armoede en schulden", "Jongeren in de participatiesamenleving", ""]
    a = response.context["rubrieken"][0]
    assert [onderdeel.titel for onderdeel in a.onderdelen] == ["", "Het rapport", "Een update"]
    assert "Weg" not in html  # dropped by the editor
    assert archief["rapport"].get_absolute_url() in html


def test_a_linked_source_taken_back_disappears_from_the_edition(client, archief):
    archief["rapport"].status = Status.CONCEPT
    archief["rapport"].save()
    html = client.get("/nieuwsbrief/oktober/").content.decode()
    assert "Het rapport" not in html


def test_the_archive_hides_segment_only_editions_and_concepts(client, archief):
    assert client.get("/nieuwsbrief/tribune/").status_code == 404
    assert client.get("/nieuwsbrief/concept/").status_code == 404
    assert client.get("/nieuwsbrief/bestaat-niet/").status_code == 404
    assert list(Editie.objects.archief()) == [archief["openbaar"]]


def test_the_feed_lists_the_archive_only(client, archief):
    newer = sent(editie("November", slug="november", aan_alle_abonnees=True), days_ago=1)
    response = client.get("/nieuwsbrief/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [newer.titel, "Oktober"]
    assert feed.entries[1].link.endswith("/nieuwsbrief/oktober/")


def test_the_edition_page_has_a_fixed_number_of_queries(
    client, archief, world, django_assert_num_queries
):
    client.get("/nieuwsbrief/oktober/")  # the profile is cached after the first page

    def count():
        with django_assert_num_queries(2) as captured:
            response = client.get("/nieuwsbrief/oktober/")
            assert response.status_code == 200
        return len(captured)

    before = count()
    for volgorde in range(10, 20):
        Item.objects.create(
            editie=archief["openbaar"],
            volgorde=volgorde,
            soort=ItemSoort.PUBLICATIE,
            publicatie=archief["rapport"],
            leeratelier=world.b,
        )
    assert count() == before
