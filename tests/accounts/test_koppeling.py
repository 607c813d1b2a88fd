"""A user claims who they are; staff approve in the admin; only then do rights follow."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import Koppeling, KoppelingStatus
from accounts.permissions import can_approve_koppeling
from leerateliers import permissions

pytestmark = pytest.mark.django_db


def test_a_new_user_claims_a_profile_and_gets_nothing_until_approved(client, world, make_persoon):
    lisbeth = make_persoon("Lisbeth Verharen")
    client.force_login(world.stranger)
    dashboard = client.get("/mijn/").content.decode()
    assert "Koppeling aanvragen" in dashboard

    response = client.post(
        "/mijn/koppelen/",
        {"persoon": lisbeth.pk, "organisatie": world.organisatie.pk, "is_contactpersoon": "on"},
    )
    assert response["Location"] == "/mijn/"
    koppeling = Koppeling.objects.get(user=world.stranger)
    assert koppeling.status == KoppelingStatus.AANGEVRAAGD
    lisbeth.refresh_from_db()
    assert lisbeth.user is None
    assert "wordt beoordeeld" in client.get("/mijn/").content.decode()
    page = client.get(f"/mijn/organisaties/{world.organisatie.slug}/{world.a.slug}/arena/")
    assert page.status_code == 403


def test_the_claim_form_explains_its_errors_in_dutch(client, world):
    client.force_login(world.stranger)
    response = client.post("/mijn/koppelen/", {"is_contactpersoon": "on", "toelichting": "Hallo"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kies je profiel of vul je naam in." in content
    assert "Kies de organisatie waarvan je contactpersoon bent." in content
    assert "Hallo" in content  # what was typed stays
    assert not Koppeling.objects.filter(user=world.stranger).exists()


def test_a_second_claim_waits_for_the_first(client, world):
    client.force_login(world.stranger)
    client.post("/mijn/koppelen/", {"naam": "Iemand"})
    response = client.post("/mijn/koppelen/", {"naam": "Nog eens"})
    assert "Je hebt op" in response.content.decode()
    assert Koppeling.objects.filter(user=world.stranger).count() == 1


def approve_in_admin(client, koppeling, action="approve"):
    return client.post(
        "/beheer/accounts/koppeling/",
        {"action": action, "_selected_action": [koppeling.pk], "bevestigd": "1"},
    )


def test_a_programmacommissie_member_approves_in_the_admin(client, world, make_user):
    member = make_user("pc@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    koppeling = Koppeling.objects.create(
        user=world.stranger, persoon=world.carinda, naam="", is_contactpersoon=False
    )
    world.carinda.user = None
    world.carinda.save()
    world.trekker.delete()  # the profile is free again

    client.force_login(member)
    confirm = client.post(
        "/beheer/accounts/koppeling/",
        {"action": "approve", "_selected_action": [koppeling.pk]},
    )
    assert "Geselecteerde aanvragen goedkeuren" in confirm.content.decode()
    koppeling.refresh_from_db()
    assert koppeling.status == KoppelingStatus.AANGEVRAAGD  # not before confirming

    approve_in_admin(client, koppeling)
    koppeling.refresh_from_db()
    world.carinda.refresh_from_db()
    assert koppeling.status == KoppelingStatus.GOEDGEKEURD
    assert koppeling.beoordeeld_door == member
    assert world.carinda.user == world.stranger
    stranger = type(world.stranger).objects.get(pk=world.stranger.pk)
    assert stranger.groups.filter(name="Onderzoeker").exists()
    assert permissions.can_write_updates(stranger, world.a)


def test_nobody_approves_their_own_claim(client, world, make_user):
    member = make_user("pc@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    own = Koppeling.objects.create(
        user=member, naam="Lid", organisatie=world.organisatie, is_contactpersoon=True
    )
    client.force_login(member)
    response = approve_in_admin(client, own)
    assert "eigen aanvraag" in response.content.decode()
    own.refresh_from_db()
    assert own.status == KoppelingStatus.AANGEVRAAGD
    assert not member.groups.filter(name="Partnercontact").exists()


def test_a_profile_that_belongs_to_another_account_is_not_given_away(client, world):
    koppeling = Koppeling.objects.create(user=world.stranger, persoon=world.carinda)
    client.force_login(world.beheerder)
    response = approve_in_admin(client, koppeling)
    assert "al gekoppeld aan een ander account" in response.content.decode()
    koppeling.refresh_from_db()
    world.carinda.refresh_from_db()
    assert koppeling.status == KoppelingStatus.AANGEVRAAGD
    assert world.carinda.user == world.trekker


def test_a_rejected_claim_gives_no_rights(client, world):
    koppeling = Koppeling.objects.create(
        user=world.stranger, naam="X", organisatie=world.organisatie, is_contactpersoon=True
    )
    client.force_login(world.beheerder)
    approve_in_admin(client, koppeling, action="reject")
    koppeling.refresh_from_db()
    assert koppeling.status == KoppelingStatus.AFGEWEZEN
    assert not world.stranger.groups.exists()


def test_other_staff_cannot_see_claims(client, world, make_user):
    staff = make_user("medewerker@example.nl", is_staff=True)
    client.force_login(staff)
    assert client.get("/beheer/accounts/koppeling/").status_code == 403


def test_the_programmacommissie_cannot_link_accounts_to_profiles_by_hand(client, world, make_user):
    member = make_user("pc@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(member)
    url = f"/beheer/werkplaats/persoon/{world.joos.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="user"' not in form  # shown, not editable
    client.post(url, {"naam": "Joos Meesters", "slug": world.joos.slug, "user": member.pk})
    world.joos.refresh_from_db()
    assert world.joos.user == world.trekker_b


def test_a_decided_claim_cannot_be_edited_and_nobody_edits_their_own(client, world, make_user):
    member = make_user("pc@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(member)
    decided = world.partner.koppelingen.get()
    client.post(
        f"/beheer/accounts/koppeling/{decided.pk}/change/",
        {"organisatie": world.andere.pk, "is_contactpersoon": "on", "naam": "X"},
    )
    decided.refresh_from_db()
    assert decided.organisatie == world.organisatie

    own = Koppeling.objects.create(user=member, naam="Lid", organisatie=world.andere)
    client.post(
        f"/beheer/accounts/koppeling/{own.pk}/change/",
        {"organisatie": world.organisatie.pk, "is_contactpersoon": "on", "naam": "Lid"},
    )
    own.refresh_from_db()
    assert (own.organisatie, own.is_contactpersoon) == (world.andere, False)


def test_revoking_an_approval_takes_the_rights_away(client, world):
    client.force_login(world.beheerder)
    for koppeling in (world.partner.koppelingen.get(), world.trekker.koppelingen.get()):
        approve_in_admin(client, koppeling, action="revoke")
        koppeling.refresh_from_db()
        assert koppeling.status == KoppelingStatus.INGETROKKEN
    partner = type(world.partner).objects.get(pk=world.partner.pk)
    trekker = type(world.trekker).objects.get(pk=world.trekker.pk)
    assert not permissions.can_manage_deelnames(partner, world.organisatie)
    assert not permissions.can_write_updates(trekker, world.a)
    world.carinda.refresh_from_db()
    assert world.carinda.user is None
    assert not partner.groups.exists() and not trekker.groups.exists()


def test_a_trekkerschap_added_after_approval_counts(world, make_persoon, make_user):
    from accounts.services import koppeling_approve
    from leerateliers.models import TrekkerRol, Trekkerschap

    persoon = make_persoon("Meike Heessels")
    user = make_user("meike@example.nl")
    koppeling_approve(
        koppeling=Koppeling.objects.create(user=user, persoon=persoon), by=world.beheerder
    )
    user = type(user).objects.get(pk=user.pk)
    assert not permissions.can_write_updates(user, world.b)
    Trekkerschap.objects.create(persoon=persoon, leeratelier=world.b, rol=TrekkerRol.CO_TREKKER)
    assert permissions.can_write_updates(user, world.b)


def test_staff_approve_claims_but_not_their_own(world, make_user):
    member = make_user("pc@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    member = type(member).objects.get(pk=member.pk)
    theirs = Koppeling.objects.create(user=member, naam="Lid Commissie")
    other = Koppeling.objects.create(user=world.stranger, naam="Iemand Anders")
    assert can_approve_koppeling(member, other)
    assert not can_approve_koppeling(member, theirs)
    assert not can_approve_koppeling(world.partner, other)  # not staff
    assert can_approve_koppeling(world.beheerder, other)
