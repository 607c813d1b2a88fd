"""/open-data/: the page lists every dataset with its row count; the CSV opens in Excel without
running formulas; the JSON says when it was made; no download holds a concept, a registration
or an email address; the queries do not grow with the rows; the DCAT catalogue has what
DCAT-AP-NL makes mandatory and its download URLs answer."""

import csv
import datetime
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from bijeenkomsten.models import Aanmelding, AanmeldingStatus
from leerateliers.models import Rol, TrekkerRol, Trekkerschap
from leerateliers.services import deelname_set_rol
from portaal.opendata import DATASETS, csv_cell
from publicaties.models import Publicatie, Status
from werkplaats.models import Profiel

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
NAMES = [dataset.naam for dataset in DATASETS]
FORMULA = '=HYPERLINK("https://voorbeeld.test","klik")'
SAMENVATTING = 'Regel een\nRegel twee; met "quotes"'


@pytest.fixture
def network(
    voorwaarden,
    make_leeratelier,
    make_organisatie,
    make_persoon,
    make_gemeente,
    make_thema,
    make_praktijk,
    make_publicatie,
    make_bijeenkomst,
):
    """A little of everything, the things that must stay out included: a concept, a guest's
    registration, email addresses of a trekker, a speaker and an atelier, an online link."""
    nijmegen = make_gemeente("Nijmegen")
    leeratelier = make_leeratelier(
        "Armoede en schulden",
        voorwaarden=[voorwaarden["sociale-inclusie"]],
        themas=[make_thema("Armoede")],
        gemeenten=[nijmegen],
        contact_email="atelier@voorbeeld.test",
    )
    trekker = make_persoon("Carinda Jansen", email="carinda@voorbeeld.test")
    Trekkerschap.objects.create(persoon=trekker, leeratelier=leeratelier, rol=TrekkerRol.TREKKER)
    partner = make_organisatie("Krachtige Kernen", gemeente=nijmegen)
    # A history: on the tribune first, then in the arena.
    deelname_set_rol(
        organisatie=partner,
        leeratelier=leeratelier,
        rol=Rol.TRIBUNE,
        on=datetime.date(2021, 1, 1),
        notify=False,
    )
    deelname_set_rol(
        organisatie=partner,
        leeratelier=leeratelier,
        rol=Rol.ARENA,
        on=datetime.date(2022, 3, 1),
        notify=False,
    )
    make_praktijk(
        leeratelier,
        "Verhalenkamer",
        gemeenten=[nijmegen],
        partners=[partner],
        beschrijving="Vragen? Mail naar verhalen@voorbeeld.test.",
    )
    make_publicatie(FORMULA, auteurs=[trekker], samenvatting=SAMENVATTING)
    make_publicatie("Geheim concept", status=Status.CONCEPT)
    bijeenkomst = make_bijeenkomst(
        "Arenabijeenkomst",
        online_link="https://meet.voorbeeld.test/geheim",
        leeratelier=leeratelier,
    )
    bijeenkomst.sprekers.set([make_persoon("Spreker Sanne", email="sanne@voorbeeld.test")])
    Aanmelding.objects.create(
        bijeenkomst=bijeenkomst,
        naam="Anna Aanmelder",
        email="anna@voorbeeld.test",
        status=AanmeldingStatus.AANGEMELD,
    )
    return {"leeratelier": leeratelier, "partner": partner}


def rows_of_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def download(client, naam, suffix):
    response = client.get(f"/open-data/{naam}.{suffix}")
    assert response.status_code == 200, (naam, suffix)
    return response


# --- The page -------------------------------------------------------------------------------


def test_page_lists_every_dataset_with_its_row_count_licence_and_downloads(client, network):
    response = client.get("/open-data/")
    assert response.status_code == 200
    counts = {item["dataset"].naam: item["aantal"] for item in response.context["datasets"]}
    assert counts == {
        "leerateliers": 1,
        "organisaties": 1,
        "deelnames": 2,  # the history: tribune, then arena
        "lerende-praktijken": 1,
        "publicaties": 1,  # not the concept
        "bijeenkomsten": 1,
    }
    html = response.content.decode()
    for naam in NAMES:
        assert f'href="/open-data/{naam}.csv"' in html
        assert f'href="/open-data/{naam}.json"' in html
        assert f'id="{naam}"' in html
    assert "CC BY 4.0" in html
    assert 'href="/api/"' in html
    assert 'href="/open-data/catalogus.jsonld"' in html


