"""A visitor answers from a leeratelier, praktijk or publicatie: the reaction is stored with
its consent, reaches the trekkers of that atelier (or the werkplaats when there are none) and
the sender gets a copy; bots and floods get nothing through, and bad input is told in Dutch."""

import pytest
from django.core.cache import cache

from leerateliers.models import LeeratelierStatus
from reacties.consent import TOESTEMMING_TEKST, TOESTEMMING_VERSIE
from reacties.models import Reactie, Soort, Status
from werkplaats.models import Profiel, UitgaandeMail

from .conftest import VALID, form_path

pytestmark = pytest.mark.django_db


def by_recipient(mailoutbox):
    return {message.to[0]: message for message in mailoutbox}


# --- It reaches the right people -------------------------------------------------------------


def test_a_reaction_reaches_the_trekkers_of_the_atelier_and_only_them(
    atelier, world, react, mailoutbox
):
    response = react(form_path(atelier), soort="meedoen")

    assert response.status_code == 302
    assert response["Location"] == f"/leerateliers/{atelier.slug}/reageren/bedankt/"
    reactie = Reactie.objects.get()
    assert (reactie.leeratelier, reactie.soort, reactie.status) == (atelier, "meedoen", "nieuw")
    assert (reactie.naam, reactie.email, reactie.organisatie) == (
        "Anna de Boer",
        "anna@example.nl",
        "Buurtteam Zuid",
    )
    # The consent record: the text shown, its version and the privacyverklaring's.
    assert reactie.toestemming_tekst == TOESTEMMING_TEKST
    assert (reactie.toestemming_versie, reactie.privacy_versie) == (TOESTEMMING_VERSIE, 3)

    sent = by_recipient(mailoutbox)
    # The trekker (by account) and the co-trekker (by the address on her profile); not the
    # onderzoeker, not the trekker of the other atelier. And the sender's copy.
    assert set(sent) == {"carinda@example.nl", "m.dewit@example.nl", "anna@example.nl"}
    trekker = sent["carinda@example.nl"]
    assert trekker.subject == f"Nieuwe reactie: Meedoen of meepraten — {atelier.titel}"
    assert trekker.extra_headers["Reply-To"] == "anna@example.nl"
    assert "Wie denkt er mee?" in trekker.body and "Buurtteam Zuid" in trekker.body
    assert f"/mijn/reacties/#reactie-{reactie.pk}" in trekker.body
    # Without an account there is no list to link to: she answers by email.
    assert "/mijn/reacties/" not in sent["m.dewit@example.nl"].body


def test_the_sender_gets_a_receipt_that_repeats_nothing_they_typed(atelier, react, mailoutbox):
    react(form_path(atelier), soort="ervaring", naam="Koop nu: goedkoop.example")

    copy = by_recipient(mailoutbox)["anna@example.nl"]
    assert copy.subject == f"Je bericht aan de werkplaats: {atelier.titel}"
    assert f"doorgestuurd naar de trekkers van {atelier.titel}" in copy.body
    assert "Ervaring delen" in copy.body
    # Whoever types someone else's address cannot send them text of their own.
    assert "Wie denkt er mee?" not in copy.body and "goedkoop.example" not in copy.body
    assert "Reply-To" not in copy.extra_headers
    assert "/privacy/" in copy.body


def test_each_email_is_kept_once_under_its_key(atelier, react):
    react(form_path(atelier))
    pk = Reactie.objects.get().pk
    keys = UitgaandeMail.objects.filter(sleutel__startswith="reactie-")
    assert set(keys.values_list("sleutel", flat=True)) == {
        f"reactie-{pk}-aan-carinda@example.nl",
        f"reactie-{pk}-aan-m.dewit@example.nl",
        f"reactie-{pk}-kopie-anna@example.nl",
    }
    assert keys.get(aan="carinda@example.nl").user.email == "carinda@example.nl"
    assert keys.get(aan="anna@example.nl").user is None


def test_a_very_long_address_gets_its_copy_under_a_key_that_fits(atelier, react, mailoutbox):
    address = f"{'a' * 60}@{'b' * 60}.{'c' * 60}.{'d' * 60}.nl"
    assert len(address) == 246
    assert react(form_path(atelier), email=address).status_code == 302
    assert any(message.to == [address] for message in mailoutbox)
    keys = UitgaandeMail.objects.filter(sleutel__startswith="reactie-")
    assert max(len(key) for key in keys.values_list("sleutel", flat=True)) <= 200


def test_a_reaction_on_a_praktijk_goes_to_the_trekkers_of_its_atelier(
    atelier, world, make_praktijk, react, mailoutbox
):
    praktijk = make_praktijk(world.b, titel="Werklab")
    response = react(form_path(praktijk), soort="ervaring")

    bedankt = f"/leerateliers/{world.b.slug}/praktijken/werklab/reageren/bedankt/"
    assert response["Location"] == bedankt
    assert Reactie.objects.get().praktijk == praktijk
    assert set(by_recipient(mailoutbox)) == {"joos@example.nl", "anna@example.nl"}


