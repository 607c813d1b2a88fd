"""The one scheduler (`manage.py run_scheduled`): each periodic job runs once per slot of its
schedule, catches up once after downtime, never twice when two schedulers start together,
and a job that fails is recorded while the others run; the command then exits with 1."""

import datetime
import io
import threading
from collections import Counter

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection

from tests.helpers import run_command
from werkplaats import pagecache, scheduler
from werkplaats.models import GeplandeTaak

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


class Runs:
    """Jobs that count their runs (and can be told to fail)."""

    def __init__(self):
        self.counted = Counter()
        self.lock = threading.Lock()

    def job(self, name, schedule, *, fails=False, takes=0.0):
        def run(stdout):
            with self.lock:
                self.counted[name] += 1
            if takes:
                threading.Event().wait(takes)
            stdout.write(f"{name} gedraaid\n")
            if fails:
                raise RuntimeError("de mailserver is weg")

        return scheduler.Job(name, schedule, run)


def run_due(jobs, now):
    return list(scheduler.run_due(io.StringIO(), now=now, selected=jobs))


@pytest.fixture
def registry(monkeypatch):
    """An empty list of declared jobs for the command to find, instead of the apps' own."""
    monkeypatch.setattr(scheduler, "_registry", {})
    monkeypatch.setattr(scheduler, "_discovered", True)
    return scheduler._registry


def test_a_ten_minute_job_runs_once_in_each_ten_minutes():
    runs = Runs()
    job = runs.job("outbox", scheduler.every(minutes=10))

    for minute in (3, 8, 9, 10, 14, 19, 21):
        run_due([job], at(2026, 3, 2, 12, minute))

    # 12:03 (the 12:00 slot), 12:10 and 12:21 (the 12:20 slot)
    assert runs.counted["outbox"] == 3
    assert GeplandeTaak.objects.get(naam="outbox").ingepland_at == at(2026, 3, 2, 12, 20)


def test_a_job_that_never_ran_is_due_at_once():
    runs = Runs()
    job = runs.job("digest", scheduler.weekly(weekday=0, hour=8))

    run_due([job], at(2026, 3, 4, 15, 0))  # a Wednesday

    assert runs.counted["digest"] == 1


@pytest.mark.parametrize(
    ("before", "on_time"),
    [
        # winter: 08:00 in Amsterdam is 07:00 UTC
        (at(2026, 1, 12, 6, 59), at(2026, 1, 12, 7, 0)),
        # summer: 08:00 in Amsterdam is 06:00 UTC
        (at(2026, 7, 13, 5, 59), at(2026, 7, 13, 6, 0)),
    ],
)
def test_a_weekly_job_waits_for_monday_eight_oclock_in_amsterdam(before, on_time):
    runs = Runs()
    job = runs.job("digest", scheduler.weekly(weekday=0, hour=8))
    run_due([job], before - datetime.timedelta(days=3))  # ran the week before

    run_due([job], before)
    assert runs.counted["digest"] == 1
    run_due([job], on_time)
    assert runs.counted["digest"] == 2
    run_due([job], on_time + datetime.timedelta(days=6))  # Sunday: already done this week
    assert runs.counted["digest"] == 2


def test_a_daily_job_keeps_its_hour_across_the_change_to_summer_time():
    daily = scheduler.daily(hour=3)

    # 29 March 2026: the clocks go from 02:00 to 03:00 in Amsterdam
    assert daily.last_slot(at(2026, 3, 28, 12, 0)) == at(2026, 3, 28, 2, 0)
    assert daily.last_slot(at(2026, 3, 29, 12, 0)) == at(2026, 3, 29, 1, 0)
    assert daily.last_slot(at(2026, 3, 29, 0, 59)) == at(2026, 3, 28, 2, 0)


def test_after_downtime_each_job_catches_up_once():
    runs = Runs()
    jobs = [
        runs.job("outbox", scheduler.every(minutes=10)),
        runs.job("digest", scheduler.weekly(weekday=0, hour=8)),
    ]
    run_due(jobs, at(2026, 1, 5, 7, 5))  # Monday 08:05 in Amsterdam

    # the machine was off for ten days
    run_due(jobs, at(2026, 1, 15, 9, 0))
    run_due(jobs, at(2026, 1, 15, 9, 5))

    assert runs.counted == {"outbox": 2, "digest": 2}


def test_a_failing_job_is_logged_and_recorded_and_the_others_still_run(caplog):
    runs = Runs()
    jobs = [
        runs.job("outbox", scheduler.every(minutes=10), fails=True),
        runs.job("guests", scheduler.daily(hour=3)),
    ]

    outcomes = run_due(jobs, at(2026, 3, 2, 12, 0))

    assert runs.counted == {"outbox": 1, "guests": 1}
    assert [outcome.ok for outcome in outcomes] == [False, True]
    failed = GeplandeTaak.objects.get(naam="outbox")
    assert failed.is_mislukt
    assert "de mailserver is weg" in failed.fout
    assert not GeplandeTaak.objects.get(naam="guests").is_mislukt
    assert "Geplande taak outbox mislukt" in caplog.text
    assert "de mailserver is weg" in caplog.text
    # it is not retried every few minutes, but in its next slot
    run_due(jobs, at(2026, 3, 2, 12, 5))
    assert runs.counted["outbox"] == 1
    run_due(jobs, at(2026, 3, 2, 12, 10))
    assert runs.counted["outbox"] == 2


