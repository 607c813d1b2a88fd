"""A harvester's view: sickle harvests the whole demo repository (plus enough publicaties for
several pages, and a deleted one) over HTTP, in both formats and every set, through the
resumption tokens, and every response validates."""

import pytest
from django.core.management import call_command
from lxml import etree
from sickle import Sickle
from sickle.iterator import OAIResponseIterator
from sickle.oaiexceptions import NoRecordsMatch

from leerateliers.models import Leeratelier
from publicaties.models import Auteurschap, Grafsteen, Publicatie
from publicaties.services import publicaties_unpublish

from .schemas import validate, xpath

pytestmark = pytest.mark.django_db(transaction=True)

PREFIX = "oai:werkplaats-sociaal-domein.nl:publicatie/"


@pytest.fixture
def repository(make_publicatie):
    call_command("load_demo", verbosity=0)
    leeratelier = Leeratelier.objects.order_by("slug").first()
    for number in range(230):
        make_publicatie(leerateliers=[leeratelier] if number % 2 else [])
    first = Publicatie.objects.published().order_by("pk").first()
    publicaties_unpublish(publicaties=Publicatie.objects.filter(pk=first.pk))
    assert Grafsteen.objects.count() == 1


def expected(prefix, spec=None):
    publicaties = Publicatie.objects.published()
    if prefix == "nl_didl":
        publicaties = publicaties.filter(pk__in=Auteurschap.objects.values("publicatie"))
    family, _, value = (spec or "").partition(":")
    if family == "soort" and value:
        publicaties = publicaties.filter(soort=value)
    if family == "leeratelier":
        publicaties = (
            publicaties.filter(leerateliers__slug=value)
            if value
            else publicaties.filter(leerateliers__isnull=False)
        )
    ids = set(publicaties.values_list("pk", flat=True))
    for grafsteen in Grafsteen.objects.all():
        if (
            not spec
            or spec in grafsteen.sets
            or any(s.startswith(spec + ":") for s in grafsteen.sets)
        ):
            ids.add(grafsteen.publicatie_id)
    return {f"{PREFIX}{pk}" for pk in ids}


def harvest(sickle, **params):
    """Every identifier of a ListRecords harvest, validating each page; with the cursors."""
    identifiers, deleted, cursors = [], set(), []
    try:
        responses = list(sickle.ListRecords(**params))
    except NoRecordsMatch:
        return set(), set(), []
    for response in responses:
        document = validate(response.http_response.content)
        for header in xpath(document, "//oai:record/oai:header"):
            identifier = header.findtext("{*}identifier")
            identifiers.append(identifier)
            if header.get("status") == "deleted":
                deleted.add(identifier)
        cursors += xpath(document, "//oai:resumptionToken/@cursor")
    assert len(identifiers) == len(set(identifiers)), "a record came twice"
    return set(identifiers), deleted, cursors


@pytest.mark.parametrize("http_method", ["GET", "POST"])
@pytest.mark.parametrize("prefix", ["oai_dc", "nl_didl"])
def test_the_whole_repository_through_resumption_tokens(
    live_server, repository, prefix, http_method
):
    sickle = Sickle(f"{live_server.url}/oai", http_method=http_method, iterator=OAIResponseIterator)
    identifiers, deleted, cursors = harvest(sickle, metadataPrefix=prefix)
    assert identifiers == expected(prefix)
    assert deleted == {f"{PREFIX}{g.publicatie_id}" for g in Grafsteen.objects.all()}
    assert cursors == ["0", "100", "200"]


def test_every_set_in_both_formats(live_server, repository):
    sickle = Sickle(f"{live_server.url}/oai", iterator=OAIResponseIterator)
    specs = []
    for response in sickle.ListSets():
        specs += xpath(validate(response.http_response.content), "//oai:setSpec/text()")
    assert {"soort", "leeratelier"} <= set(specs)
    assert (
        len([s for s in specs if s.startswith("leeratelier:")])
        == Leeratelier.objects.filter(publicaties__status="gepubliceerd").distinct().count()
    )
    paged = 0
    for spec in specs:
        for prefix in ("oai_dc", "nl_didl"):
            identifiers, _, cursors = harvest(sickle, metadataPrefix=prefix, set=spec)
            assert identifiers == expected(prefix, spec), (spec, prefix)
            paged += len(cursors) > 1
    assert paged  # some sets span more than one page


def test_identifiers_and_headers_agree_with_records(live_server, repository):
    sickle = Sickle(f"{live_server.url}/oai")
    headers = {
        header.identifier: header.deleted
        for header in sickle.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False)
    }
    assert set(headers) == expected("oai_dc")
    record = sickle.GetRecord(identifier=sorted(headers)[-1], metadataPrefix="nl_didl")
    assert etree.QName(record.xml.find(".//{*}metadata")[0]).localname == "DIDL"
