"""The leesbaarheidsindicatie for trekkers: on the forms of tribune updates, praktijken and
lessen, renewed while typing by /mijn/leesbaarheid/ (staff and trekkers only, small texts, not
too often), and advice only: a hard text saves like any other."""

import pytest
from django.test import Client

from leerateliers.models import GeleerdeLes, LerendePraktijk, Niveau, TribuneUpdate
from leerateliers.views import LEESBAARHEID_PER_MINUUT
from werkplaats.leesbaarheid import MAX_TEKENS

pytestmark = pytest.mark.django_db

URL = "/mijn/leesbaarheid/"
MOEILIJK = (
    "De implementatie van integrale beleidsinterventies ten behoeve van de versterking van de "
    "sociaaleconomische zelfredzaamheid van kwetsbare burgers vereist een systematische "
    "evaluatie van de maatschappelijke effecten, waarbij ervaringsdeskundigheid en "
    "professionele kennis geïntegreerd worden in een lerende praktijk."
)
INDICATIE = "Leesbaarheidsindicatie (Flesch-Douma):"


def beheer(atelier, rest=""):
    return f"/mijn/leerateliers/{atelier.slug}/{rest}"


# --- The endpoint ---------------------------------------------------------------------------------


def test_a_trekker_gets_the_indication_of_what_they_type(client, world):
    client.force_login(world.trekker)
    response = client.post(URL, {"tekst": MOEILIJK})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert f"{INDICATIE} 0 — zeer moeilijk" in data["uitslag"]
    assert "1 zin heeft meer dan 20 woorden." in data["uitslag"]
    assert "<mark>De implementatie van integrale" in data["details"]


def test_staff_get_the_indication_too(client, make_user):
    client.force_login(make_user(is_staff=True))
    response = client.post(URL, {"tekst": "Dat helpt."})
    assert response.status_code == 200
    assert f"{INDICATIE} 100 — zeer makkelijk" in response.json()["uitslag"]


def test_anonymous_visitors_and_accounts_without_the_role_are_refused_in_dutch(client, world):
    for user in (None, world.stranger, world.partner):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.post(URL, {"tekst": "Dat helpt."})
        assert response.status_code == 403, user
        assert response.json() == {
            "fout": "De leesbaarheidsindicatie is er voor ingelogde redacteuren en trekkers."
        }


def test_an_inactive_staff_account_is_refused(client, make_user):
    user = make_user(is_staff=True)
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.post(URL, {"tekst": "Dat helpt."}).status_code in {302, 403}


def test_only_a_post_with_the_form_token_is_answered(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.trekker)
    assert client.get(URL).status_code == 405
    assert client.post(URL, {"tekst": "Dat helpt."}).status_code == 403  # no CSRF token


def test_a_text_over_the_limit_is_refused_in_dutch_by_length_and_by_characters(client, world):
    client.force_login(world.trekker)
    response = client.post(URL, {"tekst": "a" * (MAX_TEKENS + 1)})
    assert response.status_code == 413
    assert "meer dan 20.000 tekens" in response.json()["fout"]
    assert "Opslaan kan gewoon" in response.json()["fout"]
    response = client.post(URL, {"tekst": "€" * (MAX_TEKENS * 2)})  # refused by its size
    assert response.status_code == 413
    assert client.post(URL, {"tekst": "a" * MAX_TEKENS}).status_code == 200


