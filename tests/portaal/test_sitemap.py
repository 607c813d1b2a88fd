"""/sitemap.xml as a search engine reads it: found through robots.txt, valid sitemaps XML with
absolute addresses, every public page the crawler finds, the date a page last changed where
one is known, and nothing that is not public."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kennisagenda.models import AgendaStatus, Kennisagenda
from leerateliers.models import UpdateStatus
from nieuwsbrief.models import Editie, EditieStatus
from portaal.sitemaps import all_sitemaps
from publicaties.models import Publicatie, Status
from tests.gates.test_every_page import crawl_public_pages
from werkplaats.models import Privacyverklaring
from werkplaats.sitemaps import PagesSitemap

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Pages reached from an email or after a form, and search results: not pages to index.
NOT_FOR_INDEXING = (
    "/bijeenkomsten/bevestigen/",
    "/nieuwsbrief/bevestigen/",
    "/nieuwsbrief/afmelden/",
    "/zoeken/",
    "/accounts/",
    # A quick scan's personal links and shared link (the pages say noindex).
    "/quickscan/invullen/",
    "/quickscan/deelnemen/",
)


def sitemap(client):
    """{path: lastmod or None} of /sitemap.xml, checking that it is sitemaps XML with absolute
    addresses on this host."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries = {}
    for url in root.findall("s:url", NS):
        loc = urlsplit(url.findtext("s:loc", namespaces=NS))
        assert (loc.scheme, loc.netloc) == ("http", "testserver")
        assert loc.path not in entries, f"{loc.path} twice"
        entries[loc.path] = url.findtext("s:lastmod", namespaces=NS)
    return entries


def test_robots_txt_names_the_sitemap_by_its_absolute_address(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_sitemap_lists_every_public_page_the_crawler_finds(client):
    # The sitemap lists the Dutch addresses; each page names its English twin (/en/…) itself.
    crawled = {
        page.path
        for page in crawl_public_pages(client)
        if page.html
        and not page.path.startswith("/en/")
        and page.status == 200
        and "?" not in page.path
        and not page.path.startswith(NOT_FOR_INDEXING)
        and not page.path.endswith("/bedankt/")
    }
    listed = sitemap(client)
    assert crawled - set(listed) == set()
    # Every kind of detail page is there (the crawler found them all in the demo).
    for prefix in [
        "/leerateliers/jip/praktijken/",
        "/leerateliers/jip/updates/",
        "/publicaties/kletsborden/",
        "/bijeenkomsten/training-in-gesprek-over-eenzaamheid/",
        "/kennisagenda/2019/",
        "/sociale-kwaliteit/sociale-cohesie/",
        "/themas/armoede/",
        "/gemeenten/nijmegen/",
        "/partners/movisie/",
        "/personen/lisbeth-verharen/",
        "/nieuwsbrief/oktober-2020/",
    ]:
        assert any(path.startswith(prefix) for path in listed), prefix
    # And what it lists is there for everybody.
    for path in listed:
        response = client.get(path)
        assert (response.status_code, response["Content-Type"][:9]) == (200, "text/html"), path


DATED = (
    "/publicaties/",  # the date it appeared
    "/bijeenkomsten/",  # the last change
    "/nieuwsbrief/",  # when the edition was sent
    "/privacy/",  # the date the version came into force
    "/kennisagenda/",  # the date the version was adopted
)


def is_dated(path):
    """A detail page of a kind with a date (their lists have none), or a tribune update."""
    return (
        "/updates/" in path
        or (
            path.startswith(DATED)
            and path.count("/") == 3
            and path != "/kennisagenda/geschiedenis/"
        )
        or path == "/kennisagenda/"
    )


def test_lastmod_where_a_page_has_a_date(client):
    call_command("load_demo", verbosity=0)
    listed = sitemap(client)
    publicatie = Publicatie.objects.published().get(slug="kletsborden")
    # When it last changed (the same moment the OAI-PMH datestamp says).
    assert listed[publicatie.get_absolute_url()] == (
        timezone.localdate(publicatie.gewijzigd_at).isoformat()
    )
    with_a_date = [path for path in listed if is_dated(path)]
    assert len(with_a_date) > 30
    for path in with_a_date:
        lastmod = listed[path]
        assert lastmod, path
        datetime.date.fromisoformat(lastmod[:10])  # W3C datetime: a date, maybe a time
    assert listed["/themas/armoede/"] is None  # no date known, none made up
    assert listed["/publicaties/"] is None


def test_nothing_that_is_not_public(
    client, make_publicatie, make_leeratelier, make_update, make_bijeenkomst
):
    concept = make_publicatie("Geheime handreiking", status=Status.CONCEPT)
    gepubliceerd = make_publicatie("Openbaar rapport")
    atelier = make_leeratelier("Armoede en schulden")
    update = make_update(atelier, "Nog niet af", status=UpdateStatus.CONCEPT)
    Editie.objects.create(titel="Nog in de maak", slug="nog-in-de-maak")
    Editie.objects.create(
        titel="Voor een segment",
        slug="voor-een-segment",
        status=EditieStatus.VERZONDEN,
        verzonden_at=timezone.now(),
        aan_alle_abonnees=False,
    )
    Kennisagenda.objects.create(titel="Concept", slug="2030", status=AgendaStatus.CONCEPT)
    Privacyverklaring.objects.create(
        versie=99, geldig_vanaf=timezone.localdate() + datetime.timedelta(days=30), tekst="Later."
    )
    listed = sitemap(client)
    assert gepubliceerd.get_absolute_url() in listed
    assert atelier.get_absolute_url() in listed
    for hidden in [
        concept.get_absolute_url(),
        update.get_absolute_url(),
        "/nieuwsbrief/nog-in-de-maak/",
        "/nieuwsbrief/voor-een-segment/",
        "/kennisagenda/2030/",
        "/privacy/99/",
    ]:
        assert hidden not in listed
        assert client.get(hidden).status_code == 404, hidden
    # Without an adopted agenda /kennisagenda/ is still a page, and listed.
    assert "/kennisagenda/" in listed


def test_sitemap_reads_each_section_once(client):
    call_command("load_demo", verbosity=0)
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    # One query per section of rows, however many rows; sections of fixed pages read nothing.
    row_sections = [
        name for name, section in all_sitemaps().items() if not issubclass(section, PagesSitemap)
    ]
    assert len(queries) <= len(row_sections), [
        query["sql"][:80] for query in queries.captured_queries
    ]
