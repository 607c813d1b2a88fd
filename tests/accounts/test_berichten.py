"""Emails about koppelingen: staff who decide hear of a new request (if they want to), the
applicant hears the decision (always); each once. And the choices are personal data."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import privacy, services
from accounts.models import Koppeling, KoppelingStatus, Meldingsvoorkeur
from tests.helpers import run_command
from werkplaats import mail as one_path
from werkplaats.models import UitgaandeMail

pytestmark = pytest.mark.django_db


def to(mailoutbox, user):
    return [message for message in mailoutbox if message.to == [user.email]]


@pytest.fixture
def staff(world, make_user):
    """Who may and may not decide about koppelingen, besides the world's superuser."""
    commissie = make_user("pc@example.nl", is_staff=True)
    commissie.groups.add(Group.objects.get(name="Programmacommissie"))
    direct = make_user("direct@example.nl", is_staff=True)
    direct.user_permissions.add(Permission.objects.get(codename="change_koppeling"))
    return {
        "commissie": commissie,
        "direct": direct,
        "no_right": make_user("redacteur@example.nl", is_staff=True),
        "not_staff": make_user("geen-staf@example.nl"),
        "inactive": make_user("weg@example.nl", is_staff=True, is_active=False),
    }


def test_a_new_request_tells_each_active_staff_member_who_may_decide_once(
    client, world, staff, mailoutbox, django_capture_on_commit_callbacks
):
    staff["not_staff"].user_permissions.add(Permission.objects.get(codename="change_koppeling"))
    staff["inactive"].groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(world.stranger)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/mijn/koppelen/",
            {"persoon": "", "naam": "Lisbeth Verharen", "organisatie": world.organisatie.pk},
        )
        client.post("/mijn/koppelen/", {"naam": "Nog eens"})  # waits for the first: no news
    assert response.status_code == 302
    koppeling = Koppeling.objects.get(user=world.stranger)

    told = sorted(message.to[0] for message in mailoutbox)
    assert told == sorted([world.beheerder.email, staff["commissie"].email, staff["direct"].email])
    message = to(mailoutbox, staff["commissie"])[0]
    assert message.subject == "Nieuwe aanvraag voor een koppeling: Lisbeth Verharen"
    assert f"http://testserver/beheer/accounts/koppeling/{koppeling.pk}/change/" in message.body
    assert "Organisatie: Krachtige Kernen" in message.body
    assert "omdat je aanvragen voor koppelingen beoordeelt" in message.body
    assert "http://testserver/mijn/meldingen/" in message.body
    assert world.stranger.email not in message.body  # the address stays in the admin

    one_path.send_outbox()  # also sends what the world's approvals left waiting
    run_command("send_outbox")
    assert len([m for m in mailoutbox if m.subject.startswith("Nieuwe aanvraag")]) == 3


def test_staff_who_turned_it_off_and_the_applicant_themselves_are_not_told(
    client, world, staff, mailoutbox, django_capture_on_commit_callbacks
):
    services.meldingsvoorkeur_set(user=staff["commissie"], koppelingen=False)
    services.meldingsvoorkeur_set(user=staff["direct"], deelnames=False)  # another kind
    client.force_login(world.beheerder)  # a superuser may ask too; nobody tells them of it
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mijn/koppelen/", {"naam": "Beheerder zelf"})
    assert Koppeling.objects.pending().filter(user=world.beheerder).exists()
    assert [message.to for message in mailoutbox] == [[staff["direct"].email]]


def decide(client, koppeling, action):
    return client.post(
        "/beheer/accounts/koppeling/",
        {"action": action, "_selected_action": [koppeling.pk], "bevestigd": "1"},
    )


