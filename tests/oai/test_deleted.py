"""Tombstones: a publicatie that was public and is unpublished or deleted (through the services
or the admin) stays in the harvest as a deleted record, for ever; publishing it again brings
the record back."""

import datetime

import pytest
from django.utils import timezone

from publicaties.models import Grafsteen, Publicatie, Soort, Status
from publicaties.services import (
    publicatie_save,
    publicaties_delete,
    publicaties_publish,
    publicaties_unpublish,
)
from werkplaats.models import User

from .schemas import error_codes, xpath

pytestmark = pytest.mark.django_db

PREFIX = "oai:werkplaats-sociaal-domein.nl:publicatie/"


def headers(oai, **params):
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    if error_codes(document) == ["noRecordsMatch"]:
        return {}
    return {
        header.findtext("{*}identifier"): (
            header.get("status"),
            header.findtext("{*}datestamp"),
            [spec.text for spec in header.findall("{*}setSpec")],
        )
        for header in xpath(document, "//oai:header")
    }


def only(publicatie):
    return Publicatie.objects.filter(pk=publicatie.pk)


def test_unpublishing_leaves_a_deleted_record_with_its_sets_and_time(
    oai, make_publicatie, make_leeratelier
):
    leeratelier = make_leeratelier()
    publicatie = make_publicatie(soort=Soort.PODCAST, leerateliers=[leeratelier])
    before = timezone.now().replace(microsecond=0)
    assert publicaties_unpublish(publicaties=only(publicatie)) == 1
    status, datestamp, sets = headers(oai)[f"{PREFIX}{publicatie.pk}"]
    assert status == "deleted"
    assert datestamp >= before.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert sets == ["soort:podcast", f"leeratelier:{leeratelier.slug}"]
    # It stays in the sets it was in, for harvesters that harvest per set.
    assert f"{PREFIX}{publicatie.pk}" in headers(oai, set=f"leeratelier:{leeratelier.slug}")
    assert f"{PREFIX}{publicatie.pk}" in headers(oai, set="soort:podcast")


def test_get_record_of_a_deleted_record_is_a_header_without_metadata(oai, make_publicatie):
    publicatie = make_publicatie()
    publicaties_unpublish(publicaties=only(publicatie))
    for prefix in ("oai_dc", "nl_didl"):
        document = oai(
            verb="GetRecord", identifier=f"{PREFIX}{publicatie.pk}", metadataPrefix=prefix
        )
        (record,) = xpath(document, "//oai:record")
        assert xpath(record, "oai:header/@status") == ["deleted"]
        assert xpath(record, "oai:metadata") == []
    document = oai(verb="ListRecords", metadataPrefix="nl_didl")
    assert xpath(document, "//oai:record/oai:header/@status") == ["deleted"]


def test_deleting_leaves_a_deleted_record_and_a_concept_leaves_nothing(oai, make_publicatie):
    public = make_publicatie()
    concept = make_publicatie(status=Status.CONCEPT)
    publicaties_delete(publicaties=Publicatie.objects.filter(pk__in=[public.pk, concept.pk]))
    assert not Publicatie.objects.exists()
    assert headers(oai) == {
        f"{PREFIX}{public.pk}": (
            "deleted",
            headers(oai)[f"{PREFIX}{public.pk}"][1],
            ["soort:rapport"],
        )
    }


def test_publishing_again_brings_the_record_back(oai, make_publicatie):
    publicatie = make_publicatie()
    publicaties_unpublish(publicaties=only(publicatie))
    assert publicaties_publish(publicaties=only(publicatie)) == (1, [])
    assert Grafsteen.objects.count() == 0
    (status, _, _) = headers(oai)[f"{PREFIX}{publicatie.pk}"]
    assert status is None


def test_saving_as_concept_and_back_through_the_service(oai, make_publicatie):
    publicatie = make_publicatie()
    publicatie.status = Status.CONCEPT
    publicatie_save(publicatie=publicatie)
    assert headers(oai)[f"{PREFIX}{publicatie.pk}"][0] == "deleted"
    publicatie.status = Status.GEPUBLICEERD
    publicatie_save(publicatie=publicatie)
    assert headers(oai)[f"{PREFIX}{publicatie.pk}"][0] is None


def test_a_second_unpublish_keeps_the_first_deletion_time(make_publicatie):
    publicatie = make_publicatie()
    publicaties_unpublish(publicaties=only(publicatie))
    first = Grafsteen.objects.get().verwijderd_at
    publicaties_unpublish(publicaties=only(publicatie))  # already a concept: nothing happens
    assert Grafsteen.objects.get().verwijderd_at == first


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("beheer@example.nl", "geheim-en-lang"))
    return client


def test_the_admin_deletes_through_the_service(oai, staff, make_publicatie):
    one, two, three = make_publicatie(), make_publicatie(), make_publicatie()
    response = staff.post(f"/beheer/publicaties/publicatie/{one.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    response = staff.post(
        "/beheer/publicaties/publicatie/",
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Publicatie.objects.exists()
    found = headers(oai)
    assert {found[f"{PREFIX}{p.pk}"][0] for p in (one, two, three)} == {"deleted"}


def test_the_admin_unpublishes_and_publishes(oai, staff, make_publicatie):
    publicatie = make_publicatie()
    selection = {"_selected_action": [publicatie.pk], "bevestigd": "ja"}
    staff.post("/beheer/publicaties/publicatie/", {**selection, "action": "unpublish"})
    assert headers(oai)[f"{PREFIX}{publicatie.pk}"][0] == "deleted"
    staff.post("/beheer/publicaties/publicatie/", {**selection, "action": "publish"})
    assert headers(oai)[f"{PREFIX}{publicatie.pk}"][0] is None


def test_timestamps_of_a_new_and_a_changed_publicatie(make_publicatie):
    start = timezone.now()
    publicatie = make_publicatie()
    assert start <= publicatie.aangemaakt_at <= publicatie.gewijzigd_at
    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    Publicatie.objects.filter(pk=publicatie.pk).update(aangemaakt_at=old, gewijzigd_at=old)
    publicatie.refresh_from_db()
    publicatie.titel = "Anders"
    publicatie.save()
    publicatie.refresh_from_db()
    assert publicatie.aangemaakt_at == old
    assert publicatie.gewijzigd_at >= start
