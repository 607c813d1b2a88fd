"""The publicaties pages, feeds and citations as visitors and their tools see them."""

import datetime
import json
import re

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from publicaties.models import Activiteit, Status
from werkplaats.models import Voorwaarde

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(make_publicatie, make_leeratelier, make_thema, make_persoon, make_organisatie):
    armoede = make_leeratelier("Armoede en schulden")
    jip = make_leeratelier("JIP")
    thema = make_thema("Bestaanszekerheid")
    lector = make_persoon("Lisbeth Verharen")
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen")
    zekerheid = Voorwaarde.objects.get(slug="sociaaleconomische-zekerheid")
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    return {
        "bestaanszekerheid": make_publicatie(
            "Werken aan bestaanszekerheid",
            soort="handreiking",
            gepubliceerd_on=datetime.date(2022, 3, 1),
            auteurs=[lector, "Jan van der Berg"],
            doi="10.1234/wsd.2022.1",
            licentie="cc-by-4.0",
            relations={
                "leerateliers": [armoede],
                "themas": [thema],
                "voorwaarden": [zekerheid],
                "activiteiten": [onderzoek],
                "organisaties": [han],
            },
        ),
        "podcast": make_publicatie(
            "Signaleren, bespreken en doorbreken van armoede",
            soort="podcast",
            gepubliceerd_on=datetime.date(2020, 10, 1),
            relations={"leerateliers": [armoede], "themas": [thema]},
        ),
        "jip": make_publicatie(
            "Meer dan een baan alleen",
            soort="artikel",
            gepubliceerd_on=datetime.date(2021, 5, 1),
            relations={"leerateliers": [jip]},
        ),
        "concept": make_publicatie(
            "Geheime handreiking", status=Status.CONCEPT, relations={"leerateliers": [armoede]}
        ),
    }


def titles(response):
    return [publicatie.titel for publicatie in response.context["object_list"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Werken aan bestaanszekerheid", "Meer dan een baan alleen",
              "Signaleren, bespreken en doorbreken van armoede"]),
        ({"soort": "podcast"}, ["Signaleren, bespreken en doorbreken van armoede"]),
        ({"leeratelier": "armoede-en-schulden"},
         ["Werken aan bestaanszekerheid", "Signaleren, bespreken en doorbreken van armoede"]),
        ({"thema": "bestaanszekerheid", "jaar": "2022"}, ["Werken aan bestaanszekerheid"]),
        ({"voorwaarde": "sociaaleconomische-zekerheid"}, ["Werken aan bestaanszekerheid"]),
        ({"o": "onderzoek"}, ["Werken aan bestaanszekerheid"]),
        ({"jaar": "2021"}, ["Meer dan een baan alleen"]),
        ({"q": "armoede", "leeratelier": "armoede-en-schulden"},
         ["Signaleren, bespreken en doorbreken van armoede"]),
        ({"q": "armoede", "soort": "rapport"}, []),
    ],
)  # fmt: skip
def test_filters_and_search_combine_in_the_url(client, library, query, expected):
    assert titles(client.get("/publicaties/", query)) == expected


def test_search_sorts_by_relevance_unless_asked_for_newest(client, library, make_publicatie):
    make_publicatie(
        "Handreiking", inhoud="Iets over armoede.", gepubliceerd_on=datetime.date(2023, 1, 1)
    )
    relevance = titles(client.get("/publicaties/", {"q": "armoede"}))
    newest = titles(client.get("/publicaties/", {"q": "armoede", "sortering": "nieuwste"}))
    assert relevance == ["Signaleren, bespreken en doorbreken van armoede", "Handreiking"]
    assert newest == ["Handreiking", "Signaleren, bespreken en doorbreken van armoede"]