def test_the_applicant_hears_approval_and_revocation_once_whatever_they_chose(
    client, world, staff, make_persoon, mailoutbox, django_capture_on_commit_callbacks
):
    lisbeth = make_persoon("Lisbeth Verharen")
    koppeling = Koppeling.objects.create(
        user=world.stranger, persoon=lisbeth, organisatie=world.andere, is_contactpersoon=True
    )
    services.meldingsvoorkeur_set(
        user=world.stranger, deelnames=False, reacties_overzicht=False, koppelingen=False
    )
    client.force_login(staff["commissie"])
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, koppeling, "approve")
        decide(client, koppeling, "approve")  # already decided: nothing new
    (approved,) = to(mailoutbox, world.stranger)
    assert approved.subject == "Je koppeling is goedgekeurd"
    assert "je account is nu gekoppeld aan het profiel van Lisbeth Verharen" in approved.body
    assert "Je kunt nu de deelname van Zorgalliantie aan de leerateliers beheren." in approved.body
    assert "http://testserver/mijn/" in approved.body
    assert "Met vriendelijke groet," in approved.body

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, koppeling, "revoke")
    revoked = to(mailoutbox, world.stranger)[-1]
    assert revoked.subject == "Je koppeling is ingetrokken"
    assert "Je account is niet meer gekoppeld aan Lisbeth Verharen." in revoked.body

    one_path.send_outbox()
    assert [message.subject for message in to(mailoutbox, world.stranger)] == [
        "Je koppeling is goedgekeurd",
        "Je koppeling is ingetrokken",
    ]
    assert UitgaandeMail.objects.filter(user=world.stranger).count() == 2


def test_the_applicant_hears_a_rejection(
    client, world, staff, mailoutbox, django_capture_on_commit_callbacks
):
    koppeling = Koppeling.objects.create(user=world.stranger, naam="Iemand Anders")
    client.force_login(staff["commissie"])
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, koppeling, "reject")
    koppeling.refresh_from_db()
    assert koppeling.status == KoppelingStatus.AFGEWEZEN
    (rejected,) = to(mailoutbox, world.stranger)
    assert rejected.subject == "Je aanvraag voor een koppeling is afgewezen"
    assert "Je aanvraag om je account te koppelen aan Iemand Anders is niet goedgekeurd." in (
        rejected.body
    )
    assert "http://testserver/mijn/koppelen/" in rejected.body


@pytest.mark.parametrize("with_address", [True, False])
def test_the_choices_are_exported_and_erased_with_the_account(
    world, with_address, django_assert_max_num_queries
):
    from allauth.account.models import EmailAddress

    if with_address:  # the choices come along with the addresses, in one query
        EmailAddress.objects.create(user=world.partner, email=world.partner.email, primary=True)
        EmailAddress.objects.create(user=world.trekker, email=world.trekker.email, primary=True)
    assert privacy.export(world.partner)["e-mailvoorkeuren"] == []  # never chose
    services.meldingsvoorkeur_set(user=world.trekker, deelnames=False)
    # addresses (with the choices), koppelingen, second factors; without addresses the choices
    # take a query of their own
    with django_assert_max_num_queries(3 if with_address else 4):
        exported = privacy.export(world.trekker)["e-mailvoorkeuren"]
    assert len(exported) == 1
    assert exported[0]["Wijzigingen in de arena en op de tribune van mijn leerateliers"] is False
    assert exported[0]["Wekelijks overzicht van nieuwe reacties"] is True
    assert str(world.trekker.email) not in str(Meldingsvoorkeur.objects.get())
    privacy.erase(world.trekker)
    assert not Meldingsvoorkeur.objects.exists()


def test_wants_and_wanting_follow_the_choices_with_everything_on_by_default(world):
    assert services.wants(world.partner, "deelnames")
    services.meldingsvoorkeur_set(user=world.partner, deelnames=False)
    assert not services.wants(world.partner, "deelnames")
    assert services.wants(world.partner, "koppelingen")
    from werkplaats.models import User

    users = User.objects.filter(pk__in=[world.partner.pk, world.trekker.pk])
    assert list(services.wanting(users, "deelnames")) == [world.trekker]
    with pytest.raises(ValueError):
        services.wants(world.partner, "nieuwsbrief")