def test_a_game_of_two_ateliers_goes_to_the_trekkers_of_both(
    atelier, world, make_publicatie, react, mailoutbox
):
    spel = make_publicatie(
        "Kletsborden", soort="spel", relations={"leerateliers": [atelier, world.b]}
    )
    response = react(form_path(spel), soort="spel")

    assert response.status_code == 302
    assert Reactie.objects.get().publicatie == spel
    assert set(by_recipient(mailoutbox)) == {
        "carinda@example.nl",
        "m.dewit@example.nl",
        "joos@example.nl",
        "anna@example.nl",
    }


def test_without_a_trekker_the_werkplaats_gets_it(
    verklaring, make_leeratelier, make_publicatie, react, mailoutbox
):
    Profiel.objects.create(email="info@werkplaats.example")
    zonder = make_leeratelier("Evalueren van sociale interventies")
    react(form_path(zonder), soort="meedoen")
    module = make_publicatie("Landelijke module eenzaamheid", soort="onderwijsmodule")
    react(form_path(module), soort="training", email="bert@example.nl")

    werkplaats = [m for m in mailoutbox if m.to == ["info@werkplaats.example"]]
    assert [m.subject for m in werkplaats] == [
        "Nieuwe reactie: Meedoen of meepraten — Evalueren van sociale interventies",
        "Nieuwe reactie: Training aanvragen — Landelijke module eenzaamheid",
    ]
    first = Reactie.objects.get(leeratelier=zonder)
    assert f"/beheer/reacties/reactie/{first.pk}/change/" in werkplaats[0].body
    copy = next(m for m in mailoutbox if m.to == ["anna@example.nl"])
    assert "doorgestuurd naar de werkplaats" in copy.body


def test_without_a_trekker_the_ateliers_own_address_comes_before_the_werkplaats(
    verklaring, make_leeratelier, react, mailoutbox
):
    Profiel.objects.create(email="info@werkplaats.example")
    zonder = make_leeratelier("Samen wonen in de wijk", contact_email="wonen@example.nl")
    react(form_path(zonder))
    assert set(by_recipient(mailoutbox)) == {"wonen@example.nl", "anna@example.nl"}


# --- What each page offers -------------------------------------------------------------------


def test_the_pages_invite_a_visitor_with_links_to_the_form(
    client, atelier, make_praktijk, make_publicatie
):
    html = client.get(atelier.get_absolute_url()).content.decode()
    assert "Wil je meedoen of meepraten?" in html
    assert "Heb je een inspirerende ervaring die je wilt delen?" in html
    assert f'href="/leerateliers/{atelier.slug}/reageren/?soort=meedoen"' in html
    assert f'href="/leerateliers/{atelier.slug}/reageren/?soort=ervaring"' in html

    praktijk = make_praktijk(atelier, titel="Verhalenkamer")
    html = client.get(praktijk.get_absolute_url()).content.decode()
    form = f"/leerateliers/{atelier.slug}/praktijken/verhalenkamer/reageren/"
    assert f'href="{form}?soort=ervaring"' in html

    spel = make_publicatie("Kletsborden", soort="spel")
    html = client.get(spel.get_absolute_url()).content.decode()
    assert "Interesse in een spel?" in html
    assert 'href="/publicaties/kletsborden/reageren/?soort=spel">Spel bestellen</a>' in html
    module = make_publicatie("Landelijke module", soort="onderwijsmodule")
    html = client.get(module.get_absolute_url()).content.decode()
    assert ">Training aanvragen</a>" in html

    rapport = make_publicatie("Eenzaamheid in Heumen", soort="rapport")
    assert "/reageren/" not in client.get(rapport.get_absolute_url()).content.decode()
    assert client.get("/publicaties/eenzaamheid-in-heumen/reageren/").status_code == 404


def test_the_link_picks_the_kind_and_a_single_kind_is_not_asked(client, atelier, make_publicatie):
    html = client.get(f"{form_path(atelier)}?soort=ervaring").content.decode()
    assert '<option value="ervaring" selected>' in html
    assert "<h1>Reageren</h1>" in html
    spel = make_publicatie("Kletsborden", soort="spel")
    html = client.get(form_path(spel)).content.decode()
    assert '<input type="hidden" name="soort" value="spel"' in html
    assert "<h1>Spel bestellen</h1>" in html


