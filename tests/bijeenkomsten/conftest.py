"""Builders for bijeenkomsten and the people who register for them."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_numbers = itertools.count(1)


def amsterdam(year, month, day, hour=14, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


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
