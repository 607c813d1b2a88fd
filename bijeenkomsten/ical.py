"""Bijeenkomsten as iCalendar (RFC 5545): one event to download, feeds, email attachments.

Times are written in Europe/Amsterdam with its VTIMEZONE, so a calendar shows 14:00 as 14:00
in winter and in summer, wherever the reader's computer thinks it is.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from werkplaats.links import absolute_url, public_host

from .models import Bijeenkomst, Status

PRODID = "-//Werkplaats Sociaal Domein//Portaal, bijeenkomsten//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(bijeenkomst: Bijeenkomst) -> str:
    """Stable for the life of the bijeenkomst, so calendars update rather than duplicate it."""
    return f"bijeenkomst-{bijeenkomst.pk}@{public_host()}"


def _place(bijeenkomst: Bijeenkomst, *, with_link: bool) -> str:
    parts = [bijeenkomst.locatie, bijeenkomst.adres]
    if bijeenkomst.online_link:
        parts.append(bijeenkomst.online_link if with_link else "online")
    return ", ".join(part for part in parts if part)


def event(bijeenkomst: Bijeenkomst, *, with_link: bool = False) -> Event:
    """One VEVENT. ``with_link``: include the online link (only for those with a seat)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    url = absolute_url(bijeenkomst.get_absolute_url())
    description = [bijeenkomst.samenvatting]
    if bijeenkomst.is_cancelled:
        description.insert(0, "GEANNULEERD. " + bijeenkomst.annulering_reden)
    if with_link and bijeenkomst.online_link:
        description.append(f"Online: {bijeenkomst.online_link}")
    description.append(url)

    component = Event()
    component.add("uid", uid(bijeenkomst))
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))  # when this copy was made
    component.add("last-modified", bijeenkomst.gewijzigd_at.astimezone(datetime.UTC))
    component.add("sequence", bijeenkomst.revisie)
    component.add("summary", bijeenkomst.titel)
    component.add("dtstart", bijeenkomst.start_at.astimezone(zone))
    component.add("dtend", bijeenkomst.end_at.astimezone(zone))
    component.add("description", "\n\n".join(part for part in description if part))
    place = _place(bijeenkomst, with_link=with_link)
    if place:
        component.add("location", place)
    component.add("url", url)
    component.add(
        "status", "CANCELLED" if bijeenkomst.status == Status.GEANNULEERD else "CONFIRMED"
    )
    component.add("categories", [bijeenkomst.get_soort_display()])
    return component


def calendar(bijeenkomsten: Iterable[Bijeenkomst], *, name: str, with_link: bool = False) -> bytes:
    """A VCALENDAR with the given bijeenkomsten and the time zone they are written in."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    bijeenkomsten = list(bijeenkomsten)
    years = [timezone.localdate(b.start_at).year for b in bijeenkomsten] or [
        timezone.localdate().year
    ]
    # The zone's rules for the years the events span (and a year either side); also in a feed
    # without events, as a calendar needs at least one component.
    cal.add_component(
        Timezone.from_tzinfo(
            ZoneInfo(settings.TIME_ZONE),
            tzid=settings.TIME_ZONE,
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 2, 1, 1),
        )
    )
    for bijeenkomst in bijeenkomsten:
        cal.add_component(event(bijeenkomst, with_link=with_link))
    return cal.to_ical()


def filename(bijeenkomst: Bijeenkomst) -> str:
    return f"{bijeenkomst.slug}.ics"
