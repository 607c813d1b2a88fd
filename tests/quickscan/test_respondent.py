"""Answering a scan without an account: the shared link, where someone names their
organisation and gets a personal link, and the personal link, step by step, once."""

import re

import pytest
from django.core import mail

from quickscan import forms as quickscan_forms
from quickscan import services
from quickscan.models import Antwoord, Opmerking, Respondent, Waarde

CHECKED = re.compile(r'<input[^>]*value="(\d)"[^>]*checked|<input[^>]*checked[^>]*value="(\d)"')


@pytest.fixture
def invited(qs):
    """Two invited respondents of the open scan, A and B, with their keys."""
    a, key_a = services.respondent_add(
        scan=qs.scan, organisatie_naam="Buurtteam", email="a@example.nl"
    )
    b, key_b = services.respondent_add(
        scan=qs.scan, organisatie_naam="Wijkteam", email="b@example.nl"
    )
    return a, key_a, b, key_b


def stap_vragen(qs, nummer):
    """The statements of step ``nummer`` (the voorwaarden in their order)."""
    vragen = list(qs.vragenset.vragen.order_by("voorwaarde__volgorde", "volgorde", "pk"))
    voorwaarden = list(dict.fromkeys(vraag.voorwaarde for vraag in vragen))
    return [vraag for vraag in vragen if vraag.voorwaarde == voorwaarden[nummer - 1]]


def url(key, stap=None):
    return f"/quickscan/invullen/{key}/" + ("" if stap is None else f"{stap}/")


def checked(html: str) -> list[str]:
    return [a or b for a, b in CHECKED.findall(html)]


# --- The personal link ----------------------------------------------------------------------------


def test_a_step_shows_the_voorwaarde_its_definition_and_each_statement_on_the_scale(
    client, qs, invited, voorwaarden
):
    _a, key, _b, _key_b = invited
    response = client.get(url(key))
    text = response.content.decode()
    assert response.status_code == 200
    zekerheid = voorwaarden["sociaaleconomische-zekerheid"]
    assert f'<h1 lang="nl">{zekerheid.naam}</h1>' in text
    assert zekerheid.samenvatting in text
    assert text.count("<fieldset") == 2 and text.count("<legend>") == 2
    assert "Stelling 1 over sociaaleconomische zekerheid." in text
    assert "Niveau: persoonlijk" in text and "Niveau: institutioneel" in text
    for label in ("Helemaal oneens", "Niet eens, niet oneens", "Helemaal eens", "Weet niet"):
        assert text.count(f">{label}</label>") == 2
    assert "0 van 8 stellingen beantwoord" in text
    assert re.search(r'<progress max="8"\s+value="0"', text)
    assert "Controleren en versturen" in text and "Sociale empowerment" in text  # the steps
    assert "Bewaar deze link om later verder te gaan" in text
    assert "Opslaan en verder" in text and 'name="opmerking"' in text
    # a page whose address is a secret
    assert '<meta name="robots" content="noindex, nofollow">' in text
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "footer-subscribe" not in text


def test_save_and_continue_keeps_the_answers_and_shows_progress(client, qs, invited):
    a, key, _b, _key_b = invited
    een, twee = stap_vragen(qs, 1)
    response = client.post(
        url(key, 1),
        {
            f"vraag-{een.pk}": "4",
            f"vraag-{twee.pk}": "0",
            "opmerking": "Wonen is lastig.",
            "actie": "verder",
        },
    )
    assert response.status_code == 302 and response["Location"] == url(key, 2)
    page = client.get(response["Location"]).content.decode()
    assert "zijn opgeslagen" in page
    assert "2 van 8 stellingen beantwoord" in page
    assert re.search(r'<progress max="8"\s+value="2"', page)

    again = client.get(url(key, 1)).content.decode()
    assert sorted(checked(again)) == ["0", "4"]
    assert "Wonen is lastig." in again
    assert dict(a.antwoorden.values_list("vraag", "waarde")) == {
        een.pk: Waarde.EENS,
        twee.pk: Waarde.WEET_NIET,
    }


