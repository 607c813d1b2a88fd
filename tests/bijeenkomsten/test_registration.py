"""Registering: seats, the waiting list, cancelling, guests who confirm their address."""

import datetime
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from bijeenkomsten import notifications, services
from bijeenkomsten.forms import EMAILS_PER_CLIENT
from bijeenkomsten.models import Aanmelding, AanmeldingStatus, Bijeenkomst, Status
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


def statuses(bijeenkomst):
    rows = Aanmelding.objects.filter(bijeenkomst=bijeenkomst).order_by("pk")
    return [row.status for row in rows]


def link_in(message, prefix):
    """The path of the link starting with ``prefix`` in an email."""
    found = re.search(rf"https?://[^/\s]+({prefix}\S+)", message.body)
    assert found, message.body
    return found[1]


def test_seats_go_first_then_the_waiting_list_in_order(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(capaciteit=2)
    rows = [register(bijeenkomst, make_user()) for _ in range(4)]

    assert [row.status for row in rows] == ["aangemeld", "aangemeld", "wachtlijst", "wachtlijst"]
    ordered = Aanmelding.objects.with_position().waiting().values_list("pk", "positie")
    assert list(ordered) == [(rows[2].pk, 1), (rows[3].pk, 2)]
    subjects = [message.subject for message in mail.outbox]
    assert subjects[:2] == [f"Aanmelding bevestigd: {bijeenkomst.titel}"] * 2
    assert subjects[2:] == [f"Wachtlijst: {bijeenkomst.titel}"] * 2
    assert "op plaats 2" in mail.outbox[3].body


def test_the_confirmation_carries_the_event_for_the_calendar(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(online_link="https://meet.jit.si/werkplaats-test")
    register(bijeenkomst, make_user("sanne@example.nl"))

    (message,) = mail.outbox
    assert message.to == ["sanne@example.nl"]
    (name, content, mimetype) = message.attachments[0]
    assert name == f"{bijeenkomst.slug}.ics" and mimetype.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == bijeenkomst.start_at
    assert "https://meet.jit.si/werkplaats-test" in message.body  # the link, for whom has a seat
    assert "https://meet.jit.si/werkplaats-test" in str(event["description"])
    assert "/bijeenkomsten/afmelden/" in message.body


def test_cancelling_gives_the_seat_to_the_first_on_the_waiting_list_and_emails_them(
    make_bijeenkomst, make_user, register, cancel
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    first = register(bijeenkomst, make_user())
    second = register(bijeenkomst, make_user("tweede@example.nl"))
    third = register(bijeenkomst, make_user())
    mail.outbox.clear()

    promoted = cancel(first)

    assert promoted == [second]
    assert statuses(bijeenkomst) == ["afgemeld", "aangemeld", "wachtlijst"]
    (message,) = mail.outbox
    assert message.to == ["tweede@example.nl"]
    assert message.subject == f"Er is een plaats voor je vrijgekomen: {bijeenkomst.titel}"
    assert message.attachments  # the .ics, now that there is a seat
    third.refresh_from_db()
    assert third.is_waiting


def test_cancelling_a_place_on_the_waiting_list_seats_nobody(
    make_bijeenkomst, make_user, register, cancel
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    register(bijeenkomst, make_user())
    waiting = register(bijeenkomst, make_user())
    mail.outbox.clear()
    assert cancel(waiting) == []
    assert cancel(waiting) == []  # twice changes nothing
    assert statuses(bijeenkomst) == ["aangemeld", "afgemeld"]
    assert mail.outbox == []


def test_registering_twice_is_refused_with_a_clear_message(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    user, other = make_user(), make_user()
    register(bijeenkomst, user)
    register(bijeenkomst, other)
    with pytest.raises(ValidationError, match="Je bent al aangemeld voor deze bijeenkomst"):
        register(bijeenkomst, user)
    with pytest.raises(ValidationError, match="Je staat al op de wachtlijst"):
        register(bijeenkomst, other)
    assert Aanmelding.objects.count() == 2


def test_registering_again_after_cancelling_joins_the_back_of_the_queue(
    make_bijeenkomst, make_user, register, cancel
):
    bijeenkomst = make_bijeenkomst(capaciteit=1)
    user = make_user()
    aanmelding = register(bijeenkomst, user)
    cancel(aanmelding)
    register(bijeenkomst, make_user())
    again = register(bijeenkomst, user)
    assert again.pk == aanmelding.pk  # one row per person and bijeenkomst
    assert again.status == AanmeldingStatus.WACHTLIJST


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": Status.GEANNULEERD}, "geannuleerd; aanmelden kan niet meer"),
        ({"days": -3}, "Deze bijeenkomst is voorbij."),
        (
            {"aanmelding_sluit_at": timezone.now() - datetime.timedelta(hours=1)},
            "De aanmelding voor deze bijeenkomst is gesloten.",
        ),
    ],
)
def test_closed_and_cancelled_bijeenkomsten_refuse_registrations(
    make_bijeenkomst, make_user, register, client, fields, message
):
    bijeenkomst = make_bijeenkomst(**fields)
    with pytest.raises(ValidationError, match=message):
        register(bijeenkomst, make_user())
    user = make_user()
    client.force_login(user)
    response = client.post(bijeenkomst.get_absolute_url(), follow=True)
    assert message in response.content.decode()
    assert not Aanmelding.objects.exists()


def test_cancelling_after_the_start_is_refused(make_bijeenkomst, make_user, register):
    bijeenkomst = make_bijeenkomst(capaciteit=3)
    aanmelding = register(bijeenkomst, make_user())
    later = bijeenkomst.start_at + datetime.timedelta(minutes=5)
    with pytest.raises(ValidationError, match="al begonnen"):
        services.aanmelding_cancel(aanmelding=aanmelding, now=later)


def test_a_signed_in_user_registers_with_one_click_and_sees_it(client, make_bijeenkomst, make_user):
    bijeenkomst = make_bijeenkomst(capaciteit=10)
    client.force_login(make_user())

    response = client.post(bijeenkomst.get_absolute_url(), follow=True)

    page = response.content.decode()
    assert "Je bent aangemeld." in page
    assert "Nog 9 van de 10 plaatsen vrij." in page
    assert "Kun je toch niet? Afmelden" in page
    response = client.post(bijeenkomst.get_absolute_url(), follow=True)
    assert "Je bent al aangemeld voor deze bijeenkomst." in response.content.decode()
    assert Aanmelding.objects.count() == 1


def test_a_guest_registers_by_confirming_the_link_in_the_email(
    client, make_bijeenkomst, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst(capaciteit=5)
    response = client.post(
        bijeenkomst.get_absolute_url(),
        {"naam": "Anna de Boer", "email": "Anna@Example.nl", "organisatie": "Buurtteam Oost"},
        follow=True,
    )
    assert "we hebben een e-mail gestuurd naar Anna@Example.nl" in response.content.decode()
    assert not Aanmelding.objects.exists()  # nothing counts before the address is confirmed
    (message,) = mail.outbox
    assert message.subject == f"Bevestig je aanmelding: {bijeenkomst.titel}"
    confirm = link_in(message, "/bijeenkomsten/bevestigen/")

    page = client.get(confirm).content.decode()  # a mail scanner following the link
    assert "Anna de Boer" in page and "anna@example.nl" in page
    assert not Aanmelding.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm, follow=True)
    assert "Je bent aangemeld." in response.content.decode()
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.naam, aanmelding.email, aanmelding.organisatie) == (
        "Anna de Boer",
        "anna@example.nl",
        "Buurtteam Oost",
    )
    assert aanmelding.is_seated
    assert mail.outbox[-1].subject == f"Aanmelding bevestigd: {bijeenkomst.titel}"

    response = client.post(confirm, follow=True)  # the link once more
    assert "Je bent al aangemeld voor deze bijeenkomst." in response.content.decode()
    assert Aanmelding.objects.count() == 1


def test_a_guest_cancels_through_the_link_in_the_confirmation(client, make_bijeenkomst, register):
    bijeenkomst = make_bijeenkomst()
    register(bijeenkomst, naam="Anna de Boer", email="anna@example.nl")
    cancel_link = link_in(mail.outbox[-1], "/bijeenkomsten/afmelden/")

    assert "Afmelden voor" in client.get(cancel_link).content.decode()
    assert Aanmelding.objects.get().is_seated  # a GET changes nothing
    response = client.post(cancel_link, follow=True)
    assert f"Je bent afgemeld voor {bijeenkomst.titel}." in response.content.decode()
    assert Aanmelding.objects.get().status == AanmeldingStatus.AFGEMELD


@pytest.mark.parametrize("path", ["/bijeenkomsten/bevestigen/nep/", "/bijeenkomsten/afmelden/nep/"])
def test_a_broken_link_gets_a_dutch_page_not_an_error(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Deze link werkt niet (meer)." in response.content.decode()
    assert client.post(path).status_code == 404


def test_an_expired_guest_link_registers_nobody(client, make_bijeenkomst, monkeypatch):
    from django.core import signing

    from bijeenkomsten.notifications import confirm_token

    bijeenkomst = make_bijeenkomst()
    four_days_ago = signing.time.time() - 4 * 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: four_days_ago)
    token = confirm_token(
        bijeenkomst=bijeenkomst, naam="Anna", email="a@example.nl", organisatie=""
    )
    monkeypatch.undo()

    response = client.post(f"/bijeenkomsten/bevestigen/{token}/")
    assert response.status_code == 404
    assert "drie dagen geldig" in response.content.decode()
    assert not Aanmelding.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"naam": "", "email": "anna@example.nl"}, "Dit veld is verplicht."),
        ({"naam": "   ", "email": "anna@example.nl"}, "Dit veld is verplicht."),
        ({"naam": "Anna", "email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"naam": "An\x07na", "email": "anna@example.nl"}, "Gebruik één regel"),
    ],
)
def test_a_guest_form_with_bad_input_shows_dutch_errors_and_keeps_the_input(
    client, make_bijeenkomst, data, error
):
    bijeenkomst = make_bijeenkomst()
    response = client.post(bijeenkomst.get_absolute_url(), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert data["email"] in page  # what was typed is still there
    assert mail.outbox == []


def test_guest_emails_to_one_address_are_limited(client, make_bijeenkomst):
    bijeenkomst = make_bijeenkomst()
    data = {"naam": "Anna", "email": "anna@example.nl"}
    for _ in range(3):
        client.post(bijeenkomst.get_absolute_url(), data)
    response = client.post(bijeenkomst.get_absolute_url(), data)
    assert "te veel aanmeldingen voor dit e-mailadres" in response.content.decode()
    assert len(mail.outbox) == 3


def test_behind_a_trusted_proxy_guest_emails_are_counted_per_visitor(
    client, make_bijeenkomst, settings
):
    """Every request comes from the proxy; the visitor is the address the proxy added."""
    bijeenkomst = make_bijeenkomst()

    def post(number, visitor):
        return client.post(
            bijeenkomst.get_absolute_url(),
            {"naam": "Gast", "email": f"gast{number}@example.nl"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(EMAILS_PER_CLIENT):
        post(number, f"192.0.2.{number}")
    assert "te veel" not in post(99, "192.0.2.99").content.decode()
    assert len(mail.outbox) == EMAILS_PER_CLIENT + 1

    for number in range(EMAILS_PER_CLIENT):  # one visitor sending many
        post(100 + number, "198.51.100.7")
    refused = post(200, "198.51.100.7").content.decode()
    assert "te veel aanmeldingen vanaf deze computer of dit netwerk" in refused


def test_a_guest_with_the_address_of_an_account_is_that_account(
    make_bijeenkomst, make_user, register
):
    bijeenkomst = make_bijeenkomst(capaciteit=5)
    user = make_user("sanne@example.nl")
    as_guest = register(bijeenkomst, naam="Sanne", email="Sanne@Example.nl")
    assert as_guest.user == user
    with pytest.raises(ValidationError, match="Je bent al aangemeld"):
        register(bijeenkomst, user)
    assert Aanmelding.objects.count() == 1


def test_a_guest_registration_is_the_accounts_once_that_address_has_an_account(
    client, make_bijeenkomst, make_user, register
):
    bijeenkomst = make_bijeenkomst(capaciteit=5)
    register(bijeenkomst, naam="Bert", email="bert@example.nl")
    user = make_user("bert@example.nl")
    with pytest.raises(ValidationError, match="Je bent al aangemeld"):
        register(bijeenkomst, user)
    assert Aanmelding.objects.count() == 1
    client.force_login(user)
    assert "Je bent aangemeld." in client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert bijeenkomst.titel in client.get("/mijn/").content.decode()


def test_cancelling_is_not_offered_once_the_bijeenkomst_has_begun(
    client, make_bijeenkomst, make_user, register
):
    bijeenkomst = make_bijeenkomst(capaciteit=3)
    user = make_user()
    aanmelding = register(bijeenkomst, user)
    link = link_in(mail.outbox[-1], "/bijeenkomsten/afmelden/")
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(
        start_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.force_login(user)
    assert "/bijeenkomsten/afmelden/" not in client.get("/mijn/").content.decode()
    assert (
        "/bijeenkomsten/afmelden/"
        not in client.get(bijeenkomst.get_absolute_url()).content.decode()
    )
    page = client.get(link).content.decode()
    assert (
        "al begonnen; afmelden kan niet meer" in page
        and "<form" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    )
    aanmelding.refresh_from_db()
    assert aanmelding.is_seated


def test_a_guests_name_and_address_are_erased_a_year_after_the_bijeenkomst(
    make_bijeenkomst, make_user
):
    long_ago = make_bijeenkomst("Symposium", days=-400, capaciteit=10)
    recent = make_bijeenkomst("Training", days=-300)
    for bijeenkomst in (long_ago, recent):  # registered while it was still to come
        Aanmelding.objects.create(
            bijeenkomst=bijeenkomst,
            naam="Anna de Boer",
            email="anna@example.nl",
            organisatie="Buurtteam Oost",
            status=AanmeldingStatus.AANGEMELD,
        )
        Aanmelding.objects.create(
            bijeenkomst=bijeenkomst, user=make_user(), status=AanmeldingStatus.AANGEMELD
        )

    guest = Aanmelding.objects.get(bijeenkomst=long_ago, user__isnull=True)
    LogEntry.objects.log_actions(
        user_id=make_user(is_staff=True).pk, queryset=[guest], action_flag=CHANGE
    )
    assert "Gegevens van 1 gast(en) gewist." in run_command("forget_guests")
    assert "Gegevens van 0 gast(en) gewist." in run_command("forget_guests")

    erased = Aanmelding.objects.get(bijeenkomst=long_ago, user__isnull=True)
    assert (erased.naam, erased.organisatie) == ("Gast", "Buurtteam Oost")
    assert "anna" not in erased.email and erased.email.endswith(".invalid")
    assert Aanmelding.objects.get(bijeenkomst=recent, user__isnull=True).email == "anna@example.nl"
    assert Bijeenkomst.objects.with_counts().get(pk=long_ago.pk).aantal_aangemeld == 2
    assert "Anna" not in LogEntry.objects.get().object_repr

    long_ago.verslag = "Terugblik."
    long_ago.save()
    bericht = services.verslag_send(bijeenkomst=long_ago)
    assert len(notifications.bericht_recipients(bericht)) == 1  # the account, not the erased guest