def test_the_command_exits_with_1_naming_the_failed_job_after_running_the_others(registry):
    runs = Runs()
    scheduler.register("outbox", scheduler.every(minutes=10), runs.job("outbox", None).run)
    failing = runs.job("digest", None, fails=True).run
    scheduler.register("digest", scheduler.weekly(weekday=0, hour=8), failing)
    scheduler.register("guests", scheduler.daily(hour=3), runs.job("guests", None).run)
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("run_scheduled", stdout=out, stderr=err)

    assert failure.value.returncode == 1
    assert str(failure.value) == "1 van 3 geplande taken mislukt: digest."
    assert "digest: MISLUKT" in err.getvalue()
    assert "guests gedraaid" in out.getvalue()
    assert runs.counted == {"outbox": 1, "digest": 1, "guests": 1}


def test_the_command_exits_with_0_when_every_job_went_well_and_then_has_nothing_to_do(registry):
    runs = Runs()
    scheduler.register("outbox", scheduler.every(minutes=10), runs.job("outbox", None).run)

    assert "outbox: klaar in" in run_command("run_scheduled")
    assert run_command("run_scheduled", verbosity=2) == "Geen taak aan de beurt.\n"
    assert runs.counted["outbox"] == 1


def test_a_named_job_runs_at_once_even_when_it_is_not_due(registry):
    runs = Runs()
    scheduler.register("digest", scheduler.weekly(weekday=0, hour=8), runs.job("digest", None).run)
    run_command("run_scheduled")

    run_command("run_scheduled", "digest")

    assert runs.counted["digest"] == 2
    with pytest.raises(CommandError, match="Onbekende taak: digist"):
        run_command("run_scheduled", "digist")


def test_two_schedulers_that_both_saw_a_job_due_run_it_once():
    runs = Runs()
    job = runs.job("outbox", scheduler.every(minutes=10))
    now = at(2026, 3, 2, 12, 0)
    first, second = scheduler.rows(["outbox"]), scheduler.rows(["outbox"])
    assert job.due(first["outbox"], now) and job.due(second["outbox"], now)

    assert [scheduler.claim(job, now), scheduler.claim(job, now)] == [True, False]


def test_a_job_still_running_is_not_started_again_until_its_lease_ends():
    runs = Runs()
    job = runs.job("nieuwsbrief", scheduler.every(minutes=10))
    start = at(2026, 3, 2, 12, 0)
    scheduler.rows(["nieuwsbrief"])
    assert scheduler.claim(job, start)  # a scheduler that is still sending, or died

    run_due([job], start + datetime.timedelta(minutes=10))
    assert runs.counted["nieuwsbrief"] == 0
    run_due([job], start + scheduler.LEASE + datetime.timedelta(minutes=1))
    assert runs.counted["nieuwsbrief"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_started_at_once_run_each_job_once():
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: on PostgreSQL (SQLite tests share one)")
    runs = Runs()
    jobs = [runs.job(f"taak-{n}", scheduler.every(minutes=10), takes=0.05) for n in range(6)]
    now = at(2026, 3, 2, 12, 0)
    scheduler.rows(job.name for job in jobs)
    together = threading.Barrier(2)
    outcomes = []

    def scheduler_process():
        try:
            together.wait()
            outcomes.extend(run_due(jobs, now))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler_process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert runs.counted == {job.name: 1 for job in jobs}
    assert len(outcomes) == len(jobs)


def test_a_scheduler_run_leaves_the_cached_public_pages_alone():
    runs = Runs()
    before = pagecache.generation()

    run_due([runs.job("outbox", scheduler.every(minutes=10))], at(2026, 3, 2, 12, 0))

    assert runs.counted["outbox"] == 1
    assert pagecache.generation() == before


def test_every_periodic_job_of_the_portal_is_declared_with_its_schedule():
    declared = {job.name: str(job.schedule) for job in scheduler.jobs()}

    assert declared == {
        "send_outbox": "elke 10 minuten",
        "send_notifications": "elke 10 minuten",
        "send_bijeenkomst_emails": "elke 10 minuten",
        "send_nieuwsbrief": "elke 10 minuten",
        "send_weekly_digest": "elke maandag om 08:00",
        "send_reacties_overzicht": "elke maandag om 08:00",
        "forget_guests": "elke dag om 03:00",
        "forget_studentwerk": "elke dag om 03:00",
        "prune_db_task_results": "elke dag om 03:00",
        "clearsessions": "elke dag om 03:00",
    }
    assert set(declared) <= set(get_commands())


def test_the_portals_own_jobs_run_from_the_command(mailoutbox):
    out = run_command("run_scheduled")

    for job in scheduler.jobs():
        assert f"{job.name}: klaar in" in out
    assert GeplandeTaak.objects.filter(is_mislukt=False, klaar_at__isnull=False).count() == 10
