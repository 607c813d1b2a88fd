"""The workbench's "Te doen": what waits for the signed-in member, one line per kind with its
count and a link to the admin list of exactly those rows, for their permissions only."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import Koppeling, KoppelingStatus
from bijeenkomsten.models import Bericht, BerichtSoort
from bijeenkomsten.models import Status as BijeenkomstStatus
from kennisagenda.models import AgendaStatus, Besluit, BesluitSoort, Kennisagenda
from leerateliers.models import TribuneUpdate, UpdateStatus
from nieuwsbrief.models import Bezorging, Editie, EditieStatus, Inschrijving
from portaal import werkbank
from quickscan.models import Respondent, Scan, ScanStatus, SetStatus, Vragenset
from reacties.models import Reactie, Soort
from reacties.models import Status as ReactieStatus
from werkplaats.models import User

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def commissie(world, make_user):
    """A member of the programmacommissie, with the group's permissions only."""
    user = make_user("pc@example.nl", is_staff=True)
    user.groups.add(Group.objects.get(name="Programmacommissie"))
    return User.objects.get(pk=user.pk)


def _reactie(atelier, status):
    return Reactie.objects.create(
        soort=Soort.MEEDOEN,
        naam="Bezoeker",
        email="bezoeker@example.nl",
        bericht="Ik wil meedoen.",
        leeratelier=atelier,
        toestemming_tekst="Ja.",
        toestemming_versie=1,
        privacy_versie=1,
        status=status,
    )


def _inschrijving(email, bevestigd_at):
    return Inschrijving.objects.create(
        email=email,
        toestemming_pagina="/nieuwsbrief/",
        toestemming_tekst="Ja.",
        toestemming_versie=1,
        privacy_versie=1,
        bevestigd_at=bevestigd_at,
    )


def _sent(slug, days_ago):
    at = NOW - days_ago * DAY
    return Editie.objects.create(
        titel=slug, slug=slug, status=EditieStatus.VERZONDEN, verzonden_at=at, aangemaakt_at=at
    )


@pytest.fixture
def waiting(world, make_user, make_bijeenkomst, make_update, make_gemeente):
    """Per kind some rows that wait and some that look alike but do not."""
    # Koppelingen: two wait (the world's are approved), one was turned down.
    for number in (1, 2):
        Koppeling.objects.create(user=make_user(), naam=f"Nieuw {number}")
    Koppeling.objects.create(user=make_user(), naam="Nee", status=KoppelingStatus.AFGEWEZEN)
    # Reacties: three new, one being dealt with.
    for _number in range(3):
        _reactie(world.a, ReactieStatus.NIEUW)
    _reactie(world.a, ReactieStatus.IN_BEHANDELING)
    # Bijeenkomsten: one over without verslag; one with, one cancelled, one still to come.
    make_bijeenkomst("Voorbij", days=-3)
    met_verslag = make_bijeenkomst("Met verslag", days=-4)
    Bericht.objects.create(bijeenkomst=met_verslag, soort=BerichtSoort.VERSLAG, onderwerp="V")
    make_bijeenkomst("Niet doorgegaan", days=-5, status=BijeenkomstStatus.GEANNULEERD)
    make_bijeenkomst("Straks", days=5)
    # Kennisagenda: one concept, one adopted; a besluit about each.
    concept = Kennisagenda.objects.create(titel="Concept 2026", slug="2026")
    vastgesteld = Kennisagenda.objects.create(
        titel="Agenda 2020",
        slug="2020",
        status=AgendaStatus.VASTGESTELD,
        vastgesteld_on=datetime.date(2020, 1, 1),
    )
    Besluit.objects.create(soort=BesluitSoort.NIEUWE_VERSIE, agenda=concept)
    Besluit.objects.create(soort=BesluitSoort.VASTGESTELD, agenda=vastgesteld)
    # Nieuwsbrief: two drafts; a recent edition with a failed delivery, an old one with one.
    Editie.objects.create(titel="Concept 1", slug="concept-1")
    Editie.objects.create(titel="Concept 2", slug="concept-2")
    recent, oud = _sent("recent", 3), _sent("oud", 60)
    Bezorging.objects.create(editie=recent, email="later@example.nl", pogingen=2)
    Bezorging.objects.create(editie=recent, email="goed@example.nl", verzonden_at=NOW)
    Bezorging.objects.create(editie=oud, email="later@example.nl", pogingen=3)
    # Addresses refused for good: one still subscribed; one confirmed again since.
    _inschrijving("weg@example.nl", NOW - 30 * DAY)
    _inschrijving("terug@example.nl", NOW - DAY)
    for email in ("weg@example.nl", "terug@example.nl"):
        Bezorging.objects.create(
            editie=recent, email=email, geclaimd_at=NOW - 3 * DAY, geweigerd_at=NOW - 3 * DAY
        )
    # Quick scans: one closed with three sent answers; one with two; one published.
    vragenset = Vragenset.objects.create(
        titel="Set", slug="set", status=SetStatus.VASTGESTELD, vastgesteld_on=NOW.date()
    )
    gemeente = make_gemeente("Heumen")

    def scan(ingediend, **fields):
        scan = Scan.objects.create(
            gemeente=gemeente,
            vragenset=vragenset,
            periode_van=datetime.date(2026, 1, 1),
            periode_tot=datetime.date(2026, 2, 1),
            status=ScanStatus.GESLOTEN,
            **fields,
        )
        for number in range(ingediend):
            Respondent.objects.create(
                scan=scan,
                organisatie_naam=f"Partner {number}",
                sleutel_hash=f"{scan.pk}-{number}",
                ingediend_at=NOW,
            )
        return scan

    scan(3)
    scan(2)
    scan(3, gepubliceerd_at=NOW)
    # Tribune updates: one concept of six weeks, a fresh concept, an old published one.
    make_update(world.a, status=UpdateStatus.CONCEPT, aangemaakt_at=NOW - 42 * DAY)
    make_update(world.a, status=UpdateStatus.CONCEPT)
    make_update(world.a, aangemaakt_at=NOW - 90 * DAY)
    return SimpleNamespace(
        counts={
            "accounts/koppeling": 2,
            "reacties/reactie": 3,
            "bijeenkomsten/bijeenkomst": 1,
            "kennisagenda/kennisagenda": 1,
            "kennisagenda/besluit": 1,
            "nieuwsbrief/editie?status": 2,
            "nieuwsbrief/editie?bezorging": 1,
            "nieuwsbrief/inschrijving": 1,
            "quickscan/scan": 1,
            "leerateliers/tribuneupdate": 1,
        }
    )


