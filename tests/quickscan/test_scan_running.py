"""Running a scan as a gemeente's contactpersoon: starting it, inviting partners by email or a
shared link, following who answered, closing and publishing; and nobody else may."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core import mail

from quickscan import forms as quickscan_forms
from quickscan.models import Respondent, Scan, SetStatus, Vragenset

LINK = re.compile(r"https?://[^/\s]+(/quickscan/invullen/[^/\s]+/)")


@pytest.fixture
def other_contact(make_gemeente_contact):
    """The contactpersoon of another gemeente (Lingewaard)."""
    user, lingewaard = make_gemeente_contact("Lingewaard", "kees@lingewaard.example.nl", "Kees")
    return SimpleNamespace(user=user, gemeente=lingewaard)


def invite(client, scan, **data):
    data = {"actie": "uitnodigen", "organisatie_naam": "Buurtteam Heumen", **data}
    return client.post(f"/quickscan/{scan.pk}/", data)


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


# --- Starting ----------------------------------------------------------------------------------


def test_a_contactpersoon_starts_a_scan_of_their_own_gemeente(client, qs, other_contact):
    client.force_login(qs.contact)
    page = client.get("/quickscan/nieuw/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Heumen" in text and "Lingewaard" not in text
    assert "Vragenset 2026" in text

    response = client.post(
        "/quickscan/nieuw/",
        {
            "gemeente": qs.heumen.pk,
            "wijk": "Malden",
            "periode_van": "2026-11-01",
            "periode_tot": "30-11-2026",
        },
    )
    scan = Scan.objects.get(wijk="Malden")
    assert response.status_code == 302 and response["Location"] == f"/quickscan/{scan.pk}/"
    assert (scan.gemeente, scan.vragenset, scan.gestart_door) == (
        qs.heumen,
        qs.vragenset,
        qs.contact,
    )
    assert scan.periode_tot == datetime.date(2026, 11, 30)
    page = client.get(response["Location"])
    assert "Malden, Heumen is gestart" in page.content.decode()


def test_dates_are_checked_in_dutch_and_the_period_cannot_end_before_it_starts(client, qs):
    client.force_login(qs.contact)
    before = Scan.objects.count()
    response = client.post(
        "/quickscan/nieuw/",
        {"gemeente": qs.heumen.pk, "periode_van": "2026-11-01", "periode_tot": "2026-10-01"},
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum" in response.content.decode()
    response = client.post(
        "/quickscan/nieuw/",
        {"gemeente": qs.heumen.pk, "periode_van": "31-02-2026", "periode_tot": ""},
    )
    text = response.content.decode()
    assert "Vul een geldige datum in" in text and "Vul een datum in." in text
    assert Scan.objects.count() == before


def test_a_gemeente_the_contact_does_not_run_cannot_be_chosen(client, qs, other_contact):
    client.force_login(qs.contact)
    response = client.post(
        "/quickscan/nieuw/",
        {
            "gemeente": other_contact.gemeente.pk,
            "periode_van": "2026-11-01",
            "periode_tot": "2026-11-30",
        },
    )
    assert "Kies een gemeente uit de lijst." in response.content.decode()
    assert not Scan.objects.filter(gemeente=other_contact.gemeente).exists()


def test_without_an_adopted_set_starting_explains_why_not(client, qs):
    Vragenset.objects.update(status=SetStatus.VERVANGEN)
    client.force_login(qs.contact)
    page = client.get("/quickscan/nieuw/").content.decode()
    assert "Er is nog geen vastgestelde vragenset" in page
    response = client.post(
        "/quickscan/nieuw/",
        {"gemeente": qs.heumen.pk, "periode_van": "2026-11-01", "periode_tot": "2026-11-30"},
    )
    assert "Er is nog geen vastgestelde vragenset" in response.content.decode()
    assert Scan.objects.count() == 1


def test_starting_is_for_contactpersonen_of_a_gemeente_only(client, qs):
    assert client.get("/quickscan/nieuw/")["Location"].startswith("/accounts/login/")
    for user in (qs.stranger, qs.partner, qs.commissie):
        client.force_login(user)
        assert client.get("/quickscan/nieuw/").status_code == 403


# --- Inviting ----------------------------------------------------------------------------------


def test_an_invitation_sends_one_email_with_a_working_personal_link(
    client, qs, django_capture_on_commit_callbacks
):
    client.force_login(qs.contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(
            client,
            qs.scan,
            organisatie=qs.organisatie.pk,
            organisatie_naam="",
            naam="Anna Smit",
            email="anna@krachtigekernen.example.nl",
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@krachtigekernen.example.nl"]
    assert "Heumen" in message.subject
    body = message.body
    for said in (
        "Heumen",
        "1 september 2026 tot en met 31 oktober 2026",
        "ongeveer 10 minuten",
        "samengevoegd",
        "namens welke organisatie",
        "Krachtige Kernen",
    ):
        assert said in body
    assert "Anna" not in body and "Ilse" not in body  # nobody's name

    page = client.get(response["Location"]).content.decode()
    assert "De uitnodiging voor Krachtige Kernen gaat naar anna@krachtigekernen.example.nl" in page

    client.logout()
    personal = client.get(link_in(message))
    assert personal.status_code == 200
    assert "Sociaaleconomische zekerheid" in personal.content.decode()
    respondent = Respondent.objects.get()
    assert respondent.organisatie == qs.organisatie and respondent.naam == "Anna Smit"


def test_inviting_the_same_address_again_is_refused_in_dutch(
    client, qs, django_capture_on_commit_callbacks
):
    client.force_login(qs.contact)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, qs.scan, email="anna@example.nl")
        response = invite(client, qs.scan, email="Anna@Example.nl", naam="Anna")
    assert response.status_code == 200
    text = response.content.decode()
    assert "is al uitgenodigd voor deze scan" in text
    assert 'value="Anna"' in text  # what was typed stays
    assert Respondent.objects.count() == 1 and len(mail.outbox) == 1


def test_an_invitation_needs_an_organisation_and_an_address(client, qs):
    client.force_login(qs.contact)
    response = invite(client, qs.scan, organisatie_naam="", email="")
    text = response.content.decode()
    assert "Kies de organisatie, of vul de naam in" in text
    assert "Vul het e-mailadres in waar de uitnodiging naartoe gaat." in text
    response = invite(client, qs.scan, organisatie="999999", email="a@example.nl")
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert not Respondent.objects.exists()


def test_a_typed_name_of_a_network_organisation_counts_as_that_organisation(client, qs):
    client.force_login(qs.contact)
    invite(client, qs.scan, organisatie_naam="krachtige kernen", email="b@example.nl")
    respondent = Respondent.objects.get()
    assert respondent.organisatie == qs.organisatie and respondent.organisatie_naam == ""


def test_too_many_invitations_are_refused_in_dutch_with_the_input_kept(client, qs, monkeypatch):
    monkeypatch.setattr(quickscan_forms, "UITNODIGINGEN_PER_USER", 1)
    client.force_login(qs.contact)
    assert invite(client, qs.scan, email="een@example.nl").status_code == 302
    response = invite(client, qs.scan, email="twee@example.nl")
    assert response.status_code == 429
    text = response.content.decode()
    assert "al 1 uitnodigingen verstuurd" in text
    assert 'value="twee@example.nl"' in text
    assert Respondent.objects.count() == 1


def test_sending_again_makes_a_new_link_and_the_old_one_stops_working(
    client, qs, django_capture_on_commit_callbacks
):
    client.force_login(qs.contact)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, qs.scan, email="anna@example.nl")
    respondent = Respondent.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/quickscan/{qs.scan.pk}/", {"actie": "opnieuw", "respondent": respondent.pk}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    assert old != new
    assert "de vorige link werkt niet meer" in client.get(response["Location"]).content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_sending_again_is_refused_once_the_respondent_has_sent(client, qs, answer):
    respondent = answer(qs.scan, "Buurtteam")
    Respondent.objects.filter(pk=respondent.pk).update(email="x@example.nl")
    client.force_login(qs.contact)
    response = client.post(
        f"/quickscan/{qs.scan.pk}/",
        {"actie": "opnieuw", "respondent": respondent.pk},
        follow=True,
    )
    assert "heeft de scan al verstuurd" in response.content.decode()
    respondent.refresh_from_db()
    assert respondent.ingediend_at is not None


# --- The scan page -----------------------------------------------------------------------------


def test_the_scan_page_shows_who_answered_by_organisation_never_what(client, qs, answer):
    from quickscan import services

    answer(qs.scan, "Buurtteam")
    bezig = answer(qs.scan, "Wijkteam", send=False)
    services.antwoorden_opslaan(
        respondent=bezig,
        voorwaarde=qs.vragenset.vragen.first().voorwaarde,
        antwoorden={},
        opmerking="Een geheime opmerking van het wijkteam.",
    )
    services.respondent_add(scan=qs.scan, organisatie=qs.organisatie, email="c@example.nl")
    client.force_login(qs.contact)
    page = client.get(f"/quickscan/{qs.scan.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    for said in ("Buurtteam", "Verstuurd", "Wijkteam", "Bezig: 8 van 8 beantwoord"):
        assert said in text
    assert "Krachtige Kernen" in text and "Uitgenodigd" in text and "c@example.nl" in text
    assert "Een geheime opmerking" not in text
    assert "Helemaal eens" not in text and "Weet niet" not in text
    assert f"/quickscan/deelnemen/{qs.scan.deelsleutel}/" in text
    assert f"/quickscan/{qs.scan.pk}/resultaten/" in text
    assert "/quickscan/vragenset/2026/" in text


@pytest.mark.parametrize("who", ["other_contact", "stranger", "commissie", "partner"])
def test_others_get_403_on_the_scan_page_and_its_actions(client, qs, who, request):
    if who == "other_contact":
        user = request.getfixturevalue("other_contact").user
    else:
        user = getattr(qs, who)
    client.force_login(user)
    pk = qs.scan.pk
    assert client.get(f"/quickscan/{pk}/").status_code == 403
    assert invite(client, qs.scan, email="x@example.nl").status_code == 403
    assert client.get(f"/quickscan/{pk}/sluiten/").status_code == 403
    assert client.post(f"/quickscan/{pk}/sluiten/").status_code == 403
    assert client.post(f"/quickscan/{pk}/publiceren/", {"actie": "publiceren"}).status_code == 403
    assert client.get(f"/quickscan/{pk + 1000}/").status_code == 404
    qs.scan.refresh_from_db()
    assert qs.scan.is_open and not Respondent.objects.exists()


def test_a_contact_cannot_reach_another_gemeentes_scan_by_changing_the_number(
    client, qs, other_contact
):
    from quickscan import services

    theirs = services.scan_start(
        gemeente=other_contact.gemeente,
        periode_van=datetime.date(2026, 9, 1),
        periode_tot=datetime.date(2026, 9, 30),
    )
    client.force_login(qs.contact)
    assert client.get(f"/quickscan/{theirs.pk}/").status_code == 403
    assert client.post(f"/quickscan/{theirs.pk}/sluiten/").status_code == 403
    assert client.post(f"/quickscan/{theirs.pk}/publiceren/").status_code == 403
    # and the respondent of another scan cannot be sent a link from this one
    respondent, _key = services.respondent_add(
        scan=theirs, organisatie_naam="Elders", email="e@example.nl"
    )
    response = client.post(
        f"/quickscan/{qs.scan.pk}/", {"actie": "opnieuw", "respondent": respondent.pk}, follow=True
    )
    assert "hoort niet bij deze scan" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.is_open


def test_visitors_are_asked_to_sign_in(client, qs):
    for url in (f"/quickscan/{qs.scan.pk}/", f"/quickscan/{qs.scan.pk}/sluiten/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.post(f"/quickscan/{qs.scan.pk}/publiceren/")["Location"].startswith(
        "/accounts/login/"
    )


# --- Closing and publishing --------------------------------------------------------------------


def test_closing_asks_first_then_closes_and_clears_names(client, qs, answer):
    from quickscan import services

    services.respondent_add(
        scan=qs.scan, organisatie_naam="Bibliotheek", naam="Piet", email="p@example.nl"
    )
    client.force_login(qs.contact)
    ask = client.get(f"/quickscan/{qs.scan.pk}/sluiten/")
    assert "Sluiten kan niet ongedaan worden gemaakt." in ask.content.decode()
    qs.scan.refresh_from_db()
    assert qs.scan.is_open
    response = client.post(f"/quickscan/{qs.scan.pk}/sluiten/", follow=True)
    text = response.content.decode()
    assert "De scan is gesloten" in text
    assert "Bibliotheek" in text and "p@example.nl" not in text and "Piet" not in text
    qs.scan.refresh_from_db()
    assert not qs.scan.is_open


def test_publishing_needs_a_closed_scan_with_three_sent(client, qs, answer):
    from quickscan import services

    client.force_login(qs.contact)
    url = f"/quickscan/{qs.scan.pk}/publiceren/"
    response = client.post(url, {"actie": "publiceren"}, follow=True)
    assert "Sluit de scan eerst" in response.content.decode()
    answer(qs.scan, "A")
    answer(qs.scan, "B")
    services.scan_sluiten(scan=qs.scan)
    response = client.post(url, {"actie": "publiceren"}, follow=True)
    assert "Openbaar maken kan vanaf 3 ingevulde scans" in response.content.decode()
    qs.scan.refresh_from_db()
    assert not qs.scan.is_gepubliceerd

    Scan.objects.filter(pk=qs.scan.pk).update(status="open")
    answer(qs.scan, "C")
    services.scan_sluiten(scan=qs.scan)
    response = client.post(url, {"actie": "publiceren"}, follow=True)
    assert "De uitkomsten zijn openbaar" in response.content.decode()
    qs.scan.refresh_from_db()
    assert qs.scan.is_gepubliceerd

    response = client.post(url, {"actie": "depubliceren"}, follow=True)
    assert "niet meer openbaar" in response.content.decode()
    qs.scan.refresh_from_db()
    assert not qs.scan.is_gepubliceerd


def test_publishing_needs_the_action_and_anything_else_changes_nothing(client, qs, answer):
    from quickscan import services

    for name in ("A", "B", "C"):
        answer(qs.scan, name)
    services.scan_sluiten(scan=qs.scan)
    client.force_login(qs.contact)
    for data in ({}, {"actie": "iets"}, {"actie": "\x00"}):
        response = client.post(f"/quickscan/{qs.scan.pk}/publiceren/", data, follow=True)
        assert "Deze actie kent de pagina niet; er is niets veranderd." in response.content.decode()
    qs.scan.refresh_from_db()
    assert not qs.scan.is_gepubliceerd


def test_an_invitation_to_a_scan_closed_meanwhile_says_why_it_was_not_sent(client, qs):
    from quickscan import services

    client.force_login(qs.contact)
    services.scan_sluiten(scan=qs.scan)  # in another tab, say
    response = invite(client, qs.scan, email="laat@example.nl")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Deze scan is gesloten: er kunnen geen antwoorden meer bij." in text
    assert 'value="laat@example.nl"' in text
    assert not Respondent.objects.exists() and len(mail.outbox) == 0


def test_publishing_is_a_post(client, qs):
    client.force_login(qs.contact)
    assert client.get(f"/quickscan/{qs.scan.pk}/publiceren/").status_code == 405


# --- Query counts and /mijn/ --------------------------------------------------------------------


def test_the_scan_page_stays_within_the_query_ceiling(
    client, qs, answer, django_assert_max_num_queries
):
    from quickscan import services

    for number in range(6):
        answer(qs.scan, f"Partner {number}", send=number % 2 == 0)
        services.respondent_add(
            scan=qs.scan, organisatie_naam=f"Uitgenodigd {number}", email=f"u{number}@example.nl"
        )
    client.force_login(qs.contact)
    client.get(f"/quickscan/{qs.scan.pk}/")
    with django_assert_max_num_queries(15):
        response = client.get(f"/quickscan/{qs.scan.pk}/")
    assert "Partner 5" in response.content.decode()


def test_mijn_shows_the_gemeentes_scans_and_a_start_link(client, qs, django_assert_max_num_queries):
    client.force_login(qs.contact)
    client.get("/mijn/")
    with django_assert_max_num_queries(15):
        page = client.get("/mijn/")
    text = page.content.decode()
    assert "Quick scan sociale kwaliteit" in text
    assert f'href="/quickscan/{qs.scan.pk}/"' in text and 'href="/quickscan/nieuw/"' in text

    client.force_login(qs.stranger)
    assert "/quickscan/nieuw/" not in client.get("/mijn/").content.decode()


def test_sending_again_counts_toward_the_same_limit(
    client, qs, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(quickscan_forms, "UITNODIGINGEN_PER_USER", 1)
    client.force_login(qs.contact)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, qs.scan, email="anna@example.nl")
        response = client.post(
            f"/quickscan/{qs.scan.pk}/",
            {"actie": "opnieuw", "respondent": Respondent.objects.get().pk},
            follow=True,
        )
    assert "al veel uitnodigingen verstuurd" in response.content.decode()
    assert len(mail.outbox) == 1
