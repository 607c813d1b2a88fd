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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Organisatie", "Armoede en schulden", "JIP"],
        ["Movisie", "Tribune", ""],
        ["ROC Nijmegen", "", "Arena"],
    ]


def test_overview_is_for_staff_only(client, matrix):
    response = client.get("/beheer/leerateliers/leeratelier/overzicht/")
    assert response.status_code == 302


def test_bulk_publish_action_stamps_the_publication_time(staff_client, make_leeratelier):
    jip = make_leeratelier("JIP")
    concept = TribuneUpdate.objects.create(leeratelier=jip, titel="Concept", tekst="Tekst")
    response = staff_client.post(
        "/beheer/leerateliers/tribuneupdate/",
        {"action": "publish", "_selected_action": [concept.pk]},
        follow=True,
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
