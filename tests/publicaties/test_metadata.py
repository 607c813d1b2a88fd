"""What Google Scholar, Zotero and search engines read on a publicatie page: Highwire
``citation_*`` tags, schema.org JSON-LD of the type of the soort, and OpenGraph."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import mediafiles
from tests.page_metadata import json_ld, meta, read

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP3 = mediafiles.mp3()
MP4 = mediafiles.mp4()


@pytest.fixture
def rapport(make_publicatie, make_persoon, make_organisatie):
    return make_publicatie(
        "Werken aan bestaanszekerheid",
        soort="rapport",
        gepubliceerd_on=datetime.date(2022, 3, 1),
        auteurs=[make_persoon("Lisbeth Verharen"), "Jan van der Berg"],
        doi="10.1234/wsd.2022.1",
        bestand=SimpleUploadedFile("rapport.pdf", PDF),
        relations={"organisaties": [make_organisatie("Hogeschool van Arnhem en Nijmegen")]},
    )


def test_citation_tags_for_two_authors_and_a_pdf(client, rapport):
    tags = meta(client.get(rapport.get_absolute_url()))
    assert tags["citation_title"] == "Werken aan bestaanszekerheid"
    assert tags["citation_author"] == ["Verharen, Lisbeth", "van der Berg, Jan"]
    assert tags["citation_publication_date"] == "2022/03/01"
    assert tags["citation_publisher"] == "Hogeschool van Arnhem en Nijmegen"
    assert tags["citation_doi"] == "10.1234/wsd.2022.1"
    assert tags["citation_pdf_url"].startswith("http://testserver/media/")
    assert tags["citation_pdf_url"] == "http://testserver" + rapport.bestand.url
    assert tags["citation_pdf_url"].endswith(".pdf")


def test_no_pdf_url_without_a_pdf(client, make_publicatie):
    podcast = make_publicatie(
        "Een podcast", soort="podcast", bestand=SimpleUploadedFile("a.mp3", MP3)
    )
    tags = meta(client.get(podcast.get_absolute_url()))
    assert "citation_pdf_url" not in tags
    assert tags["citation_publisher"] == "Werkplaats Sociaal Domein"  # the werkplaats itself


def test_json_ld_of_a_report_names_authors_publisher_and_the_pdf_type(client, rapport):
    data = json_ld(client.get(rapport.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Report"
    assert data["datePublished"] == "2022-03-01"
    assert [author["name"] for author in data["author"]] == ["Lisbeth Verharen", "Jan van der Berg"]
    assert data["publisher"]["name"] == "Hogeschool van Arnhem en Nijmegen"
    assert data["identifier"] == "https://doi.org/10.1234/wsd.2022.1"
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["encoding"]["contentUrl"].endswith(".pdf")


@pytest.mark.parametrize(
    ("soort", "schema_type"),
    [
        ("rapport", "Report"), ("advies", "Report"), ("boek", "Book"),
        ("artikel", "ScholarlyArticle"), ("essay", "Article"), ("nieuws", "NewsArticle"),
        ("podcast", "PodcastEpisode"), ("kennisclip", "VideoObject"), ("spel", "Game"),
        ("onderwijsmodule", "LearningResource"), ("werkvorm", "LearningResource"),
        ("nieuwsbrief", "PublicationIssue"), ("handreiking", "CreativeWork"),
    ],
)  # fmt: skip
def test_json_ld_type_follows_the_soort(client, make_publicatie, soort, schema_type):
    publicatie = make_publicatie(f"Een {soort}", soort=soort)
    data = json_ld(client.get(publicatie.get_absolute_url()))
    assert data["@type"] == schema_type
    assert data["name"] == f"Een {soort}"
    # Without authors or thema's it says nothing of them, not an empty list.
    assert "author" not in data and "about" not in data


def test_audio_and_video_carry_their_mime_types(client, make_publicatie):
    podcast = make_publicatie("Podcast", soort="podcast", bestand=SimpleUploadedFile("a.mp3", MP3))
    clip = make_publicatie("Clip", soort="kennisclip", bestand=SimpleUploadedFile("c.mp4", MP4))
    audio = json_ld(client.get(podcast.get_absolute_url()))
    assert audio["encoding"]["encodingFormat"] == "audio/mpeg"
    assert audio["associatedMedia"]["contentUrl"].endswith(".mp3")
    video = json_ld(client.get(clip.get_absolute_url()))
    assert video["@type"] == "VideoObject"
    assert video["encodingFormat"] == "video/mp4"
    assert video["contentUrl"].endswith(".mp4")
    assert video["uploadDate"] == video["datePublished"]


def test_a_hostile_title_stays_data(client, make_publicatie):
    title = "</script><script>alert(1)</script>"
    publicatie = make_publicatie(title, auteurs=["Jan </script><script>alert(2)</script> Berg"])
    response = client.get(publicatie.get_absolute_url())
    content = response.content.decode()
    assert "<script>alert(" not in content
    # The only scripts are the data block: nothing the title wrote became one.
    assert read(response).scripts == ["application/ld+json"]
    assert json_ld(response)["name"] == title
    assert meta(response)["citation_title"] == title
    assert meta(response)["og:title"] == title


def test_opengraph_on_a_publicatie(client, rapport):
    tags = meta(client.get(rapport.get_absolute_url()))
    assert tags["og:title"] == "Werken aan bestaanszekerheid"
    assert tags["og:description"] == "Een samenvatting."
    assert tags["og:url"] == "http://testserver" + rapport.get_absolute_url()
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == "Werkplaats Sociaal Domein"
    assert tags["twitter:card"] == "summary"
