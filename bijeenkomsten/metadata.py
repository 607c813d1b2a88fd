"""A bijeenkomst as a schema.org Event (for the JSON-LD on its page): when and where, whether
it is cancelled, in person, online or both, and the werkplaats as organizer."""

from django.utils import timezone

from werkplaats import metadata
from werkplaats.models import Profiel

SCHEMA = "https://schema.org/"


def attendance_mode(bijeenkomst):
    if bijeenkomst.adres and bijeenkomst.online_link:
        return SCHEMA + "MixedEventAttendanceMode"
    if bijeenkomst.online_link:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def locations(bijeenkomst, url):
    """A Place with its address, and a VirtualLocation for one online. The online link itself
    is only for those with a seat: the VirtualLocation points at the page, where they find it."""
    found = []
    if bijeenkomst.adres:
        address = {"@type": "PostalAddress", "streetAddress": bijeenkomst.adres}
        if bijeenkomst.gemeente:
            address["addressLocality"] = bijeenkomst.gemeente.naam
        address["addressCountry"] = "NL"
        found.append(
            {
                "@type": "Place",
                "name": bijeenkomst.locatie or bijeenkomst.adres,
                "address": address,
            }
        )
    if bijeenkomst.online_link:
        found.append({"@type": "VirtualLocation", "url": url})
    return found


def event(bijeenkomst, request):
    """On a row from Bijeenkomst.objects.for_detail() (no further queries)."""
    url = request.build_absolute_uri(bijeenkomst.get_absolute_url())
    places = locations(bijeenkomst, url)
    data = {
        "@type": "Event",
        "name": bijeenkomst.titel,
        "description": bijeenkomst.samenvatting,
        "url": url,
        "startDate": timezone.localtime(bijeenkomst.start_at).isoformat(),
        "endDate": timezone.localtime(bijeenkomst.end_at).isoformat(),
        "eventStatus": SCHEMA
        + ("EventCancelled" if bijeenkomst.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": attendance_mode(bijeenkomst),
        "location": places[0] if len(places) == 1 else places,
        "organizer": metadata.werkplaats_organization(Profiel.objects.current(), request),
        "inLanguage": "nl",
    }
    sprekers = [metadata.person(spreker, request) for spreker in bijeenkomst.sprekers.all()]
    if sprekers:
        data["performer"] = sprekers
    if bijeenkomst.leeratelier:
        data["about"] = {
            "@type": "ResearchProject",
            "name": bijeenkomst.leeratelier.titel,
            "url": request.build_absolute_uri(bijeenkomst.leeratelier.get_absolute_url()),
        }
    if bijeenkomst.capaciteit is not None:
        data["maximumAttendeeCapacity"] = bijeenkomst.capaciteit
    return metadata.with_context(data)