def test_saving_stays_on_the_step_and_a_statement_may_wait(client, qs, invited):
    a, key, _b, _key_b = invited
    een, _twee = stap_vragen(qs, 2)
    response = client.post(url(key, 2), {f"vraag-{een.pk}": "2", "actie": "opslaan"})
    assert response["Location"] == url(key, 2)
    page = client.get(url(key, 2)).content.decode()
    assert "1 van 8 stellingen beantwoord" in page
    assert checked(page) == ["2"]
    assert a.antwoorden.count() == 1


@pytest.mark.parametrize("bad", ["9", "-1", "eens", ""])
def test_an_answer_off_the_scale_gets_a_dutch_error_and_nothing_is_lost(client, qs, invited, bad):
    a, key, _b, _key_b = invited
    een, twee = stap_vragen(qs, 1)
    data = {f"vraag-{een.pk}": "5", f"vraag-{twee.pk}": bad, "opmerking": "Mijn opmerking."}
    response = client.post(url(key, 1), data)
    text = response.content.decode()
    if bad == "":  # an open statement is allowed
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert "Dit antwoord staat niet op de schaal" in text
    assert "er is niets opgeslagen" in text
    assert checked(text) == ["5"] and "Mijn opmerking." in text  # what was right stays on screen
    assert not a.antwoorden.exists() and not a.opmerkingen.exists()


@pytest.mark.parametrize(
    ("opmerking", "melding"),
    [("x" * 5000, "Je opmerking is te lang"), ("Een\x00opmerking", "onzichtbaar stuurteken")],
)
def test_a_remark_too_long_or_with_a_nul_gets_a_dutch_error_and_nothing_is_saved(
    client, qs, invited, opmerking, melding
):
    a, key, _b, _key_b = invited
    een, _twee = stap_vragen(qs, 1)
    response = client.post(url(key, 1), {f"vraag-{een.pk}": "4", "opmerking": opmerking})
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not a.antwoorden.exists() and not a.opmerkingen.exists()


def test_a_statement_of_another_step_or_set_gets_a_dutch_error_and_nothing_is_saved(
    client, qs, invited, voorwaarden
):
    from quickscan.models import Vraag, Vragenset

    _a, key, _b, _key_b = invited
    een, _twee = stap_vragen(qs, 1)
    other_step = stap_vragen(qs, 2)[0]
    concept = Vragenset.objects.create(titel="Ander", slug="ander")
    foreign = Vraag.objects.create(
        vragenset=concept, voorwaarde=een.voorwaarde, stelling="Van een andere set."
    )
    for stranger in (other_step, foreign):
        response = client.post(url(key, 1), {f"vraag-{een.pk}": "3", f"vraag-{stranger.pk}": "4"})
        text = response.content.decode()
        assert response.status_code == 200
        assert "niet bij deze stap hoort" in text
        assert checked(text) == ["3"]
    assert not Antwoord.objects.exists()


@pytest.mark.parametrize("change", ["last", "first", "short", "made-up"])
def test_a_tampered_or_unknown_link_gets_a_dutch_404(client, qs, invited, change):
    _a, key, _b, _key_b = invited
    tampered = {
        "last": key[:-1] + ("A" if key[-1] != "A" else "B"),
        "first": ("A" if key[0] != "A" else "B") + key[1:],
        "short": key[:10],
        "made-up": "niet-een-sleutel",
    }[change]
    for address in (url(tampered), url(tampered, 1), url(tampered, 5)):
        response = client.get(address)
        assert response.status_code == 404
        assert "Deze link werkt niet (meer)" in response.content.decode()
    response = client.post(url(tampered, 1), {"actie": "verder"})
    assert response.status_code == 404
    assert not Antwoord.objects.exists()


def test_a_step_that_does_not_exist_gets_a_dutch_404(client, qs, invited):
    _a, key, _b, _key_b = invited
    for stap in (0, 6, 99):
        response = client.get(url(key, stap))
        assert response.status_code == 404
        assert "Deze stap bestaat niet" in response.content.decode()


def fill_everything(client, qs, key, waarde="4"):
    for stap in range(1, 5):
        data = {f"vraag-{vraag.pk}": waarde for vraag in stap_vragen(qs, stap)}
        data["opmerking"] = f"Opmerking {stap} van deze respondent."
        assert client.post(url(key, stap), {**data, "actie": "verder"}).status_code == 302


