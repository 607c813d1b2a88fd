"""A bijeenkomst page as agenda sites and search engines read it: a schema.org Event with
its status, how people attend, where, and who organises it."""

import pytest

from bijeenkomsten.models import Status
from tests.page_metadata import json_ld, meta

from .conftest import amsterdam

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
ONLINE = "https://meet.example.nl/geheime-kamer"


def event(client, bijeenkomst):
    return json_ld(client.get(bijeenkomst.get_absolute_url()))


def test_an_event_in_a_place(client, make_bijeenkomst, make_gemeente, make_persoon):
    nijmegen = make_gemeente("Nijmegen")
    bijeenkomst = make_bijeenkomst(
        "Arenabijeenkomst",
        start_at=amsterdam(2031, 1, 15, 14),
        hours=2,
        locatie="Fort Lent",
        adres="Lent, Nijmegen",
        gemeente=nijmegen,
        capaciteit=40,
    )
    bijeenkomst.sprekers.set([make_persoon("Lisbeth Verharen")])
    data = event(client, bijeenkomst)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Arenabijeenkomst"
    assert data["url"] == "http://testserver" + bijeenkomst.get_absolute_url()
    assert data["startDate"] == "2031-01-15T14:00:00+01:00"  # winter time in Amsterdam
    assert data["endDate"] == "2031-01-15T16:00:00+01:00"
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Fort Lent",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Lent, Nijmegen",
            "addressLocality": "Nijmegen",
            "addressCountry": "NL",
        },
    }
    assert data["organizer"]["@type"] == "Organization"
    assert data["organizer"]["name"] == "Werkplaats Sociaal Domein"
    assert [speaker["name"] for speaker in data["performer"]] == ["Lisbeth Verharen"]
    assert data["maximumAttendeeCapacity"] == 40


def test_a_summer_event_has_summer_time(client, make_bijeenkomst):
    data = event(client, make_bijeenkomst(start_at=amsterdam(2031, 7, 1, 10)))
    assert data["startDate"] == "2031-07-01T10:00:00+02:00"


def test_an_online_event_has_a_virtual_location_without_the_private_link(client, make_bijeenkomst):
    bijeenkomst = make_bijeenkomst(adres="", online_link=ONLINE)
    response = client.get(bijeenkomst.get_absolute_url())
    data = json_ld(response)
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "http://testserver" + bijeenkomst.get_absolute_url(),
    }
    # The link is for those with a seat only; the data block does not give it away.
    assert ONLINE not in response.content.decode()


def test_a_mixed_event_has_both_locations(client, make_bijeenkomst):
    data = event(client, make_bijeenkomst(online_link=ONLINE))
    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]


def test_a_cancelled_event_says_so(client, make_bijeenkomst):
    bijeenkomst = make_bijeenkomst(status=Status.GEANNULEERD, annulering_reden="Ziekte.")
    assert event(client, bijeenkomst)["eventStatus"] == SCHEMA + "EventCancelled"


def test_a_hostile_title_stays_data(client, make_bijeenkomst):
    title = "</script><script>alert(1)</script>"
    response = client.get(make_bijeenkomst(title).get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == title
    assert meta(response)["og:title"] == title
