"""Every public page, found by following links from the home page, passes the gates: it
answers within the query ceiling (checked on every database), and its HTML is valid,
accessible and fits a phone (checked in Chromium). Each kind of page passes them with the
English interface too.

New pages are picked up without changing this test: link to them and they are checked.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from bijeenkomsten.models import Bijeenkomst, Status
from bijeenkomsten.notifications import confirm_token
from nieuwsbrief.links import confirm_url, unsubscribe_url
from nieuwsbrief.services import inschrijving_aanvragen
from portaal.openapi import ROUTER
from quickscan import services as quickscan_services
from quickscan.models import Waarde
from werkplaats.models import Gemeente, Voorwaarde

from .quality import (
    MAX_QUERIES_PUBLIC,
    assert_pages_answer,
    assert_pages_pass_in_browser,
    crawl,
    english_twins,
    fetch,
)

MIN_PAGES = 30


def crawl_public_pages(client, within=None):
    """The demo content, and every page reached from the home page and from ``also`` (through
    the links ``within`` accepts, if given)."""
    call_command("load_demo", verbosity=0)
    # Pages reached from an email or a form rather than a link: a guest confirming a
    # registration, and search results.
    bijeenkomst = Bijeenkomst.objects.upcoming().filter(status=Status.GEPLAND).first()
    token = confirm_token(
        bijeenkomst=bijeenkomst, naam="Anna de Boer", email="anna@example.nl", organisatie=""
    )
    confirm = reverse("bijeenkomsten:confirm", kwargs={"token": token})
    # The nieuwsbrief's links in emails: confirming a subscription, and withdrawing.
    inschrijving = inschrijving_aanvragen(email="bert@example.nl", pagina="/nieuwsbrief/")
    nieuwsbrief = [
        urlsplit(confirm_url(inschrijving)).path,
        urlsplit(unsubscribe_url("bert@example.nl")).path,
    ]
    # The page after answering a leeratelier, praktijk or publicatie (the forms are linked).
    bedankt = [
        "/leerateliers/armoede-en-schulden/reageren/bedankt/",
        "/leerateliers/armoede-en-schulden/praktijken/verhalenkamer-armoede/reageren/bedankt/",
        "/publicaties/kletsborden/reageren/bedankt/",
    ]
    pages = crawl(
        client,
        within=within,
        also=[
            confirm,
            *nieuwsbrief,
            *bedankt,
            *quickscan_links(),
            "/zoeken/?q=eenzaamheid",
            "/zoeken/?q=fort+lent",
            *machine_readable(),
        ],
    )
    html_pages = [crawled for crawled in pages if crawled.html]
    assert len(html_pages) >= MIN_PAGES, [crawled.path for crawled in pages]
    # The same kinds of page with the English interface.
    english = fetch(client, english_twins(pages))
    assert len(english) >= MIN_PAGES
    return pages + english


def machine_readable():
    """What harvesters and other sites read, which no page links as a hyperlink: the sitemap,
    OAI-PMH, the network picture's data and every collection of the API (one page each)."""
    collections = [
        reverse(f"api:{basename}-list") for _prefix, _viewset, basename in ROUTER.registry
    ]
    oai = [f"/oai?verb={verb}&metadataPrefix=oai_dc" for verb in ("ListRecords", "ListIdentifiers")]
    return ["/sitemap.xml", "/oai?verb=Identify", *oai, "/netwerk.json", *collections]


def quickscan_links():
    """A respondent's personal link (its steps link to each other) and the link a gemeente
    shares, of an open scan on the demo's set; and the link of a respondent who sent theirs."""
    scan = quickscan_services.scan_start(
        gemeente=Gemeente.objects.get(slug="heumen"),
        periode_van=datetime.date(2026, 11, 1),
        periode_tot=datetime.date(2026, 12, 31),
    )
    _respondent, sleutel = quickscan_services.respondent_add(
        scan=scan, organisatie_naam="Buurtteam"
    )
    sent, sent_sleutel = quickscan_services.respondent_add(scan=scan, organisatie_naam="Wijkraad")
    for voorwaarde in Voorwaarde.objects.all():
        quickscan_services.antwoorden_opslaan(
            respondent=sent,
            voorwaarde=voorwaarde,
            antwoorden={
                vraag.pk: Waarde.EENS
                for vraag in scan.vragenset.vragen.filter(voorwaarde=voorwaarde)
            },
        )
    quickscan_services.respondent_indienen(respondent=sent)
    return [
        reverse("quickscan:invullen", kwargs={"sleutel": sleutel}),
        reverse("quickscan:invullen", kwargs={"sleutel": sent_sleutel}),
        reverse("quickscan:deelnemen", kwargs={"sleutel": scan.deelsleutel}),
    ]


@pytest.mark.django_db
def test_every_public_page_answers_within_the_query_ceiling(client):
    assert_pages_answer(crawl_public_pages(client), ceiling=MAX_QUERIES_PUBLIC)


@pytest.mark.browser
@pytest.mark.whole_site
@pytest.mark.django_db(transaction=True)
def test_every_public_page_is_valid_accessible_and_fits_a_phone(client, live_server, page):
    html_pages = [crawled for crawled in crawl_public_pages(client) if crawled.html]
    print(f"\ncrawler: {len(html_pages)} HTML pages")
    assert_pages_pass_in_browser(page, live_server.url, html_pages)
