"""A leeratelier's activity over time: who joined its arena or tribune when, who moved or left,
its tribune updates and its lessen, as dated events (``portaal`` adds its bijeenkomsten)."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Deelname, GeleerdeLes, Niveau, Rol, TribuneUpdate


@dataclass(frozen=True)
class Gebeurtenis:
    """One dated event; ``soort`` is shown as its label (Arena, Tribune, Update, Les, …).
    ``inhoud``: ``tekst`` is content (a title, a les), Dutch whatever the interface's language,
    rather than a sentence in the interface's language."""

    datum: datetime.date
    soort: str
    tekst: str
    url: str = ""
    inhoud: bool = False


def deelname_events(deelnames: list[Deelname]) -> list[Gebeurtenis]:
    """Joining, moving, coming back and leaving, read from the history of deelname rows: per
    organisation its rows in date order; a row that starts the day the previous one ended is
    a move, an ended row that nothing follows on its last day is leaving."""
    events = []
    rows = sorted(deelnames, key=lambda row: (row.organisatie_id, row.sinds, row.pk))
    for _organisatie, group in groupby(rows, key=lambda row: row.organisatie_id):
        group = list(group)
        for previous, row, following in zip(
            [None, *group[:-1]], group, [*group[1:], None], strict=True
        ):
            naam = row.organisatie.naam
            url = row.organisatie.get_absolute_url()
            label = str(Rol(row.rol).label)
            if previous is not None and previous.tot == row.sinds:
                tekst = _("%(organisatie)s ging van %(van)s naar %(naar)s.") % {
                    "organisatie": naam,
                    "van": Rol(previous.rol).naam,
                    "naar": Rol(row.rol).naam,
                }
            elif previous is not None:
                tekst = _("%(organisatie)s deed weer mee, %(waar)s.") % {
                    "organisatie": naam,
                    "waar": Rol(row.rol).plaats,
                }
            else:
                tekst = _("%(organisatie)s sloot aan %(waar)s.") % {
                    "organisatie": naam,
                    "waar": Rol(row.rol).plaats,
                }
            events.append(Gebeurtenis(row.sinds, label, tekst, url))
            if row.tot is not None and (following is None or following.sinds != row.tot):
                tekst = _("%(organisatie)s stopte (was %(waar)s).") % {
                    "organisatie": naam,
                    "waar": Rol(row.rol).plaats,
                }
                events.append(Gebeurtenis(row.tot, label, tekst, url))
    return events


def update_events(updates: list[TribuneUpdate]) -> list[Gebeurtenis]:
    return [
        Gebeurtenis(
            timezone.localdate(update.gepubliceerd_at),
            _("Tribune-update"),
            update.titel,
            update.get_absolute_url(),
            inhoud=True,
        )
        for update in updates
    ]


def les_events(lessen: list[GeleerdeLes]) -> list[Gebeurtenis]:
    return [
        Gebeurtenis(
            les.geleerd_on,
            _("Regionale les") if les.niveau == Niveau.REGIONAAL else _("Lokale les"),
            les.tekst if len(les.tekst) <= 120 else f"{les.tekst[:119].rstrip()}…",
            les.get_absolute_url(),
            inhoud=True,
        )
        for les in lessen
    ]


def events(
    *, deelnames: list[Deelname], updates: list[TribuneUpdate], lessen: list[GeleerdeLes]
) -> list[Gebeurtenis]:
    """A leeratelier's own events up to today, unsorted: from all its deelnames (ended ones
    too), its published updates and its lessen (as prefetched for its page)."""
    today = timezone.localdate()
    found = [*deelname_events(deelnames), *update_events(updates), *les_events(lessen)]
    return [event for event in found if event.datum <= today]


def newest_first(found: list[Gebeurtenis]) -> list[Gebeurtenis]:
    return sorted(found, key=lambda event: event.datum, reverse=True)
