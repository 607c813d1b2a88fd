"""The network picture in headless Chromium: highlight, details, filters, keyboard, axe."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leerateliers.models import Leeratelier
from tests.gates.quality import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def picture(live_server, page):
    call_command("load_demo", verbosity=0)
    page.goto(live_server.url + "/netwerk/")
    expect(page.locator("html[data-netwerk=ready]")).to_have_count(1)
    assert axe_violations(page) == []
    return page


def node(page, node_id):
    return page.locator(f'.netwerk-svg .node[data-id="{node_id}"]')


def lingewaard_ateliers():
    return {
        f"leeratelier-{slug}"
        for slug in Leeratelier.objects.filter(gemeenten__slug="lingewaard").values_list(
            "slug", flat=True
        )
    }


def test_clicking_a_gemeente_highlights_its_leerateliers_and_fills_the_details(picture):
    page = picture
    node(page, "gemeente-lingewaard").click()
    expect(page).to_have_url(re.compile(r"/netwerk/$"))  # the first click chooses
    expect(node(page, "gemeente-lingewaard")).to_have_class(re.compile(r"\bis-active\b"))
    near = set(page.locator(".netwerk-svg .node.is-near").evaluate_all(
        "nodes => nodes.map(n => n.dataset.id)"))  # fmt: skip
    assert near == lingewaard_ateliers() and near
    details = page.locator("[data-netwerk-details]")
    expect(details.get_by_role("heading", name="Lingewaard")).to_be_visible()
    expect(details.get_by_role("link", name="Armoede en schulden")).to_be_visible()
    assert axe_violations(page) == []

    node(page, "gemeente-lingewaard").click()  # chosen already: now it leads to its page
    expect(page).to_have_url(re.compile(r"/gemeenten/lingewaard/$"))


def test_tab_reaches_the_nodes_and_focus_shows_their_neighbours(picture):
    page = picture
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.netwerk-svg .node')"):
            break
    else:
        raise AssertionError("Tab never reached a node of the picture")
    focused = page.evaluate("document.activeElement.dataset.id")
    expect(node(page, focused)).to_have_class(re.compile(r"\bis-active\b"))
    expect(page.locator(".netwerk-svg .node.is-near").first).to_be_visible()
    name = page.evaluate("document.activeElement.getAttribute('aria-label')").split(": ", 1)[1]
    page.keyboard.press("Enter")  # chooses the node: its details
    expect(page.locator("[data-netwerk-details] h3")).to_have_text(name)
    expect(page).to_have_url(re.compile(r"/netwerk/$"))
    page.keyboard.press("Escape")  # and lets go of it
    expect(page.locator("[data-netwerk-details] h3")).to_have_count(0)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # chosen already: follows its link
    expect(page).not_to_have_url(re.compile(r"/netwerk/$"))


def test_filtering_hides_the_rest_and_keeps_the_url(picture):
    page = picture
    page.get_by_label("Voorwaarde").select_option("sociale-cohesie")
    expect(page).to_have_url(re.compile(r"\?voorwaarde=sociale-cohesie$"))
    expect(node(page, "leeratelier-armoede-en-schulden")).to_be_hidden()
    expect(node(page, "leeratelier-eenzaamheid-en-betekenisvol-contact")).to_be_visible()
    page.get_by_role("checkbox", name="Gemeente").check()
    expect(page.locator(".netwerk-svg .node:visible")).to_have_count(
        page.locator(".netwerk-svg .node--gemeente:not(.is-hidden)").count()
    )
    assert page.locator(".netwerk-svg .node--gemeente:visible").count() > 0
    expect(page.locator(".netwerk-svg .node--leeratelier:visible")).to_have_count(0)
    assert axe_violations(page) == []

    hidden_ids = set(page.locator(".netwerk-svg .node.is-hidden").evaluate_all(
        "nodes => nodes.map(n => n.dataset.id)"))  # fmt: skip
    for _ in range(60):  # Tab never lands on a hidden node
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.id || ''") not in hidden_ids

    page.reload()  # the same choice, now drawn by the server
    expect(node(page, "leeratelier-armoede-en-schulden")).to_be_hidden()


OVERLAPS_JS = """() => {
  const boxes = [...document.querySelectorAll('.netwerk-svg .node')].map(node => ({
    id: node.dataset.id,
    label: node.querySelector('text').getBoundingClientRect(),
    shape: node.querySelector('use').getBoundingClientRect(),
  }));
  const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
    && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const found = [];
  for (const a of boxes) for (const b of boxes) {
    if (a.id === b.id) continue;
    if (a.id < b.id && hit(a.label, b.label)) found.push(`${a.id} / ${b.id}`);
    if (hit(a.label, b.shape)) found.push(`${a.id} / node ${b.id}`);
  }
  return found;
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_as_drawn_no_label_covers_another_or_a_node(picture, width):
    page = picture
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate(OVERLAPS_JS) == []


def test_the_menu_fits_one_row_at_1280_px(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    tops = page.eval_on_selector_all(
        ".main-nav li", "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(tops) >= 8 and len(set(tops)) == 1
