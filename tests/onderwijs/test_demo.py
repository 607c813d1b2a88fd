"""The demo content of education: what the source texts say, and examples that say so."""

import pytest
from django.core.management import call_command

from onderwijs.models import Onderwijsactiviteit, Opleiding, PraktijkActiviteit, Studentwerk
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_the_activities_of_the_seeds(demo):
    verhalenkamer = Onderwijsactiviteit.objects.published().get(
        slug="verhalenkamer-semesterprogramma-armoede"
    )
    assert (verhalenkamer.start_on.isoformat(), verhalenkamer.end_on.isoformat()) == (
        "2020-09-01",
        "2021-02-01",
    )
    assert [o.slug for o in verhalenkamer.organisaties.all()] == ["zorgalliantie"]
    assert {t.slug for t in verhalenkamer.themas.all()} >= {
        "gezondheidsongelijkheid",
        "armoede-onder-agrariers",
    }
    assert verhalenkamer.aantal_studenten is None  # the seeds give no number

    evaluatie = Onderwijsactiviteit.objects.get(slug="evaluatie-bouwen-aan-sociale-verduurzaming")
    assert [o.afkorting for o in evaluatie.opleidingen.all()] == ["MSW"]
    assert evaluatie.aantal_studenten == 1
    assert [p.slug for p in evaluatie.praktijken.all()] == [
        "bouwen-aan-sociale-verduurzaming-in-de-spoorbuurt"
    ]
    assert Onderwijsactiviteit.objects.filter(slug="burgers-zorgen-voor-elkaar-studenten").exists()
    assert list(Opleiding.objects.values_list("naam", flat=True)) == ["Master Social Work"]
    assert Opleiding.objects.get().organisatie.afkorting == "HAN"


def test_the_only_student_work_is_examples_that_say_so(client, demo):
    assert set(Studentwerk.objects.values_list("is_voorbeeld", flat=True)) == {True}
    html = client.get("/onderwijs/verhalenkamer-semesterprogramma-armoede/").content.decode()
    assert html.count('<span class="voorbeeld-label">Voorbeeld</span>') == 2
    assert "<figure>" in html and "Voorbeeldafbeelding" in html


def test_praktijken_have_their_os(client, demo):
    assert (
        PraktijkActiviteit.objects.filter(
            praktijk__slug="signaleren-bespreken-en-doorbreken-van-armoede"
        ).count()
        == 2
    )
    html = client.get("/de-4-os/onderwijs/").content.decode()
    assert "Verhalenkamer armoede" in html and "Burgers zorgen voor elkaar" in html


def test_a_second_run_changes_nothing(demo):
    before = run_command("dumpdata", "onderwijs", format="json", indent=1)
    output = run_command("load_demo")
    assert "onderwijsactiviteiten" not in output and "werk van studenten" not in output
    assert run_command("dumpdata", "onderwijs", format="json", indent=1) == before
