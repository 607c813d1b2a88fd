"""Subscribing without an account: double opt-in, the same answer for every address, the
consent record, and bad input that gets a Dutch error and keeps what was typed."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from nieuwsbrief.consent import TOESTEMMING_TEKST, TOESTEMMING_VERSIE
from nieuwsbrief.forms import EMAILS_PER_ADDRESS
from nieuwsbrief.models import Afmelding, Editie, EditieStatus, Inschrijving
from nieuwsbrief.services import inschrijving_aanvragen
from werkplaats.models import Privacyverklaring

from .conftest import link_in

pytestmark = pytest.mark.django_db


def main_text(response) -> str:
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_the_page_has_the_form_with_an_unticked_consent_box_and_the_archive(client, verklaring):
    response = client.get("/nieuwsbrief/")
    html = response.content.decode()
    assert response.status_code == 200
    assert TOESTEMMING_TEKST in html
    assert (
        'name="toestemming"' in html and "checked" not in html.split('name="toestemming"')[1][:80]
    )
    assert 'href="/privacy/"' in html
    assert 'href="/nieuwsbrief/feed/"' in html
    assert "Er is nog geen editie verschenen." in html


def test_every_page_has_the_short_form_in_its_footer(client, verklaring):
    html = client.get("/bijeenkomsten/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert 'action="/nieuwsbrief/"' in footer
    assert 'name="pagina" value="/bijeenkomsten/"' in footer
    assert TOESTEMMING_TEKST in footer and 'href="/privacy/"' in footer


def test_a_subscription_counts_only_once_the_emailed_link_is_confirmed(client, subscribe):
    response = subscribe("Anna@Example.nl", naam="Anna de Boer")
    assert response.status_code == 302
    inschrijving = Inschrijving.objects.get()
    assert inschrijving.email == "anna@example.nl"
    assert list(Inschrijving.objects.wacht()) == [inschrijving]
    assert not Inschrijving.objects.actief().exists()  # so no edition goes to it

    [message] = mail.outbox
    assert message.to == ["anna@example.nl"]
    assert message.subject.startswith("Bevestig je inschrijving voor de nieuwsbrief")
    assert "Hallo Anna de Boer," in message.body
    assert "7 dagen geldig" in message.body
    link = link_in(message, "/nieuwsbrief/bevestigen/")

    # A mail scanner follows the link: that shows a page with a button, and confirms nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert "Ja, schrijf me in" in page.content.decode()
    assert client.head(link).status_code == 200
    assert not Inschrijving.objects.actief().exists()

    response = client.post(link, follow=True)
    assert "Je inschrijving is bevestigd." in response.content.decode()
    assert list(Inschrijving.objects.actief()) == [inschrijving]
    # Following the link again says so, and changes nothing.
    assert "al bevestigd" in client.get(link).content.decode()
    client.post(link)
    assert Inschrijving.objects.count() == 1


def test_the_answer_is_the_same_for_known_and_unknown_addresses(client, subscribe):
    """Decided: the page, the status and the text are the same for every address. An
    address that is subscribed already gets no email (nothing changes); a new address, or one
    whose subscription still waits, gets one email of the same kind: the confirmation link."""
    subscribe("actief@example.nl")
    client.post(link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/"))
    subscribe("wacht@example.nl")
    client.get("/nieuwsbrief/")  # shows, and so ends, the messages of the steps above
    mail.outbox.clear()

    answers = {}
    for email in ("actief@example.nl", "wacht@example.nl", "nieuw@example.nl"):
        response = subscribe(email)
        page = client.get(response["Location"])
        answers[email] = (
            response.status_code,
            response["Location"],
            page.status_code,
            main_text(page).replace(email, "ADRES"),
        )
    assert len(set(answers.values())) == 1, answers
    assert "Was ADRES nog niet ingeschreven" in answers["nieuw@example.nl"][3]

    assert sorted(m.to[0] for m in mail.outbox) == ["nieuw@example.nl", "wacht@example.nl"]
    assert len({m.subject for m in mail.outbox}) == 1
    assert mail.outbox[0].subject.startswith("Bevestig je inschrijving")
    # The active subscription is untouched; the waiting one was replaced by the newer consent.
    assert Inschrijving.objects.actief().get().email == "actief@example.nl"
    assert Inschrijving.objects.filter(email="wacht@example.nl").count() == 1


def test_asking_again_makes_the_earlier_link_stop_working(client, subscribe):
    subscribe()
    first = link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/")
    subscribe()
    second = link_in(mail.outbox[1], "/nieuwsbrief/bevestigen/")
    assert client.get(first).status_code == 404
    client.post(second)
    assert Inschrijving.objects.actief().count() == 1


def test_the_consent_record_holds_what_was_agreed_where_and_when(
    client, subscribe, make_leeratelier
):
    Privacyverklaring.objects.create(
        versie=2, geldig_vanaf=timezone.localdate(), tekst="Tweede versie."
    )
    Privacyverklaring.objects.create(
        versie=3, geldig_vanaf=timezone.localdate() + datetime.timedelta(days=5), tekst="Later."
    )
    jip = make_leeratelier("Jongeren in de participatiesamenleving")
    before = timezone.now()
    subscribe(
        naam="Anna de Boer",
        organisatie="Wijkteam Oost",
        leerateliers=[jip.pk],
        pagina="/publicaties/",
    )
    record = Inschrijving.objects.get()
    assert record.naam == "Anna de Boer" and record.organisatie == "Wijkteam Oost"
    assert list(record.leerateliers.all()) == [jip]
    assert record.toestemming_at >= before
    assert record.toestemming_pagina == "/publicaties/"
    assert record.toestemming_tekst == TOESTEMMING_TEKST
    assert record.toestemming_versie == TOESTEMMING_VERSIE
    assert record.privacy_versie == 2  # the version in force, not the one still to come
    assert record.bevestigd_at is None and record.afgemeld_at is None

    client.post(link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/"))
    record.refresh_from_db()
    assert record.bevestigd_at >= record.toestemming_at
    client.post(link_in_unsubscribe(record.email))
    record.refresh_from_db()
    assert record.afgemeld_at >= record.bevestigd_at
    # The record stays, with everything it said, as the proof of what was agreed.
    assert record.toestemming_tekst == TOESTEMMING_TEKST


def link_in_unsubscribe(email):
    from urllib.parse import urlsplit

    from nieuwsbrief.links import unsubscribe_url

    return urlsplit(unsubscribe_url(email)).path


def test_a_page_behind_an_emailed_link_is_recorded_without_its_secret(client, verklaring):
    html = client.get(link_in_unsubscribe("anna@example.nl")).content.decode()
    assert 'name="pagina" value="/nieuwsbrief/afmelden/&lt;str:token&gt;/"' in html


def test_a_confirmed_subscription_lifts_an_earlier_no_to_every_edition(client, subscribe):
    Afmelding.objects.create(email="anna@example.nl")
    subscribe()
    assert Afmelding.objects.exists()  # not yet: only confirming gives consent
    client.post(link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/"))
    assert not Afmelding.objects.exists()


def test_a_guest_subscription_with_the_address_of_an_account_is_that_accounts(subscribe, make_user):
    user = make_user("carinda@example.nl")
    subscribe("Carinda@example.nl")
    assert Inschrijving.objects.get().user == user


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"email": "anna@"}, "Voer een geldig e-mailadres in."),
        ({"email": ""}, "Dit veld is verplicht."),
        ({"toestemming": ""}, "zonder je toestemming schrijven we je niet in"),
        ({"naam": "Anna\x0bde Boer"}, "onzichtbaar stuurteken"),
        ({"naam": "A" * 151}, "niet meer dan 150 tekens"),
        ({"organisatie": "Wijk\x00team"}, "Null-tekens zijn niet toegestaan"),
        ({"leerateliers": ["999999"]}, "Selecteer een geldige keuze"),
        ({"leerateliers": ["9" * 30]}, "is geen geldige waarde"),  # too large for the database
        ({"leerateliers": ["niets"]}, "is geen geldige waarde"),
    ],
)
def test_bad_input_gets_a_dutch_error_and_keeps_what_was_typed(
    client, verklaring, make_leeratelier, fields, error
):
    jip = make_leeratelier("Jongeren in de participatiesamenleving")
    data = {
        "email": "anna@example.nl",
        "naam": "Anna de Boer",
        "organisatie": "Wijkteam Oost",
        "leerateliers": [str(jip.pk)],
        "toestemming": "on",
        "pagina": "/publicaties/",
        **fields,
    }
    response = client.post("/nieuwsbrief/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er ging iets mis" in html
    assert error in html, main_text(response)
    for name in ("email", "naam", "organisatie"):
        if data[name] and "\x00" not in data[name] and "\x0b" not in data[name]:
            assert f'value="{data[name]}"' in html, name
    if "leerateliers" not in fields:
        assert re.search(rf'value="{jip.pk}"[^>]*checked', html)
    if "toestemming" not in fields:
        assert re.search(r'name="toestemming"[^>]*checked', html)
    assert 'name="pagina" value="/publicaties/"' in html
    assert not Inschrijving.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": ["a@example.nl", "b@example.nl"], "toestemming": "on"},
        {"email": "a@example.nl", "toestemming": "on", "pagina": "javascript:alert(1)"},
        {"email": "a@example.nl", "toestemming": "on", "pagina": "//elders.example/x"},
        {"email": "a" * 5000 + "@example.nl", "toestemming": "on"},
        {"email": "a@example.nl", "toestemming": "on", "pagina": "/" + "x" * 5000},
        {"email": "\x00@example.nl", "toestemming": "on"},
    ],
)
def test_hostile_input_never_breaks_the_page(
    client, verklaring, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/nieuwsbrief/", data)
    assert response.status_code in {200, 302}
    for record in Inschrijving.objects.all():
        assert record.toestemming_pagina.startswith("/") and len(record.toestemming_pagina) <= 300
        assert not record.toestemming_pagina.startswith("//")


def test_the_footer_form_with_an_error_lands_on_the_full_form_with_the_address_kept(
    client, verklaring
):
    response = client.post(
        "/nieuwsbrief/", {"email": "anna@example.nl", "pagina": "/bijeenkomsten/"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert ">Toestemming: Vink het vakje aan" in html  # the summary names the box briefly
    assert 'value="anna@example.nl"' in html
    assert "zonder je toestemming schrijven we je niet in" in html
    assert 'name="pagina" value="/bijeenkomsten/"' in html


def test_an_expired_or_altered_link_gets_a_dutch_page_and_nothing_happens(
    client, subscribe, monkeypatch
):
    subscribe()
    link = link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/")
    altered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    for path in (altered, "/nieuwsbrief/bevestigen/niets/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Deze link werkt niet (meer)." in response.content.decode()
        assert client.post(path).status_code == 404

    later = signing.time.time() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 404
    assert "zeven dagen geldig" in response.content.decode()
    assert not Inschrijving.objects.actief().exists()


def test_a_withdrawn_subscription_cannot_be_confirmed_afterwards(client, subscribe):
    subscribe()
    link = link_in(mail.outbox[0], "/nieuwsbrief/bevestigen/")
    client.post(link_in_unsubscribe("anna@example.nl"))
    assert "ingetrokken" in client.get(link).content.decode()
    response = client.post(link, follow=True)
    assert "ingetrokken" in response.content.decode()
    assert not Inschrijving.objects.actief().exists()


def test_too_many_requests_for_one_address_are_refused_in_dutch(client, subscribe):
    for _ in range(EMAILS_PER_ADDRESS):
        assert subscribe().status_code == 302
    response = subscribe()
    html = response.content.decode()
    assert response.status_code == 200
    assert "al te veel inschrijvingen voor dit e-mailadres" in html
    assert 'value="anna@example.nl"' in html
    assert len(mail.outbox) == EMAILS_PER_ADDRESS


def test_without_a_privacyverklaring_subscribing_is_refused_politely(client, db):
    response = client.post("/nieuwsbrief/", {"email": "anna@example.nl", "toestemming": "on"})
    assert response.status_code == 200
    assert "de privacyverklaring nog ontbreekt" in response.content.decode()
    assert not Inschrijving.objects.exists()


def test_the_service_refuses_nothing_twice_for_the_same_request(verklaring):
    first = inschrijving_aanvragen(email="anna@example.nl", pagina="/nieuwsbrief/")
    second = inschrijving_aanvragen(email="anna@example.nl", pagina="/nieuwsbrief/")
    assert first.pk != second.pk
    assert list(Inschrijving.objects.wacht()) == [second]


def test_the_page_costs_the_same_queries_however_many_editions_and_leerateliers(
    client, verklaring, make_leeratelier, django_assert_num_queries
):
    def add(number, start):
        for index in range(start, start + number):
            make_leeratelier(f"Atelier {index}")
            Editie.objects.create(
                titel=f"Editie {index}",
                slug=f"editie-{index}",
                status=EditieStatus.VERZONDEN,
                verzonden_at=timezone.now(),
            )

    add(2, 0)
    client.get("/nieuwsbrief/")  # the profile is cached from here on
    with django_assert_num_queries(QUERIES_NIEUWSBRIEF):
        client.get("/nieuwsbrief/")
    add(10, 2)
    with django_assert_num_queries(QUERIES_NIEUWSBRIEF):
        response = client.get("/nieuwsbrief/")
    html = response.content.decode()
    assert html.count('href="/nieuwsbrief/editie-') == 12 and "Atelier 11" in html


# The archive and the leerateliers to choose from, one query each.
QUERIES_NIEUWSBRIEF = 2


def test_the_footer_form_sets_no_cookie_and_works_from_a_browser_without_one(verklaring):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)  # as a real browser: no test shortcut
    for path in ("/", "/bijeenkomsten/", "/nieuwsbrief/"):
        response = browser.get(path)
        assert not response.cookies, (path, list(response.cookies))
    response = browser.post(
        "/nieuwsbrief/", {"email": "kees@example.nl", "toestemming": "on", "pagina": "/"}
    )
    assert response.status_code == 302
    assert Inschrijving.objects.wacht().get().email == "kees@example.nl"


def test_a_subscription_never_confirmed_is_erased_once_its_link_expired(subscribe):
    from tests.helpers import run_command

    subscribe("oud@example.nl")
    subscribe("nieuw@example.nl")
    Inschrijving.objects.filter(email="oud@example.nl").update(
        toestemming_at=timezone.now() - datetime.timedelta(days=8)
    )
    bevestigd = Inschrijving.objects.get(email="nieuw@example.nl")
    bevestigd.bevestigd_at = timezone.now()
    bevestigd.toestemming_at = timezone.now() - datetime.timedelta(days=30)
    bevestigd.save()

    output = run_command("send_nieuwsbrief")
    assert "1 onbevestigde inschrijving gewist." in output
    assert list(Inschrijving.objects.values_list("email", flat=True)) == ["nieuw@example.nl"]
    assert "gewist" not in run_command("send_nieuwsbrief")  # nothing more to erase
