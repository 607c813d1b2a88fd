"""The programmacommissie's overview of who is where, in the admin and as CSV."""

import csv
import io

import pytest

from leerateliers.models import Deelname, Rol, TribuneUpdate, UpdateStatus
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("pc@example.nl", "geheim-en-lang"))
    return client


@pytest.fixture
def matrix(make_leeratelier, make_organisatie):
    jip = make_leeratelier("JIP")
    armoede = make_leeratelier("Armoede en schulden")
    roc = make_organisatie("ROC Nijmegen")
    movisie = make_organisatie("Movisie")
    make_organisatie("Niet betrokken")
    Deelname.objects.create(organisatie=roc, leeratelier=jip, rol=Rol.ARENA)
    Deelname.objects.create(organisatie=movisie, leeratelier=armoede, rol=Rol.TRIBUNE)
    return jip, armoede


def test_overview_shows_the_current_role_of_each_organisation_per_atelier(staff_client, matrix):
    response = staff_client.get("/beheer/leerateliers/leeratelier/overzicht/")
    assert response.status_code == 200
    rows = {organisatie.naam: cells for organisatie, cells in response.context["rows"]}
    assert rows == {"Movisie": ["Tribune", None], "ROC Nijmegen": [None, "Arena"]}


def test_overview_downloads_as_csv(staff_client, matrix):
    response = staff_client.get("/beheer/leerateliers/leeratelier/overzicht/", {"formaat": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="deelnames.csv"'
    text = response.content.decode()
    assert text.startswith("\ufeff")  # so that Excel reads the accents
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["Organisatie", "Armoede en schulden", "JIP"],
        ["Movisie", "Tribune", ""],
        ["ROC Nijmegen", "", "Arena"],
    ]


def test_overview_is_for_staff_only(client, matrix):
    response = client.get("/beheer/leerateliers/leeratelier/overzicht/")
    assert response.status_code == 302


def test_overview_needs_permission_to_view_leerateliers(client, matrix):
    client.force_login(User.objects.create_user("stagiair@example.nl", "x", is_staff=True))
    assert client.get("/beheer/leerateliers/leeratelier/overzicht/").status_code == 403
    csv_response = client.get("/beheer/leerateliers/leeratelier/overzicht/", {"formaat": "csv"})
    assert csv_response.status_code == 403


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(
    staff_client, make_leeratelier, make_organisatie
):
    Deelname.objects.create(
        organisatie=make_organisatie("=HYPERLINK(1)"),
        leeratelier=make_leeratelier("JIP"),
        rol=Rol.ARENA,
    )
    response = staff_client.get("/beheer/leerateliers/leeratelier/overzicht/", {"formaat": "csv"})
    assert "'=HYPERLINK(1);Arena" in response.content.decode()


def test_bulk_publish_asks_for_confirmation_then_stamps_the_time(staff_client, make_leeratelier):
    jip = make_leeratelier("JIP")
    concept = TribuneUpdate.objects.create(leeratelier=jip, titel="Concept", tekst="Tekst")
    selection = {"action": "publish", "_selected_action": [concept.pk]}
    question = staff_client.post("/beheer/leerateliers/tribuneupdate/", selection)
    assert "Deze updates worden openbaar" in question.content.decode()
    concept.refresh_from_db()
    assert concept.status == UpdateStatus.CONCEPT
    response = staff_client.post(
        "/beheer/leerateliers/tribuneupdate/", {**selection, "bevestigd": "ja"}, follow=True
    )
    assert "1 update(s) gepubliceerd." in response.content.decode()
    concept.refresh_from_db()
    assert concept.status == UpdateStatus.GEPUBLICEERD and concept.gepubliceerd_at is not None


def test_the_admin_form_refuses_a_second_current_deelname_with_a_dutch_message(
    staff_client, matrix, make_organisatie
):
    jip, _armoede = matrix
    roc = Deelname.objects.get(leeratelier=jip).organisatie
    response = staff_client.post(
        "/beheer/leerateliers/deelname/add/",
        {"organisatie": roc.pk, "leeratelier": jip.pk, "rol": "tribune", "sinds": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "doet al mee aan dit leeratelier" in response.content.decode()
    assert Deelname.objects.filter(organisatie=roc).count() == 1


def test_a_view_only_user_cannot_publish(client, make_leeratelier):
    from django.contrib.auth.models import Permission

    viewer = User.objects.create_user("kijker@example.nl", "x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_tribuneupdate"))
    client.force_login(viewer)
    concept = TribuneUpdate.objects.create(leeratelier=make_leeratelier(), titel="C", tekst="T")
    client.post(
        "/beheer/leerateliers/tribuneupdate/",
        {"action": "publish", "_selected_action": [concept.pk], "bevestigd": "ja"},
    )
    concept.refresh_from_db()
    assert concept.status == UpdateStatus.CONCEPT


def test_publishing_in_the_admin_without_a_date_publishes_now(staff_client, make_leeratelier):
    jip = make_leeratelier("JIP")
    response = staff_client.post(
        "/beheer/leerateliers/tribuneupdate/add/",
        {"leeratelier": jip.pk, "titel": "Terugblik", "tekst": "Tekst", "status": "gepubliceerd"},
    )
    assert response.status_code == 302
    assert TribuneUpdate.objects.get().gepubliceerd_at is not None


def test_the_inline_refuses_a_second_current_deelname_without_a_500(staff_client, matrix):
    jip, _armoede = matrix
    roc = Deelname.objects.get(leeratelier=jip)
    data = {
        "titel": jip.titel, "slug": jip.slug, "status": "actief", "samenvatting": "S",
        "vraagstukken-TOTAL_FORMS": "0", "vraagstukken-INITIAL_FORMS": "0",
        "trekkerschappen-TOTAL_FORMS": "0", "trekkerschappen-INITIAL_FORMS": "0",
        "deelnames-TOTAL_FORMS": "2", "deelnames-INITIAL_FORMS": "1",
        "deelnames-0-id": roc.pk, "deelnames-0-leeratelier": jip.pk,
        "deelnames-0-organisatie": roc.organisatie_id, "deelnames-0-rol": "arena",
        "deelnames-0-sinds": "2020-01-01",
        "deelnames-1-leeratelier": jip.pk, "deelnames-1-organisatie": roc.organisatie_id,
        "deelnames-1-rol": "tribune", "deelnames-1-sinds": "2024-01-01",
    }  # fmt: skip
    response = staff_client.post(f"/beheer/leerateliers/leeratelier/{jip.pk}/change/", data)
    assert response.status_code == 200
    assert "doet al mee aan dit leeratelier" in response.content.decode()
    assert Deelname.objects.filter(leeratelier=jip).count() == 1


def test_publishing_in_the_change_form_tells_the_readers_once_as_on_the_site(
    staff_client, make_leeratelier, make_user, make_update, django_capture_on_commit_callbacks
):
    from django.core import mail

    from leerateliers.models import Abonnement
    from tests.helpers import posted_back

    jip = make_leeratelier("JIP")
    Abonnement.objects.create(user=make_user("volger@example.nl"), leeratelier=jip)
    update = make_update(jip, "Terugblik", status=UpdateStatus.CONCEPT)
    url = f"/beheer/leerateliers/tribuneupdate/{update.pk}/change/"
    data = {**posted_back(staff_client.get(url)), "status": "gepubliceerd"}
    for _second_save in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert staff_client.post(url, data).status_code == 302
    assert [message.to for message in mail.outbox] == [["volger@example.nl"]]


def test_replacing_an_attachment_in_the_admin_leaves_no_old_file(
    staff_client, make_leeratelier, make_update, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from publicaties.demo import demo_pdf
    from tests.helpers import posted_back

    update = make_update(make_leeratelier("JIP"), "Met bijlage")
    update.bijlage.save("oud.pdf", ContentFile(demo_pdf("Oud")))
    old = update.bijlage.name
    storage = update.bijlage.storage
    url = f"/beheer/leerateliers/tribuneupdate/{update.pk}/change/"
    data = posted_back(staff_client.get(url))
    data["bijlage"] = ContentFile(demo_pdf("Nieuw"), name="nieuw.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302
    update.refresh_from_db()
    assert update.bijlage.name != old
    assert storage.exists(update.bijlage.name)
    assert not storage.exists(old)
