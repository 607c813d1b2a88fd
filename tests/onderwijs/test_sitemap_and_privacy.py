"""Education in /sitemap.xml (one query), and what is kept of students and for how long."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onderwijs import privacy
from onderwijs.models import Status, Studentwerk
from onderwijs.sitemaps import OnderwijsSitemap
from portaal.services import account_delete, personal_data
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def listed(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext("s:loc", namespaces=NS).removeprefix("http://testserver"): url.findtext(
            "s:lastmod", namespaces=NS
        )
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_the_pages_of_education_and_no_concept(client, make_activiteit):
    openbaar = make_activiteit("Verhalenkamer")
    concept = make_activiteit("Concept", status=Status.CONCEPT)
    entries = listed(client)
    for path in [
        "/onderwijs/",
        "/de-4-os/",
        *(f"/de-4-os/{o}/" for o in ("onderzoek", "ontwikkeling", "onderwijs", "ondersteuning")),
    ]:
        assert path in entries, path
        assert entries[path] is None
    assert (
        entries[openbaar.get_absolute_url()]
        == timezone.localdate(openbaar.gewijzigd_at).isoformat()
    )
    assert concept.get_absolute_url() not in entries


def test_the_section_is_read_in_one_query(make_activiteit):
    for number in range(3):
        make_activiteit(f"Activiteit {number}")
    with CaptureQueriesContext(connection) as captured:
        items = OnderwijsSitemap().items()
    assert len(captured) == 1
    assert len(items) == 2 + 3 + 4


def test_students_have_no_account_so_nothing_is_exported_or_erased(
    make_user, make_activiteit, make_werk
):
    werk = make_werk(make_activiteit())
    user = make_user()
    assert Studentwerk in privacy.COVERS
    assert "onderwijs" not in str(personal_data(user))
    account_delete(user=user)
    assert Studentwerk.objects.filter(pk=werk.pk).exists()


def test_concepts_whose_consent_never_came_are_erased_after_a_year(
    make_activiteit, make_werk, django_capture_on_commit_callbacks
):
    activiteit = make_activiteit()
    oud = make_werk(
        activiteit, "Oud zonder toestemming", toestemming=False, image=True, soort="foto"
    )
    nieuw = make_werk(activiteit, "Nieuw zonder toestemming", toestemming=False)
    oud_met = make_werk(activiteit, "Oud met toestemming")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Studentwerk.objects.filter(pk__in=[oud.pk, oud_met.pk]).update(aangemaakt_at=long_ago)
    name = oud.afbeelding.name
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("forget_studentwerk")
    assert "1 werk(en)" in output
    assert set(Studentwerk.objects.values_list("titel", flat=True)) == {
        nieuw.titel,
        oud_met.titel,
    }
    assert not default_storage.exists(name)
