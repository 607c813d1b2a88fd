"""In headless Chromium: a page with a YouTube video asks nothing of another host until the
visitor presses play, and its players pass the same checks as every page."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from publicaties.models import Link, LinkSoort
from tests import mediafiles
from tests.gates.quality import CrawledPage, axe_violations, horizontal_overflow, vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSCRIPT = "**Lisbeth Verharen:** Welkom bij deze kennisclip over sociale kwaliteit."


@pytest.fixture
def clips(make_publicatie, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    youtube = make_publicatie(
        "De leerateliers van de werkplaats", soort="kennisclip", transcript=TRANSCRIPT
    )
    Link.objects.create(
        publicatie=youtube,
        soort=LinkSoort.BEKIJKEN,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    podcast = make_publicatie(
        "Podcast over eenzaamheid onder jongeren",
        soort="podcast",
        bestand=ContentFile(mediafiles.mp3(seconds=30), name="aflevering.mp3"),
        transcript=TRANSCRIPT,
    )
    video = make_publicatie(
        "Kennisclip over Sociale Kwaliteit",
        soort="kennisclip",
        bestand=ContentFile(mediafiles.webm(seconds=12), name="clip.webm"),
        ondertiteling=ContentFile(mediafiles.vtt(), name="clip.vtt"),
        transcript=TRANSCRIPT,
    )
    return {"youtube": youtube, "podcast": podcast, "video": video}


def test_no_request_to_another_host_before_the_visitor_presses_play(live_server, page, clips):
    own_host = urlsplit(live_server.url).netloc
    elsewhere = []

    def answer(route):
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:  # the test run reaches no video site: answer in its place, and count
            elsewhere.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>speler</title>")

    page.route("**/*", answer)
    page.goto(f"{live_server.url}{clips['youtube'].get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    assert elsewhere == []

    play = page.get_by_role("button", name="Video afspelen")
    expect(play).to_be_visible()
    play.click()
    frame = page.locator("iframe[title='Video: De leerateliers van de werkplaats (YouTube)']")
    expect(frame).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert [urlsplit(url).netloc for url in elsewhere] == ["www.youtube-nocookie.com"]
    assert elsewhere[0].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")


def test_players_pass_the_page_checks(live_server, page, clips):
    checked = []
    for publicatie in clips.values():
        page.goto(f"{live_server.url}{publicatie.get_absolute_url()}")
        assert axe_violations(page) == [], page.url
        page.set_viewport_size({"width": 320, "height": 640})
        assert horizontal_overflow(page) == 0, page.url
        page.set_viewport_size({"width": 1280, "height": 900})
        checked.append(CrawledPage(page.url, 200, "text/html", 0, page.content()))
    assert vnu_errors(checked) == {}

    page.goto(f"{live_server.url}{clips['video'].get_absolute_url()}")
    duration = page.locator("video").evaluate(
        "video => new Promise(done => video.readyState >= 1 ? done(video.duration)"
        " : video.addEventListener('loadedmetadata', () => done(video.duration)))"
    )
    assert round(duration) == 12
