"""Addresses of YouTube and Vimeo videos, as people copy them, become privacy-friendly players."""

import io
import json
import urllib.request

import pytest

from werkplaats import video
from werkplaats.video import external_video


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
)
def test_youtube_addresses_play_from_youtube_nocookie(url):
    found = external_video(url)
    assert found.provider == "YouTube"
    assert found.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert found.watch_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
        (
            "https://vimeo.com/76979871/4a1b2c3d4e",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=4a1b2c3d4e",
        ),
        (
            "https://player.vimeo.com/video/76979871?h=4a1b2c3d4e",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=4a1b2c3d4e",
        ),
        (
            "https://vimeo.com/channels/staffpicks/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ),
    ],
)
def test_vimeo_addresses_play_without_tracking(url, player):
    found = external_video(url)
    assert found.provider == "Vimeo"
    assert found.embed_url == player


@pytest.mark.parametrize(
    "url",
    [
        "https://www.werkplaatsensociaaldomein.nl",
        "https://www.youtube.com/@werkplaats",
        "https://www.youtube.com/watch?v=kort",
        "https://youtu.be/dQw4w9WgXcQ<script>",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/about",
        "https://vimeo.com/showcase/123456",
        "https://vimeo.com/album/42",
        "http://[::1",
        "",
    ],
)
def test_other_addresses_are_no_video(url):
    assert external_video(url) is None


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_youtube_still_is_fetched_from_its_image_host(monkeypatch):
    asked = []
    monkeypatch.setattr(
        video, "urlopen", lambda url, timeout: asked.append(url) or FakeResponse(b"jpeg")
    )
    assert video.fetch_still(external_video("https://youtu.be/dQw4w9WgXcQ")) == b"jpeg"
    assert asked == ["https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"]


def test_a_vimeo_still_is_where_oembed_says_and_only_on_vimeos_image_host(monkeypatch):
    answers = {
        "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871": json.dumps(
            {"thumbnail_url": "https://i.vimeocdn.com/video/452001751-640.jpg"}
        ).encode(),
        "https://i.vimeocdn.com/video/452001751-640.jpg": b"jpeg",
    }
    monkeypatch.setattr(video, "urlopen", lambda url, timeout: FakeResponse(answers[url]))
    assert video.fetch_still(external_video("https://vimeo.com/76979871")) == b"jpeg"

    answers["https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871"] = (
        json.dumps({"thumbnail_url": "https://evil.example/x.jpg"}).encode()
    )
    with pytest.raises(ValueError):
        video.fetch_still(external_video("https://vimeo.com/76979871"))


def test_a_still_larger_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(video, "STILL_MAX_BYTES", 10)
    monkeypatch.setattr(video, "urlopen", lambda url, timeout: FakeResponse(b"x" * 11))
    with pytest.raises(ValueError):
        video.fetch_still(external_video("https://youtu.be/dQw4w9WgXcQ"))


def test_an_oembed_answer_that_is_not_an_object_gives_no_still(monkeypatch):
    monkeypatch.setattr(video, "urlopen", lambda url, timeout: FakeResponse(b"[1, 2]"))
    with pytest.raises(ValueError):
        video.fetch_still(external_video("https://vimeo.com/76979871"))


def test_the_still_fetch_follows_no_redirect():
    request = urllib.request.Request("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
    handler = video._NoRedirects()
    assert handler.redirect_request(request, None, 302, "Found", {}, "http://10.0.0.1/") is None