def test_each_count_on_the_page_is_the_number_of_rows_in_the_download(client, network):
    counts = {
        item["dataset"].naam: item["aantal"]
        for item in client.get("/open-data/").context["datasets"]
    }
    for naam in NAMES:
        data = download(client, naam, "json").json()
        assert len(data["rijen"]) == data["aantal"] == counts[naam], naam
        assert len(rows_of_csv(download(client, naam, "csv"))) == counts[naam] + 1, naam


def test_the_footer_links_to_the_open_data_and_the_api(client, db):
    html = client.get("/").content.decode()
    assert 'href="/open-data/"' in html
    assert 'href="/api/"' in html


def test_an_unknown_dataset_is_not_found(client, db):
    assert client.get("/open-data/aanmeldingen.csv").status_code == 404
    assert client.get("/open-data/aanmeldingen.json").status_code == 404


# --- CSV --------------------------------------------------------------------------------------


def test_csv_is_utf8_with_a_bom_semicolons_a_header_and_the_time_in_its_name(client, network):
    response = download(client, "leerateliers", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="leerateliers-\d{4}-\d\d-\d\d-\d{4}\.csv"',
        response["Content-Disposition"],
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    first_line = response.content.decode("utf-8")[1:].split("\r\n")[0]
    assert first_line.startswith("slug;titel;samenvatting;status;")
    header, row = rows_of_csv(response)
    assert dict(zip(header, row, strict=True))["gemeenten"] == "Nijmegen"


def test_csv_makes_a_formula_text_with_an_apostrophe(client, network):
    header, row = rows_of_csv(download(client, "publicaties", "csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells["titel"] == "'" + FORMULA
    # The JSON is for programs: it keeps the title as it is.
    assert download(client, "publicaties", "json").json()["rijen"][0]["titel"] == FORMULA


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 24 353", "'+31 24 353"),
        ("-ook tekst", "'-ook tekst"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tweg", "'\tweg"),
        ("\rweg", "'\rweg"),
        ("gewoon", "gewoon"),
        (-5, "-5"),  # a number is no formula
        (3, "3"),
        (None, ""),
        (True, "ja"),
        (["Arnhem", "=Nijmegen"], "Arnhem | =Nijmegen"),  # only the start of a cell counts
        (["=Nijmegen", "Arnhem"], "'=Nijmegen | Arnhem"),
    ],
)
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe_only_when_it_is_text(value, cell):
    assert str(csv_cell(value)) == cell


def test_csv_quotes_line_breaks_and_quotes_inside_a_cell(client, network):
    response = download(client, "publicaties", "csv")
    assert '"Regel een\nRegel twee; met ""quotes"""' in response.content.decode("utf-8")
    header, row = rows_of_csv(response)
    assert dict(zip(header, row, strict=True))["samenvatting"] == SAMENVATTING


def test_lists_in_a_cell_are_separated_and_dates_are_iso(client, network):
    header, *rows = rows_of_csv(download(client, "deelnames", "csv"))
    history = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(row["rol"], row["sinds"], row["tot"]) for row in history] == [
        ("tribune", "2021-01-01", "2022-03-01"),
        ("arena", "2022-03-01", ""),
    ]
    assert history[0]["organisatie_slug"] == "krachtige-kernen"


# --- JSON -------------------------------------------------------------------------------------


def test_json_says_which_dataset_under_which_licence_and_when_it_was_made(client, network):
    data = download(client, "bijeenkomsten", "json").json()
    assert data["dataset"] == "bijeenkomsten"
    assert data["licentie"]["naam"] == "CC BY 4.0"
    assert data["licentie"]["url"].startswith("https://creativecommons.org/licenses/by/4.0/")
    made = datetime.datetime.fromisoformat(data["gegenereerd_op"])
    assert made.utcoffset() is not None
    assert abs(made - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)
    (row,) = data["rijen"]
    assert row["titel"] == "Arenabijeenkomst"
    assert row["is_online"] is True
    assert datetime.datetime.fromisoformat(row["start_at"]).utcoffset() is not None
    assert row["url"].startswith("http://testserver/bijeenkomsten/")


def test_downloads_are_readable_from_other_sites(client, network):
    for path in ("/open-data/leerateliers.csv", "/open-data/leerateliers.json"):
        assert client.get(path)["Access-Control-Allow-Origin"] == "*"


# --- Nothing that is not public ---------------------------------------------------------------


def test_no_download_holds_a_concept_a_registration_an_online_link_or_an_email_address(
    client, network
):
    for naam in NAMES:
        for suffix in ("csv", "json"):
            text = download(client, naam, suffix).content.decode("utf-8")
            where = f"{naam}.{suffix}"
            assert not EMAIL.search(text), (where, EMAIL.findall(text))
            for secret in ("Geheim concept", "Anna Aanmelder", "meet.voorbeeld.test", "aangemeld"):
                assert secret not in text, (where, secret)
    praktijk = download(client, "lerende-praktijken", "json").json()["rijen"][0]
    assert praktijk["beschrijving"] == "Vragen? Mail naar [e-mailadres weggelaten]."


# --- Queries ----------------------------------------------------------------------------------

# The rows and one query per prefetched relation; the page counts each dataset once and reads
# the profile; the catalogue reads the last change of four datasets and the profile.
QUERIES = {
    "/open-data/": 7,
    "/open-data/catalogus.jsonld": 5,
    "/open-data/leerateliers.csv": 5,
    "/open-data/organisaties.csv": 1,
    "/open-data/deelnames.csv": 1,
    "/open-data/lerende-praktijken.csv": 3,
    "/open-data/publicaties.csv": 6,
    "/open-data/bijeenkomsten.csv": 2,
}
QUERIES.update({path.replace(".csv", ".json"): n for path, n in QUERIES.items() if ".csv" in path})


@pytest.fixture
def add_rows(
    voorwaarden,
    make_leeratelier,
    make_organisatie,
    make_persoon,
    make_gemeente,
    make_thema,
    make_praktijk,
    make_publicatie,
    make_bijeenkomst,
):
    """``add_rows(n)``: n more rows in every dataset, each with its relations."""
    cohesie = voorwaarden["sociale-cohesie"]

    def add(n):
        for number in range(n):
            gemeente = make_gemeente()
            persoon = make_persoon()
            organisatie = make_organisatie(gemeente=gemeente)
            leeratelier = make_leeratelier(
                voorwaarden=[cohesie], themas=[make_thema()], gemeenten=[gemeente]
            )
            Trekkerschap.objects.create(persoon=persoon, leeratelier=leeratelier)
            deelname_set_rol(
                organisatie=organisatie, leeratelier=leeratelier, rol=Rol.ARENA, notify=False
            )
            make_praktijk(leeratelier, gemeenten=[gemeente], partners=[organisatie])
            make_publicatie(
                auteurs=[persoon, f"Auteur {number} de Vries"],
                relations={
                    "organisaties": [organisatie],
                    "leerateliers": [leeratelier],
                    "voorwaarden": [cohesie],
                },
            )
            make_bijeenkomst(leeratelier=leeratelier, gemeente=gemeente).sprekers.set([persoon])

    return add


def test_queries_are_pinned_and_do_not_grow_with_the_rows(
    client, django_assert_num_queries, add_rows
):
    for rows in (3, 6):
        add_rows(3)  # 3 rows in each dataset, then 6
        for path, count in QUERIES.items():
            cache.clear()  # the profile is read from the database, not the cache
            with django_assert_num_queries(count):
                response = client.get(path)
            assert response.status_code == 200, path
        data = client.get("/open-data/publicaties.json").json()
        assert data["aantal"] == rows


# --- The DCAT catalogue -----------------------------------------------------------------------

# DCAT-AP-NL 3.0: what a dataset, a distribution and the catalogue must have (dct:modified,
# dcat:distribution and the media type are asked for here on top).
DATASET_MANDATORY = (
    "dct:title",
    "dct:description",
    "dct:identifier",
    "dct:publisher",
    "dct:creator",
    "dcat:contactPoint",
    "dcat:theme",
    "dct:accessRights",
    "dct:language",
    "dct:modified",
    "dcat:distribution",
)
DISTRIBUTION_MANDATORY = (
    "dcat:accessURL",
    "dcat:downloadURL",
    "dct:license",
    "dct:format",
    "dcat:mediaType",
)
CATALOG_MANDATORY = (
    "dct:title",
    "dct:description",
    "dct:publisher",
    "dcat:contactPoint",
    "dcat:dataset",
)
EU = "http://publications.europa.eu/resource/authority/"


def compact_iris(node):
    """Every prefixed name used as a key or a type in the JSON-LD document."""
    if isinstance(node, list):
        for item in node:
            yield from compact_iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            if not key.startswith("@"):
                yield key
            if key == "@type":
                yield from (value if isinstance(value, list) else [value])
            yield from compact_iris(value)


@pytest.fixture
def catalogue(client, network):
    Profiel.objects.create(
        naam="Werkplaats Sociaal Domein", regio="Arnhem en Nijmegen", email="info@werkplaats.test"
    )
    response = client.get("/open-data/catalogus.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content)


def test_the_catalogue_is_json_ld_with_every_prefix_it_uses_declared(catalogue):
    context = catalogue["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/"
    used = {name.split(":", 1)[0] for name in compact_iris(catalogue)}
    assert used <= set(context), used - set(context)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@id"] == "http://testserver/open-data/catalogus.jsonld"


def test_the_catalogue_and_each_dataset_and_distribution_have_the_mandatory_properties(
    catalogue,
):
    for prop in CATALOG_MANDATORY:
        assert catalogue.get(prop), prop
    datasets = catalogue["dcat:dataset"]
    assert [dataset["@id"].rsplit("#", 1)[1] for dataset in datasets] == NAMES
    for dataset in datasets:
        missing = [prop for prop in DATASET_MANDATORY if not dataset.get(prop)]
        assert not missing, (dataset["@id"], missing)
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:identifier"] == dataset["@id"]
        assert dataset["dct:title"]["@language"] == "nl"
        assert (
            dataset["dct:publisher"]["foaf:name"] == "Werkplaats Sociaal Domein Arnhem en Nijmegen"
        )
        assert dataset["dct:creator"]["@type"] == "foaf:Agent"
        contact = dataset["dcat:contactPoint"]
        assert "vcard:Kind" in contact["@type"]
        assert contact["vcard:hasURL"]["@id"] == "http://testserver/contact/"
        assert contact["vcard:hasEmail"]["@id"] == "mailto:info@werkplaats.test"
        assert [theme["@id"] for theme in dataset["dcat:theme"]] == [f"{EU}data-theme/SOCI"]
        assert dataset["dct:accessRights"]["@id"] == f"{EU}access-right/PUBLIC"
        assert dataset["dct:language"]["@id"] == f"{EU}language/NLD"
        assert dataset["dct:modified"]["@type"] in ("xsd:date", "xsd:dateTime")
        formats = []
        for distribution in dataset["dcat:distribution"]:
            missing = [prop for prop in DISTRIBUTION_MANDATORY if not distribution.get(prop)]
            assert not missing, (distribution["@id"], missing)
            assert distribution["dct:license"]["@id"] == f"{EU}licence/CC_BY_4_0"
            formats.append(distribution["dct:format"]["@id"].rsplit("/", 1)[1])
        assert formats == ["CSV", "JSON"]


def test_the_catalogue_says_when_publicaties_last_changed(catalogue):
    (publicaties,) = [d for d in catalogue["dcat:dataset"] if d["@id"].endswith("#publicaties")]
    changed = Publicatie.objects.get(titel=FORMULA).gewijzigd_at
    assert datetime.datetime.fromisoformat(
        publicaties["dct:modified"]["@value"]
    ) == changed.replace(microsecond=0)


def test_every_distribution_url_in_the_catalogue_answers(client, catalogue):
    media_types = {"CSV": "text/csv", "JSON": "application/json"}
    for dataset in catalogue["dcat:dataset"]:
        for distribution in dataset["dcat:distribution"]:
            url = distribution["dcat:downloadURL"]["@id"]
            assert url == distribution["dcat:accessURL"]["@id"]
            response = client.get(urlsplit(url).path)
            assert response.status_code == 200, url
            kind = distribution["dct:format"]["@id"].rsplit("/", 1)[1]
            assert response["Content-Type"].startswith(media_types[kind])
            assert distribution["dcat:mediaType"]["@id"].endswith(media_types[kind])
