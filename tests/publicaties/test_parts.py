"""Publicaties in parts: a magazine with its contributions, a book with its chapters. Each part
is a publicatie of its own (page, status, authors, werkplaats); the whole lists its published
parts, a part names its whole, and every way to cite a part cites the whole too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, RestrictedError
from django.test.utils import CaptureQueriesContext

from publicaties import citation
from publicaties.models import Publicatie, Status
from publicaties.oai.views import oai_identifier
from publicaties.services import publicatie_save, publicaties_delete
from tests.gates.quality import CrawledPage, axe_violations, horizontal_overflow, vnu_errors
from tests.oai.schemas import validate, xpath
from tests.page_metadata import json_ld, meta
from werkplaats.models import User

pytestmark = pytest.mark.django_db

URL = "https://x/"


@pytest.fixture
def magazine(make_publicatie, make_organisatie):
    """A magazine with two published contributions (out of title order) and one concept."""
    utrecht = make_organisatie("Werkplaats Sociaal Domein Utrecht")
    twente = make_organisatie("Werkplaats Sociaal Domein Twente")
    whole = make_publicatie(
        "Op afstand nabij",
        soort="magazine",
        gepubliceerd_on=datetime.date(2021, 4, 1),
        auteurs=[{"groep": "Werkplaatsen Sociaal Domein"}],
    )
    return {
        "whole": whole,
        "twente": make_publicatie(
            "Zorg op afstand",
            soort="artikel",
            gepubliceerd_on=datetime.date(2021, 4, 1),
            deel_van=whole,
            volgorde=2,
            eerste_pagina=10,
            laatste_pagina=13,
            relations={"organisaties": [twente]},
        ),
        "utrecht": make_publicatie(
            "Nabij blijven",
            soort="artikel",
            gepubliceerd_on=datetime.date(2021, 4, 1),
            deel_van=whole,
            volgorde=1,
            eerste_pagina=4,
            laatste_pagina=7,
            auteurs=["Anna van Dijk", "Jan Pieter van der Berg"],
            relations={"organisaties": [utrecht]},
        ),
        "concept": make_publicatie(
            "Nog geheime bijdrage", soort="artikel", deel_van=whole, status=Status.CONCEPT
        ),
    }


@pytest.fixture
def bundel(make_publicatie, make_organisatie):
    """A book edited by two people, with one chapter by someone else."""
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen")
    whole = make_publicatie(
        "Sociale kwaliteit in de praktijk",
        soort="boek",
        auteurs=["Lisbeth Verharen", "Theo de Boer"],
        relations={"organisaties": [han]},
    )
    chapter = make_publicatie(
        "Armoede bespreekbaar maken",
        soort="essay",
        auteurs=["Carinda Jansen-de Vries"],
        deel_van=whole,
        eerste_pagina=12,
        laatste_pagina=15,
    )
    return {"whole": whole, "chapter": chapter}


def apa_text(publicatie):
    return str(citation.apa(Publicatie.objects.for_detail().get(pk=publicatie.pk), URL))


# --- Pages ---------------------------------------------------------------------------------


def test_the_whole_lists_its_published_parts_in_order_with_authors_and_werkplaats(client, magazine):
    page = client.get(magazine["whole"].get_absolute_url()).content.decode()
    section = page[page.index('id="onderdelen-titel"') :]
    assert ">Bijdragen</h2>" in section  # a magazine's parts are contributions
    assert section.index("Nabij blijven") < section.index("Zorg op afstand")  # by volgorde
    assert "Anna van Dijk, Jan Pieter van der Berg" in section
    utrecht = magazine["utrecht"].organisaties.get()
    assert f'<a href="{utrecht.get_absolute_url()}">Werkplaats Sociaal Domein Utrecht</a>' in (
        section
    )
    assert f'href="{magazine["twente"].get_absolute_url()}"' in section
    assert "blz. 4–7" in section and "blz. 10–13" in section
    assert "Nog geheime bijdrage" not in page


def test_a_book_calls_its_parts_onderdelen(client, bundel):
    page = client.get(bundel["whole"].get_absolute_url()).content.decode()
    assert ">Onderdelen</h2>" in page and "Armoede bespreekbaar maken" in page


def test_a_part_says_which_whole_it_is_part_of_with_a_link(client, magazine):
    page = client.get(magazine["utrecht"].get_absolute_url()).content.decode()
    whole = magazine["whole"]
    assert (
        f'Onderdeel van <a href="{whole.get_absolute_url()}" lang="nl">Op afstand nabij</a>, '
        "blz. 4–7"
    ) in page


def test_unpublished_parts_have_no_page_and_are_in_no_citation(client, magazine):
    assert client.get(magazine["concept"].get_absolute_url()).status_code == 404
    whole = magazine["whole"]
    data = json_ld(client.get(whole.get_absolute_url()))
    assert [part["name"] for part in data["hasPart"]] == ["Nabij blijven", "Zorg op afstand"]


def test_a_part_of_an_unpublished_whole_stands_alone(client, magazine):
    Publicatie.objects.filter(pk=magazine["whole"].pk).update(status=Status.CONCEPT)
    response = client.get(magazine["utrecht"].get_absolute_url())
    page = response.content.decode()
    assert "Onderdeel van" not in page and "Op afstand nabij" not in page
    assert "isPartOf" not in json_ld(response)
    assert "citation_journal_title" not in meta(response)


def test_the_whole_and_its_part_are_valid_html(client, magazine, bundel):
    pages = [
        CrawledPage(path, 200, "text/html", 0, client.get(path).content.decode())
        for path in (
            magazine["whole"].get_absolute_url(),
            magazine["utrecht"].get_absolute_url(),
            bundel["whole"].get_absolute_url(),
        )
    ]
    assert vnu_errors(pages) == {}


def test_related_publicaties_leave_out_the_parts_and_the_whole(client, magazine, make_thema):
    thema = make_thema("Impact van corona")
    for publicatie in (magazine["whole"], magazine["utrecht"], magazine["twente"]):
        publicatie.themas.add(thema)
    whole = client.get(magazine["whole"].get_absolute_url()).context["gerelateerd"]
    assert list(whole) == []
    part = client.get(magazine["utrecht"].get_absolute_url()).context["gerelateerd"]
    assert [publicatie.titel for publicatie in part] == ["Zorg op afstand"]  # a sibling


# --- Query counts --------------------------------------------------------------------------

STANDALONE_QUERIES = 3  # the row with what it names, its authors, its (empty) parts
WITH_PARTS_QUERIES = 5  # + the whole's authors and organisaties, or the parts' own


def count_queries(client, publicatie):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(publicatie.get_absolute_url()).status_code == 200
    return len(queries)


def test_detail_page_queries_are_pinned_and_do_not_grow_with_the_parts(
    client, magazine, make_publicatie, make_organisatie
):
    alone = make_publicatie("Los rapport", auteurs=["Lisbeth Verharen"])
    client.get("/")  # the site profile, read once and then cached
    assert count_queries(client, alone) == STANDALONE_QUERIES
    assert count_queries(client, magazine["utrecht"]) == WITH_PARTS_QUERIES
    assert count_queries(client, magazine["whole"]) == WITH_PARTS_QUERIES
    for number in range(6):
        make_publicatie(
            f"Bijdrage {number}",
            deel_van=magazine["whole"],
            auteurs=["Iemand Anders", {"groep": "Een werkgroep"}],
            relations={"organisaties": [make_organisatie()]},
        )
    assert count_queries(client, magazine["whole"]) == WITH_PARTS_QUERIES


# --- Citations -----------------------------------------------------------------------------


def test_apa_of_a_chapter_names_the_editors_the_book_its_pages_and_publisher(bundel):
    assert apa_text(bundel["chapter"]) == (
        "Jansen-de Vries, C. (2021). Armoede bespreekbaar maken. In L. Verharen &amp; "
        "T. de Boer (Red.), <i>Sociale kwaliteit in de praktijk</i> (pp. 12–15). "
        "Hogeschool van Arnhem en Nijmegen. https://x/"
    )


def test_apa_of_the_whole_is_unchanged_by_its_parts(bundel):
    assert apa_text(bundel["whole"]) == (
        "Verharen, L., &amp; Boer, T. de (2021). <i>Sociale kwaliteit in de praktijk</i>. "
        "Hogeschool van Arnhem en Nijmegen. https://x/"
    )


def test_apa_of_a_chapter_by_the_authors_of_the_book_names_no_editors(
    make_publicatie, make_organisatie
):
    book = make_publicatie("Een boek", soort="boek", auteurs=["Lisbeth Verharen"])
    chapter = make_publicatie(
        "Hoofdstuk één", soort="essay", auteurs=["Lisbeth Verharen"], deel_van=book
    )
    assert apa_text(chapter) == (
        "Verharen, L. (2021). Hoofdstuk één. In <i>Een boek</i>. Werkplaats Sociaal Domein. "
        "https://x/"
    )


def test_apa_of_a_chapter_with_an_organisation_as_editor_names_it_once(make_publicatie):
    book = make_publicatie("Bundel", soort="boek", auteurs=[{"groep": "Werkplaats Sociaal Domein"}])
    chapter = make_publicatie("Eén bladzijde", auteurs=["Theo de Boer"], deel_van=book)
    Publicatie.objects.filter(pk=chapter.pk).update(eerste_pagina=3)
    assert apa_text(chapter) == (
        "Boer, T. de (2021). Eén bladzijde. In Werkplaats Sociaal Domein (Red.), <i>Bundel</i> "
        "(p. 3). https://x/"
    )


def test_apa_of_a_magazine_contribution_cites_it_as_an_article(magazine):
    assert apa_text(magazine["utrecht"]) == (
        "Dijk, A. van, &amp; Berg, J. P. van der (2021). Nabij blijven. "
        "<i>Op afstand nabij</i>, 4–7. https://x/"
    )
    # Without authors the werkplaats that wrote it is the author.
    assert apa_text(magazine["twente"]) == (
        "Werkplaats Sociaal Domein Twente. (2021). Zorg op afstand. <i>Op afstand nabij</i>, "
        "10–13. https://x/"
    )
    assert apa_text(magazine["whole"]) == (
        "Werkplaatsen Sociaal Domein. (2021). <i>Op afstand nabij</i>. Werkplaats Sociaal Domein. "
        "https://x/"
    )


def test_bibtex_of_a_chapter_is_incollection_with_booktitle_editors_and_pages(client, bundel):
    text = client.get(f"/publicaties/{bundel['chapter'].slug}/citeer.bib").content.decode()
    assert text.startswith("@incollection{armoedebespreekbaarmaken2021,\n")
    assert "  author = {Jansen-de Vries, Carinda},\n" in text
    assert "  editor = {Verharen, Lisbeth and de Boer, Theo},\n" in text
    assert "  booktitle = {Sociale kwaliteit in de praktijk},\n" in text
    assert "  pages = {12--15},\n" in text
    assert "  publisher = {Hogeschool van Arnhem en Nijmegen},\n" in text
    whole = client.get(f"/publicaties/{bundel['whole'].slug}/citeer.bib").content.decode()
    assert whole.startswith("@book{") and "booktitle" not in whole


def test_bibtex_of_a_magazine_contribution_is_an_article_in_the_magazine(client, magazine):
    text = client.get(f"/publicaties/{magazine['utrecht'].slug}/citeer.bib").content.decode()
    assert text.startswith("@article{")
    assert "  journal = {Op afstand nabij},\n" in text
    assert "  pages = {4--7},\n" in text
    assert "publisher" not in text and "editor" not in text


def test_ris_of_a_chapter_is_chap_with_the_book_as_t2(client, bundel):
    text = client.get(f"/publicaties/{bundel['chapter'].slug}/citeer.ris").content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "TY  - CHAP"
    assert "T2  - Sociale kwaliteit in de praktijk" in lines
    assert [line for line in lines if line.startswith("A2")] == [
        "A2  - Verharen, Lisbeth",
        "A2  - de Boer, Theo",
    ]
    assert "SP  - 12" in lines and "EP  - 15" in lines
    assert "PB  - Hogeschool van Arnhem en Nijmegen" in lines


def test_ris_of_a_magazine_contribution_is_mgzn(client, magazine):
    text = client.get(f"/publicaties/{magazine['utrecht'].slug}/citeer.ris").content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "TY  - MGZN"
    assert "T2  - Op afstand nabij" in lines and "SP  - 4" in lines and "EP  - 7" in lines


def test_json_ld_links_the_part_and_the_whole_both_ways(client, bundel):
    whole_url = f"http://testserver{bundel['whole'].get_absolute_url()}"
    chapter_url = f"http://testserver{bundel['chapter'].get_absolute_url()}"
    part = json_ld(client.get(bundel["chapter"].get_absolute_url()))
    assert part["isPartOf"] == {
        "@type": "Book",
        "name": "Sociale kwaliteit in de praktijk",
        "url": whole_url,
    }
    assert part["publisher"]["name"] == "Hogeschool van Arnhem en Nijmegen"
    assert (part["pageStart"], part["pageEnd"]) == (12, 15)
    whole = json_ld(client.get(bundel["whole"].get_absolute_url()))
    assert whole["hasPart"] == [
        {
            "@type": "Article",
            "name": "Armoede bespreekbaar maken",
            "url": chapter_url,
            "author": [
                {
                    "@type": "Person",
                    "name": "Carinda Jansen-de Vries",
                    "familyName": "Jansen-de Vries",
                    "givenName": "Carinda",
                }
            ],
        }
    ]
    assert "isPartOf" not in whole


def test_highwire_tags_name_the_book_or_the_magazine(client, bundel, magazine):
    chapter = meta(client.get(bundel["chapter"].get_absolute_url()))
    assert chapter["citation_inbook_title"] == "Sociale kwaliteit in de praktijk"
    assert (chapter["citation_firstpage"], chapter["citation_lastpage"]) == ("12", "15")
    assert chapter["citation_publisher"] == "Hogeschool van Arnhem en Nijmegen"
    assert "citation_journal_title" not in chapter
    article = meta(client.get(magazine["utrecht"].get_absolute_url()))
    assert article["citation_journal_title"] == "Op afstand nabij"
    assert "citation_inbook_title" not in article
    whole = meta(client.get(bundel["whole"].get_absolute_url()))
    assert "citation_inbook_title" not in whole and "citation_firstpage" not in whole


# --- Harvesters ----------------------------------------------------------------------------


def harvest(client, publicatie, prefix):
    response = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "identifier": oai_identifier(publicatie.pk),
            "metadataPrefix": prefix,
        },
    )
    assert response.status_code == 200
    return validate(response.content)  # against the XSDs and the national harvester's rules


def test_the_oai_record_of_a_part_names_its_host_and_is_valid(client, bundel, settings):
    chapter, whole = bundel["chapter"], bundel["whole"]
    document = harvest(client, chapter, "nl_didl")
    host = xpath(document, "//mods:mods/mods:relatedItem[@type='host']")
    assert len(host) == 1
    assert xpath(host[0], "mods:titleInfo/mods:title/text()") == [whole.titel]
    assert xpath(host[0], "mods:identifier[@type='uri']/text()") == [
        f"{settings.OAI_URN_NBN_PREFIX}-{whole.pk}"
    ]
    assert xpath(host[0], "mods:part/mods:extent[@unit='page']/mods:start/text()") == ["12"]
    assert xpath(host[0], "mods:part/mods:extent[@unit='page']/mods:end/text()") == ["15"]
    assert xpath(document, "//mods:mods/mods:genre/text()") == ["info:eu-repo/semantics/bookPart"]
    # The whole keeps its own genre and has no host.
    document = harvest(client, whole, "nl_didl")
    assert xpath(document, "//mods:relatedItem") == []
    assert xpath(document, "//mods:genre/text()") == ["info:eu-repo/semantics/book"]


def test_oai_dc_of_a_magazine_contribution_has_its_source(client, magazine):
    document = harvest(client, magazine["utrecht"], "oai_dc")
    assert xpath(document, "//dc:source/text()") == ["Op afstand nabij, 4–7"]
    assert xpath(document, "//dc:type/text()") == [
        "info:eu-repo/semantics/contributionToPeriodical"
    ]
    document = harvest(client, magazine["utrecht"], "nl_didl")
    assert xpath(document, "//mods:relatedItem[@type='host']/mods:titleInfo/mods:title/text()") == [
        "Op afstand nabij"
    ]


def test_saving_a_whole_makes_its_parts_new_for_harvesters(magazine):
    part = magazine["utrecht"]
    before = Publicatie.objects.get(pk=part.pk).gewijzigd_at
    whole = magazine["whole"]
    whole.titel = "Op afstand nabij (tweede druk)"
    publicatie_save(publicatie=whole)
    assert Publicatie.objects.get(pk=part.pk).gewijzigd_at > before


# --- Rules: one level, never a circle ------------------------------------------------------


def refusal(publicatie):
    with pytest.raises(ValidationError) as refused:
        publicatie.full_clean()
    return refused.value.message_dict


def test_a_publicatie_is_no_part_of_itself(magazine):
    whole = magazine["whole"]
    whole.deel_van = whole
    assert "Een publicatie kan geen onderdeel van zichzelf zijn." in refusal(whole)["deel_van"]


def test_a_circle_is_refused_in_dutch(magazine):
    whole = Publicatie.objects.get(pk=magazine["whole"].pk)
    whole.deel_van = magazine["utrecht"]
    assert refusal(whole)["deel_van"] == [
        "Dat wordt een kring: “Nabij blijven” is zelf een onderdeel van deze publicatie."
    ]


def test_a_part_of_a_part_and_a_whole_as_part_are_refused(magazine, make_publicatie):
    deeper = make_publicatie("Kader", status=Status.CONCEPT)
    deeper.deel_van = magazine["utrecht"]
    assert refusal(deeper)["deel_van"] == [
        "“Nabij blijven” is zelf een onderdeel van “Op afstand nabij”; kies het geheel."
    ]
    book = make_publicatie("Een boek", soort="boek")
    whole = Publicatie.objects.get(pk=magazine["whole"].pk)
    whole.deel_van = book
    assert refusal(whole)["deel_van"] == [
        "Deze publicatie heeft zelf onderdelen, en kan daarom geen onderdeel van een andere zijn."
    ]


def test_pages_belong_to_a_part_and_come_in_order(magazine, make_publicatie):
    part = Publicatie.objects.get(pk=magazine["utrecht"].pk)
    part.eerste_pagina, part.laatste_pagina = 9, 8
    assert "De laatste pagina komt na de eerste" in str(refusal(part))
    alone = make_publicatie("Los")
    alone.eerste_pagina = 3
    assert "Pagina's horen bij een onderdeel" in str(refusal(alone))


def test_a_whole_with_parts_is_deleted_only_together_with_them(magazine):
    with pytest.raises(RestrictedError):
        publicaties_delete(publicaties=Publicatie.objects.filter(pk=magazine["whole"].pk))
    assert Publicatie.objects.filter(pk=magazine["whole"].pk).exists()
    whole_and_parts = Publicatie.objects.filter(
        Q(pk=magazine["whole"].pk) | Q(deel_van=magazine["whole"])
    )
    assert publicaties_delete(publicaties=whole_and_parts) == 4


# --- Admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("pc@example.nl", "geheim-en-lang"))
    return client


def change_url(publicatie):
    return f"/beheer/publicaties/publicatie/{publicatie.pk}/change/"


def admin_form(publicatie, **changes):
    data = {
        "titel": publicatie.titel,
        "slug": publicatie.slug,
        "soort": publicatie.soort,
        "status": publicatie.status,
        "gepubliceerd_on": publicatie.gepubliceerd_on.isoformat(),
        "samenvatting": publicatie.samenvatting,
        "taal": publicatie.taal,
        "auteurschappen-TOTAL_FORMS": "0",
        "auteurschappen-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_the_admin_shows_the_parts_of_a_whole_with_links(staff_client, magazine):
    page = staff_client.get(change_url(magazine["whole"])).content.decode()
    for part in ("utrecht", "twente", "concept"):  # the concept too: staff work on it
        assert f'href="{change_url(magazine[part])}"' in page
    assert "Nabij blijven</a> (Anna van Dijk, Jan Pieter van der Berg; Gepubliceerd)" in page


def test_the_admin_refuses_a_circle_with_a_dutch_message(staff_client, magazine):
    whole = magazine["whole"]
    response = staff_client.post(
        change_url(whole), admin_form(whole, deel_van=str(magazine["utrecht"].pk))
    )
    assert response.status_code == 200
    assert "Dat wordt een kring" in response.content.decode()
    assert Publicatie.objects.get(pk=whole.pk).deel_van is None


def test_the_admin_links_a_part_to_its_whole(staff_client, magazine, make_publicatie):
    new = make_publicatie("Nieuwe bijdrage", status=Status.CONCEPT)
    response = staff_client.post(
        change_url(new),
        admin_form(
            new,
            deel_van=str(magazine["whole"].pk),
            volgorde="3",
            eerste_pagina="14",
            laatste_pagina="16",
        ),
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert (new.deel_van, new.volgorde, new.paginas) == (magazine["whole"], 3, "14–16")


def test_choosing_a_whole_offers_no_parts(staff_client, magazine):
    response = staff_client.get(
        "/beheer/autocomplete/",
        {
            "app_label": "publicaties",
            "model_name": "publicatie",
            "field_name": "deel_van",
            "term": "",
        },
    )
    offered = {result["text"] for result in response.json()["results"]}
    assert "Op afstand nabij" in offered
    assert not offered & {"Nabij blijven", "Zorg op afstand", "Nog geheime bijdrage"}


# --- API -----------------------------------------------------------------------------------


def test_the_api_links_the_part_and_the_whole(client, magazine):
    whole = client.get(f"/api/v1/publicaties/{magazine['whole'].slug}/").json()
    assert whole["deel_van"] is None
    assert [part["slug"] for part in whole["delen"]] == [
        magazine["utrecht"].slug,
        magazine["twente"].slug,
    ]
    assert whole["delen"][0]["api_url"].endswith(f"/api/v1/publicaties/{magazine['utrecht'].slug}/")
    part = client.get(f"/api/v1/publicaties/{magazine['utrecht'].slug}/").json()
    assert part["deel_van"]["slug"] == magazine["whole"].slug
    assert part["deel_van"]["url"] == f"http://testserver{magazine['whole'].get_absolute_url()}"
    assert (part["eerste_pagina"], part["laatste_pagina"], part["delen"]) == (4, 7, [])
    assert "<i>Op afstand nabij</i>" not in part["citeren"]["apa"]
    assert "Op afstand nabij, 4–7." in part["citeren"]["apa"]


# --- In the browser ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_whole_and_its_part_pass_axe_and_reflow(live_server, page, magazine):
    for publicatie in (magazine["whole"], magazine["utrecht"]):
        page.goto(f"{live_server.url}{publicatie.get_absolute_url()}")
        assert axe_violations(page) == [], page.url
        page.set_viewport_size({"width": 320, "height": 640})
        assert horizontal_overflow(page) == 0, page.url
        page.set_viewport_size({"width": 1280, "height": 900})