def test_the_link_works_once_after_sending_only_thanks_no_form_no_answers(client, qs, invited):
    a, key, _b, _key_b = invited
    fill_everything(client, qs, key)
    check = client.get(url(key, 5)).content.decode()
    assert "Je hebt bij elke stelling een antwoord gekozen." in check
    response = client.post(url(key, 5), {"actie": "versturen"})
    assert response.status_code == 302 and response["Location"] == url(key)
    a.refresh_from_db()
    assert a.ingediend_at is not None

    for address in (url(key), url(key, 1), url(key, 3), url(key, 5)):
        page = client.get(address)
        text = page.content.decode()
        assert page.status_code == 200
        assert "Dank je wel, je antwoorden zijn verstuurd" in text
        assert "<fieldset" not in text and "qs-invullen" not in text and "checked" not in text
        assert "Opmerking 1 van deze respondent" not in text
        assert "Helemaal eens" not in text
    een = stap_vragen(qs, 1)[0]
    response = client.post(url(key, 1), {f"vraag-{een.pk}": "1", "actie": "opslaan"})
    assert "Dank je wel" in response.content.decode()
    assert a.antwoorden.get(vraag=een).waarde == Waarde.EENS


def test_sending_with_open_statements_is_refused_and_says_what_is_open(client, qs, invited):
    a, key, _b, _key_b = invited
    een, _twee = stap_vragen(qs, 1)
    client.post(url(key, 1), {f"vraag-{een.pk}": "3"})
    page = client.get(url(key, 5)).content.decode()
    assert "1 stelling nog zonder antwoord" in page and "2 stellingen nog zonder antwoord" in page
    assert f'href="{url(key, 2)}"' in page
    response = client.post(url(key, 5), {"actie": "versturen"})
    assert response.status_code == 200
    assert "Nog 7 stelling(en) zonder antwoord" in response.content.decode()
    a.refresh_from_db()
    assert a.ingediend_at is None


def test_a_respondent_never_sees_or_changes_another_ones_answers(client, qs, invited):
    a, key_a, b, key_b = invited
    een, twee = stap_vragen(qs, 1)
    client.post(
        url(key_a, 1),
        {f"vraag-{een.pk}": "1", f"vraag-{twee.pk}": "5", "opmerking": "Alleen van A."},
    )
    page_b = client.get(url(key_b, 1)).content.decode()
    assert checked(page_b) == [] and "Alleen van A." not in page_b
    assert "0 van 8 stellingen beantwoord" in page_b

    client.post(url(key_b, 1), {f"vraag-{een.pk}": "4", "opmerking": "Van B."})
    assert dict(a.antwoorden.values_list("vraag", "waarde")) == {een.pk: 1, twee.pk: 5}
    assert dict(b.antwoorden.values_list("vraag", "waarde")) == {een.pk: 4}
    assert Opmerking.objects.get(respondent=a).tekst == "Alleen van A."
    page_a = client.get(url(key_a, 1)).content.decode()
    assert sorted(checked(page_a)) == ["1", "5"] and "Van B." not in page_a


def test_a_closed_scan_says_so_and_takes_no_answers(client, qs, invited):
    a, key, _b, _key_b = invited
    services.scan_sluiten(scan=qs.scan)
    een = stap_vragen(qs, 1)[0]
    for response in (client.get(url(key, 1)), client.post(url(key, 1), {f"vraag-{een.pk}": "3"})):
        text = response.content.decode()
        assert "Deze scan is gesloten" in text and "<fieldset" not in text
    assert not a.antwoorden.exists()


def test_an_example_scan_says_so_on_the_respondents_pages(client, qs, invited):
    _a, key, _b, _key_b = invited
    qs.scan.is_voorbeeld = True
    qs.scan.save()
    for address in (url(key, 1), url(key, 5), f"/quickscan/deelnemen/{qs.scan.deelsleutel}/"):
        assert "verzonnen antwoorden van fictieve partners" in client.get(address).content.decode()


def test_the_step_page_stays_within_the_query_ceiling(
    client, qs, invited, django_assert_max_num_queries
):
    _a, key, _b, _key_b = invited
    fill_everything(client, qs, key, waarde="2")
    for stap in (1, 5):
        with django_assert_max_num_queries(15):
            assert client.get(url(key, stap)).status_code == 200
    een = stap_vragen(qs, 1)[0]
    with django_assert_max_num_queries(15):
        client.post(url(key, 1), {f"vraag-{een.pk}": "bad"})


