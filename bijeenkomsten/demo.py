"""Demo bijeenkomsten from ``fixtures/bijeenkomsten.toml`` (see ``werkplaats.fixtures`` for the
policy): the meetings the source texts name, and coming ones dated from the day the demo is
first loaded, on a working day. Once made they are left alone, so loading again moves no date.
The demo accounts (debug only) get their registrations directly, so loading sends no email.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from leerateliers.models import Leeratelier
from werkplaats.fixtures import Loader, read
from werkplaats.models import Gemeente, Persoon, User

from .models import Aanmelding, AanmeldingStatus, Bijeenkomst

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WERKDAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
WANNEER = {"datum", "over_weken", "dag", "van", "tot"}  # made into start_at and end_at


def datum(row: dict, today: datetime.date) -> datetime.date:
    """The day of a bijeenkomst: its ``datum``, or the working day ``dag`` in the week
    ``over_weken`` weeks after ``today``."""
    if "datum" in row:
        return row["datum"]
    week = today + datetime.timedelta(weeks=row["over_weken"])
    return week + datetime.timedelta(days=WERKDAGEN.index(row["dag"]) - week.weekday())


def when(row: dict, today: datetime.date) -> dict:
    """``start_at`` and ``end_at``: the day at ``van`` and ``tot``, Amsterdam time."""
    day = datum(row, today)
    return {
        name: datetime.datetime.combine(day, datetime.time.fromisoformat(row[key]), AMSTERDAM)
        for name, key in (("start_at", "van"), ("end_at", "tot"))
    }


def load(loader: Loader) -> None:
    data = read("bijeenkomsten")
    rows = data["bijeenkomst"]
    leerateliers = loader.by(Leeratelier, [r["leeratelier"] for r in rows if "leeratelier" in r])
    gemeenten = loader.by(Gemeente, [r["gemeente"] for r in rows if "gemeente" in r])
    personen = loader.by(Persoon, [slug for r in rows for slug in r.get("sprekers", [])])
    today = timezone.localdate()
    for row in rows:
        fields = {k: v for k, v in row.items() if k not in WANNEER} | when(row, today)
        fields["leeratelier"] = leerateliers.get(fields.pop("leeratelier", None))
        fields["gemeente"] = gemeenten.get(fields.pop("gemeente", None))
        sprekers = [personen[slug] for slug in fields.pop("sprekers", [])]
        key = {"slug": fields.pop("slug")}
        loader.ensure(Bijeenkomst, key, fields, m2m={"sprekers": sprekers})
    if not settings.DEBUG:
        return  # the demo accounts exist only in debug mode
    users = loader.by(User, [r["account"] for r in data["aanmelding"]], field="email")
    bijeenkomsten = loader.by(Bijeenkomst, [r["bijeenkomst"] for r in data["aanmelding"]])
    aangemeld = {"status": AanmeldingStatus.AANGEMELD, "gemeld_status": AanmeldingStatus.AANGEMELD}
    for row in data["aanmelding"]:
        key = {"bijeenkomst": bijeenkomsten[row["bijeenkomst"]], "user": users[row["account"]]}
        loader.ensure(Aanmelding, key, aangemeld)
