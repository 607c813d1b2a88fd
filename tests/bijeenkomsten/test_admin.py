"""The programmacommissie's admin: counts, the attendee list, cancelling, messages, bad input."""

import datetime

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core import mail
from django.db.models import F
from django.utils import timezone

from bijeenkomsten import services
from bijeenkomsten.models import Aanmelding, Bijeenkomst, Status
from tests.helpers import posted_back
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("beheer@example.nl", "geheim-en-lang"))
    return client


def form_data(**changes):
    start = timezone.localtime() + datetime.timedelta(days=14)
    data = {
        "titel": "Arenabijeenkomst",
        "slug": "",
        "soort": "arenabijeenkomst",
        "samenvatting": "Samen leren.",
        "start_at_0": start.strftime("%Y-%m-%d"),
        "start_at_1": "14:00",
        "end_at_0": start.strftime("%Y-%m-%d"),
        "end_at_1": "16:00",
        "adres": "Kapittelweg 33, Nijmegen",
        "capaciteit": "20",
        **{f"{prefix}-{key}": value for prefix in ("bijlagen", "aanmeldingen", "berichten")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_bijeenkomst_is_added_with_a_slug_from_title_and_date(staff):
    response = staff.post("/beheer/bijeenkomsten/bijeenkomst/add/", form_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    bijeenkomst = Bijeenkomst.objects.get()
    assert bijeenkomst.slug == f"arenabijeenkomst-{timezone.localdate(bijeenkomst.start_at)}"
    assert timezone.localtime(bijeenkomst.start_at).hour == 14


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"end_at_1": "13:00"}, "De bijeenkomst moet eindigen na het begin."),
        ({"capaciteit": "-5"}, "Zorg ervoor dat deze waarde minstens 1 is."),
        ({"capaciteit": "0"}, "Zorg ervoor dat deze waarde minstens 1 is."),
        ({"adres": ""}, "Vul een adres of een online link in"),
        ({"online_link": "javascript:alert(1)"}, "Voer een geldige URL in."),
        ({"start_at_1": "25:99"}, "Voer een geldige tijd in."),
    ],
)
def test_bad_input_gets_a_clear_dutch_error_and_saves_nothing(staff, changes, error):
    response = staff.post("/beheer/bijeenkomsten/bijeenkomst/add/", form_data(**changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Bijeenkomst.objects.exists()


def test_registration_cannot_close_after_the_start(staff):
    start = timezone.localtime() + datetime.timedelta(days=14)
    changes = {
        "aanmelding_sluit_at_0": start.strftime("%Y-%m-%d"),
        "aanmelding_sluit_at_1": "15:00",
    }
    response = staff.post("/beheer/bijeenkomsten/bijeenkomst/add/", form_data(**changes))
    assert (
        "De aanmelding sluit uiterlijk bij het begin van de bijeenkomst."
        in response.content.decode()
    )


def test_the_list_counts_seats_and_the_waiting_list(staff, make_bijeenkomst, make_user):
    bijeenkomst = make_bijeenkomst("Training", capaciteit=2)
    for _ in range(3):
        services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    page = staff.get("/beheer/bijeenkomsten/bijeenkomst/").content.decode()
    assert "2 / 2" in page
    change = staff.get(f"/beheer/bijeenkomsten/bijeenkomst/{bijeenkomst.pk}/change/")
    assert "2 aangemeld van 2 plaatsen, 1 op de wachtlijst" in change.content.decode()


def test_the_attendee_list_downloads_as_csv_for_excel(staff, make_bijeenkomst, make_user):
    bijeenkomst = make_bijeenkomst("Training", capaciteit=1)
    services.aanmelding_create(
        bijeenkomst=bijeenkomst, naam="=Anna", email="anna@example.nl", organisatie="Buurtteam"
    )
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user("bert@example.nl"))
    response = staff.get(f"/beheer/bijeenkomsten/bijeenkomst/{bijeenkomst.pk}/deelnemers.csv")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="deelnemers-{bijeenkomst.slug}.csv"'
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Naam;E-mailadres;Organisatie;Status;Aangemeld op"
    assert lines[1].startswith("'=Anna;anna@example.nl;Buurtteam;Aangemeld;")  # no formula
    assert lines[2].startswith("bert@example.nl;bert@example.nl;;Op de wachtlijst;")


def test_cancelling_in_the_admin_asks_for_a_reason_then_tells_everyone(
    staff, make_bijeenkomst, make_user, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst("Training")
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user("a@example.nl"))
    url = "/beheer/bijeenkomsten/bijeenkomst/"
    selection = {"action": "cancel", "_selected_action": [bijeenkomst.pk]}
    page = staff.post(url, selection).content.decode()
    assert "Reden" in page
    assert Bijeenkomst.objects.get().status == Status.GEPLAND
    assert (
        "Dit veld is verplicht."
        in staff.post(url, {**selection, "bevestigd": "ja"}).content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {**selection, "bevestigd": "ja", "reden": "De zaal is dicht."})
    assert response.status_code == 302
    assert Bijeenkomst.objects.get().status == Status.GEANNULEERD
    assert [message.to for message in mail.outbox] == [["a@example.nl"]]


def test_a_message_and_the_verslag_are_sent_from_the_admin(
    staff, make_bijeenkomst, make_user, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst("Training", days=-2, verslag="Het verslag.")
    Aanmelding.objects.create(
        bijeenkomst=bijeenkomst, user=make_user("a@example.nl"), status="aangemeld"
    )
    url = "/beheer/bijeenkomsten/bijeenkomst/"
    selection = {"_selected_action": [bijeenkomst.pk], "bevestigd": "ja"}
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            url, {**selection, "action": "send_message", "onderwerp": "Dank", "tekst": "Dank!"}
        )
        staff.post(url, {**selection, "action": "send_verslag"})
    assert [message.subject for message in mail.outbox] == ["Dank", "Verslag: Training"]
    page = staff.post(url, {**selection, "action": "send_verslag"}).content.decode()
    assert "Het verslag van Training is al verstuurd." in page
    again = {**selection, "action": "send_message", "onderwerp": "Dank", "tekst": "Dank!"}
    page = staff.post(url, again).content.decode()  # a second click on "Versturen"
    assert "Dit bericht over Training is zojuist al verstuurd." in page
    assert len(mail.outbox) == 2


def test_more_seats_in_the_admin_seat_the_waiting_list(
    staff, make_bijeenkomst, make_user, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst("Training", capaciteit=1)
    for email in ("a@example.nl", "b@example.nl", "c@example.nl"):
        services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user(email))
    Aanmelding.objects.update(gemeld_status=F("status"))  # everyone knows where they stand
    url = f"/beheer/bijeenkomsten/bijeenkomst/{bijeenkomst.pk}/change/"
    data = {**posted_back(staff.get(url)), "capaciteit": "2"}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data, follow=True)
    assert (
        "1 persoon van de wachtlijst kreeg een plaats en een e-mail." in response.content.decode()
    )
    assert [m.to for m in mail.outbox] == [["b@example.nl"]]
    assert mail.outbox[0].subject == "Er is een plaats voor je vrijgekomen: Training"


