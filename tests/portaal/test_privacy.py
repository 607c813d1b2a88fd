"""AVG: a user downloads what the portal holds about them, and deletes their account."""

import json
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client

from accounts.models import Koppeling
from leerateliers.models import Abonnement, Melding, TribuneUpdate
from tests.conftest import PASSWORD
from werkplaats.models import Persoon, User

pytestmark = pytest.mark.django_db


def log_in_and_confirm_password(client, user):
    """Sign in and confirm the password again, as allauth asks before a sensitive step."""
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_download_holds_the_account_profile_claims_and_follows(client, world, make_update):
    make_update(world.a, titel="Verhalenkamer van start", auteur=world.carinda)
    client.post(f"/mijn/volgen/{world.b.slug}/", {"volgen": "on"})  # anonymous: refused
    client.force_login(world.trekker)
    client.post(f"/mijn/volgen/{world.b.slug}/", {"volgen": "on"})

    response = client.get("/mijn/gegevens/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert data["account"]["e-mailadres"] == "carinda@example.nl"
    assert data["account"]["groepen"] == ["Onderzoeker"]
    assert data["profiel"]["naam"] == "Carinda Jansen"
    assert data["profiel"]["rollen_in_leerateliers"] == [
        {"leeratelier": "Armoede en schulden", "rol": "Trekker"}
    ]
    assert [u["titel"] for u in data["profiel"]["tribune-updates"]] == ["Verhalenkamer van start"]
    assert data["koppelingen"][0]["status"] == "Goedgekeurd"
    assert data["leerateliers"] == [
        {
            "leeratelier": "Jongeren in de participatiesamenleving",
            "volg_ik": True,
            "e-mail_bij_updates": "Meteen, bij elke update",
        }
    ]


def test_the_download_holds_the_messages_received_and_the_changes_made_in_the_admin(
    client, world, make_bijeenkomst
):
    from bijeenkomsten import notifications, services
    from kennisagenda.models import Kwestie

    bijeenkomst = make_bijeenkomst("Arenabijeenkomst armoede")
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=world.partner)
    bericht = services.bijeenkomst_message(bijeenkomst=bijeenkomst, onderwerp="Zaal", tekst="2.12")
    notifications.send_bericht(bericht.pk)
    kwestie = Kwestie(naam="Armoede en schulden")
    kwestie._history_user = world.partner  # as the admin's middleware records it
    kwestie.save()

    client.force_login(world.partner)
    data = json.loads(client.get("/mijn/gegevens/").content)

    assert data["profiel"] is None  # a contactpersoon without a profile on the site
    assert [b["onderwerp"] for b in data["ontvangen_berichten"]] == ["Zaal"]
    (change,) = data["wijzigingen_in_de_kennisagenda"]
    assert (change["wat"], change["nummer"], change["wijziging"]) == (
        "kwestie",
        kwestie.pk,
        "aangemaakt",
    )


def test_the_download_needs_a_login(client):
    assert client.get("/mijn/gegevens/")["Location"].startswith("/accounts/login/")


