"""OAI-PMH 2.0 at /oai: the publicaties for harvesters such as HBO Kennisbank.

GET and POST alike, without CSRF token or session. Every protocol error is an ``<error>`` in
the body with HTTP 200, as the protocol asks. Records are listed by publicatie number, 100 a
page; published publicaties are records, grafstenen (unpublished or deleted ones) are deleted
records for ever."""

import datetime
import logging
import re

from django.conf import settings
from django.db.models import Min, Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from leerateliers.models import Leeratelier

from ..models import Auteurschap, Grafsteen, Publicatie, Soort
from . import tokens
from .formats import FORMATS, OAI, XSI, NlDidlError, nl_didl, oai_dc

logger = logging.getLogger(__name__)

PAGE_SIZE = 100
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
LIST_ARGUMENTS = {"metadataPrefix", "from", "until", "set", "resumptionToken"}
ARGUMENTS = {  # verb: (required, allowed)
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, {"identifier", "metadataPrefix"}),
    "ListIdentifiers": ({"metadataPrefix"}, LIST_ARGUMENTS),
    "ListRecords": ({"metadataPrefix"}, LIST_ARGUMENTS),
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
ONE_SECOND = datetime.timedelta(seconds=1)
# What XML 1.0 cannot hold (NUL, other control characters, U+FFFE and U+FFFF): an argument with
# one cannot be echoed in the answer's request element or error message.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class OaiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def datestamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def oai_identifier(publicatie_id):
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:publicatie/{publicatie_id}"


def parse_identifier(identifier):
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:publicatie/"
    number = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    if not number.isascii() or not number.isdigit() or len(number) > 18:
        raise OaiError("idDoesNotExist", f"Onbekende identifier: {identifier}")
    return int(number)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request):
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    root = etree.Element(
        f"{{{OAI}}}OAI-PMH",
        nsmap={None: OAI, "xsi": XSI},
        attrib={
            f"{{{XSI}}}schemaLocation": f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
        },
    )
    etree.SubElement(root, f"{{{OAI}}}responseDate").text = datestamp(timezone.now())
    request_element = etree.SubElement(root, f"{{{OAI}}}request")
    request_element.text = base_url
    try:
        verb, arguments = _arguments(params)
        for name, value in [("verb", verb), *sorted(arguments.items())]:
            request_element.set(name, value)
        Harvest(request, arguments).answer(verb, root)
    except OaiError as error:
        for element in list(request_element.itersiblings()):  # half an answer, if any
            root.remove(element)
        if error.code in ("badVerb", "badArgument"):
            for name in list(request_element.attrib):
                del request_element.attrib[name]
        element = etree.SubElement(root, f"{{{OAI}}}error", code=error.code)
        element.text = error.message
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _arguments(params):
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in ARGUMENTS:
        raise OaiError("badVerb", "Geef precies één geldig verb (werkwoord) mee.")
    verb = verbs[0]
    required, allowed = ARGUMENTS[verb]
    arguments = {}
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if any(NOT_XML.search(text) for text in [name, *values]):
            raise OaiError("badArgument", "Een argument bevat een teken dat niet is toegestaan.")
        if name not in allowed:
            raise OaiError("badArgument", f"{verb} kent het argument {name} niet.")
        if len(values) != 1:
            raise OaiError("badArgument", f"Het argument {name} staat er meer dan eens.")
        arguments[name] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", "Een resumptionToken gaat zonder andere argumenten.")
    else:
        missing = sorted(name for name in required if not arguments.get(name))
        if missing:
            raise OaiError("badArgument", f"{verb} mist het argument {', '.join(missing)}.")
    return verb, arguments


def _parse_moment(value, name, end_of_day=False):
    if SECOND.match(value):
        fmt = "%Y-%m-%dT%H:%M:%SZ"
    elif DAY.match(value):
        fmt = "%Y-%m-%d"
    else:
        raise OaiError("badArgument", f"{name} is geen datum als {GRANULARITY} of YYYY-MM-DD.")
    try:
        moment = datetime.datetime.strptime(value, fmt).replace(tzinfo=datetime.UTC)
    except ValueError as error:
        raise OaiError("badArgument", f"{name} is geen bestaande datum.") from error
    if end_of_day and fmt == "%Y-%m-%d":
        moment += datetime.timedelta(days=1) - ONE_SECOND
    return moment


