"""Shared fixtures: small builders for the network core and headless Chromium settings."""

import itertools
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the live server and ORM calls
# in the same test are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits (sign-in, guests' registration emails) count in the cache, which lives as
    long as the test process: every test starts without what earlier tests counted."""
    from django.core.cache import cache

    cache.clear()


_numbers = itertools.count(1)


@pytest.fixture
def make_gemeente():
    from werkplaats.models import Gemeente, Subregio

    def make(naam=None, **fields):
        number = next(_numbers)
        fields.setdefault("subregio", Subregio.RIJK_VAN_NIJMEGEN)
        fields.setdefault("cbs_code", f"GM{5000 + number:04d}")  # clear of real codes
        return Gemeente.objects.create(naam=naam or f"Gemeente {number}", **fields)

    return make


@pytest.fixture
def make_organisatie():
    from werkplaats.models import Organisatie, Soort

    def make(naam=None, **fields):
        fields.setdefault("soort", Soort.WELZIJN)
        return Organisatie.objects.create(naam=naam or f"Organisatie {next(_numbers)}", **fields)

    return make


@pytest.fixture
def make_persoon():
    from werkplaats.models import Persoon

    def make(naam=None, **fields):
        return Persoon.objects.create(naam=naam or f"Persoon {next(_numbers)}", **fields)

    return make


@pytest.fixture
def make_thema():
    from werkplaats.models import Thema

    def make(naam=None, voorwaarden=(), **fields):
        thema = Thema.objects.create(naam=naam or f"Thema {next(_numbers)}", **fields)
        thema.voorwaarden.set(voorwaarden)
        return thema

    return make


@pytest.fixture
def make_leeratelier():
    from leerateliers.models import Leeratelier

    def make(titel=None, voorwaarden=(), themas=(), gemeenten=(), **fields):
        fields.setdefault("samenvatting", "Samen werken, evalueren en leren.")
        leeratelier = Leeratelier.objects.create(
            titel=titel or f"Leeratelier {next(_numbers)}", **fields
        )
        leeratelier.voorwaarden.set(voorwaarden)
        leeratelier.themas.set(themas)
        leeratelier.gemeenten.set(gemeenten)
        return leeratelier

    return make


@pytest.fixture
def make_praktijk():
    from leerateliers.models import LerendePraktijk

    def make(leeratelier, titel=None, gemeenten=(), partners=(), **fields):
        praktijk = LerendePraktijk.objects.create(
            leeratelier=leeratelier, titel=titel or f"Praktijk {next(_numbers)}", **fields
        )
        praktijk.gemeenten.set(gemeenten)
        praktijk.partners.set(partners)
        return praktijk

    return make


@pytest.fixture
def make_update():
    from leerateliers.models import TribuneUpdate, UpdateStatus

    def make(leeratelier, titel=None, status=UpdateStatus.GEPUBLICEERD, **fields):
        fields.setdefault("tekst", "Wat we deze maand leerden.")
        return TribuneUpdate.objects.create(
            leeratelier=leeratelier,
            titel=titel or f"Update {next(_numbers)}",
            status=status,
            **fields,
        )

    return make


@pytest.fixture
def make_publicatie():
    import datetime

    from publicaties.models import Auteurschap, Publicatie, Status

    def make(titel=None, auteurs=(), status=Status.GEPUBLICEERD, relations=None, **fields):
        fields.setdefault("soort", "rapport")
        fields.setdefault("samenvatting", "Een samenvatting.")
        fields.setdefault("gepubliceerd_on", datetime.date(2021, 6, 1))
        publicatie = Publicatie.objects.create(
            titel=titel or f"Publicatie {next(_numbers)}", status=status, **fields
        )
        for volgorde, auteur in enumerate(auteurs):
            is_naam = isinstance(auteur, str)
            Auteurschap.objects.create(
                publicatie=publicatie,
                volgorde=volgorde,
                naam=auteur if is_naam else "",
                persoon=None if is_naam else auteur,
            )
        for name, rows in (relations or {}).items():
            getattr(publicatie, name).set(rows)
        return publicatie

    return make
