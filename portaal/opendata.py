"""The open data: what the werkplaats publishes for reuse, each dataset defined once, as data
(its rows, its columns, its licence), so that the CSV and JSON downloads, the /open-data/ page
and the DCAT catalogue say the same thing.

Rows are what the public pages show and nothing else: published publicaties only, no concepts,
no registrations, accounts or email addresses (not even one typed into a description), and no
link to an online bijeenkomst (only those with a seat get it). Each dataset's rows come in a
constant number of queries, whatever their number.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Bijeenkomst
from leerateliers.models import Deelname, Leeratelier, LerendePraktijk
from publicaties.models import Publicatie
from werkplaats.models import Organisatie, Persoon
from werkplaats.spreadsheet import cell, csv_text

# ---------------------------------------------------------------------------------------------
# Licence and theme


@dataclass(frozen=True)
class Licentie:
    naam: str
    url: str  # the text people read
    uri: str  # the same licence in the EU's licence vocabulary, for the DCAT catalogue


CC_BY_4 = Licentie(
    naam="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/deed.nl",
    uri="http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
)

# DCAT-AP-NL 3.0 (its "Waardelijsten") takes dcat:theme from the EU Vocabularies Data Theme
# authority table, http://publications.europa.eu/resource/authority/data-theme; SOCI is
# "Population and society", where the sociaal domein belongs.
THEMA_SAMENLEVING = "http://publications.europa.eu/resource/authority/data-theme/SOCI"


# ---------------------------------------------------------------------------------------------
# Columns and datasets


@dataclass(frozen=True)
class Kolom:
    """One column: its header, how to read its value from a row, and what it means. A value is
    text, a number, a date or time, a list of those, or None."""

    header: str
    value: Callable[[Any], Any]
    uitleg: str
    is_url: bool = False  # a path on this site or an address elsewhere: made absolute


@dataclass(frozen=True)
class Dataset:
    naam: str  # in the URLs: /open-data/<naam>.csv
    titel: str
    beschrijving: str
    rows: Callable[[], QuerySet]
    kolommen: tuple[Kolom, ...]
    # When its rows last changed, where the data records that; None where it does not.
    modified: Callable[[], datetime.datetime | datetime.date | None]
    licentie: Licentie = CC_BY_4
    themas: tuple[str, ...] = (THEMA_SAMENLEVING,)

    @property
    def headers(self) -> list[str]:
        return [kolom.header for kolom in self.kolommen]

    def count(self) -> int:
        return self.rows().count()

    def records(self, absolute: Callable[[str], str]) -> list[dict]:
        """Every row as {header: plain value}; ``absolute`` makes a site path a full URL."""
        records = []
        for row in self.rows():
            record = {}
            for kolom in self.kolommen:
                value = kolom.value(row)
                if kolom.is_url:
                    value = absolute(value) if value else None
                record[kolom.header] = plain(value)
            records.append(record)
        return records


EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_LEFT_OUT = "[e-mailadres weggelaten]"


def plain(value):
    """A value as the downloads hold it: times in the site's time zone with their offset,
    dates in ISO 8601, and no email address in any text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return EMAIL_ADDRESS.sub(EMAIL_LEFT_OUT, value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def related(attribute: str, getter: str = "naam") -> Callable[[Any], list[str]]:
    """A column reading the names (or titles) of a row's prefetched related rows, in order."""
    read = attrgetter(getter)
    return lambda row: [read(item) for item in getattr(row, attribute).all()]


def slug_of(attribute: str) -> Callable[[Any], str | None]:
    """A column reading the slug of a row's (selected) foreign key, None when it is empty."""
    return lambda row: getattr(getattr(row, attribute), "slug", None)


def name_of(attribute: str, getter: str = "naam") -> Callable[[Any], str | None]:
    return lambda row: getattr(getattr(row, attribute), getter, None)


def page(row) -> str:
    return row.get_absolute_url()


URL = Kolom("url", page, _("De pagina op deze site."), is_url=True)


# ---------------------------------------------------------------------------------------------
# The rows of each dataset: the apps' public querysets, with what the columns read prefetched.


def leerateliers_rows():
    return (
        Leeratelier.objects.for_list()
        .prefetch_related("themas", "gemeenten")
        .order_by("titel", "pk")
    )


def organisaties_rows():
    return Organisatie.objects.for_list().select_related("onderdeel_van").order_by("naam", "pk")


def deelnames_rows():
    return Deelname.objects.select_related("organisatie", "leeratelier").order_by(
        "leeratelier__titel", "organisatie__naam", "sinds", "pk"
    )


def praktijken_rows():
    return (
        LerendePraktijk.objects.select_related("leeratelier")
        .prefetch_related("gemeenten", "partners")
        .order_by("leeratelier__titel", "titel", "pk")
    )


def publicaties_rows():
    return (
        Publicatie.objects.for_list()
        .prefetch_related("organisaties", "leerateliers", "themas", "voorwaarden", "activiteiten")
        .order_by("-gepubliceerd_on", "titel", "pk")
    )


def bijeenkomsten_rows():
    return (
        Bijeenkomst.objects.select_related("leeratelier", "gemeente")
        .prefetch_related(Prefetch("sprekers", queryset=Persoon.objects.order_by("naam")))
        .order_by("start_at", "pk")
    )


def deelnames_modified():
    """A deelname changes when it starts (``sinds``) or ends (``tot``); a new role is both."""
    dates = Deelname.objects.aggregate(begin=Max("sinds"), einde=Max("tot"))
    return max((date for date in dates.values() if date), default=None)


def praktijken_modified():
    return LerendePraktijk.history.aggregate(laatste=Max("history_date"))["laatste"]


def publicaties_modified():
    return Publicatie.objects.published().aggregate(laatste=Max("gewijzigd_at"))["laatste"]


def bijeenkomsten_modified():
    return Bijeenkomst.objects.aggregate(laatste=Max("gewijzigd_at"))["laatste"]


def not_recorded():
    return None


DATASETS = (
    Dataset(
        naam="leerateliers",
        titel=_("Leerateliers"),
        beschrijving=_(
            "De leerateliers van de werkplaats, één per sociale kwestie: hun status, looptijd, "
            "voorwaarden van sociale kwaliteit, thema's, gemeenten en trekkers, en hoeveel "
            "organisaties nu in de arena en op de tribune zitten."
        ),
        rows=leerateliers_rows,
        modified=not_recorded,
        kolommen=(
            Kolom("slug", attrgetter("slug"), _("Vaste sleutel, ook in de URL.")),
            Kolom("titel", attrgetter("titel"), _("De naam van het leeratelier.")),
            Kolom("samenvatting", attrgetter("samenvatting"), _("In één of twee zinnen.")),
            Kolom(
                "status",
                attrgetter("status"),
                _("in-voorbereiding, actief of afgerond."),
            ),
            Kolom("start_on", attrgetter("start_on"), _("Gestart op (JJJJ-MM-DD).")),
            Kolom("end_on", attrgetter("end_on"), _("Afgerond op; leeg zolang het loopt.")),
            Kolom("voorwaarden", related("voorwaarden"), _("Voorwaarden van sociale kwaliteit.")),
            Kolom("themas", related("themas"), _("Thema's.")),
            Kolom("gemeenten", related("gemeenten"), _("Gemeenten waar het leeratelier loopt.")),
            Kolom(
                "trekkers",
                lambda row: [trekkerschap.persoon.naam for trekkerschap in row.leiding],
                _("Trekkers en co-trekkers."),
            ),
            Kolom(
                "aantal_arena",
                attrgetter("aantal_arena"),
                _("Organisaties die nu in de arena zitten."),
            ),
            Kolom(
                "aantal_tribune",
                attrgetter("aantal_tribune"),
                _("Organisaties die nu op de tribune zitten."),
            ),
            URL,
        ),
    ),
    Dataset(
        naam="organisaties",
        titel=_("Organisaties"),
        beschrijving=_(
            "De netwerkpartners van de werkplaats: gemeenten, hogescholen, welzijn, zorg, "
            "ervaringsdeskundigen en anderen, met hun soort en gemeente."
        ),
        rows=organisaties_rows,
        modified=not_recorded,
        kolommen=(
            Kolom("slug", attrgetter("slug"), _("Vaste sleutel, ook in de URL.")),
            Kolom("naam", attrgetter("naam"), _("De naam van de organisatie.")),
            Kolom("afkorting", attrgetter("afkorting"), _("Afkorting, als die er is.")),
            Kolom(
                "soort",
                attrgetter("soort"),
                _("Bijvoorbeeld gemeente, hogeschool, welzijn, zorg of ervaringsdeskundigen."),
            ),
            Kolom("gemeente", name_of("gemeente"), _("Waar ze gevestigd is; leeg: regionaal.")),
            Kolom(
                "onderdeel_van",
                name_of("onderdeel_van"),
                _("De organisatie waar ze deel van is."),
            ),
            Kolom("website", attrgetter("website"), _("Eigen website."), is_url=True),
            Kolom("beschrijving", attrgetter("beschrijving"), _("Korte beschrijving.")),
            URL,
        ),
    ),
    Dataset(
        naam="deelnames",
        titel=_("Deelnames aan leerateliers"),
        beschrijving=_(
            "Welke organisatie in welk leeratelier in de arena of op de tribune zit of zat, van "
            "wanneer tot wanneer. Een andere rol begint een nieuwe regel, zodat de "
            "geschiedenis blijft."
        ),
        rows=deelnames_rows,
        modified=deelnames_modified,
        kolommen=(
            Kolom("leeratelier", name_of("leeratelier", "titel"), _("Het leeratelier.")),
            Kolom("leeratelier_slug", slug_of("leeratelier"), _("Sleutel van het leeratelier.")),
            Kolom("organisatie", name_of("organisatie"), _("De organisatie.")),
            Kolom("organisatie_slug", slug_of("organisatie"), _("Sleutel van de organisatie.")),
            Kolom("rol", attrgetter("rol"), _("arena of tribune.")),
            Kolom("sinds", attrgetter("sinds"), _("Begin van deze rol (JJJJ-MM-DD).")),
            Kolom("tot", attrgetter("tot"), _("Einde van deze rol; leeg: loopt nog.")),
        ),
    ),
    Dataset(
        naam="lerende-praktijken",
        titel=_("Lerende praktijken"),
        beschrijving=_(
            "De lokale praktijken en projecten waarin de leerateliers werken, met hun "
            "gemeenten, partners, status en looptijd."
        ),
        rows=praktijken_rows,
        modified=praktijken_modified,
        kolommen=(
            Kolom("slug", attrgetter("slug"), _("Sleutel, uniek binnen het leeratelier.")),
            Kolom("titel", attrgetter("titel"), _("De naam van de praktijk.")),
            Kolom("leeratelier", name_of("leeratelier", "titel"), _("Het leeratelier.")),
            Kolom("leeratelier_slug", slug_of("leeratelier"), _("Sleutel van het leeratelier.")),
            Kolom("status", attrgetter("status"), _("gepland, lopend of afgerond.")),
            Kolom("start_on", attrgetter("start_on"), _("Van (JJJJ-MM-DD).")),
            Kolom("end_on", attrgetter("end_on"), _("Tot (JJJJ-MM-DD).")),
            Kolom("gemeenten", related("gemeenten"), _("Gemeenten van de praktijk.")),
            Kolom("partners", related("partners"), _("Organisaties die meedoen.")),
            Kolom("beschrijving", attrgetter("beschrijving"), _("Beschrijving (Markdown).")),
            Kolom("externe_link", attrgetter("externe_link"), _("Meer elders."), is_url=True),
            URL,
        ),
    ),
    Dataset(
        naam="publicaties",
        titel=_("Publicaties"),
        beschrijving=_(
            "De verschenen publicaties van de werkplaats (rapporten, methodieken, podcasts, "
            "artikelen …) met hun auteurs, onderwerpen en verwijzingen. De gegevens over een "
            "publicatie vallen onder CC BY 4.0; de publicatie zelf (het bestand) heeft haar "
            "eigen licentie, in de kolom licentie."
        ),
        rows=publicaties_rows,
        modified=publicaties_modified,
        kolommen=(
            Kolom("slug", attrgetter("slug"), _("Vaste sleutel, ook in de URL.")),
            Kolom("titel", attrgetter("titel"), _("De titel.")),
            Kolom("soort", attrgetter("soort"), _("Bijvoorbeeld rapport, podcast of methodiek.")),
            Kolom("gepubliceerd_on", attrgetter("gepubliceerd_on"), _("Verschenen op.")),
            Kolom("auteurs", lambda row: row.auteurs, _("Auteurs, zoals vermeld.")),
            Kolom("organisaties", related("organisaties"), _("Betrokken organisaties.")),
            Kolom("leerateliers", related("leerateliers", "titel"), _("Leerateliers.")),
            Kolom("themas", related("themas"), _("Thema's.")),
            Kolom("voorwaarden", related("voorwaarden"), _("Voorwaarden van sociale kwaliteit.")),
            Kolom("activiteiten", related("activiteiten"), _("De 4 O's.")),
            Kolom("taal", attrgetter("taal"), _("nl of en.")),
            Kolom(
                "licentie",
                attrgetter("licentie"),
                _(
                    "De licentie van de publicatie zelf, zoals cc-by-4.0 of alle-rechten; leeg: "
                    "niet vermeld."
                ),
            ),
            Kolom("doi", attrgetter("doi"), _("DOI, als die er is.")),
            Kolom("handle", attrgetter("handle"), _("Handle, als die er is.")),
            Kolom("samenvatting", attrgetter("samenvatting"), _("Samenvatting.")),
            Kolom(
                "bestand",
                lambda row: row.bestand.url if row.bestand else None,
                _("Het bestand, onder zijn eigen licentie."),
                is_url=True,
            ),
            URL,
        ),
    ),
    Dataset(
        naam="bijeenkomsten",
        titel=_("Bijeenkomsten"),
        beschrijving=_(
            "Komende en eerdere bijeenkomsten van de werkplaats: soort, tijd, plaats, "
            "leeratelier en sprekers. Zonder aanmeldingen en zonder de online link, die alleen "
            "deelnemers krijgen."
        ),
        rows=bijeenkomsten_rows,
        modified=bijeenkomsten_modified,
        kolommen=(
            Kolom("slug", attrgetter("slug"), _("Vaste sleutel, ook in de URL.")),
            Kolom("titel", attrgetter("titel"), _("De titel.")),
            Kolom("soort", attrgetter("soort"), _("Bijvoorbeeld arenabijeenkomst of symposium.")),
            Kolom("status", attrgetter("status"), _("gepland of geannuleerd.")),
            Kolom("start_at", attrgetter("start_at"), _("Begin, met tijdzone.")),
            Kolom("end_at", attrgetter("end_at"), _("Einde, met tijdzone.")),
            Kolom("locatie", attrgetter("locatie"), _("De naam van de plek.")),
            Kolom("adres", attrgetter("adres"), _("Adres; leeg voor alleen online.")),
            Kolom("gemeente", name_of("gemeente"), _("Gemeente; leeg voor online.")),
            Kolom("is_online", lambda row: bool(row.online_link), _("Ook online te volgen.")),
            Kolom("leeratelier", name_of("leeratelier", "titel"), _("Het leeratelier.")),
            Kolom("sprekers", related("sprekers"), _("Wie spreekt of leidt.")),
            Kolom("samenvatting", attrgetter("samenvatting"), _("Samenvatting.")),
            URL,
        ),
    ),
)

BY_NAAM = {dataset.naam: dataset for dataset in DATASETS}


# ---------------------------------------------------------------------------------------------
# CSV

LIST_SEPARATOR = " | "


def csv_cell(value) -> object:
    """A plain value as a cell: lists joined, yes and no in Dutch, text that would start a
    formula made text (werkplaats.spreadsheet). Only text: a negative number stays a number."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return cell(value)


def as_csv(dataset: Dataset, records: list[dict]) -> str:
    """The records as CSV for Excel in a Dutch locale, with a header row."""
    rows = ([csv_cell(record[header]) for header in dataset.headers] for record in records)
    return csv_text(dataset.headers, rows)


# ---------------------------------------------------------------------------------------------
# The DCAT catalogue (JSON-LD, DCAT-AP-NL 3.0)

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# The EU Vocabularies authority tables that DCAT-AP-NL 3.0 prescribes for these properties.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
NEDERLANDS = f"{EU_AUTHORITY}language/NLD"
PUBLIEK = f"{EU_AUTHORITY}access-right/PUBLIC"
CONTINU = f"{EU_AUTHORITY}frequency/CONT"  # made on request, so always current
FORMATEN = {
    # suffix: (file type in the EU table, media type in IANA's register)
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
}
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def _text(value) -> dict:
    return {"@value": str(value), "@language": "nl"}


def _node(iri: str, rdf_type: str | None = None) -> dict:
    """A reference to ``iri``; typed, so that class checks pass without the vocabulary."""
    return {"@id": iri, "@type": rdf_type} if rdf_type else {"@id": iri}


def _moment(value) -> dict:
    if isinstance(value, datetime.datetime):
        return {"@value": plain(value), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


@dataclass(frozen=True)
class Adressen:
    """The absolute URLs the catalogue points to, made by the view from the request."""

    catalogus: str
    pagina: str
    contact: str
    home: str
    download: Callable[[Dataset, str], str]  # (dataset, "csv" | "json") -> URL


def dcat_catalogue(*, adressen: Adressen, profiel, now: datetime.datetime) -> dict:
    """A dcat:Catalog of the datasets with the properties DCAT-AP-NL 3.0 makes mandatory for
    a catalogue, a dataset and a distribution, so that data.overheid.nl can harvest it."""
    werkplaats = {
        "@id": f"{adressen.home}#werkplaats",
        "@type": "foaf:Agent",
        "foaf:name": profiel.volledige_naam,
        "foaf:homepage": _node(adressen.home, "foaf:Document"),
    }
    # The werkplaats' functional contact, as on its contact page (DCAT-AP-NL: an email address
    # or a contact form of the organisation).
    contact = {
        "@id": f"{adressen.home}#contact",
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": profiel.volledige_naam,
        "vcard:hasURL": _node(adressen.contact),
    }
    if profiel.email:
        contact["vcard:hasEmail"] = _node(f"mailto:{profiel.email}")
    taal = _node(NEDERLANDS, "dct:LinguisticSystem")

    def distribution(dataset: Dataset, suffix: str) -> dict:
        file_type, media_type = FORMATEN[suffix]
        url = adressen.download(dataset, suffix)
        return {
            "@id": f"{adressen.pagina}#{dataset.naam}-{suffix}",
            "@type": "dcat:Distribution",
            "dct:title": _text(f"{dataset.titel} ({file_type})"),
            "dcat:accessURL": _node(url),
            "dcat:downloadURL": _node(url),
            "dct:format": _node(f"{EU_AUTHORITY}file-type/{file_type}", "dct:MediaTypeOrExtent"),
            "dcat:mediaType": _node(f"{IANA_MEDIA_TYPES}{media_type}", "dct:MediaType"),
            "dct:license": _node(dataset.licentie.uri, "dct:LicenseDocument"),
            "dct:language": taal,
        }

    def dataset_node(dataset: Dataset) -> dict:
        identifier = f"{adressen.pagina}#{dataset.naam}"
        return {
            "@id": identifier,
            "@type": "dcat:Dataset",
            "dct:identifier": identifier,
            "dct:title": _text(dataset.titel),
            "dct:description": _text(dataset.beschrijving),
            "dct:publisher": werkplaats,
            "dct:creator": werkplaats,
            "dcat:contactPoint": contact,
            "dcat:theme": [_node(theme, "skos:Concept") for theme in dataset.themas],
            "dct:accessRights": _node(PUBLIEK, "dct:RightsStatement"),
            "dct:language": taal,
            "dct:accrualPeriodicity": _node(CONTINU, "dct:Frequency"),
            # Where the data records no change time, the files are as new as this moment.
            "dct:modified": _moment(dataset.modified() or now),
            "dcat:landingPage": _node(adressen.pagina, "foaf:Document"),
            "dcat:distribution": [distribution(dataset, suffix) for suffix in FORMATEN],
        }

    return {
        "@context": DCAT_CONTEXT,
        "@id": adressen.catalogus,
        "@type": "dcat:Catalog",
        "dct:title": _text(_("Open data van %(naam)s") % {"naam": profiel.volledige_naam}),
        "dct:description": _text(
            _(
                "De open data van het portaal: leerateliers, organisaties, deelnames, lerende "
                "praktijken, publicaties en bijeenkomsten, als CSV en JSON."
            )
        ),
        "dct:publisher": werkplaats,
        "dct:creator": werkplaats,
        "dcat:contactPoint": contact,
        "foaf:homepage": _node(adressen.pagina, "foaf:Document"),
        "dct:language": taal,
        "dct:license": _node(CC_BY_4.uri, "dct:LicenseDocument"),
        "dct:modified": _moment(now),
        "dcat:themeTaxonomy": _node(f"{EU_AUTHORITY}data-theme"),
        "dcat:dataset": [dataset_node(dataset) for dataset in DATASETS],
    }
