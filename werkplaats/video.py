"""Video on YouTube or Vimeo, played on our pages only after the visitor asks for it.

``external_video(url)`` recognises the addresses people copy from those sites and gives the
privacy-friendly player address (youtube-nocookie.com, Vimeo with ``dnt=1``), the address to
watch it at the source, and where a still image of it can be fetched once, to be stored here.
"""

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, build_opener

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"\d{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                 "www.youtube-nocookie.com"}  # fmt: skip
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}

# The only hosts a page may frame (the CSP's frame-src).
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


@dataclass(frozen=True)
class ExternalVideo:
    provider: str  # "YouTube" or "Vimeo", as visitors know them
    video_id: str
    embed_url: str  # the player, for the iframe made after the click
    watch_url: str  # the video on the provider's own site
    thumbnail_source: str  # where its still image is fetched (once, by the server)


def external_video(url: str) -> ExternalVideo | None:
    """The YouTube or Vimeo video ``url`` points at; None for any other address."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host in YOUTUBE_HOSTS or host == "youtu.be":
        return _youtube(host, segments, parse_qs(parts.query))
    if host in VIMEO_HOSTS:
        return _vimeo(segments, parse_qs(parts.query))
    return None


def _youtube(host, segments, query):
    if host == "youtu.be":
        candidate = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        candidate = query.get("v", [""])[0]
    elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
        candidate = segments[1]
    else:
        return None
    if not YOUTUBE_ID.fullmatch(candidate):
        return None
    return ExternalVideo(
        provider="YouTube",
        video_id=candidate,
        embed_url=f"https://www.youtube-nocookie.com/embed/{candidate}?autoplay=1",
        watch_url=f"https://www.youtube.com/watch?v={candidate}",
        thumbnail_source=f"https://i.ytimg.com/vi/{candidate}/hqdefault.jpg",
    )


def _vimeo(segments, query):
    # vimeo.com/123, vimeo.com/123/abcdef (unlisted), vimeo.com/channels/x/123,
    # vimeo.com/groups/x/videos/123, player.vimeo.com/video/123?h=abcdef; not showcases or
    # albums, whose number is not a video's.
    match segments:
        case [number, *rest] if VIMEO_ID.fullmatch(number) and len(rest) <= 1:
            video_id, unlisted = number, (rest[0] if rest else "")
        case ["video", number] | ["channels", _, number] | ["groups", _, "videos", number]:
            video_id, unlisted = number, ""
        case _:
            return None
    if not VIMEO_ID.fullmatch(video_id):
        return None
    unlisted = query.get("h", [""])[0] or unlisted
    player_query = {"dnt": "1", "autoplay": "1"}
    watch_url = f"https://vimeo.com/{video_id}"
    if unlisted and VIMEO_HASH.fullmatch(unlisted):
        player_query["h"] = unlisted
        watch_url = f"{watch_url}/{unlisted}"
    return ExternalVideo(
        provider="Vimeo",
        video_id=video_id,
        embed_url=f"https://player.vimeo.com/video/{video_id}?{urlencode(player_query)}",
        watch_url=watch_url,
        thumbnail_source=f"https://vimeo.com/api/oembed.json?{urlencode({'url': watch_url})}",
    )


STILL_MAX_BYTES = 5 * 1024 * 1024
STILL_HOSTS = ("i.ytimg.com", "i.vimeocdn.com")


def fetch_still(video: ExternalVideo, timeout=10) -> bytes:
    """The bytes of the video's still image, fetched by the server (once, to be stored here),
    so that visitors' browsers ask the video site nothing until they press play. Raises
    OSError or ValueError when it cannot be had."""
    source = video.thumbnail_source
    if video.provider == "Vimeo":  # oEmbed tells where the still is
        answer = json.loads(_read(source, timeout, 100_000))
        source = answer.get("thumbnail_url", "") if isinstance(answer, dict) else ""
    if urlsplit(str(source)).scheme != "https" or urlsplit(str(source)).hostname not in STILL_HOSTS:
        raise ValueError(f"unexpected still address: {source!r}")
    return _read(source, timeout, STILL_MAX_BYTES)


class _NoRedirects(HTTPRedirectHandler):
    """A redirect is an error: the server asks only the hosts it checked, nothing further."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = build_opener(_NoRedirects)


def urlopen(url, timeout):
    return _opener.open(url, timeout=timeout)


def _read(url, timeout, limit):
    with urlopen(url, timeout=timeout) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{url} is larger than {limit} bytes")
    return data