class Harvest:
    def __init__(self, request, arguments):
        self.request, self.arguments = request, arguments

    def answer(self, verb, root):
        container = etree.SubElement(root, f"{{{OAI}}}{verb}")
        getattr(self, verb)(container)

    # --- the verbs ---------------------------------------------------------------------------

    def Identify(self, container):
        add = self._adder(container)
        add("repositoryName", settings.OAI_REPOSITORY_NAME)
        add("baseURL", self.request.build_absolute_uri(self.request.path))
        add("protocolVersion", "2.0")
        add("adminEmail", settings.OAI_ADMIN_EMAIL)
        add("earliestDatestamp", datestamp(earliest_datestamp()))
        add("deletedRecord", "persistent")
        add("granularity", GRANULARITY)

    def ListMetadataFormats(self, container):
        prefixes = list(FORMATS)
        if "identifier" in self.arguments:
            number = parse_identifier(self.arguments["identifier"])
            publicatie = Publicatie.objects.published().filter(pk=number).first()
            if publicatie is None:
                if Grafsteen.objects.filter(publicatie_id=number).exists():
                    raise OaiError(
                        "noMetadataFormats",
                        "Deze publicatie is verwijderd: er is geen metadata meer van.",
                    )
                raise OaiError("idDoesNotExist", "Onbekende identifier.")
            if not publicatie.auteurschappen.exists():
                prefixes.remove("nl_didl")
        for prefix in prefixes:
            add = self._adder(etree.SubElement(container, f"{{{OAI}}}metadataFormat"))
            add("metadataPrefix", prefix)
            add("schema", FORMATS[prefix].schema)
            add("metadataNamespace", FORMATS[prefix].namespace)

    def ListSets(self, container):
        if "resumptionToken" in self.arguments:
            raise OaiError("badResumptionToken", "ListSets geeft geen resumptionTokens uit.")
        sets = all_sets()
        if not sets:
            raise OaiError("noSetHierarchy", "Er zijn (nog) geen sets: er is niets gepubliceerd.")
        for spec, name in sets:
            add = self._adder(etree.SubElement(container, f"{{{OAI}}}set"))
            add("setSpec", spec)
            add("setName", name)

    def GetRecord(self, container):
        prefix = self._prefix(self.arguments["metadataPrefix"])
        number = parse_identifier(self.arguments["identifier"])
        publicatie = records_queryset().filter(pk=number).first()
        if publicatie is not None:
            if prefix == "nl_didl" and not publicatie.auteurschappen.all():
                raise OaiError("cannotDisseminateFormat", "Deze publicatie heeft geen auteur.")
            try:
                self._record(container, publicatie, prefix)
            except NlDidlError as error:
                raise OaiError("cannotDisseminateFormat", str(error)) from error
            return
        grafsteen = Grafsteen.objects.filter(publicatie_id=number).first()
        if grafsteen is None:
            raise OaiError("idDoesNotExist", "Onbekende identifier.")
        record = etree.SubElement(container, f"{{{OAI}}}record")
        self._deleted_header(record, grafsteen)

    def ListIdentifiers(self, container):
        self._list(container, with_metadata=False)

    def ListRecords(self, container):
        self._list(container, with_metadata=True)

    # --- lists -------------------------------------------------------------------------------

    def _list(self, container, with_metadata):
        verb = "ListRecords" if with_metadata else "ListIdentifiers"
        if "resumptionToken" in self.arguments:
            try:
                state = tokens.read(self.arguments["resumptionToken"])
            except tokens.BadToken as error:
                raise OaiError("badResumptionToken", str(error)) from error
            if state.get("verb") != verb or state.get("prefix") not in FORMATS:
                raise OaiError("badResumptionToken", "Deze resumptionToken hoort bij iets anders.")
        else:
            state = self._new_state(verb)
        prefix = state["prefix"]
        start = _parse_moment(state["from"], "from") if state.get("from") else None
        end = (
            _parse_moment(state["until"], "until", end_of_day=True) if state.get("until") else None
        )
        after = int(state.get("after", 0))
        cursor = int(state.get("cursor", 0))

        publicaties = records_queryset(prefix=prefix, start=start, end=end, spec=state.get("set"))
        grafstenen = tombstones(start=start, end=end, spec=state.get("set"))
        total = publicaties.count() + len(grafstenen)
        if total == 0:
            raise OaiError("noRecordsMatch", "Geen records die aan deze vraag voldoen.")
        page = sorted(
            [
                *publicaties.filter(pk__gt=after)[: PAGE_SIZE + 1],
                *(g for g in grafstenen if g.publicatie_id > after),
            ],
            key=_number,
        )
        if not page:  # the rest went while the harvest paused
            raise OaiError("noRecordsMatch", "Geen records meer die aan deze vraag voldoen.")
        more = len(page) > PAGE_SIZE
        page = page[:PAGE_SIZE]
        for item in page:
            if isinstance(item, Grafsteen):
                parent = container
                if with_metadata:
                    parent = etree.SubElement(container, f"{{{OAI}}}record")
                self._deleted_header(parent, item)
            elif with_metadata:
                try:
                    self._record(container, item, prefix)
                except NlDidlError:
                    logger.exception("nl_didl van publicatie %s niet verstuurd", item.pk)
            else:
                self._header(container, item)
        if more or cursor:
            token = etree.SubElement(
                container,
                f"{{{OAI}}}resumptionToken",
                completeListSize=str(total),
                cursor=str(cursor),
            )
            if more:
                next_state = {**state, "after": _number(page[-1]), "cursor": cursor + len(page)}
                token.text = tokens.make(next_state)
                token.set(
                    "expirationDate", datestamp(timezone.now() + tokens.LIFETIME - ONE_SECOND)
                )

    def _new_state(self, verb):
        prefix = self._prefix(self.arguments["metadataPrefix"])
        start = _parse_moment(self.arguments["from"], "from") if "from" in self.arguments else None
        end = (
            _parse_moment(self.arguments["until"], "until", end_of_day=True)
            if "until" in self.arguments
            else None
        )
        if start and end:
            if len(self.arguments["from"]) != len(self.arguments["until"]):
                raise OaiError("badArgument", "from en until hebben een verschillende precisie.")
            if start > end:
                raise OaiError("badArgument", "from ligt na until.")
        spec = self.arguments.get("set")
        if spec and not all_sets():
            raise OaiError("noSetHierarchy", "Er zijn (nog) geen sets: er is niets gepubliceerd.")
        return {
            "verb": verb,
            "prefix": prefix,
            "from": self.arguments.get("from"),
            "until": self.arguments.get("until"),
            "set": spec,
        }

    # --- pieces ------------------------------------------------------------------------------

    def _prefix(self, prefix):
        if prefix not in FORMATS:
            raise OaiError(
                "cannotDisseminateFormat",
                f"Onbekend metadataPrefix {prefix}: kies oai_dc of nl_didl.",
            )
        return prefix

    @staticmethod
    def _adder(parent):
        def add(tag, text, **attributes):
            element = etree.SubElement(parent, f"{{{OAI}}}{tag}", attributes)
            element.text = text
            return element

        return add

    def _header(self, parent, publicatie):
        header = etree.SubElement(parent, f"{{{OAI}}}header")
        add = self._adder(header)
        add("identifier", oai_identifier(publicatie.pk))
        add("datestamp", datestamp(publicatie.gewijzigd_at))
        for spec in publicatie.oai_sets:
            add("setSpec", spec)
        return header

    def _deleted_header(self, parent, grafsteen):
        header = etree.SubElement(parent, f"{{{OAI}}}header", status="deleted")
        add = self._adder(header)
        add("identifier", oai_identifier(grafsteen.publicatie_id))
        add("datestamp", datestamp(grafsteen.verwijderd_at))
        for spec in grafsteen.sets:
            add("setSpec", spec)

    def _record(self, container, publicatie, prefix):
        page_url = self.request.build_absolute_uri(publicatie.get_absolute_url())
        file_url = (
            self.request.build_absolute_uri(publicatie.bestand.url) if publicatie.bestand else ""
        )
        if prefix == "nl_didl":
            metadata = nl_didl(
                publicatie,
                page_url=page_url,
                file_url=file_url,
                modified=datestamp(publicatie.gewijzigd_at),
            )
        else:
            metadata = oai_dc(publicatie, page_url=page_url, file_url=file_url)
        record = etree.SubElement(container, f"{{{OAI}}}record")
        self._header(record, publicatie)
        etree.SubElement(record, f"{{{OAI}}}metadata").append(metadata)