# --- The shared link ------------------------------------------------------------------------------


def deelnemen(qs):
    return f"/quickscan/deelnemen/{qs.scan.deelsleutel}/"


def test_the_shared_link_gives_a_personal_link_to_keep(client, qs):
    page = client.get(deelnemen(qs))
    text = page.content.decode()
    assert page.status_code == 200 and "Heumen" in text
    assert "ongeveer 10 minuten" in text and "nooit per persoon" in text
    assert page["Referrer-Policy"] == "same-origin"

    response = client.post(deelnemen(qs), {"organisatie": qs.organisatie.pk})
    assert response.status_code == 302
    assert response["Location"].startswith("/quickscan/invullen/")
    respondent = Respondent.objects.get()
    assert respondent.organisatie == qs.organisatie and respondent.email == ""
    page = client.get(response["Location"]).content.decode()
    assert "Je doet mee namens Krachtige Kernen" in page
    assert "Bewaar deze link om later verder te gaan" in page
    assert len(mail.outbox) == 0


def test_the_shared_link_emails_the_personal_link_when_asked(
    client, qs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            deelnemen(qs), {"organisatie_naam": "Sportvereniging", "email": "s@example.nl"}
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["s@example.nl"]
    assert response["Location"] in mail.outbox[0].body
    assert "Sportvereniging" in mail.outbox[0].body
    # the same address again: the link was made already
    response = client.post(
        deelnemen(qs), {"organisatie_naam": "Sportvereniging", "email": "S@example.nl"}
    )
    assert response.status_code == 200
    assert "al een persoonlijke link gemaakt" in response.content.decode()
    assert Respondent.objects.count() == 1


def test_the_shared_link_asks_for_the_organisation_in_dutch(client, qs):
    response = client.post(deelnemen(qs), {"naam": "Jan", "email": "geen-adres"})
    text = response.content.decode()
    assert "Kies de organisatie, of vul de naam in" in text
    assert "Vul een geldig e-mailadres in" in text
    assert 'value="Jan"' in text
    assert not Respondent.objects.exists()


def test_an_unknown_shared_link_gets_a_dutch_404_and_a_closed_scan_says_so(client, qs):
    response = client.get("/quickscan/deelnemen/verzonnen-sleutel/")
    assert response.status_code == 404
    assert "Deze link werkt niet (meer)" in response.content.decode()
    services.scan_sluiten(scan=qs.scan)
    for response in (
        client.get(deelnemen(qs)),
        client.post(deelnemen(qs), {"organisatie_naam": "Laat"}),
    ):
        assert "Deze scan is gesloten" in response.content.decode()
    assert not Respondent.objects.exists()


def test_a_shared_link_with_a_nul_character_gets_the_dutch_404(client, qs):
    # PostgreSQL refuses text with NUL in a query: the link must not reach the database.
    for path in ("/quickscan/deelnemen/%00/", f"/quickscan/deelnemen/{qs.scan.deelsleutel}%00/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Deze link werkt niet (meer)" in response.content.decode()


@pytest.mark.parametrize("organisatie", ["abc", "-1", "999999", "9" * 25, str(2**63), "1\x00"])
def test_an_organisation_that_is_not_in_the_list_gets_a_dutch_error(client, qs, organisatie):
    response = client.post(deelnemen(qs), {"organisatie": organisatie})
    assert response.status_code == 200
    assert "Organisatie:" in response.content.decode()
    assert not Respondent.objects.exists()


def test_too_many_joins_from_one_client_get_429_with_the_input_kept(client, qs, monkeypatch):
    monkeypatch.setattr(quickscan_forms, "AANMELDINGEN_PER_CLIENT", 1)
    assert client.post(deelnemen(qs), {"organisatie_naam": "Een"}).status_code == 302
    response = client.post(deelnemen(qs), {"organisatie_naam": "Twee"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "te veel aanmeldingen" in text and 'value="Twee"' in text
    assert Respondent.objects.count() == 1


def test_a_bot_filling_the_honeypot_makes_nothing(client, qs):
    response = client.post(deelnemen(qs), {"organisatie_naam": "Spam", "kenmerk_x": "http://x"})
    assert response.status_code == 302 and response["Location"] == deelnemen(qs)
    assert not Respondent.objects.exists()