def test_an_ended_atelier_takes_experiences_only(client, atelier, react):
    import datetime

    atelier.status = LeeratelierStatus.AFGEROND
    atelier.end_on = datetime.date(2024, 12, 31)
    atelier.save()
    html = client.get(atelier.get_absolute_url()).content.decode()
    assert "?soort=ervaring" in html and "?soort=meedoen" not in html
    response = react(form_path(atelier), soort="meedoen")
    assert response.status_code == 200 and not Reactie.objects.exists()
    assert Soort.voor(atelier) == [Soort.ERVARING]


def test_the_form_page_names_who_reads_it_and_links_the_privacyverklaring(client, atelier):
    html = client.get(form_path(atelier)).content.decode()
    assert (
        "Je bericht gaat naar de trekkers van het leeratelier: Carinda Jansen en Mirjam de Wit."
        in html
    )
    assert 'href="/privacy/"' in html
    assert TOESTEMMING_TEKST in html


# --- Bots, floods and bad input ---------------------------------------------------------------


def test_a_filled_in_honeypot_is_thanked_and_nothing_is_stored_or_sent(atelier, react, mailoutbox):
    response = react(form_path(atelier), kenmerk_x="https://spam.example", follow=True)

    assert response.redirect_chain == [(f"/leerateliers/{atelier.slug}/reageren/bedankt/", 302)]
    assert "Bedankt voor je bericht" in response.content.decode()
    assert not Reactie.objects.exists()
    assert mailoutbox == []
    assert not UitgaandeMail.objects.filter(sleutel__startswith="reactie-").exists()


def test_the_honeypot_is_hidden_from_people_and_says_to_leave_it_empty(client, atelier):
    html = client.get(form_path(atelier)).content.decode()
    hidden = html.split('<div class="visually-hidden">', 1)[1].split("</div>", 1)[0]
    assert "Laat dit veld leeg" in hidden
    assert 'name="kenmerk_x"' in hidden and 'tabindex="-1"' in hidden
    assert 'autocomplete="off"' in hidden


def test_a_flood_from_one_address_is_refused_in_dutch_and_keeps_the_text(atelier, react):
    for _ in range(3):
        assert react(form_path(atelier)).status_code == 302
    response = react(form_path(atelier), bericht="Mijn vierde bericht, met veel moeite getypt.")

    assert response.status_code == 429
    html = response.content.decode()
    assert "al te veel berichten met dit e-mailadres verstuurd" in html
    assert "Mijn vierde bericht, met veel moeite getypt." in html
    assert 'value="Anna de Boer"' in html
    assert Reactie.objects.count() == 3


def test_a_flood_from_one_computer_is_refused_too(atelier, react):
    for number in range(10):
        assert react(form_path(atelier), email=f"bezoeker{number}@example.nl").status_code == 302
    response = react(form_path(atelier), email="nog-een@example.nl")
    assert response.status_code == 429
    assert "te veel berichten vanaf deze computer" in response.content.decode()
    cache.clear()  # an hour later
    assert react(form_path(atelier), email="nog-een@example.nl").status_code == 302


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"naam": "Anna\x0bde Boer"}, "Gebruik één regel"),
        ({"naam": "Anna\r\nBcc: iedereen@example.nl"}, "Gebruik één regel"),
        ({"email": '"anna\x0bX-Extra: 1"@example.nl'}, "zonder spaties, aanhalingstekens"),
        ({"email": '"anna boer"@example.nl'}, "zonder spaties, aanhalingstekens"),
        ({"bericht": "Hallo\x00daar"}, "Null-tekens zijn niet toegestaan"),
        ({"bericht": "Hallo\x7fdaar"}, "onzichtbaar stuurteken"),
        ({"organisatie": "Buurt\x1bteam"}, "Gebruik één regel"),
        ({"bericht": "x" * 5001}, "niet meer dan 5000 tekens bevat (het zijn er nu 5001)"),
        ({"naam": "A" * 151}, "niet meer dan 150 tekens bevat"),
        ({"email": "anna@"}, "Vul een geldig e-mailadres in"),
        ({"email": "a" * 250 + "@example.nl"}, "e-mailadres"),
        ({"email": ""}, "Vul je e-mailadres in"),
        ({"naam": "   "}, "Vul je naam in"),
        ({"bericht": "  \n "}, "Schrijf een bericht"),
        ({"toestemming": ""}, "zonder je toestemming versturen we niets"),
        ({"soort": "spel"}, "Kies waarover je bericht gaat uit de lijst"),
        ({"soort": "<script>alert(1)</script>"}, "Kies waarover je bericht gaat uit de lijst"),
        ({"gemeente": "999999"}, "Kies een gemeente uit de lijst"),
        ({"gemeente": "Nijmegen'; DROP TABLE"}, "Kies een gemeente uit de lijst"),
    ],
)
def test_bad_input_is_told_in_dutch_and_nothing_typed_is_lost(atelier, react, fields, error):
    response = react(form_path(atelier), **fields)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert error in html
    # What was typed is still there: the message, or else the organisation.
    kept = "Wie denkt er mee?" if "bericht" not in fields else 'value="Buurtteam Zuid"'
    assert kept in html
    assert not Reactie.objects.exists()


