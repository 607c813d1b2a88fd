"""The periodic jobs of the portal, and running those that are due.

Each app declares its own jobs in ``<app>/scheduled.py`` (found like ``admin.py``), e.g.::

    from werkplaats import scheduler

    scheduler.command("send_outbox", scheduler.every(minutes=10))
    scheduler.command("send_weekly_digest", scheduler.weekly(weekday=0, hour=8))

``manage.py run_scheduled`` (from one systemd timer or one cron line, every few minutes) runs
every job that is due. A job is due once per *slot*: the last moment its schedule named
(``every``: the last multiple of the interval; ``daily``/``weekly``: the last such day and
hour, in ``TIME_ZONE``). Its row in ``GeplandeTaak`` holds the slot of its last run, so a
job runs once per slot across restarts and, after downtime, runs once to catch up; a job
that has never run is due at once. The slot is claimed by one conditional UPDATE before
the job starts, and only while the job is not still running elsewhere (for ``LEASE`` at
most), so two schedulers started at once never run the same job twice, on PostgreSQL as on
SQLite. A job that fails is logged and recorded and the others still run; it runs again in
its next slot.
"""

import datetime
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import GeplandeTaak

logger = logging.getLogger(__name__)

# How long a run may hold its job: a scheduler that died in the middle of a job gives it back
# after this, so a crash does not stop the job for good. Keep the scheduler's own time-out
# (TimeoutStartSec of the systemd unit) below it.
LEASE = datetime.timedelta(hours=1)

# Slots of `every` count from here: a ten-minute job is due at :00, :10, :20 …
_EPOCH = datetime.datetime(2000, 1, 3, tzinfo=datetime.UTC)
_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