def test_deleting_asks_to_sign_in_again_when_the_login_is_not_fresh(client, world):
    client.force_login(world.trekker)  # signed in, but the password not confirmed just now
    response = client.get("/mijn/verwijderen/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert User.objects.filter(pk=world.trekker.pk).exists()


def test_deleting_needs_the_checkbox(client, world):
    log_in_and_confirm_password(client, world.trekker)
    response = client.post("/mijn/verwijderen/", {})
    assert "Vink aan dat je je account wilt verwijderen." in response.content.decode()
    assert User.objects.filter(pk=world.trekker.pk).exists()


def dump():
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_deleting_the_account_leaves_no_personal_data(
    client, world, make_update, django_capture_on_commit_callbacks
):
    from leerateliers.services import update_save

    world.carinda.email = "carinda.jansen@han.nl"
    world.carinda.bio = "Onderzoekt armoede met Utrecht en Twente."
    world.carinda.save()
    update = make_update(world.a, titel="Verhalenkamer van start", auteur=world.carinda)
    Abonnement.objects.create(user=world.trekker, leeratelier=world.b)
    other = make_update(world.b, titel="JIP", status="concept")
    with django_capture_on_commit_callbacks(execute=True):
        update_save(update=other, publish=True)  # a Melding for the trekker
    assert Melding.objects.filter(user=world.trekker).exists()

    # Staff once edited the account, its claim and the profile in the admin ...
    from django.contrib.admin.models import CHANGE, LogEntry

    for obj in (world.trekker, world.trekker.koppelingen.get(), world.carinda):
        LogEntry.objects.log_actions(world.beheerder.pk, [obj], CHANGE, change_message="[]")
    # ... and the trekker is also signed in on another device.
    other_device = Client()
    other_device.force_login(world.trekker)

    log_in_and_confirm_password(client, world.trekker)
    response = client.post("/mijn/verwijderen/", {"bevestig": "on"}, follow=True)
    assert "Je account en je persoonsgegevens zijn verwijderd." in response.content.decode()
    assert not response.context["user"].is_authenticated

    assert not User.objects.filter(email="carinda@example.nl").exists()
    assert not Persoon.objects.filter(naam="Carinda Jansen").exists()
    for model in (EmailAddress, Koppeling, Abonnement, Melding):
        assert not model.objects.filter(user_id=world.trekker.pk).exists()
    everything = dump()
    for personal in ("carinda@example.nl", "Carinda", "carinda.jansen@han.nl", "Utrecht en Twente"):
        assert personal not in everything

    assert LogEntry.objects.count() == 3  # the log stays, without the names
    assert other_device.get("/mijn/")["Location"].startswith("/accounts/login/")

    update.refresh_from_db()
    assert update.auteur is None  # the update stays, anonymised
    page = client.get(update.get_absolute_url())
    assert page.status_code == 200 and "Verhalenkamer van start" in page.content.decode()


def test_an_author_of_a_publicatie_keeps_only_their_name_there(client, world, make_publicatie):
    world.carinda.email = "carinda.jansen@han.nl"
    world.carinda.functie = "Onderzoeker"
    world.carinda.save()
    make_publicatie("Armoede in Lingewaard", auteurs=[world.carinda])
    log_in_and_confirm_password(client, world.trekker)
    client.post("/mijn/verwijderen/", {"bevestig": "on"})

    assert not User.objects.filter(pk=world.trekker.pk).exists()
    persoon = Persoon.objects.get(pk=world.carinda.pk)
    assert (persoon.user, persoon.email, persoon.functie, persoon.bio) == (None, "", "", "")
    assert not persoon.trekkerschappen.exists()
    assert "carinda.jansen@han.nl" not in dump()


def test_a_published_update_without_author_still_renders_everywhere(client, world, make_update):
    update = make_update(world.a, titel="Zonder auteur", auteur=None)
    assert client.get(update.get_absolute_url()).status_code == 200
    assert client.get(world.a.get_feed_url()).status_code == 200
    assert TribuneUpdate.objects.published().filter(auteur__isnull=True).exists()


def test_messages_sent_to_an_old_address_are_in_the_download_and_go_with_the_account(
    client, world, make_bijeenkomst
):
    from bijeenkomsten import notifications, services
    from bijeenkomsten.models import Ontvanger
    from portaal.services import account_delete

    bijeenkomst = make_bijeenkomst("Arenabijeenkomst armoede")
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=world.partner)
    bericht = services.bijeenkomst_message(bijeenkomst=bijeenkomst, onderwerp="Zaal", tekst="2.12")
    notifications.send_bericht(bericht.pk)
    old_address = world.partner.email
    world.partner.email = "nieuw@example.nl"  # changed since
    world.partner.save()

    client.force_login(world.partner)
    data = json.loads(client.get("/mijn/gegevens/").content)
    assert [b["e-mailadres"] for b in data["ontvangen_berichten"]] == [old_address]

    account_delete(user=world.partner)
    assert not Ontvanger.objects.filter(email__iexact=old_address).exists()
