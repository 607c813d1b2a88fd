"""The admin of education, for the programmacommissie: consent before publishing, erasing work
when consent is withdrawn, clean images, and the O's of praktijken."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from onderwijs.models import Onderwijsactiviteit, PraktijkActiviteit, Status, Studentwerk
from publicaties.models import Activiteit
from tests.helpers import posted_back, run_command
from werkplaats.models import User

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("pc@example.nl", "geheim-en-lang"))
    return client


def werk_form(activiteit, **fields):
    data = {
        "activiteit": activiteit.pk,
        "titel": "Verhalen uit de Ooijpolder",
        "soort": "blog",
        "status": "concept",
        "volgorde": "0",
        "tekst": "Wat ik hoorde.",
        "afbeelding_alt": "",
        "naam": "Sanne de Vries",
        "toestemming_at_0": "",
        "toestemming_at_1": "",
        "toestemming_wijze": "",
        "toestemming_toelichting": "",
    }
    return data | fields


def test_every_admin_page_of_education_answers(staff_client, make_activiteit, make_werk):
    activiteit = make_activiteit()
    werk = make_werk(activiteit)
    for path in [
        "/beheer/onderwijs/opleiding/",
        "/beheer/onderwijs/opleiding/add/",
        "/beheer/onderwijs/onderwijsactiviteit/",
        "/beheer/onderwijs/onderwijsactiviteit/add/",
        f"/beheer/onderwijs/onderwijsactiviteit/{activiteit.pk}/change/",
        "/beheer/onderwijs/studentwerk/",
        "/beheer/onderwijs/studentwerk/?toestemming=nee",
        "/beheer/onderwijs/studentwerk/?toestemming=ja",
        "/beheer/onderwijs/studentwerk/add/",
        f"/beheer/onderwijs/studentwerk/{werk.pk}/change/",
        "/beheer/onderwijs/praktijkactiviteit/",
        "/beheer/onderwijs/praktijkactiviteit/add/",
    ]:
        assert staff_client.get(path).status_code == 200, path


def test_the_consent_filter_separates_work_with_and_without_consent(
    staff_client, make_activiteit, make_werk
):
    activiteit = make_activiteit()
    make_werk(activiteit, "Met")
    make_werk(activiteit, "Zonder", toestemming=False)
    for value, titels in [("ja", ["Met"]), ("nee", ["Zonder"])]:
        response = staff_client.get("/beheer/onderwijs/studentwerk/", {"toestemming": value})
        assert [werk.titel for werk in response.context["cl"].result_list] == titels


def test_publishing_work_without_consent_is_refused_in_the_form(staff_client, make_activiteit):
    activiteit = make_activiteit()
    response = staff_client.post(
        "/beheer/onderwijs/studentwerk/add/", werk_form(activiteit, status="gepubliceerd")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "toestemming_at" in errors and "toestemming_wijze" in errors
    assert not Studentwerk.objects.exists()


def test_work_with_consent_is_published_from_the_form(staff_client, make_activiteit):
    activiteit = make_activiteit()
    response = staff_client.post(
        "/beheer/onderwijs/studentwerk/add/",
        werk_form(
            activiteit,
            status="gepubliceerd",
            toestemming_at_0="2021-01-15",
            toestemming_at_1="10:00",
            toestemming_wijze="formulier",
        ),
    )
    assert response.status_code == 302
    assert Studentwerk.objects.openbaar().get().titel == "Verhalen uit de Ooijpolder"


def test_an_uploaded_photo_keeps_no_camera_or_place_data(
    staff_client, make_activiteit, django_capture_on_commit_callbacks
):
    activiteit = make_activiteit()
    upload = SimpleUploadedFile("foto.jpg", png_bytes(exif=True), content_type="image/jpeg")
    data = werk_form(activiteit, soort="foto", tekst="", afbeelding_alt="Een bankje.")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/beheer/onderwijs/studentwerk/add/", {**data, "afbeelding": upload}
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    werk = Studentwerk.objects.get()
    assert [v["width"] for v in werk.afbeelding_varianten] == [400, 800]
    assert werk.afbeelding.name == werk.afbeelding_varianten[-1]["jpeg"]
    with default_storage.open(werk.afbeelding.name) as stored, Image.open(stored) as image:
        assert not image.getexif()
    folder = werk.afbeelding.name.rsplit("/", 1)[0]
    assert sorted(default_storage.listdir(folder)[1]) == [
        "foto-schoon-400.jpg",
        "foto-schoon-400.webp",
        "foto-schoon-800.jpg",
        "foto-schoon-800.webp",
    ]  # the original with its EXIF is gone


def test_an_image_without_a_description_is_refused(staff_client, make_activiteit):
    upload = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    data = werk_form(make_activiteit(), soort="foto", tekst="", afbeelding_alt="  ")
    response = staff_client.post(
        "/beheer/onderwijs/studentwerk/add/", {**data, "afbeelding": upload}
    )
    assert "afbeelding_alt" in response.context["adminform"].form.errors


def test_the_publish_action_holds_back_work_without_consent(
    staff_client, make_activiteit, make_werk
):
    activiteit = make_activiteit()
    met = make_werk(activiteit, "Met", status=Status.CONCEPT)
    zonder = make_werk(activiteit, "Zonder", toestemming=False)
    response = staff_client.post(
        "/beheer/onderwijs/studentwerk/",
        {"action": "publish", "_selected_action": [met.pk, zonder.pk], "bevestigd": "1"},
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    assert "1 werk(en) gepubliceerd." in texts
    assert any("toestemming is niet vastgelegd: Zonder" in text for text in texts)
    assert list(Studentwerk.objects.openbaar()) == [met]


def test_withdrawn_consent_erases_the_work_its_files_and_the_name(
    staff_client, make_activiteit, make_werk, django_capture_on_commit_callbacks
):
    activiteit = make_activiteit()
    werk = make_werk(activiteit, "Ingetrokken", image=True, soort="foto")
    blijft = make_werk(activiteit, "Blijft")
    files = [werk.afbeelding.name, *(v["webp"] for v in werk.afbeelding_varianten)]
    assert all(default_storage.exists(name) for name in files)
    # The admin's log remembered it by title; after erasing it no longer does.
    staff_client.post(
        f"/beheer/onderwijs/studentwerk/{werk.pk}/change/",
        posted_back(staff_client.get(f"/beheer/onderwijs/studentwerk/{werk.pk}/change/")),
    )
    confirm = staff_client.post(
        "/beheer/onderwijs/studentwerk/", {"action": "erase", "_selected_action": [werk.pk]}
    )
    assert "Toestemming ingetrokken" in confirm.content.decode()
    assert Studentwerk.objects.filter(pk=werk.pk).exists()  # not before it is confirmed
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/beheer/onderwijs/studentwerk/",
            {"action": "erase", "_selected_action": [werk.pk], "bevestigd": "1"},
        )
    assert list(Studentwerk.objects.all()) == [blijft]
    assert not any(default_storage.exists(name) for name in files)
    from django.contrib.admin.models import LogEntry

    assert not LogEntry.objects.filter(object_repr="Ingetrokken").exists()


def test_saving_an_activity_adds_the_leeratelier_of_its_praktijken(
    staff_client, make_leeratelier, make_praktijk
):
    atelier = make_leeratelier("Samen wonen in de wijk")
    praktijk = make_praktijk(atelier, "Bouwen aan sociale verduurzaming")
    response = staff_client.post(
        "/beheer/onderwijs/onderwijsactiviteit/add/",
        {
            "titel": "Evaluatie van de pilot",
            "slug": "evaluatie-van-de-pilot",
            "soort": "evaluatie",
            "status": "gepubliceerd",
            "samenvatting": "Een student MSW evalueert de pilot.",
            "beschrijving": "",
            "deelnemers": "Een student van de master Social Work",
            "aantal_studenten": "1",
            "praktijken": [praktijk.pk],
            "studentwerk-TOTAL_FORMS": "0",
            "studentwerk-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    activiteit = Onderwijsactiviteit.objects.get()
    assert list(activiteit.leerateliers.all()) == [atelier]
    assert activiteit.aantal_studenten == 1


def test_deleting_an_activity_takes_its_student_work_and_files(
    staff_client, make_activiteit, make_werk, django_capture_on_commit_callbacks
):
    activiteit = make_activiteit()
    werk = make_werk(activiteit, image=True, soort="foto")
    name = werk.afbeelding.name
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            f"/beheer/onderwijs/onderwijsactiviteit/{activiteit.pk}/delete/", {"post": "yes"}
        )
    assert not Onderwijsactiviteit.objects.exists() and not Studentwerk.objects.exists()
    assert not default_storage.exists(name)


def test_the_os_of_praktijken_are_kept_in_the_admin(staff_client, make_leeratelier, make_praktijk):
    praktijk = make_praktijk(make_leeratelier(), "Welkome Wijk")
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    data = {"praktijk": praktijk.pk, "activiteit": onderzoek.pk}
    assert staff_client.post("/beheer/onderwijs/praktijkactiviteit/add/", data).status_code == 302
    again = staff_client.post("/beheer/onderwijs/praktijkactiviteit/add/", data)
    assert again.status_code == 200  # once per praktijk: a form error, not a 500
    assert PraktijkActiviteit.objects.count() == 1
    found = staff_client.get("/beheer/onderwijs/praktijkactiviteit/", {"q": "welkome"})
    assert [row.praktijk.titel for row in found.context["cl"].result_list] == ["Welkome Wijk"]


def test_the_programmacommissie_keeps_education(client, make_activiteit):
    run_command("setup_roles")
    member = User.objects.create_user("lid@example.nl", "geheim-en-lang", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(member)
    for path in [
        "/beheer/onderwijs/onderwijsactiviteit/add/",
        "/beheer/onderwijs/studentwerk/add/",
        "/beheer/onderwijs/opleiding/add/",
        "/beheer/onderwijs/praktijkactiviteit/add/",
    ]:
        assert client.get(path).status_code == 200, path
