"""The demo accounts: one per role, only when load_demo runs with debug on."""

import pytest
from django.core.management import call_command

from accounts.demo import (
    BEHEERDER,
    COMMISSIE,
    DEMO_PASSWORD,
    GEMEENTECONTACT_EMAIL,
    PARTNERCONTACT_EMAIL,
    TREKKER,
)
from leerateliers import permissions
from leerateliers.models import Leeratelier
from werkplaats.models import Organisatie, User

pytestmark = pytest.mark.django_db


def test_with_debug_off_no_demo_account_is_made(settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    assert not User.objects.filter(email__endswith="@werkplaats.test").exists()


def test_with_debug_on_each_role_has_an_account_that_can_do_its_job(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    assert User.objects.filter(email__endswith="@werkplaats.test").count() == 5
    for email in (TREKKER, PARTNERCONTACT_EMAIL, GEMEENTECONTACT_EMAIL, COMMISSIE, BEHEERDER):
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)

    trekker = User.objects.get(email=TREKKER)
    armoede = Leeratelier.objects.get(slug="armoede-en-schulden")
    assert list(permissions.leerateliers_led_by(trekker)) == [armoede]
    partner = User.objects.get(email=PARTNERCONTACT_EMAIL)
    assert list(permissions.organisaties_managed_by(partner)) == [
        Organisatie.objects.get(slug="krachtige-kernen")
    ]
    commissie = User.objects.get(email=COMMISSIE)
    assert commissie.is_staff and not commissie.is_superuser
    assert commissie.has_perm("kennisagenda.change_kwestie")
    assert commissie.has_perm("publicaties.change_publicatie")
    assert not commissie.has_perm("werkplaats.change_user")
    assert User.objects.get(email=BEHEERDER).is_superuser