# --- Schedules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Every:
    interval: datetime.timedelta

    def last_slot(self, now: datetime.datetime) -> datetime.datetime:
        return _EPOCH + (now - _EPOCH) // self.interval * self.interval

    def __str__(self) -> str:
        minutes = int(self.interval.total_seconds() // 60)
        if minutes % 60:
            return f"elke {minutes} minuten"
        return "elk uur" if minutes == 60 else f"elke {minutes // 60} uur"


@dataclass(frozen=True)
class At:
    """Daily (``weekday`` None) or weekly at ``hour:minute`` on the clock of ``TIME_ZONE``."""

    hour: int
    minute: int = 0
    weekday: int | None = None  # Monday is 0

    def last_slot(self, now: datetime.datetime) -> datetime.datetime:
        local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
        slot = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        days_back = 0 if self.weekday is None else (local.weekday() - self.weekday) % 7
        slot -= datetime.timedelta(days=days_back)
        if slot > local:
            slot -= datetime.timedelta(days=1 if self.weekday is None else 7)
        # Arithmetic on the local clock: the slot keeps its hour across a change to or from
        # summer time; as UTC it is one fixed moment.
        return slot.astimezone(datetime.UTC)

    def __str__(self) -> str:
        day = "elke dag" if self.weekday is None else f"elke {_WEEKDAYS[self.weekday]}"
        return f"{day} om {self.hour:02d}:{self.minute:02d}"


def every(*, minutes: int = 0, hours: int = 0) -> Every:
    interval = datetime.timedelta(minutes=minutes, hours=hours)
    if interval <= datetime.timedelta(0) or datetime.timedelta(days=1) % interval:
        raise ValueError("Een interval moet een deel van een dag zijn, zoals 10 minuten.")
    return Every(interval)


def daily(*, hour: int, minute: int = 0) -> At:
    return At(hour=hour, minute=minute)


def weekly(*, weekday: int, hour: int, minute: int = 0) -> At:
    return At(hour=hour, minute=minute, weekday=weekday)


# --- Jobs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Every | At
    run: Callable[[TextIO], object] = field(compare=False)

    def due(self, row: GeplandeTaak | None, now: datetime.datetime) -> bool:
        return row is None or row.ingepland_at is None or row.ingepland_at < self.last_slot(now)

    def last_slot(self, now: datetime.datetime) -> datetime.datetime:
        return self.schedule.last_slot(now)


_registry: dict[str, Job] = {}
_discovered = False


def register(name: str, schedule: Every | At, run: Callable[[TextIO], object]) -> Job:
    """Declare a job: ``run`` is called with a stream for its output; an exception fails it."""
    if name in _registry:
        raise ValueError(f"De geplande taak {name} is al aangemeld.")
    _registry[name] = job = Job(name, schedule, run)
    return job


def command(name: str, schedule: Every | At, *args: str) -> Job:
    """Declare the management command ``name`` as a job (its ``CommandError`` fails it)."""
    return register(
        name, schedule, lambda stdout: call_command(name, *args, stdout=stdout, stderr=stdout)
    )


def jobs() -> list[Job]:
    """Every declared job, in the order of ``INSTALLED_APPS``."""
    global _discovered
    if not _discovered:
        autodiscover_modules("scheduled")
        _discovered = True
    return list(_registry.values())


# --- Running ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    job: Job
    seconds: float
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def rows(names: Iterable[str]) -> dict[str, GeplandeTaak]:
    """The rows of ``names``, created where missing (one per job, whoever creates it)."""
    names = list(names)
    GeplandeTaak.objects.bulk_create(
        [GeplandeTaak(naam=name) for name in names], ignore_conflicts=True
    )
    return {row.naam: row for row in GeplandeTaak.objects.filter(naam__in=names)}


def claim(job: Job, now: datetime.datetime, *, due_or_not: bool = False) -> bool:
    """Take the current slot of ``job`` for this run: true for exactly one caller per slot
    (with ``due_or_not``, also when the slot was run already), and only while no other run of
    the job holds it."""
    idle = (
        Q(gestart_at__isnull=True)
        | Q(klaar_at__gte=F("gestart_at"))
        | Q(gestart_at__lt=now - LEASE)
    )
    slot = job.last_slot(now)
    not_taken = Q() if due_or_not else Q(ingepland_at__isnull=True) | Q(ingepland_at__lt=slot)
    return bool(
        GeplandeTaak.objects.filter(idle, not_taken, naam=job.name).update(
            ingepland_at=slot, gestart_at=now
        )
    )


def run(job: Job, stdout: TextIO, now: datetime.datetime) -> Outcome:
    """Run ``job``, claimed at ``now``, and record how it ended."""
    started = time.monotonic()
    error = ""
    try:
        job.run(stdout)
    except CommandError as failure:
        error = str(failure) or failure.__class__.__name__
        logger.error("Geplande taak %s mislukt: %s", job.name, error)
    except Exception as failure:
        error = f"{failure.__class__.__name__}: {failure}"
        logger.exception("Geplande taak %s mislukt", job.name)
    seconds = time.monotonic() - started
    GeplandeTaak.objects.filter(naam=job.name).update(
        klaar_at=now + datetime.timedelta(seconds=seconds), is_mislukt=bool(error), fout=error
    )
    return Outcome(job, seconds, error)


def run_due(
    stdout: TextIO,
    *,
    now: datetime.datetime | None = None,
    selected: Iterable[Job] | None = None,
) -> Iterator[Outcome]:
    """Run each job (of ``selected``, else all) that is due and that this run can claim, one
    after the other; yields how each ended as it ends."""
    selected = list(jobs() if selected is None else selected)
    found = rows(job.name for job in selected)
    for job in selected:
        moment = now or timezone.now()
        if job.due(found.get(job.name), moment) and claim(job, moment):
            yield run(job, stdout, moment)


def run_now(job: Job, stdout: TextIO, *, now: datetime.datetime | None = None) -> Outcome | None:
    """Run ``job`` at once, due or not (the run counts for its current slot); None while
    another run of it holds the job."""
    moment = now or timezone.now()
    rows([job.name])
    return run(job, stdout, moment) if claim(job, moment, due_or_not=True) else None
