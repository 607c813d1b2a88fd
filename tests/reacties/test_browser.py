"""A visitor answers a leeratelier and its trekker deals with it, in headless Chromium with the
keyboard and without JavaScript of the site's own: the form with its errors, the thanks, the
trekker's list; each page valid and without axe violations."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, TREKKER
from reacties.models import Reactie, Status
from tests.gates.helpers import load_demo_with_accounts
from tests.gates.quality import CrawledPage, axe_violations, horizontal_overflow, vnu_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(live_server, settings):
    load_demo_with_accounts(settings)
    return live_server


def check(page, checked):
    """The page open in Chromium has no axe violations and reflows at 320 px; its HTML is kept
    for one run of the HTML checker."""
    assert axe_violations(page) == [], page.url
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) == 0, page.url
    page.set_viewport_size({"width": 1280, "height": 900})
    checked.append(CrawledPage(page.url, 200, "text/html", 0, page.content()))


def test_a_visitor_answers_and_the_trekker_moves_it_along(demo, page):
    checked = []
    page.goto(f"{demo.url}/leerateliers/armoede-en-schulden/")
    page.get_by_role("link", name="Meedoen of meepraten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reageren")
    expect(page.get_by_label("Waarover gaat je bericht?")).to_have_value("meedoen")
    check(page, checked)

    # With the keyboard, from the first field to the button: never into the honeypot.
    page.get_by_label("Waarover gaat je bericht?").focus()
    visited = []
    for _ in range(12):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("() => document.activeElement.name || ''"))
    assert "kenmerk_x" not in visited
    assert visited[:5] == ["naam", "email", "organisatie", "gemeente", "bericht"]

    page.get_by_role("textbox", name="Je naam").fill("Anna de Boer")
    page.get_by_role("textbox", name="Je e-mailadres").fill("anna@example.nl")
    page.get_by_label("Gemeente").select_option(label="Lingewaard")
    page.get_by_role("textbox", name="Je bericht").fill("Wij willen meepraten over armoede.")
    page.get_by_role("button", name="Bericht versturen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("zonder je toestemming versturen we niets")
    expect(page.get_by_role("textbox", name="Je bericht")).to_have_value(
        "Wij willen meepraten over armoede."
    )
    check(page, checked)

    summary.get_by_role("link").click()  # the error links to the box
    page.get_by_role("checkbox", name=re.compile("^Ja, stuur mijn bericht door")).check()
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor je bericht")
    check(page, checked)
    reactie = Reactie.objects.get(email="anna@example.nl")
    assert reactie.gemeente.naam == "Lingewaard"
    assert {m.to[0] for m in mail.outbox} >= {TREKKER, "anna@example.nl"}

    page.goto(f"{demo.url}/accounts/login/?next=/mijn/")
    page.get_by_label("E-mailadres", exact=True).fill(TREKKER)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{demo.url}/mijn/")
    page.get_by_role("link", name="Reacties van bezoekers").click()
    item = page.locator(f"#reactie-{reactie.pk}")
    expect(item).to_contain_text("Wij willen meepraten over armoede.")
    check(page, checked)

    item.get_by_label(re.compile("^Status")).select_option("afgerond")
    item.get_by_role("button", name=re.compile("Opslaan")).click()
    expect(page.get_by_role("status")).to_contain_text("De reactie van Anna de Boer staat nu op")
    reactie.refresh_from_db()
    assert reactie.status == Status.AFGEROND

    assert vnu_errors(checked) == {}
