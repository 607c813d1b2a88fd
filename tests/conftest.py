"""Shared fixtures: small builders for the network, a small world with one account per role,
and headless Chromium settings."""

import itertools
import os
import shutil
from types import SimpleNamespace

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


def pytest_collection_modifyitems(items):
    """Only browser tests may take Playwright's fixtures (``page``, ``browser``, …): those are
    parametrised per browser for the whole session, which makes pytest move every test that
    takes one next to the others, in between the transactional tests, where the database has
    been flushed. A test that does so by accident (a parameter called ``page``) is refused."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        takes_playwright = callspec is not None and "browser_name" in callspec.params
        if takes_playwright and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(
                f"{item.nodeid} takes a Playwright fixture without the browser mark; "
                "rename its parameter or mark it as a browser test."
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits (sign-in, guests' registration emails) count in the cache, which lives as
    long as the test process: every test starts without what earlier tests counted."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def data_migration_rows(request):
    """A transactional test may start on a database that an earlier one flushed, without the
    rows the data migrations made (the four voorwaarden, the activiteiten): put them back as
    ``migrate`` makes them. The site itself never imports a migration."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    import_module("werkplaats.migrations.0002_voorwaarden").create_voorwaarden(apps, None)
    import_module("publicaties.migrations.0002_activiteiten").create(apps, None)


_numbers = itertools.count(1)
PASSWORD = "een-lang-wachtwoord-voor-tests"


@pytest.fixture
def make_user(db):
    from werkplaats.models import User

    def make(email=None, **fields):
        email = email or f"deelnemer{next(_numbers)}@example.nl"
        return User.objects.create_user(email=email, password=PASSWORD, **fields)

    return make


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

    from publicaties.models import Auteurschap, Publicatie, Status, split_naam

    def make(titel=None, auteurs=(), status=Status.GEPUBLICEERD, relations=None, **fields):
        """``auteurs``: personen, names written out ("Jan van der Berg") or name parts as a
        dict (``{"groep": "Landelijke werkgroep"}``)."""
        fields.setdefault("soort", "rapport")
        fields.setdefault("samenvatting", "Een samenvatting.")
        fields.setdefault("gepubliceerd_on", datetime.date(2021, 6, 1))
        publicatie = Publicatie.objects.create(
            titel=titel or f"Publicatie {next(_numbers)}", status=status, **fields
        )
        for volgorde, auteur in enumerate(auteurs):
            if isinstance(auteur, str):
                fields_of_name = ("voornaam", "tussenvoegsel", "achternaam")
                parts = dict(zip(fields_of_name, split_naam(auteur), strict=True))
            elif isinstance(auteur, dict):
                parts = auteur
            else:
                parts = {"persoon": auteur}
            Auteurschap.objects.create(publicatie=publicatie, volgorde=volgorde, **parts)
        for name, rows in (relations or {}).items():
            getattr(publicatie, name).set(rows)
        return publicatie

    return make


@pytest.fixture
def world(db, make_user, make_leeratelier, make_organisatie, make_persoon):
    """A small network with one account per role, approved the way staff approve them: two
    leerateliers (A led by the trekker, B led by someone else), a partner organisation on the
    tribune of A and in the arena of B, another organisation, and their accounts."""
    from accounts import services
    from accounts.models import Koppeling
    from leerateliers.models import Rol, TrekkerRol, Trekkerschap
    from leerateliers.services import deelname_set_rol
    from werkplaats.management.commands.setup_roles import apply_roles
    from werkplaats.models import User

    apply_roles()
    beheerder = User.objects.create_superuser("beheer@example.nl", PASSWORD)
    a = make_leeratelier("Armoede en schulden")
    b = make_leeratelier("Jongeren in de participatiesamenleving")
    organisatie = make_organisatie("Krachtige Kernen")
    andere = make_organisatie("Zorgalliantie")
    deelname_set_rol(organisatie=organisatie, leeratelier=a, rol=Rol.TRIBUNE)
    deelname_set_rol(organisatie=organisatie, leeratelier=b, rol=Rol.ARENA)
    deelname_set_rol(organisatie=andere, leeratelier=a, rol=Rol.ARENA)

    carinda = make_persoon("Carinda Jansen")
    Trekkerschap.objects.create(persoon=carinda, leeratelier=a, rol=TrekkerRol.TREKKER)
    joos = make_persoon("Joos Meesters")
    Trekkerschap.objects.create(persoon=joos, leeratelier=b, rol=TrekkerRol.TREKKER)

    def approved(user, **claim):
        koppeling = Koppeling.objects.create(user=user, **claim)
        services.koppeling_approve(koppeling=koppeling, by=beheerder)
        user.refresh_from_db()
        return User.objects.get(pk=user.pk)  # fresh permission cache

    trekker = approved(make_user("carinda@example.nl"), persoon=carinda)
    trekker_b = approved(make_user("joos@example.nl"), persoon=joos)
    partner = approved(
        make_user("contact@example.nl"),
        naam="Sanne de Vries",
        organisatie=organisatie,
        is_contactpersoon=True,
    )
    andere_partner = approved(
        make_user("andere@example.nl"),
        naam="Pieter Bos",
        organisatie=andere,
        is_contactpersoon=True,
    )
    stranger = make_user("iemand@example.nl")
    carinda.refresh_from_db()  # now linked to the trekker's account
    joos.refresh_from_db()
    return SimpleNamespace(
        beheerder=beheerder,
        a=a,
        b=b,
        organisatie=organisatie,
        andere=andere,
        carinda=carinda,
        joos=joos,
        trekker=trekker,
        trekker_b=trekker_b,
        partner=partner,
        andere_partner=andere_partner,
        stranger=stranger,
    )


@pytest.fixture
def voorwaarden(db):
    from werkplaats.models import Voorwaarde

    return {v.slug: v for v in Voorwaarde.objects.all()}


@pytest.fixture
def ateliers(make_leeratelier, make_gemeente, make_thema, make_persoon, voorwaarden):
    """Three leerateliers: eenzaamheid in Heumen, armoede in Heumen and Lingewaard (with its
    trekker), and evalueren in preparation, without gemeenten."""
    from leerateliers.models import LeeratelierStatus, Trekkerschap

    heumen = make_gemeente("Heumen")
    lingewaard = make_gemeente("Lingewaard")
    eenzaamheid = make_thema("Eenzaamheid")
    armoede_thema = make_thema("Armoede")
    eenzaam = make_leeratelier(
        "Eenzaamheid en betekenisvol contact",
        voorwaarden=[voorwaarden["sociale-cohesie"]],
        themas=[eenzaamheid],
        gemeenten=[heumen],
    )
    armoede = make_leeratelier(
        "Armoede en schulden",
        voorwaarden=[voorwaarden["sociaaleconomische-zekerheid"], voorwaarden["sociale-inclusie"]],
        themas=[armoede_thema],
        gemeenten=[lingewaard, heumen],
    )
    evalueren = make_leeratelier(
        "Evalueren van sociale interventies", status=LeeratelierStatus.IN_VOORBEREIDING
    )
    Trekkerschap.objects.create(
        persoon=make_persoon("Carinda Jansen", email="c.jansen@example.nl"), leeratelier=armoede
    )
    return {"eenzaam": eenzaam, "armoede": armoede, "evalueren": evalueren}


@pytest.fixture
def make_bijeenkomst(db):
    import datetime

    from django.utils import timezone

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
