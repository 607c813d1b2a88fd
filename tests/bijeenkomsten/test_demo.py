"""The demo bijeenkomsten: the ones the source texts name, and coming ones on working days,
created once and then left alone."""

import datetime

import pytest
from django.utils import timezone

from bijeenkomsten import demo
from bijeenkomsten.models import Aanmelding, AanmeldingStatus, Bijeenkomst, Soort, Status
from tests.helpers import run_command
from werkplaats.fixtures import read

pytestmark = pytest.mark.django_db


def load_with_accounts(settings):
    """``load_demo`` as on a laptop: the demo accounts, and their aanmeldingen, exist only in
    debug mode (pytest-django runs tests with debug off)."""
    settings.DEBUG = True
    return run_command("load_demo")


def outside_working_hours(start_at, end_at):
    """What is wrong with a bijeenkomst from ``start_at`` to ``end_at``: not on one working day
    (Monday to Friday) between 08:00 and 22:00 Amsterdam time; empty when nothing is."""
    start, end = timezone.localtime(start_at), timezone.localtime(end_at)
    problems = []
    if start.weekday() >= 5:
        problems.append("in het weekend")
    if start.date() != end.date():
        problems.append("over twee dagen")
    if start.time() < datetime.time(8) or end.time() > datetime.time(22):
        problems.append(f"van {start:%H:%M} tot {end:%H:%M}")
    return problems


def monday(day):
    return day - datetime.timedelta(days=day.weekday())


def test_the_demo_has_the_bijeenkomsten_of_the_source_texts():
    run_command("load_demo")
    symposium = Bijeenkomst.objects.get(soort=Soort.SYMPOSIUM)
    assert symposium.titel == "Symposium ‘Samen werken aan sociale kwaliteit’"
    assert timezone.localdate(symposium.start_at) == datetime.date(2022, 4, 14)
    assert symposium.locatie == "Fort Lent"
    assert "Guido Walraven" in symposium.verslag
    assert sorted(str(persoon) for persoon in symposium.sprekers.all()) == [
        "Guido Walraven",
        "Joos Meesters",
    ]
    tribune = Bijeenkomst.objects.filter(soort=Soort.TRIBUNEBIJEENKOMST, leeratelier__slug="jip")
    assert tribune.filter(titel__contains="Meer dan een baan alleen").count() == 2
    assert Bijeenkomst.objects.filter(titel="Regionale kennisdeelsessie Welkome Wijk").exists()


def test_every_demo_bijeenkomst_is_on_a_working_day_in_working_hours():
    run_command("load_demo")
    assert Bijeenkomst.objects.count() == len(read("bijeenkomsten")["bijeenkomst"])
    problems = {
        b.slug: outside_working_hours(b.start_at, b.end_at) for b in Bijeenkomst.objects.all()
    }
    assert {slug: found for slug, found in problems.items() if found} == {}


@pytest.mark.parametrize(
    ("day", "van", "tot", "problems"),
    [
        (datetime.date(2022, 4, 16), "13:00", "17:00", ["in het weekend"]),  # a Saturday
        (datetime.date(2022, 4, 17), "13:00", "17:00", ["in het weekend"]),  # a Sunday
        (datetime.date(2022, 4, 14), "07:30", "09:00", ["van 07:30 tot 09:00"]),
        (datetime.date(2022, 4, 14), "20:00", "22:30", ["van 20:00 tot 22:30"]),
        (datetime.date(2022, 4, 14), "08:00", "22:00", []),
    ],
)
def test_the_working_hours_check_can_fail(day, van, tot, problems):
    moment = demo.when({"datum": day, "van": van, "tot": tot}, today=None)
    assert outside_working_hours(**moment) == problems


@pytest.mark.parametrize("days", range(7))
def test_coming_bijeenkomsten_fall_on_working_days_whatever_day_the_demo_is_loaded(days):
    today = datetime.date(2025, 3, 22) + datetime.timedelta(days=days)  # a Saturday, and on
    for row in read("bijeenkomsten")["bijeenkomst"]:
        if "over_weken" not in row:
            continue
        moment = demo.when(row, today)
        assert outside_working_hours(**moment) == [], row["slug"]
        day = timezone.localdate(moment["start_at"])
        assert day > today
        weeks_on = today + datetime.timedelta(weeks=row["over_weken"])
        assert monday(day) == monday(weeks_on)  # in the week so many weeks on


def test_a_weekend_day_in_the_fixtures_is_refused():
    with pytest.raises(ValueError):
        demo.when(
            {"over_weken": 1, "dag": "zaterdag", "van": "10:00", "tot": "12:00"},
            today=datetime.date(2025, 3, 24),
        )


def test_the_demo_always_has_a_future(settings):
    load_with_accounts(settings)
    upcoming = Bijeenkomst.objects.upcoming()
    assert upcoming.filter(status=Status.GEPLAND).count() >= 5
    cancelled = upcoming.get(status=Status.GEANNULEERD)
    assert cancelled.annulering_reden
    assert min(b.start_at for b in upcoming) < timezone.now() + datetime.timedelta(days=14)
    seated = Aanmelding.objects.filter(user__email="partner@werkplaats.test")
    assert seated.count() == 2
    assert set(seated.values_list("status", "gemeld_status")) == {
        (AanmeldingStatus.AANGEMELD, AanmeldingStatus.AANGEMELD)
    }


def test_without_debug_there_are_no_demo_aanmeldingen(mailoutbox):
    run_command("load_demo")
    assert Bijeenkomst.objects.exists()
    assert not Aanmelding.objects.exists()
    assert mailoutbox == []


def test_loading_twice_changes_nothing(settings, mailoutbox):
    load_with_accounts(settings)
    before = run_command("dumpdata", "bijeenkomsten")
    assert Aanmelding.objects.count() == 3
    assert "niets" in load_with_accounts(settings)
    assert run_command("dumpdata", "bijeenkomsten") == before
    assert mailoutbox == []


def test_an_edit_after_loading_survives_loading_again(settings):
    load_with_accounts(settings)
    coming = Bijeenkomst.objects.upcoming().filter(sprekers__isnull=False).first()
    coming.titel = "Verzet naar een week later"
    coming.start_at += datetime.timedelta(weeks=1)
    coming.end_at += datetime.timedelta(weeks=1)
    coming.save()
    coming.sprekers.clear()
    aanmelding = Aanmelding.objects.first()
    aanmelding.status = AanmeldingStatus.AFGEMELD
    aanmelding.save()
    edited = run_command("dumpdata", "bijeenkomsten")
    load_with_accounts(settings)
    assert run_command("dumpdata", "bijeenkomsten") == edited
    coming.refresh_from_db()
    assert coming.titel == "Verzet naar een week later"
    assert not coming.sprekers.exists()
