"""A programmacommissie member drafts a version, merges two kwesties and adopts the version,
in the admin, in headless Chromium; screenshots of each step go to var/screenshots/."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from kennisagenda.models import AgendaStatus, Kennisagenda, Kwestie, KwestieStatus
from tests.helpers import run_command
from werkplaats.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def member(live_server):
    run_command("load_demo")
    run_command("setup_roles")
    user = User.objects.create_user("pc@example.nl", "een-lang-wachtwoord", is_staff=True)
    user.groups.add(Group.objects.get(name="Programmacommissie"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"kennisagenda-{name}.png", full_page=True)


def run_action(page, live_server, changelist, rows, action):
    page.goto(live_server.url + changelist)
    for row in rows:
        page.get_by_role("row").filter(has_text=row).get_by_role("checkbox").check()
    page.get_by_label("Actie:").select_option(action)
    page.get_by_role("button", name="Uitvoeren").click()


def test_draft_merge_and_adopt_in_the_admin(live_server, page, member):
    page.goto(live_server.url + "/beheer/")  # the admin sends a visitor to the site's login
    page.get_by_label("E-mailadres", exact=True).fill("pc@example.nl")
    page.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(live_server.url + "/beheer/")

    current = Kennisagenda.objects.get(status=AgendaStatus.VASTGESTELD)
    run_action(
        page, live_server, "/beheer/kennisagenda/kennisagenda/", [current.titel], "start_concept"
    )
    shot(page, "1-nieuwe-versie")
    page.get_by_label("Titel van de nieuwe versie").fill("Regionale kennisagenda 2025")
    page.get_by_label("Versie in het adres").fill("2025")
    page.get_by_label("Toelichting (openbaar)").fill("Herijking na vijf jaar leerateliers.")
    page.get_by_role("button", name="Ja, doorgaan").click()
    expect(page.get_by_text("Conceptversie “Regionale kennisagenda 2025” gemaakt.")).to_be_visible()

    active = list(
        Kwestie.objects.filter(status=KwestieStatus.ACTIEF, agendapunten__agenda__slug="2025")
    )
    source, target = active[0], active[1]
    run_action(page, live_server, "/beheer/kennisagenda/kwestie/", [source.naam], "merge")
    page.get_by_label("Opgaan in").select_option(label=target.naam)
    page.get_by_label("Toelichting (openbaar)").fill("De vragen overlappen; één leeratelier.")
    shot(page, "2-samenvoegen")
    page.get_by_role("button", name="Ja, doorgaan").click()
    expect(page.get_by_text(f"Samengevoegd in “{target.naam}”.")).to_be_visible()

    run_action(
        page,
        live_server,
        "/beheer/kennisagenda/kennisagenda/",
        ["Regionale kennisagenda 2025"],
        "adopt",
    )
    shot(page, "3-vaststellen")
    page.get_by_role("button", name="Ja, doorgaan").click()
    expect(page.get_by_text("“Regionale kennisagenda 2025” is vastgesteld.")).to_be_visible()

    page.goto(live_server.url + "/kennisagenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Regionale kennisagenda 2025")
    expect(page.locator("#kwesties-titel + ol")).not_to_contain_text(source.naam)
    shot(page, "4-publiek")
    page.goto(live_server.url + "/kennisagenda/geschiedenis/")
    expect(page.locator("main")).to_contain_text(
        re.compile(rf"“{re.escape(source.naam)}” is opgegaan in “{re.escape(target.naam)}”")
    )
    shot(page, "5-geschiedenis")
