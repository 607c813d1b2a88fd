"""Two whole journeys in headless Chromium, signed in through the login form."""

import re
from pathlib import Path

import feedparser
import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, PARTNERCONTACT_EMAIL, TREKKER
from leerateliers.models import Deelname, Rol
from tests.gates.helpers import load_demo_with_accounts
from tests.gates.quality import axe_violations
from werkplaats.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def demo(live_server, settings):
    load_demo_with_accounts(settings)
    return live_server


def sign_in(page, live_server, email, next_path="/mijn/"):
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server.url}{next_path}")


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_a_partnercontact_moves_their_organisation_from_the_tribune_to_the_arena(demo, page):
    sign_in(page, demo, PARTNERCONTACT_EMAIL)
    row = page.get_by_role("row", name=re.compile("Armoede en schulden"))
    expect(row).to_contain_text("Tribune")
    shot(page, "mijn-partnercontact")

    row.get_by_role("link", name=re.compile("Naar de arena")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Naar de arena")
    expect(
        page.get_by_text("Krachtige Kernen gaat in de arena van Armoede en schulden.")
    ).to_be_visible()
    page.get_by_role("button", name="Ja, bevestigen").click()

    expect(page).to_have_url(f"{demo.url}/mijn/")
    expect(page.get_by_role("status")).to_contain_text("Krachtige Kernen gaat in de arena")
    expect(page.get_by_role("row", name=re.compile("Armoede en schulden"))).to_contain_text("Arena")
    current = Deelname.objects.current().get(
        organisatie__slug="krachtige-kernen", leeratelier__slug="armoede-en-schulden"
    )
    assert current.rol == Rol.ARENA

    page.goto(f"{demo.url}/partners/krachtige-kernen/")
    item = page.get_by_role("listitem").filter(has_text="Armoede en schulden:")
    expect(item).to_contain_text(re.compile(r"arena sinds \w+ \d{4},\s+daarvoor\s+tribune van"))


def test_a_trekker_publishes_an_update_that_reaches_the_page_the_feed_and_followers(demo, page):
    follower = User.objects.create_user(email="volger@example.nl", password="x" * 20)
    from leerateliers.models import Leeratelier
    from leerateliers.services import abonnement_set

    atelier = Leeratelier.objects.get(slug="armoede-en-schulden")
    abonnement_set(user=follower, leeratelier=atelier, volgt=True)
    mail.outbox.clear()

    sign_in(page, demo, TREKKER)
    page.get_by_role("link", name="Nieuwe tribune-update schrijven").first.click()
    # A file that only says it is a PDF: refused, with the text kept and the error explained.
    page.get_by_label("Titel", exact=True).fill("Verhalenkamer in Lingewaard: de eerste lessen")
    page.get_by_label("Tekst", exact=True).fill("Eerste versie.")
    page.get_by_label("Bijlage").set_input_files(
        files=[{"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": b"MZ nep"}]
    )
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.get_by_role("alert")).to_contain_text("Bijlage")
    expect(page.get_by_label("Tekst", exact=True)).to_have_value("Eerste versie.")
    assert axe_violations(page) == []
    shot(page, "update-fout")

    page.get_by_label("Tekst", exact=True).fill(
        "We leerden **drie** dingen over armoede die je niet ziet."
    )
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.get_by_role("region", name="Voorbeeld")
    expect(preview.locator("strong")).to_have_text("drie")
    assert axe_violations(page) == []
    shot(page, "update-voorbeeld")

    page.get_by_role("button", name="Publiceren", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("De update is gepubliceerd.")

    page.goto(f"{demo.url}/leerateliers/armoede-en-schulden/")
    titel = "Verhalenkamer in Lingewaard: de eerste lessen"
    # Among the latest updates, and on the timeline of arena and tribune.
    timeline = page.get_by_role("region", name="Tijdlijn van arena en tribune")
    expect(timeline.get_by_role("link", name=titel)).to_be_visible()
    link = page.get_by_role("region", name="Laatste tribune-updates").get_by_role(
        "link", name=titel
    )
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verhalenkamer in Lingewaard: de eerste lessen"
    )
    expect(page.get_by_role("link", name="Carinda Jansen")).to_be_visible()

    feed = feedparser.parse(
        page.request.get(f"{demo.url}/feeds/leerateliers/armoede-en-schulden/").text()
    )
    assert feed.entries[0].title == "Verhalenkamer in Lingewaard: de eerste lessen"

    to_follower = [message for message in mail.outbox if message.to == ["volger@example.nl"]]
    assert len(to_follower) == 1
    assert "Verhalenkamer in Lingewaard" in to_follower[0].subject
