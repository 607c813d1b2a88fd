"""Pages of 100 with an exclusive resumptionToken: signed, at least 24 hours valid, refused
when stale or tampered with."""

import time
from unittest import mock

import pytest

from publicaties.models import Publicatie
from publicaties.services import publicaties_unpublish

from .schemas import error_codes, xpath

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_publicatie):
    return [make_publicatie() for _ in range(230)]


def page(oai, **params):
    document = oai(**params)
    assert error_codes(document) == []
    identifiers = xpath(document, "//oai:header/oai:identifier/text()")
    (token,) = xpath(document, "//oai:resumptionToken")
    return identifiers, token


def test_pages_of_100_follow_each_other_without_overlap(oai, many):
    seen, token, cursors = [], None, []
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    while True:
        identifiers, token = page(oai, **params)
        seen += identifiers
        cursors.append(token.get("cursor"))
        assert token.get("completeListSize") == "230"
        if not token.text:
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token.text}
    assert cursors == ["0", "100", "200"]
    assert len(seen) == len(set(seen)) == 230
    assert token.get("expirationDate") is None  # the last page gives an empty token


def test_the_token_is_exclusive_changes_in_between_neither_repeat_nor_skip(oai, many):
    first, token = page(oai, verb="ListRecords", metadataPrefix="oai_dc")
    # Between two pages a record of the first page changes and one of a later page goes.
    changed = Publicatie.objects.get(pk=int(first[0].rsplit("/", 1)[1]))
    changed.titel = "Bijgewerkt"
    changed.save()
    gone = many[150]
    publicaties_unpublish(publicaties=Publicatie.objects.filter(pk=gone.pk))
    rest = []
    while token.text:
        identifiers, token = page(oai, verb="ListRecords", resumptionToken=token.text)
        rest += identifiers
    assert not set(first) & set(rest)
    assert len(first) + len(rest) == 230  # the gone one is there, as a deleted record


def test_a_token_lives_more_than_24_hours_and_then_expires(oai, many):
    _, token = page(oai, verb="ListIdentifiers", metadataPrefix="oai_dc")
    now = time.time()
    with mock.patch("django.core.signing.time.time", return_value=now + 24 * 3600 + 60):
        identifiers, _ = page(oai, verb="ListIdentifiers", resumptionToken=token.text)
        assert len(identifiers) == 100
    with mock.patch("django.core.signing.time.time", return_value=now + 49 * 3600):
        document = oai(verb="ListIdentifiers", resumptionToken=token.text)
        assert error_codes(document) == ["badResumptionToken"]


def test_the_expiration_date_is_announced(oai, many):
    _, token = page(oai, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert token.get("expirationDate") > time.strftime(
        "%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 24 * 3600)
    )


def test_a_tampered_token_is_refused(oai, many):
    _, token = page(oai, verb="ListIdentifiers", metadataPrefix="oai_dc")
    value = token.text
    tampered = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    assert error_codes(oai(verb="ListIdentifiers", resumptionToken=tampered)) == [
        "badResumptionToken"
    ]


def test_a_token_of_another_verb_is_refused(oai, many):
    _, token = page(oai, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert error_codes(oai(verb="ListRecords", resumptionToken=token.text)) == [
        "badResumptionToken"
    ]


def test_a_token_keeps_the_set_and_the_format(oai, make_publicatie, make_leeratelier):
    leeratelier = make_leeratelier()
    inside = [make_publicatie(leerateliers=[leeratelier]) for _ in range(105)]
    make_publicatie(auteurs=())  # in no leeratelier and without author
    _, token = page(
        oai, verb="ListRecords", metadataPrefix="nl_didl", set=f"leeratelier:{leeratelier.slug}"
    )
    document = oai(verb="ListRecords", resumptionToken=token.text)
    assert len(xpath(document, "//didl:DIDL")) == 5
    assert xpath(document, "//oai:resumptionToken/@completeListSize") == [str(len(inside))]
