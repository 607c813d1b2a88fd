"""The podcast feeds: RSS 2.0 with enclosures and the iTunes tags podcast apps read, one feed
per soort that plays (podcasts and kennisclips)."""

import datetime
import io
from datetime import time
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from lxml import etree
from PIL import Image

from publicaties.feeds import PodcastFeed
from publicaties.models import Status
from publicaties.services import publicatie_make_cover_renditions
from tests.mediafiles import m4a, mp3, mp4, webm
from werkplaats.models import Profiel

pytestmark = pytest.mark.django_db

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
NS = {"itunes": ITUNES}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def episodes(make_publicatie):
    def make(titel, soort, name, content, day, **fields):
        return make_publicatie(
            titel,
            soort=soort,
            bestand=SimpleUploadedFile(name, content) if content else "",
            gepubliceerd_on=datetime.date(2024, 3, day),
            **fields,
        )

    return {
        "gesprek": make(
            "Gesprek over schulden",
            "podcast",
            "gesprek.mp3",
            mp3(seconds=3.0),
            1,
            auteurs=["Lisbeth Verharen"],
        ),
        "lang": make("Een lang gesprek", "podcast", "lang.m4a", m4a(seconds=3725), 5),
        "concept": make(
            "Nog niet klaar", "podcast", "concept.mp3", mp3(), 6, status=Status.CONCEPT
        ),
        "zonder_bestand": make("Alleen een link", "podcast", "", None, 7),
        "pdf": make("Uitgeschreven podcast", "podcast", "tekst.pdf", PDF, 8),
        "clip": make("Kennisclip wijkteam", "kennisclip", "clip.mp4", mp4(seconds=95), 2),
        "webm": make("Opname leeratelier", "kennisclip", "opname.webm", webm(seconds=12), 3),
        "rapport": make("Rapport met audio", "rapport", "bijlage.mp3", mp3(), 9),
    }


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response.content


def test_the_podcast_feed_lists_published_episodes_that_play_newest_first(client, episodes):
    feed = feedparser.parse(read(client, reverse("publicaties:podcast_feed")))
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Een lang gesprek", "Gesprek over schulden"]


def test_the_kennisclips_feed_lists_the_videos(client, episodes):
    feed = feedparser.parse(read(client, reverse("publicaties:kennisclips_feed")))
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Opname leeratelier", "Kennisclip wijkteam"]
    assert [entry.enclosures[0].type for entry in feed.entries] == ["video/webm", "video/mp4"]


def test_enclosures_give_the_absolute_file_address_its_length_and_type(client, episodes):
    feed = feedparser.parse(read(client, "/feeds/podcast/"))
    by_title = {entry.title: entry for entry in feed.entries}
    for key, mime in [("gesprek", "audio/mpeg"), ("lang", "audio/mp4")]:
        publicatie = episodes[key]
        entry = by_title[publicatie.titel]
        (enclosure,) = entry.enclosures
        assert enclosure.href == "http://testserver" + publicatie.bestand.url
        assert int(enclosure.length) == publicatie.bestand_grootte == publicatie.bestand.size
        assert enclosure.type == mime
        assert entry.link == "http://testserver" + publicatie.get_absolute_url()
        assert entry.id == entry.link
        assert entry.summary == publicatie.samenvatting
        published = parsedate_to_datetime(entry.published)  # the start of the day, in NL
        assert (published.date(), published.time()) == (publicatie.gepubliceerd_on, time())


def test_durations_are_written_on_a_clock(client, episodes):
    root = etree.fromstring(read(client, "/feeds/podcast/"))
    durations = {
        item.findtext("title"): item.findtext("itunes:duration", namespaces=NS)
        for item in root.iter("item")
    }
    assert durations == {"Een lang gesprek": "01:02:05", "Gesprek over schulden": "00:00:03"}
    clips = etree.fromstring(read(client, "/feeds/kennisclips/"))
    assert [item.findtext("itunes:duration", namespaces=NS) for item in clips.iter("item")] == [
        "00:00:12",
        "00:01:35",
    ]