def test_twenty_per_page_with_filters_kept_in_the_page_links(client, make_publicatie):
    for number in range(25):
        make_publicatie(f"Podcast {number:02d}", soort="podcast")
    response = client.get("/publicaties/", {"soort": "podcast"})
    assert len(response.context["object_list"]) == 20
    assert 'href="?soort=podcast&amp;page=2"' in response.content.decode()
    assert (
        len(client.get("/publicaties/", {"soort": "podcast", "page": 2}).context["object_list"])
        == 5
    )


def test_unknown_filter_values_get_a_dutch_message(client, library):
    response = client.get("/publicaties/", {"soort": "roman", "jaar": "1850", "o": "x"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_a_page_number_out_of_range_is_a_404_not_a_500(client, library):
    assert client.get("/publicaties/", {"page": "999"}).status_code == 404
    assert client.get("/publicaties/", {"page": "abc"}).status_code == 404


def test_detail_shows_metadata_citation_and_related(client, library):
    response = client.get(library["bestaanszekerheid"].get_absolute_url())
    content = response.content.decode()
    assert "Lisbeth Verharen, Jan van der Berg" in content
    assert (
        "Verharen, L., &amp; Berg, J. van der (2022). <i>Werken aan bestaanszekerheid</i>. "
        "Hogeschool van Arnhem en Nijmegen. https://doi.org/10.1234/wsd.2022.1"
    ) in content
    assert [p.titel for p in response.context["gerelateerd"]] == [
        "Signaleren, bespreken en doorbreken van armoede"
    ]
    assert "CC BY 4.0" in content


def test_json_ld_describes_the_publicatie(client, library):
    content = client.get(library["bestaanszekerheid"].get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Werken aan bestaanszekerheid"
    assert [author["name"] for author in data["author"]] == ["Lisbeth Verharen", "Jan van der Berg"]
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_json_ld_cannot_close_its_script_element(client, make_publicatie):
    publicatie = make_publicatie("Titel </script><script>alert(1)</script>")
    content = client.get(publicatie.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content


def test_bibtex_and_ris_downloads(client, library):
    slug = library["bestaanszekerheid"].slug
    bib = client.get(f"/publicaties/{slug}/citeer.bib")
    assert bib["Content-Disposition"] == f'attachment; filename="{slug}.bib"'
    text = bib.content.decode()
    assert text.startswith("@misc{")
    assert "author = {Verharen, Lisbeth and van der Berg, Jan}" in text
    assert "doi = {10.1234/wsd.2022.1}" in text
    ris = client.get(f"/publicaties/{slug}/citeer.ris").content.decode()
    assert ris.splitlines()[0] == "TY  - GEN"
    assert "AU  - Verharen, Lisbeth" in ris and "PY  - 2022" in ris
    assert ris.rstrip().endswith("ER  -")


def test_drafts_are_invisible_in_list_detail_feeds_citations_and_search(client, library):
    concept = library["concept"]
    assert "Geheime handreiking" not in client.get("/publicaties/").content.decode()
    assert client.get(concept.get_absolute_url()).status_code == 404
    assert client.get(f"/publicaties/{concept.slug}/citeer.bib").status_code == 404
    for url in [
        "/feeds/publicaties/",
        "/feeds/publicaties/rss/",
        "/feeds/publicaties/?leeratelier=armoede-en-schulden",
    ]:
        titles_in_feed = [
            entry.title for entry in feedparser.parse(client.get(url).content).entries
        ]
        assert "Geheime handreiking" not in titles_in_feed
    assert (
        "Geheime" not in client.get("/zoeken/", {"q": "geheime"}).content.decode().split("<main")[1]
    )


def test_feeds_parse_and_can_be_narrowed(client, library):
    atom = feedparser.parse(client.get("/feeds/publicaties/").content)
    assert not atom.bozo
    assert [entry.title for entry in atom.entries] == [
        "Werken aan bestaanszekerheid",
        "Meer dan een baan alleen",
        "Signaleren, bespreken en doorbreken van armoede",
    ]
    rss = feedparser.parse(client.get("/feeds/publicaties/rss/", {"soort": "podcast"}).content)
    assert not rss.bozo
    assert [entry.title for entry in rss.entries] == [
        "Signaleren, bespreken en doorbreken van armoede"
    ]
    jip = feedparser.parse(client.get("/feeds/publicaties/", {"leeratelier": "jip"}).content)
    assert [entry.title for entry in jip.entries] == ["Meer dan een baan alleen"]
    assert client.get("/feeds/publicaties/", {"soort": "roman"}).status_code == 404


def test_list_page_queries_do_not_grow_with_the_number_of_publicaties(
    library, make_publicatie, make_persoon, django_assert_num_queries
):
    client = Client()
    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as few:
        assert client.get("/publicaties/", {"q": "armoede"}).status_code == 200
    for number in range(30):
        make_publicatie(f"Armoede deel {number}", auteurs=[make_persoon(), "Extern"])
    for path in ["/publicaties/?q=armoede", "/publicaties/"]:
        with django_assert_num_queries(len(few)):
            assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("name", "apa", "bib"),
    [
        ("Carinda Jansen-de Vries", "Jansen-de Vries, C.", "Jansen-de Vries, Carinda"),
        ("Anna van Dijk", "Dijk, A. van", "van Dijk, Anna"),
        ("Jan Pieter van der Berg", "Berg, J. P. van der", "van der Berg, Jan Pieter"),
    ],
)
def test_dutch_surnames_in_citations(client, make_publicatie, name, apa, bib):
    publicatie = make_publicatie("Titel", auteurs=[name])
    assert apa in client.get(publicatie.get_absolute_url()).content.decode()
    assert bib in client.get(f"/publicaties/{publicatie.slug}/citeer.bib").content.decode()


def test_bibtex_escapes_every_special_character_once(client, make_publicatie):
    publicatie = make_publicatie("C:\\pad ~ 50% & #1 ^_^ {x}")
    text = client.get(f"/publicaties/{publicatie.slug}/citeer.bib").content.decode()
    expected = (
        r"title = {C:\textbackslash{}pad \textasciitilde{} 50\% \& \#1 "
        r"\textasciicircum{}\_\textasciicircum{} \{x\}}"
    )
    assert expected in text


def test_the_plain_list_can_be_paged_to_the_end_and_search_counts_are_capped(
    client, make_publicatie, settings
):
    from publicaties.views import CappedCountPaginator

    CappedCountPaginator.cap, old_cap = 5, CappedCountPaginator.cap
    try:
        for number in range(45):
            make_publicatie(f"Armoede {number}")
        assert client.get("/publicaties/", {"page": 3}).status_code == 200
        assert "45 publicaties" in client.get("/publicaties/").content.decode()
        searched = client.get("/publicaties/", {"q": "armoede"}).content.decode()
        assert "Meer dan 5 publicaties gevonden" in searched
    finally:
        CappedCountPaginator.cap = old_cap


def test_english_publicaties_say_so_for_screen_readers(client, make_publicatie):
    publicatie = make_publicatie("Learning communities", taal="en")
    assert (
        '<h1 lang="en">Learning communities</h1>'
        in client.get(publicatie.get_absolute_url()).content.decode()
    )


def test_a_long_list_links_the_first_last_and_nearby_pages_only(client):
    from publicaties.models import Publicatie

    Publicatie.objects.bulk_create(
        Publicatie(
            titel=f"Publicatie {number:03d}",
            slug=f"publicatie-{number:03d}",
            soort="rapport",
            samenvatting="Over de praktijk.",
            gepubliceerd_on=datetime.date(2020, 1, 1),
            status=Status.GEPUBLICEERD,
        )
        for number in range(400)
    )
    html = client.get("/publicaties/", {"page": 10}).content.decode()
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    linked = re.findall(r"\?page=(\d+)\">Pagina", nav)
    assert linked == ["1", "8", "9", "11", "12", "20"]  # 20 pages: not a link to each
    assert '<span aria-current="page">Pagina 10</span>' in nav
    assert nav.count("…") == 2
    assert 'rel="prev"' in nav and 'rel="next"' in nav
