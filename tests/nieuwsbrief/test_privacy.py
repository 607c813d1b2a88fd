"""The consent records in the personal-data download, erased with the account or, for an
address without an account, on request in the admin; the admin shows them read-only."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from nieuwsbrief.consent import TOESTEMMING_TEKST
from nieuwsbrief.models import Afmelding, Bezorging, Editie, EditieStatus, Inschrijving
from nieuwsbrief.services import (
    inschrijving_aanvragen,
    inschrijving_account,
    inschrijving_bevestigen,
    inschrijving_intrekken,
)
from portaal.services import account_delete
from tests.conftest import PASSWORD
from werkplaats.management.commands.setup_roles import apply_roles

pytestmark = pytest.mark.django_db


def sent_edition(titel="Nieuwsbrief november"):
    return Editie.objects.create(
        titel=titel,
        slug=titel.lower().replace(" ", "-"),
        status=EditieStatus.VERZONDEN,
        verzonden_at=timezone.now(),
    )


@pytest.fixture
def history(verklaring, make_user, make_leeratelier):
    """An account that subscribed as a guest under a second address, withdrew, and then
    subscribed with one click; and a stranger's subscription that must stay."""
    user = make_user("carinda@example.nl")
    EmailAddress.objects.create(user=user, email="c.jansen@example.nl", verified=True)
    jip = make_leeratelier("Jongeren in de participatiesamenleving")
    guest = inschrijving_aanvragen(
        email="C.Jansen@example.nl", pagina="/publicaties/", leerateliers=[jip]
    )
    inschrijving_bevestigen(inschrijving=guest)
    Bezorging.objects.create(
        editie=sent_edition(), email="c.jansen@example.nl", verzonden_at=timezone.now()
    )
    inschrijving_intrekken(email="c.jansen@example.nl")
    inschrijving_account(user=user, pagina="/mijn/")
    other = inschrijving_aanvragen(email="bert@example.nl", pagina="/nieuwsbrief/")
    return user, other


def test_the_download_holds_every_consent_record_of_the_account_and_its_addresses(client, history):
    user, _other = history
    client.force_login(user)
    data = json.loads(client.get("/mijn/gegevens/").content)
    guest, account = data["nieuwsbrief_inschrijvingen"]
    assert guest["e-mailadres"] == "c.jansen@example.nl"
    assert guest["leerateliers_van_interesse"] == ["Jongeren in de participatiesamenleving"]
    assert guest["toestemming_gegeven_op_pagina"] == "/publicaties/"
    assert guest["tekst_van_de_toestemming"] == TOESTEMMING_TEKST
    assert guest["versie_van_de_toestemmingstekst"] == 1
    assert guest["versie_van_de_privacyverklaring"] == 1
    assert guest["bevestigd_op"] and guest["afgemeld_op"]
    assert account["e-mailadres"] == "carinda@example.nl" and account["afgemeld_op"] is None
    assert data["nieuwsbrief_afgemelde_adressen"][0]["e-mailadres"] == "c.jansen@example.nl"
    assert data["ontvangen_edities"][0]["editie"] == "Nieuwsbrief november"
    assert "bert@example.nl" not in json.dumps(data)


def test_deleting_the_account_erases_its_records_and_leaves_the_others(history):
    user, other = history
    account_delete(user=user)
    assert list(Inschrijving.objects.all()) == [other]
    assert not Afmelding.objects.exists()
    assert not Bezorging.objects.exists()


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer@example.nl", PASSWORD))
    return client


def test_the_admin_erases_an_address_on_request_after_a_confirmation(admin_client, history):
    _user, other = history
    guest = Inschrijving.objects.filter(email="c.jansen@example.nl").get()
    data = {"action": "adres_wissen", "_selected_action": [guest.pk]}
    page = admin_client.post("/beheer/nieuwsbrief/inschrijving/", data)
    assert page.status_code == 200
    assert "Gegevens van dit adres wissen" in page.content.decode()
    assert Inschrijving.objects.filter(email="c.jansen@example.nl").exists()  # asked first

    admin_client.post("/beheer/nieuwsbrief/inschrijving/", {**data, "bevestigd": "1"})
    assert not Inschrijving.objects.filter(email="c.jansen@example.nl").exists()
    assert not Afmelding.objects.exists() and not Bezorging.objects.exists()
    assert Inschrijving.objects.filter(email="carinda@example.nl").exists()
    assert other in Inschrijving.objects.all()


def test_the_admin_shows_the_records_read_only(admin_client, history):
    guest = Inschrijving.objects.filter(email="c.jansen@example.nl").get()
    listing = admin_client.get("/beheer/nieuwsbrief/inschrijving/?status=afgemeld")
    assert listing.status_code == 200 and "c.jansen@example.nl" in listing.content.decode()
    assert "carinda@example.nl" not in listing.content.decode()
    change = admin_client.get(f"/beheer/nieuwsbrief/inschrijving/{guest.pk}/change/")
    html = change.content.decode()
    assert change.status_code == 200
    assert TOESTEMMING_TEKST in html and 'name="_save"' not in html
    response = admin_client.post(
        f"/beheer/nieuwsbrief/inschrijving/{guest.pk}/change/", {"email": "x@example.nl"}
    )
    assert response.status_code == 403
    assert admin_client.get("/beheer/nieuwsbrief/inschrijving/add/").status_code == 403
    assert (
        admin_client.get(f"/beheer/nieuwsbrief/inschrijving/{guest.pk}/delete/").status_code == 403
    )
    assert admin_client.get("/beheer/nieuwsbrief/afmelding/").status_code == 200
    assert admin_client.get("/beheer/nieuwsbrief/afmelding/add/").status_code == 403


def test_the_programmacommissie_may_read_the_records_but_not_erase_them(client, history, make_user):
    apply_roles()
    member = make_user("commissie@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(member)
    listing = client.get("/beheer/nieuwsbrief/inschrijving/")
    assert listing.status_code == 200
    assert "adres_wissen" not in listing.content.decode()
    guest = Inschrijving.objects.filter(email="c.jansen@example.nl").get()
    client.post(
        "/beheer/nieuwsbrief/inschrijving/",
        {"action": "adres_wissen", "_selected_action": [guest.pk], "bevestigd": "1"},
    )
    assert Inschrijving.objects.filter(pk=guest.pk).exists()