def _key(taak):
    path, query = taak.url.split("?")
    key = path.removeprefix("/beheer/").removesuffix("/")
    return f"{key}?{query.split('=')[0].split('__')[0]}" if key == "nieuwsbrief/editie" else key


def test_each_line_counts_what_waits(waiting, world):
    taken = werkbank.te_doen(world.beheerder)
    assert {_key(taak): taak.aantal for taak in taken} == waiting.counts
    for taak in taken:
        assert taak.tekst.startswith(f"{taak.aantal} ")


@pytest.mark.parametrize("key", list(range(10)))
def test_following_a_line_shows_exactly_its_rows(client, waiting, world, key):
    client.force_login(world.beheerder)
    taak = werkbank.te_doen(world.beheerder)[key]
    response = client.get(taak.url)
    assert response.status_code == 200, taak.url  # not Django's ?e=1 for an unknown filter
    assert response.context["cl"].result_count == taak.aantal
    assert "e=1" not in response.request["QUERY_STRING"]


def test_nothing_waits_says_so(client, world):
    assert werkbank.te_doen(world.beheerder) == []
    client.force_login(world.beheerder)
    page = client.get("/beheer/").content.decode()
    assert "Te doen" in page
    assert "Er wacht nu niets op je." in page


def test_the_front_page_links_each_line(client, waiting, world):
    client.force_login(world.beheerder)
    page = client.get("/beheer/").content.decode()
    section = page.split('id="te-doen-kop"')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
    assert len(links) == len(waiting.counts)
    assert (
        "/beheer/reacties/reactie/?status__exact=nieuw",
        "3 nieuwe reacties wachten op opvolging",
    ) in links


def test_a_member_sees_only_the_lines_of_their_permissions(client, waiting, commissie, make_user):
    taken = werkbank.te_doen(commissie)
    # The commissie may view subscriptions but not erase them, so refused addresses are the
    # beheerder's; the rest is theirs, and each list opens for them.
    assert {_key(taak) for taak in taken} == set(waiting.counts) - {"nieuwsbrief/inschrijving"}
    client.force_login(commissie)
    for taak in taken:
        assert client.get(taak.url).context["cl"].result_count == taak.aantal

    reader = make_user(is_staff=True)
    reader.user_permissions.add(
        *Group.objects.get(name="Programmacommissie").permissions.filter(
            codename__in=["view_reactie", "change_koppeling"]
        )
    )
    reader = User.objects.get(pk=reader.pk)
    assert [_key(taak) for taak in werkbank.te_doen(reader)] == ["accounts/koppeling"]


def test_one_query_per_line(waiting, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(len(werkbank.SOORTEN)):
        werkbank.te_doen(world.beheerder)


def test_a_concept_update_waits_a_month_before_it_counts(world, make_update):
    update = make_update(world.a, status=UpdateStatus.CONCEPT)
    assert not werkbank.te_doen(world.beheerder)
    later = NOW + 31 * DAY
    assert list(TribuneUpdate.objects.stale_concepts(now=later)) == [update]


def test_ones_own_claim_does_not_wait_for_oneself(world, commissie):
    """Nobody decides about their own koppeling: a member's own claim is work for others."""
    Koppeling.objects.create(user=commissie, naam="Eigen aanvraag")
    assert werkbank.te_doen(commissie) == []
    assert [taak.aantal for taak in werkbank.te_doen(world.beheerder)] == [1]


def test_a_line_shows_only_to_who_may_open_its_list(waiting, make_user):
    """Sending editions without seeing them: the failed deliveries would link to a 403."""
    sender = make_user(is_staff=True)
    sender.user_permissions.add(Permission.objects.get(codename="send_editie"))
    assert werkbank.te_doen(User.objects.get(pk=sender.pk)) == []


def test_a_refused_address_is_matched_whole_not_as_a_pattern(db):
    """An underscore in an address is a letter, not a wildcard (SQLite's LIKE)."""
    editie = _sent("nieuws", 1)
    _inschrijving("a_b@example.nl", NOW - 30 * DAY)
    Bezorging.objects.create(
        editie=editie, email="axb@example.nl", geclaimd_at=NOW - DAY, geweigerd_at=NOW - DAY
    )
    assert not Inschrijving.objects.geweigerd().exists()
    Bezorging.objects.create(
        editie=editie, email="A_B@example.nl", geclaimd_at=NOW - DAY, geweigerd_at=NOW - DAY
    )
    assert [i.email for i in Inschrijving.objects.geweigerd()] == ["a_b@example.nl"]
