"""Calendars: 'zet in mijn agenda' and the feeds, valid iCalendar in Amsterdam time."""

import datetime

import pytest
from icalendar import Calendar

from bijeenkomsten import services
from bijeenkomsten.models import Bijeenkomst, Status

from .conftest import amsterdam

pytestmark = pytest.mark.django_db


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    ("day", "utc_hour", "offset"),
    [((2027, 1, 14), 13, "+0100"), ((2027, 7, 15), 12, "+0200")],
    ids=["winter", "summer"],
)
def test_two_oclock_in_amsterdam_stays_two_oclock_in_amsterdam(
    client, make_bijeenkomst, day, utc_hour, offset
):
    bijeenkomst = make_bijeenkomst("Arenabijeenkomst", start_at=amsterdam(*day, hour=14))

    response = client.get(f"/bijeenkomsten/{bijeenkomst.slug}/agenda.ics")

    assert response["Content-Disposition"] == f'attachment; filename="{bijeenkomst.slug}.ics"'
    text = response.content.decode()
    assert f"DTSTART;TZID=Europe/Amsterdam:{day[0]}{day[1]:02d}{day[2]:02d}T140000" in text
    calendar = parse(response)
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 0, "Europe/Amsterdam")
    assert start.astimezone(datetime.UTC).hour == utc_hour
    assert event.decoded("dtend") - start == datetime.timedelta(hours=2)
    # The zone travels with the file, with the offset that applies on that day.
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Amsterdam"
    assert offset in {part["tzoffsetto"].to_ical() for part in zone.subcomponents}


def test_the_file_has_what_rfc_5545_requires(client, make_bijeenkomst):
    bijeenkomst = make_bijeenkomst(
        "Tribunebijeenkomst, met; tekens", locatie="Fort Lent", adres="Lent, Nijmegen"
    )
    calendar = parse(client.get(bijeenkomst.get_ics_url()))
    assert str(calendar["version"]) == "2.0"
    assert "PRODID" in calendar
    (event,) = calendar.walk("VEVENT")
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
        assert required in event
    assert str(event["summary"]) == "Tribunebijeenkomst, met; tekens"
    assert str(event["location"]) == "Fort Lent, Lent, Nijmegen"
    assert str(event["url"]).endswith(bijeenkomst.get_absolute_url())
    assert all(
        len(line) <= 75 for line in client.get(bijeenkomst.get_ics_url()).content.split(b"\r\n")
    )


def test_the_online_link_is_only_in_the_copy_of_those_with_a_seat(
    client, make_bijeenkomst, make_user
):
    bijeenkomst = make_bijeenkomst(online_link="https://meet.jit.si/werkplaats-geheim")
    assert b"werkplaats-geheim" not in client.get(bijeenkomst.get_ics_url()).content
    assert b"werkplaats-geheim" not in client.get("/feeds/bijeenkomsten.ics").content
    assert "werkplaats-geheim" not in client.get(bijeenkomst.get_absolute_url()).content.decode()
    user = make_user()
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
    client.force_login(user)
    assert b"werkplaats-geheim" in client.get(bijeenkomst.get_ics_url()).content
    assert "werkplaats-geheim" in client.get(bijeenkomst.get_absolute_url()).content.decode()
    # Waiting, or cancelled: no link.
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(capaciteit=1)
    waiting = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    assert waiting.is_waiting
    cancelled = make_user()
    services.aanmelding_cancel(
        aanmelding=services.aanmelding_create(
            bijeenkomst=Bijeenkomst.objects.get(pk=bijeenkomst.pk), user=cancelled
        )
    )
    for other in (waiting.user, cancelled):
        client.force_login(other)
        assert b"werkplaats-geheim" not in client.get(bijeenkomst.get_ics_url()).content
        page = client.get(bijeenkomst.get_absolute_url()).content.decode()
        assert "werkplaats-geheim" not in page


def test_feeds_carry_all_or_one_leeratelier_and_cancelled_ones_as_cancelled(
    client, make_bijeenkomst, make_leeratelier
):
    jip = make_leeratelier("JIP")
    make_bijeenkomst("Tribunebijeenkomst JIP", leeratelier=jip)
    make_bijeenkomst("Symposium", days=30)
    make_bijeenkomst("Vorig jaar", days=-200)
    make_bijeenkomst("Lang geleden", days=-800)
    cancelled = make_bijeenkomst("Themabespreking", days=5, leeratelier=jip)
    services.bijeenkomst_cancel(bijeenkomst=cancelled, reden="De spreker is ziek.")

    everything = events(parse(client.get("/feeds/bijeenkomsten.ics")))
    assert set(everything) == {
        "Tribunebijeenkomst JIP",
        "Symposium",
        "Vorig jaar",
        "Themabespreking",
    }
    assert str(everything["Themabespreking"]["status"]) == "CANCELLED"
    assert everything["Themabespreking"]["sequence"] == 1  # calendars replace their copy
    assert "De spreker is ziek." in str(everything["Themabespreking"]["description"])
    assert str(everything["Symposium"]["status"]) == "CONFIRMED"

    response = client.get(f"/feeds/leerateliers/{jip.slug}/bijeenkomsten.ics")
    assert set(events(parse(response))) == {"Tribunebijeenkomst JIP", "Themabespreking"}
    assert client.get("/feeds/leerateliers/bestaat-niet/bijeenkomsten.ics").status_code == 404


def test_a_change_of_time_raises_the_sequence_and_keeps_the_uid(client, make_bijeenkomst):
    bijeenkomst = make_bijeenkomst()
    before = Calendar.from_ical(client.get(bijeenkomst.get_ics_url()).content).walk("VEVENT")[0]
    bijeenkomst.start_at += datetime.timedelta(hours=1)
    bijeenkomst.end_at += datetime.timedelta(hours=1)
    services.bijeenkomst_save(bijeenkomst=bijeenkomst, changed={"start_at", "end_at"})
    after = Calendar.from_ical(client.get(bijeenkomst.get_ics_url()).content).walk("VEVENT")[0]
    assert str(after["uid"]) == str(before["uid"])
    assert (before["sequence"], after["sequence"]) == (0, 1)
    assert bijeenkomst.status == Status.GEPLAND


def test_a_feed_without_bijeenkomsten_is_still_a_valid_calendar_and_answers_head(
    client, make_leeratelier
):
    nieuw = make_leeratelier("Nieuw leeratelier")
    url = f"/feeds/leerateliers/{nieuw.slug}/bijeenkomsten.ics"
    calendar = parse(client.get(url))
    assert calendar.walk("VEVENT") == []
    # RFC 5545: at least one component; the time zone is always there.
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Amsterdam"
    head = client.head(url)
    assert (head.status_code, head["Content-Type"]) == (200, "text/calendar; charset=utf-8")