def _number(item):
    return item.publicatie_id if isinstance(item, Grafsteen) else item.pk


def _in_set(spec):
    """The filter on publicaties for a setSpec (None: no such set)."""
    family, _, value = spec.partition(":")
    if family == "soort":
        return {"soort": value} if value else {}
    if family == "leeratelier":
        return {"leerateliers__slug": value} if value else {"leerateliers__isnull": False}
    return None


def records_queryset(prefix=None, start=None, end=None, spec=None):
    publicaties = (
        Publicatie.objects.published()
        .select_related("deel_van")  # a part names its whole (MODS relatedItem, dc:source)
        .defer("inhoud", "search_vector", "deel_van__inhoud", "deel_van__search_vector")
        .prefetch_related(
            Prefetch("auteurschappen", queryset=Auteurschap.objects.order_by("volgorde", "id")),
            "themas",
            Prefetch("leerateliers", queryset=Leeratelier.objects.order_by("slug")),
        )
        .order_by("pk")
    )
    if prefix == "nl_didl":
        publicaties = publicaties.filter(pk__in=Auteurschap.objects.values("publicatie"))
    if start:
        publicaties = publicaties.filter(gewijzigd_at__gte=start)
    if end:
        publicaties = publicaties.filter(gewijzigd_at__lt=end + ONE_SECOND)
    if spec:
        condition = _in_set(spec)
        if condition is None:
            return publicaties.none()
        if condition:
            publicaties = publicaties.filter(
                pk__in=Publicatie.objects.filter(**condition).values("pk")
            )
    return publicaties