def test_a_far_future_date_is_refused_in_the_admin(staff):
    response = staff.post(
        "/beheer/bijeenkomsten/bijeenkomst/add/",
        form_data(start_at_0="9999-01-01", end_at_0="9999-01-01"),
    )
    assert "Kies een datum tussen 2000 en 2100." in response.content.decode()
    assert not Bijeenkomst.objects.exists()


def test_deleting_an_account_in_the_admin_gives_its_seat_to_the_waiting_list(
    staff, make_bijeenkomst, make_user, django_capture_on_commit_callbacks
):
    bijeenkomst = make_bijeenkomst("Training", capaciteit=1)
    leaving = make_user("weg@example.nl")
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=leaving)
    waiting = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/beheer/werkplaats/user/{leaving.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    waiting.refresh_from_db()
    assert waiting.is_seated
    assert not User.objects.filter(pk=leaving.pk).exists()


def test_deleting_a_registration_in_the_admin_gives_its_seat_to_the_waiting_list(
    staff, make_bijeenkomst, make_user
):
    bijeenkomst = make_bijeenkomst("Training", capaciteit=1)
    seated = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    waiting = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    response = staff.post(f"/beheer/bijeenkomsten/aanmelding/{seated.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_seated
    assert not Aanmelding.objects.filter(pk=seated.pk).exists()
    # The admin's log names the registration without the account's email address.
    (logged,) = LogEntry.objects.filter(action_flag=DELETION).values_list("object_repr", flat=True)
    assert logged == f"aanmelding {seated.pk} — Training"


def test_registrations_are_cancelled_in_the_admin_not_edited(staff, make_bijeenkomst, make_user):
    bijeenkomst = make_bijeenkomst("Training", capaciteit=1)
    first = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    second = services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
    assert staff.get("/beheer/bijeenkomsten/aanmelding/add/").status_code == 403
    staff.post(
        "/beheer/bijeenkomsten/aanmelding/",
        {"action": "cancel", "_selected_action": [first.pk], "bevestigd": "ja"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("afgemeld", "aangemeld")


def test_a_coming_bijeenkomst_with_registrations_is_cancelled_not_deleted(
    staff, make_bijeenkomst, make_user
):
    met = make_bijeenkomst("Met aanmeldingen")
    services.aanmelding_create(bijeenkomst=met, user=make_user())
    zonder = make_bijeenkomst("Zonder aanmeldingen")

    assert staff.get(f"/beheer/bijeenkomsten/bijeenkomst/{met.pk}/delete/").status_code == 403
    selected = {"action": "delete_selected", "_selected_action": [met.pk]}
    asked = staff.post("/beheer/bijeenkomsten/bijeenkomst/", selected).content.decode()
    assert "kan niet worden verwijderd" in asked
    bulk = staff.post("/beheer/bijeenkomsten/bijeenkomst/", {**selected, "post": "yes"})
    assert bulk.status_code == 403 and Bijeenkomst.objects.filter(pk=met.pk).exists()
    change = staff.get(f"/beheer/bijeenkomsten/bijeenkomst/{met.pk}/change/").content.decode()
    assert "Annuleer haar" in change

    staff.post(f"/beheer/bijeenkomsten/bijeenkomst/{zonder.pk}/delete/", {"post": "yes"})
    assert not Bijeenkomst.objects.filter(pk=zonder.pk).exists()
    services.bijeenkomst_cancel(bijeenkomst=met, reden="Ziekte.")  # everyone is told
    staff.post(f"/beheer/bijeenkomsten/bijeenkomst/{met.pk}/delete/", {"post": "yes"})
    assert not Bijeenkomst.objects.filter(pk=met.pk).exists()
