"""Datestamps in seconds (UTC) and the edges of from/until: both ends are inclusive, at the
granularity of seconds and of days."""

import datetime

import pytest

from publicaties.models import Grafsteen, Publicatie

from .schemas import error_codes, xpath

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MOMENT = datetime.datetime(2025, 5, 12, 10, 30, 15, 600_000, tzinfo=UTC)  # .6 s past 10:30:15


@pytest.fixture
def record(make_publicatie):
    publicatie = make_publicatie()
    Publicatie.objects.filter(pk=publicatie.pk).update(gewijzigd_at=MOMENT)
    return publicatie


def harvested(oai, **params):
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    if error_codes(document) == ["noRecordsMatch"]:
        return []
    assert error_codes(document) == []
    return xpath(document, "//oai:header/oai:datestamp/text()")


def test_the_datestamp_is_in_seconds_and_utc(oai, record):
    assert harvested(oai) == ["2025-05-12T10:30:15Z"]


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"from": "2025-05-12T10:30:15Z"}, True),  # from the datestamp itself
        ({"from": "2025-05-12T10:30:16Z"}, False),
        ({"until": "2025-05-12T10:30:15Z"}, True),  # until the datestamp itself
        ({"until": "2025-05-12T10:30:14Z"}, False),
        ({"from": "2025-05-12T10:30:15Z", "until": "2025-05-12T10:30:15Z"}, True),
        ({"from": "2025-05-12", "until": "2025-05-12"}, True),  # the whole day
        ({"from": "2025-05-12"}, True),
        ({"until": "2025-05-12"}, True),
        ({"from": "2025-05-13"}, False),
        ({"until": "2025-05-11"}, False),
    ],
)
def test_from_and_until_are_inclusive(oai, record, params, found):
    assert harvested(oai, **params) == (["2025-05-12T10:30:15Z"] if found else [])


def test_from_equal_to_until_is_allowed_and_from_after_until_is_not(oai, record):
    same = oai(
        verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2025-05-12", "until": "2025-05-12"}
    )
    assert error_codes(same) == []
    later = oai(
        verb="ListRecords",
        metadataPrefix="oai_dc",
        **{"from": "2025-05-12T10:30:16Z", "until": "2025-05-12T10:30:15Z"},
    )
    assert error_codes(later) == ["badArgument"]


def test_a_change_moves_the_datestamp(oai, record):
    record.samenvatting = "Bijgewerkt."
    record.save()
    (datestamp,) = harvested(oai)
    assert datestamp > "2025-05-12T10:30:15Z"
    assert harvested(oai, **{"from": datestamp}) == [datestamp]


def test_deleted_records_obey_from_and_until_by_their_deletion_time(oai, record):
    Grafsteen.objects.create(
        publicatie_id=record.pk + 1000,
        sets=["soort:rapport"],
        verwijderd_at=datetime.datetime(2025, 6, 1, 8, 0, 0, tzinfo=UTC),
    )
    assert harvested(oai, **{"from": "2025-06-01T08:00:00Z"}) == ["2025-06-01T08:00:00Z"]
    assert harvested(oai, until="2025-06-01T07:59:59Z") == ["2025-05-12T10:30:15Z"]


def test_earliest_datestamp_is_the_oldest_change(oai, record, make_publicatie):
    newer = make_publicatie()
    assert newer.gewijzigd_at > MOMENT
    document = oai(verb="Identify")
    assert xpath(document, "//oai:earliestDatestamp/text()") == ["2025-05-12T10:30:15Z"]