def tombstones(start=None, end=None, spec=None):
    grafstenen = Grafsteen.objects.exclude(
        publicatie_id__in=Publicatie.objects.published().values("pk")
    ).order_by("publicatie_id")
    if start:
        grafstenen = grafstenen.filter(verwijderd_at__gte=start)
    if end:
        grafstenen = grafstenen.filter(verwijderd_at__lt=end + ONE_SECOND)
    grafstenen = list(grafstenen)
    if spec:
        if spec in ("soort", "leeratelier"):
            return [g for g in grafstenen if any(s.startswith(spec + ":") for s in g.sets)]
        return [g for g in grafstenen if spec in g.sets]
    return grafstenen


def all_sets():
    """(setSpec, setName) of every set that holds a record or a deleted record."""
    soorten = set(Publicatie.objects.published().values_list("soort", flat=True))
    slugs = set(
        Leeratelier.objects.filter(publicaties__in=Publicatie.objects.published()).values_list(
            "slug", flat=True
        )
    )
    for sets in Grafsteen.objects.values_list("sets", flat=True):
        for spec in sets:
            family, _, value = spec.partition(":")
            (soorten if family == "soort" else slugs).add(value)
    names = dict(Leeratelier.objects.filter(slug__in=slugs).values_list("slug", "titel"))
    labels = dict(Soort.choices)
    result = []
    if soorten:
        result.append(("soort", "Publicaties per soort"))
        result += [(f"soort:{s}", f"Soort: {labels.get(s, s)}") for s in sorted(soorten)]
    if slugs:
        result.append(("leeratelier", "Publicaties per leeratelier"))
        result += [(f"leeratelier:{s}", f"Leeratelier: {names.get(s, s)}") for s in sorted(slugs)]
    return result


def earliest_datestamp():
    first = [
        Publicatie.objects.published().aggregate(first=Min("gewijzigd_at"))["first"],
        Grafsteen.objects.aggregate(first=Min("verwijderd_at"))["first"],
    ]
    first = [moment for moment in first if moment]
    return min(first) if first else timezone.now()
