"""The demo bijeenkomsten: the ones the source texts name, and a future that moves along."""

import datetime

import pytest
from django.utils import timezone

from bijeenkomsten.models import Aanmelding, Bijeenkomst, Soort, Status
from tests.gates.helpers import load_demo_with_accounts
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_bijeenkomsten_of_the_source_texts(settings):
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


def test_the_demo_always_has_a_future_and_loading_again_changes_nothing(settings):
    load_demo_with_accounts(settings)
    upcoming = Bijeenkomst.objects.upcoming()
    assert upcoming.filter(status=Status.GEPLAND).count() >= 5
    assert upcoming.filter(status=Status.GEANNULEERD).exists()
    assert min(b.start_at for b in upcoming) < timezone.now() + datetime.timedelta(days=14)
    sprekers = Bijeenkomst.sprekers.through.objects
    counts = (Bijeenkomst.objects.count(), Aanmelding.objects.count(), sprekers.count())
    load_demo_with_accounts(settings)
    assert (Bijeenkomst.objects.count(), Aanmelding.objects.count(), sprekers.count()) == counts
    assert Aanmelding.objects.filter(user__email="partner@werkplaats.test").count() == 2