def test_asking_too_often_gets_a_dutch_429_and_the_form_still_saves(client, world):
    client.force_login(world.trekker)
    for _ in range(LEESBAARHEID_PER_MINUUT):
        assert client.post(URL, {"tekst": "Dat helpt."}).status_code == 200
    response = client.post(URL, {"tekst": "Dat helpt."})
    assert response.status_code == 429
    assert "zo meteen wordt ze weer bijgewerkt" in response.json()["fout"]
    # Still shown and saved with the form itself.
    response = client.post(
        beheer(world.a, "lessen/nieuw/"),
        {"tekst": MOEILIJK, "niveau": Niveau.REGIONAAL, "geleerd_on": "2021-03-01"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("tekst", ["", "\x00", "<script>alert(1)</script>", "[a](", "- \n- "])
def test_odd_input_gets_an_answer_not_an_error(client, world, tekst):
    client.force_login(world.trekker)
    response = client.post(URL, {"tekst": tekst})
    assert response.status_code == 200
    assert "<script>" not in response.json()["uitslag"] + response.json()["details"]


def test_a_post_without_the_text_counts_as_empty(client, world):
    client.force_login(world.trekker)
    response = client.post(URL, {})
    assert "verschijnt zodra hier tekst staat" in response.json()["uitslag"]


# --- The trekkers' forms --------------------------------------------------------------------------


def test_the_trekkers_forms_show_the_indication_and_load_the_script(client, world, make_praktijk):
    praktijk = make_praktijk(world.a, "Signaleren van armoede", beschrijving=MOEILIJK)
    les = GeleerdeLes.objects.create(
        leeratelier=world.a, praktijk=praktijk, niveau=Niveau.LOKAAL, tekst="Dat helpt."
    )
    client.force_login(world.trekker)
    for url in (
        f"/leerateliers/{world.a.slug}/updates/nieuw/",
        beheer(world.a, "praktijken/nieuw/"),
        beheer(world.a, f"praktijken/{praktijk.pk}/bewerken/"),
        beheer(world.a, "lessen/nieuw/"),
        beheer(world.a, f"lessen/{les.pk}/bewerken/"),
    ):
        page = client.get(url).content.decode()
        assert 'class="leesbaarheid__uitslag" aria-live="polite"' in page, url
        assert 'src="/static/js/leesbaarheid.js" defer' in page, url
        assert 'href="/static/css/leesbaarheid.css"' in page, url
    page = client.get(beheer(world.a, f"praktijken/{praktijk.pk}/bewerken/")).content.decode()
    assert f"{INDICATIE} 0 — zeer moeilijk" in page
    assert "<mark>De implementatie" in page
    page = client.get(beheer(world.a, f"lessen/{les.pk}/bewerken/")).content.decode()
    assert f"{INDICATIE} 100 — zeer makkelijk" in page
    assert "Bij zo’n korte tekst zegt het getal weinig." in page


def test_a_hard_update_is_published_and_a_preview_shows_the_indication(client, world):
    client.force_login(world.trekker)
    url = f"/leerateliers/{world.a.slug}/updates/nieuw/"
    response = client.post(
        url, {"titel": "Wat we leerden", "tekst": MOEILIJK, "actie": "voorbeeld"}
    )
    assert f"{INDICATIE} 0 — zeer moeilijk" in response.content.decode()
    assert not TribuneUpdate.objects.exists()
    response = client.post(
        url, {"titel": "Wat we leerden", "tekst": MOEILIJK, "actie": "publiceren"}
    )
    assert response.status_code == 302
    assert TribuneUpdate.objects.get().tekst == MOEILIJK


def test_a_hard_praktijk_and_les_save(client, world):
    client.force_login(world.trekker)
    response = client.post(
        beheer(world.a, "praktijken/nieuw/"),
        {"titel": "Welkome Wijk", "beschrijving": MOEILIJK, "status": "lopend"},
    )
    assert response.status_code == 302
    assert LerendePraktijk.objects.get().beschrijving == MOEILIJK
    response = client.post(
        beheer(world.a, "lessen/nieuw/"),
        {"tekst": MOEILIJK, "niveau": Niveau.REGIONAAL, "geleerd_on": "2021-03-01"},
    )
    assert response.status_code == 302
    assert GeleerdeLes.objects.get().tekst == MOEILIJK


def test_a_refused_form_keeps_the_indication_of_what_was_typed(client, world):
    client.force_login(world.trekker)
    response = client.post(
        beheer(world.a, "lessen/nieuw/"), {"tekst": MOEILIJK, "niveau": Niveau.LOKAAL}
    )
    assert response.status_code == 200  # a local les needs its praktijk
    assert "<mark>De implementatie" in response.content.decode()


# --- In the browser -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_indication_follows_the_typing_with_one_request_per_pause(
    client, world, live_server, page
):
    from playwright.sync_api import expect

    from tests.gates.quality import axe_violations

    client.force_login(world.trekker)
    page.context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    asked, console = [], []
    page.on("request", lambda request: URL in request.url and asked.append(request))
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{live_server.url}/leerateliers/{world.a.slug}/updates/nieuw/")
    result = page.locator(".leesbaarheid__uitslag")
    expect(result).to_have_attribute("aria-live", "polite")
    expect(result).to_contain_text("verschijnt zodra hier tekst staat")

    page.locator("#id_tekst").press_sequentially("Dat helpt. Kom langs!", delay=30)
    expect(result).to_contain_text(f"{INDICATIE} 100 — zeer makkelijk")
    assert len(asked) == 1  # a request after the pause, not one per key

    page.locator("#id_tekst").fill(MOEILIJK)
    expect(result).to_contain_text("0 — zeer moeilijk")
    expect(page.locator(".leesbaarheid__details mark")).to_contain_text("De implementatie")
    assert axe_violations(page) == []
    assert not [text for text in console if "Content Security Policy" in text]

    page.locator("#id_titel").fill("Wat we leerden")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("gepubliceerd")
    assert TribuneUpdate.objects.get().tekst == MOEILIJK
