"""Builders for bijeenkomsten and the people who register for them."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_numbers = itertools.count(1)


def amsterdam(year, month, day, hour=14, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def make_bijeenkomst(db):
    from bijeenkomsten.models import Bijeenkomst, Soort

    def make(titel=None, *, days=10, hours=2, **fields):
        """A bijeenkomst ``days`` from now (negative: in the past), ``hours`` long."""
        start = fields.pop("start_at", None) or (
            timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
        )
        fields.setdefault("end_at", start + datetime.timedelta(hours=hours))
        fields.setdefault("soort", Soort.ARENABIJEENKOMST)
        fields.setdefault("samenvatting", "Samen werken, evalueren en leren.")
        fields.setdefault("adres", "Kapittelweg 33, Nijmegen")
        bijeenkomst = Bijeenkomst(
            titel=titel or f"Bijeenkomst {next(_numbers)}", start_at=start, **fields
        )
        bijeenkomst.full_clean()
        bijeenkomst.save()
        return bijeenkomst

    return make


@pytest.fixture
def make_user(db):
    from werkplaats.models import User

    def make(email=None, **fields):
        email = email or f"deelnemer{next(_numbers)}@example.nl"
        return User.objects.create_user(email=email, password="een-lang-wachtwoord", **fields)

    return make


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """Register through the service, running its emails as a real commit would."""
    from bijeenkomsten import services

    def run(bijeenkomst, user=None, **guest):
        with django_capture_on_commit_callbacks(execute=True):
            return services.aanmelding_create(bijeenkomst=bijeenkomst, user=user, **guest)

    return run


@pytest.fixture
def cancel(django_capture_on_commit_callbacks):
    from bijeenkomsten import services

    def run(aanmelding):
        with django_capture_on_commit_callbacks(execute=True):
            return services.aanmelding_cancel(aanmelding=aanmelding)

    return run
