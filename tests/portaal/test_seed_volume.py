"""``manage.py seed_volume``: a synthetic network at N times the size, for the benchmarks. Here at
a small scale: the counts it promises, the history it gives the network, pages that answer
within the query ceiling on it, and a refusal to touch any other database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from bench.pages import public_pages
from bijeenkomsten.models import Aanmelding, Bijeenkomst
from leerateliers.models import Deelname, Leeratelier
from netwerk.graph import build_graph
from publicaties.models import Publicatie
from tests.gates.quality import MAX_QUERIES_PUBLIC
from werkplaats.models import Organisatie, Soort, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_database(monkeypatch):
    """The test database, under a name that says it is for benchmarks."""
    monkeypatch.setitem(connection.settings_dict, "NAME", "werkplaats_bench_test")


def seed(scale):
    out = StringIO()
    call_command("seed_volume", "--scale", str(scale), stdout=out)
    return out.getvalue()


def test_it_refuses_a_database_that_is_not_for_benchmarks():
    with pytest.raises(CommandError, match="bench"):
        seed(0.01)
    assert not Publicatie.objects.exists()


def test_it_refuses_a_scale_of_nothing(bench_database):
    with pytest.raises(CommandError, match="groter dan 0"):
        seed(0)


def test_a_hundredth_has_the_counts_and_the_history_of_a_network(bench_database):
    report = seed(0.01)

    assert Leeratelier.objects.count() == 3
    assert Organisatie.objects.count() == 20
    assert Publicatie.objects.published().count() == 500
    assert Bijeenkomst.objects.count() == 50
    assert Aanmelding.objects.count() == 1000
    assert User.objects.filter(email="deelnemer@voorbeeld.test").exists()
    assert User.objects.count() == 200
    # Every organisation took part somewhere (the other werkplaatsen in joint praktijken);
    # most of that history has ended.
    partners = Organisatie.objects.exclude(soort=Soort.WERKPLAATS_SOCIAAL_DOMEIN)
    assert not partners.annotate(n=Count("deelnames")).filter(n=0).exists()
    assert Organisatie.objects.werkplaatsen().filter(gezamenlijke_praktijken__isnull=False).exists()
    assert Deelname.objects.filter(tot__isnull=False).count() > Deelname.objects.count() / 2
    assert not Publicatie.objects.filter(auteurschappen__isnull=True).exists()
    assert "publicaties" in report and "klaar in" in report
    assert build_graph().nodes

    # Once is enough: a second run leaves the database as it is.
    assert "niets aangemaakt" in seed(0.01)
    assert Publicatie.objects.count() == 500


def test_every_kind_of_public_page_answers_within_the_ceiling_on_it(bench_database, client):
    """The pages ``make bench`` measures, one of each kind, within the ceiling of the crawler
    on the demo."""
    seed(0.01)
    client.get("/")  # the site profile, read once and then cached
    answers = {}
    for _name, path in public_pages():
        with CaptureQueriesContext(connection) as queries:
            answers[path] = (client.get(path).status_code, len(queries))

    assert {path: status for path, (status, _n) in answers.items() if status != 200} == {}
    assert {path: n for path, (_s, n) in answers.items() if n > MAX_QUERIES_PUBLIC} == {}
    assert len(answers) > 20