def test_the_channel_carries_the_itunes_tags(client, episodes):
    Profiel.objects.update_or_create(
        sleutel="profiel", defaults={"regio": "Arnhem en Nijmegen", "email": "wsd@example.org"}
    )
    content = read(client, "/feeds/podcast/")
    root = etree.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert root.nsmap["itunes"] == ITUNES
    channel = root.find("channel")
    naam = "Werkplaats Sociaal Domein Arnhem en Nijmegen"
    assert channel.findtext("title") == f"Podcasts van de {naam}"
    assert channel.findtext("link") == "http://testserver/publicaties/?soort=podcast"
    assert channel.findtext("language") == "nl"
    assert channel.findtext("itunes:author", namespaces=NS) == naam
    assert channel.findtext("itunes:owner/itunes:name", namespaces=NS) == naam
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "wsd@example.org"
    image = channel.find("itunes:image", NS).get("href")
    assert image == "http://testserver/static/img/podcast.png"
    assert channel.find("itunes:category", NS).get("text") == "Education"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    for item in channel.iter("item"):
        assert item.findtext("itunes:episodeType", namespaces=NS) == "full"
    feed = feedparser.parse(content)
    assert feed.feed.author == naam
    assert feed.feed.image.href == image


def test_the_owner_has_no_email_when_the_werkplaats_has_none(client, episodes):
    channel = etree.fromstring(read(client, "/feeds/podcast/")).find("channel")
    assert channel.find("itunes:owner/itunes:name", NS) is not None
    assert channel.find("itunes:owner/itunes:email", NS) is None


def test_the_artwork_is_a_square_rgb_png_podcast_apps_accept(settings):
    artwork = settings.BASE_DIR / "static" / "img" / "podcast.png"
    assert artwork.stat().st_size < 100_000
    with Image.open(artwork) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1400, 1400), "RGB")


def test_an_episode_with_a_cover_shows_it(client, episodes):
    gesprek = episodes["gesprek"]
    cover = io.BytesIO()
    Image.new("RGB", (900, 900), "#154273").save(cover, "PNG")
    gesprek.omslag = SimpleUploadedFile("omslag.png", cover.getvalue())
    gesprek.omslag_alt = "Twee mensen aan een tafel."
    gesprek.save()
    publicatie_make_cover_renditions(publicatie=gesprek)
    root = etree.fromstring(read(client, "/feeds/podcast/"))
    images = {item.findtext("title"): item.find("itunes:image", NS) for item in root.iter("item")}
    assert images["Een lang gesprek"] is None
    href = images["Gesprek over schulden"].get("href")
    assert href == "http://testserver" + gesprek.omslag.storage.url(
        gesprek.omslag_varianten[-1]["jpeg"]
    )


def test_files_on_another_domain_keep_their_address(client, episodes, settings):
    settings.MEDIA_URL = "https://media.example.org/werkplaats/"
    feed = feedparser.parse(read(client, "/feeds/podcast/"))
    assert [entry.enclosures[0].href for entry in feed.entries] == [
        "https://media.example.org/werkplaats/" + episodes[key].bestand.name
        for key in ("lang", "gesprek")
    ]


def test_a_soort_that_does_not_play_has_no_podcast_feed():
    request = RequestFactory().get("/feeds/rapporten/")
    with pytest.raises(Http404):
        PodcastFeed()(request, soort="rapport")
    assert reverse("publicaties:podcast_feed") == "/feeds/podcast/"
    assert reverse("publicaties:kennisclips_feed") == "/feeds/kennisclips/"


def test_the_feed_needs_as_many_queries_for_many_episodes_as_for_one(
    client, make_publicatie, django_assert_num_queries
):
    make_publicatie(
        "Eerste", soort="podcast", bestand=SimpleUploadedFile("a.mp3", mp3()), auteurs=["A B"]
    )
    client.get("/feeds/podcast/")  # the site profile, read once and then cached
    with django_assert_num_queries(1):
        read(client, "/feeds/podcast/")
    for number in range(5):
        make_publicatie(
            f"Aflevering {number}",
            soort="podcast",
            bestand=SimpleUploadedFile(f"a{number}.mp3", mp3()),
            auteurs=["A B", "C D"],
        )
    with django_assert_num_queries(1):
        assert len(feedparser.parse(read(client, "/feeds/podcast/")).entries) == 6
