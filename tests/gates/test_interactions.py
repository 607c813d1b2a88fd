"""Real interactions in headless Chromium: keyboard only, as a person without a mouse."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from werkplaats.models import Organisatie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server


def tab_to(page, selector, limit=40):
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo, page):
    page.goto(demo.url + "/partners/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_partners_can_be_filtered_by_gemeente_with_the_keyboard_only(demo, page):
    page.goto(demo.url + "/partners/")
    tab_to(page, "#id_gemeente")
    page.keyboard.type("Nijmegen")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"gemeente=nijmegen"))
    expected = Organisatie.objects.filter(gemeente__slug="nijmegen").count()
    heading = page.get_by_role("heading", name=re.compile("gevonden"))
    expect(heading).to_have_text(re.compile(rf"^\s*{expected} partners? gevonden\s*$"))
    results = page.locator(".item-list .item")
    expect(results).to_have_count(expected)
    for meta in results.locator(".meta").all_inner_texts():
        assert "Nijmegen" in meta
    expect(page.get_by_label("Gemeente")).to_have_value("nijmegen")


def test_a_guest_registers_for_a_bijeenkomst_with_the_keyboard_only(demo, page):
    page.goto(demo.url + "/bijeenkomsten/arenabijeenkomst-armoede-en-schulden-verhalenkamer/")
    tab_to(page, "#id_naam")
    page.keyboard.type("Anna de Boer")
    page.keyboard.press("Tab")
    page.keyboard.type("anna@example.nl")
    page.keyboard.press("Enter")

    status = page.get_by_role("status")
    expect(status).to_contain_text("we hebben een e-mail gestuurd naar anna@example.nl")
    (message,) = mail.outbox
    confirm = re.search(r"/bijeenkomsten/bevestigen/\S+", message.body)[0]
    page.goto(demo.url + confirm)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Je bent aangemeld.")
    expect(page.get_by_text("Nog 24 van de 25 plaatsen vrij.")).to_be_visible()


KEY_PAGES = {
    "home": "/",
    "leerateliers": "/leerateliers/",
    "leeratelier": "/leerateliers/jip/",
    "publicaties": "/publicaties/?q=armoede",
    "publicatie": "/publicaties/werken-aan-bestaanszekerheid/",
    "zoeken": "/zoeken/?q=eenzaamheid",
    "sociale-kwaliteit": "/sociale-kwaliteit/",
    "voorwaarde": "/sociale-kwaliteit/sociale-cohesie/",
    "gemeenten": "/gemeenten/",
    "gemeente": "/gemeenten/heumen/",
    "partners": "/partners/?soort=gemeente",
    "partner": "/partners/hogeschool-van-arnhem-en-nijmegen/",
    "persoon": "/personen/lisbeth-verharen/",
    "bijeenkomsten": "/bijeenkomsten/",
    "bijeenkomst": "/bijeenkomsten/arenabijeenkomst-armoede-en-schulden-verhalenkamer/",
    "bijeenkomst-verslag": "/bijeenkomsten/symposium-samen-werken-aan-sociale-kwaliteit-2022/",
    "niet-gevonden": "/bestaat-niet/",
}


def test_full_page_screenshots_of_the_key_pages(demo, page):
    """Written to var/screenshots/ for people to look at; not compared."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in KEY_PAGES.items():
            page.goto(demo.url + path)
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=target, full_page=True)
            assert target.stat().st_size > 10_000
