"""Deleting an account in the admin is deleting it on the site: the same service, the same
result."""

import pytest
from django.contrib.admin.models import LogEntry

from accounts.models import Koppeling
from werkplaats.models import Persoon, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, world):
    client.force_login(world.beheerder)
    return client


def assert_gone_without_a_trace(user, persoon):
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Koppeling.objects.filter(user_id=user.pk).exists()
    assert not Persoon.objects.filter(pk=persoon.pk).exists()  # no public record: deleted
    assert not LogEntry.objects.filter(object_repr__icontains=user.email).exists()


def test_deleting_an_account_in_the_admin_removes_its_profile_and_claims(staff, world):
    user, persoon = world.trekker, world.carinda
    response = staff.post(f"/beheer/werkplaats/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert_gone_without_a_trace(user, persoon)


def test_the_bulk_delete_action_does_the_same(staff, world):
    user, persoon = world.trekker_b, world.joos
    response = staff.post(
        "/beheer/werkplaats/user/",
        {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert_gone_without_a_trace(user, persoon)