def test_a_very_long_message_is_refused_but_not_cut_off(client, atelier, react):
    html = client.get(form_path(atelier)).content.decode()
    textarea = html.split("<textarea", 1)[1].split(">", 1)[0]
    assert "maxlength" not in textarea  # a browser would cut a pasted text off silently
    long_text = "Een lang verhaal. " * 300
    html = react(form_path(atelier), bericht=long_text).content.decode()
    assert long_text.strip() in html


@pytest.mark.parametrize(
    "path",
    [
        "/leerateliers/bestaat-niet/reageren/",
        "/leerateliers/armoede-en-schulden/praktijken/bestaat-niet/reageren/",
        "/publicaties/bestaat-niet/reageren/",
    ],
)
def test_an_unknown_target_is_not_found(client, atelier, react, path):
    assert react(path).status_code == 404
    assert client.get(path).status_code == 404
    assert client.get(f"{path}bedankt/").status_code == 404
    assert not Reactie.objects.exists()


def test_a_tampered_target_is_not_found(atelier, world, make_praktijk, make_publicatie, react):
    from publicaties.models import Status as PublicatieStatus

    praktijk = make_praktijk(world.b, titel="Werklab")
    # The praktijk of atelier B under the address of atelier A.
    elsewhere = f"/leerateliers/{atelier.slug}/praktijken/{praktijk.slug}/reageren/"
    assert react(elsewhere).status_code == 404
    concept = make_publicatie("Nog niet af", soort="spel", status=PublicatieStatus.CONCEPT)
    assert react(f"/publicaties/{concept.slug}/reageren/", soort="spel").status_code == 404
    assert not Reactie.objects.exists()


def test_without_a_privacyverklaring_nothing_is_sent_and_the_visitor_is_told(
    world, react, mailoutbox
):
    response = react(form_path(world.a))
    assert response.status_code == 200
    assert "omdat de privacyverklaring nog ontbreekt" in response.content.decode()
    assert not Reactie.objects.exists() and mailoutbox == []


def test_the_form_works_from_a_browser_without_javascript_and_with_csrf(atelier, mailoutbox):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(form_path(atelier))
    token = page.cookies["csrftoken"].value
    forged = browser.post(form_path(atelier), {**VALID, "soort": "meedoen"})
    assert forged.status_code == 403
    response = browser.post(
        form_path(atelier), {**VALID, "soort": "meedoen", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Reactie.objects.get().status == Status.NIEUW


# --- Query counts ----------------------------------------------------------------------------

# The target, the gemeenten to choose from and the trekkers' names (a publicatie: and its
# leerateliers).
QUERIES_FORM = 3
QUERIES_FORM_PUBLICATIE = 4


def test_the_form_page_costs_a_fixed_number_of_queries(
    client, atelier, make_gemeente, make_publicatie, django_assert_num_queries
):
    client.get("/")  # the profile is cached from here on
    for _ in range(3):
        make_gemeente()
    with django_assert_num_queries(QUERIES_FORM):
        client.get(form_path(atelier))
    for _ in range(20):
        make_gemeente()
    with django_assert_num_queries(QUERIES_FORM):
        response = client.get(form_path(atelier))
    gemeenten = response.content.decode().split('name="gemeente"', 1)[1].split("</select>")[0]
    assert gemeenten.count("<option") == 24  # 23 gemeenten and "Kies een gemeente"
    spel = make_publicatie("Kletsborden", soort="spel", relations={"leerateliers": [atelier]})
    with django_assert_num_queries(QUERIES_FORM_PUBLICATIE):
        client.get(form_path(spel))


def test_a_trekker_account_without_the_trekkers_rights_is_written_at_the_profile_address(
    atelier, react, mailoutbox, make_persoon, make_user
):
    from leerateliers.models import TrekkerRol, Trekkerschap

    # An account linked to a co-trekker's profile by hand, without the Onderzoeker role: it has
    # no list of reactions, so the email must not send it there.
    zonder_rol = make_persoon(
        "Joke Peters", email="j.peters@example.nl", user=make_user("joke@example.nl")
    )
    Trekkerschap.objects.create(persoon=zonder_rol, leeratelier=atelier, rol=TrekkerRol.CO_TREKKER)

    react(form_path(atelier))

    received = by_recipient(mailoutbox)
    assert "joke@example.nl" not in received
    assert "/mijn/reacties/" not in received["j.peters@example.nl"].body
    assert "/mijn/reacties/" in received["carinda@example.nl"].body
