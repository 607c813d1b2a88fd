"""/mijn/meldingen/: besides the tribune updates, each user chooses about the emails that can
reach them (trekkers: arena and tribune, the weekly reactions; staff: koppelingen)."""

import re

import pytest
from django.contrib.auth.models import Group

from accounts.models import Meldingsvoorkeur
from leerateliers.models import Abonnement, Frequentie
from leerateliers.services import abonnement_set

pytestmark = pytest.mark.django_db

DEELNAMES = "Wijzigingen in de arena en op de tribune van mijn leerateliers"
REACTIES = "Wekelijks overzicht van nieuwe reacties"
KOPPELINGEN = "Nieuwe aanvragen voor een koppeling"


def checkbox(page, name):
    """The checkbox input named ``name`` on the page, or None."""
    found = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', page)
    return found[0] if found else None


@pytest.fixture
def commissie(make_user):
    member = make_user("pc@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    return member


def test_each_user_sees_only_the_choices_that_apply_to_them(client, world, commissie):
    client.force_login(world.trekker)
    page = client.get("/mijn/meldingen/").content.decode()
    assert DEELNAMES in page and REACTIES in page and KOPPELINGEN not in page
    assert "checked" in checkbox(page, "deelnames")  # on until turned off
    assert "Over je eigen aanvragen en aanmeldingen krijg je altijd bericht." in page

    client.force_login(commissie)
    page = client.get("/mijn/meldingen/").content.decode()
    assert KOPPELINGEN in page and DEELNAMES not in page

    client.force_login(world.partner)  # a contactpersoon: only the updates
    page = client.get("/mijn/meldingen/").content.decode()
    assert world.a.titel in page
    assert DEELNAMES not in page and KOPPELINGEN not in page


def test_a_trekker_saves_their_choices(client, world):
    client.force_login(world.trekker)
    response = client.post(
        "/mijn/meldingen/", {"reacties_overzicht": "on", f"leeratelier-{world.a.pk}": "wekelijks"}
    )
    assert response.status_code == 302
    voorkeur = Meldingsvoorkeur.objects.get(user=world.trekker)
    assert (voorkeur.deelnames, voorkeur.reacties_overzicht, voorkeur.koppelingen) == (
        False,
        True,
        True,
    )
    page = client.get("/mijn/meldingen/").content.decode()
    assert "Je keuzes voor e-mail zijn opgeslagen." in page
    assert "checked" not in checkbox(page, "deelnames")
    assert "checked" in checkbox(page, "reacties_overzicht")

    client.post(
        "/mijn/meldingen/",
        {"deelnames": "on", "reacties_overzicht": "on", f"leeratelier-{world.a.pk}": "direct"},
    )
    voorkeur.refresh_from_db()
    assert voorkeur.deelnames


def test_staff_turn_the_koppeling_emails_off(client, world, commissie):
    client.force_login(commissie)
    assert client.post("/mijn/meldingen/", {}).status_code == 302
    assert not Meldingsvoorkeur.objects.get(user=commissie).koppelingen


@pytest.mark.parametrize(
    ("who", "posted", "message"),
    [
        # A checkbox sends "on" or nothing.
        ("trekker", {"deelnames": "ja", "frequentie": "wekelijks"}, "Vink het vakje aan of uit."),
        # A choice that does not apply to a contactpersoon.
        (
            "partner",
            {"koppelingen": "on", "frequentie": "wekelijks"},
            "Je kunt alleen kiezen over de e-mails die bij je account horen.",
        ),
        # A frequency that does not exist, with a choice made alongside it.
        (
            "trekker",
            {"reacties_overzicht": "on", "frequentie": "elk-uur"},
            "Selecteer een geldige keuze",
        ),
    ],
)
def test_tampered_choices_are_refused_in_dutch_and_save_nothing(
    client, world, who, posted, message
):
    user = getattr(world, who)
    abonnement_set(user=user, leeratelier=world.a, volgt=True)
    client.force_login(user)
    data = dict(posted)
    data[f"leeratelier-{world.a.pk}"] = data.pop("frequentie")
    response = client.post("/mijn/meldingen/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert not Meldingsvoorkeur.objects.filter(user=user).exists()
    assert Abonnement.objects.get(user=user).frequentie == Frequentie.DIRECT
    if "reacties_overzicht" in data:  # what was chosen stays on the page
        assert "checked" in checkbox(page, "reacties_overzicht")
        assert "checked" not in checkbox(page, "deelnames")


@pytest.mark.parametrize("who", ["trekker", "commissie"])
def test_the_page_needs_few_queries(client, world, commissie, who, django_assert_max_num_queries):
    client.force_login(commissie if who == "commissie" else world.trekker)
    client.get("/")  # warms the site profile
    client.get("/mijn/meldingen/")  # renews the session's idle period
    with django_assert_max_num_queries(7):
        assert client.get("/mijn/meldingen/").status_code == 200
