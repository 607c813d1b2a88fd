"""Audio and video that play on a publicatie's page, with what people need who cannot hear or
see them; video from YouTube or Vimeo only after the visitor asks for it."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from publicaties import services
from publicaties.models import Link, LinkSoort, Publicatie, Status
from tests import mediafiles
from werkplaats import video
from werkplaats.models import User

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
TRANSCRIPT = "**Lisbeth Verharen:** Welkom bij deze kennisclip over sociale kwaliteit."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def visit(client, publicatie):
    response = client.get(publicatie.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_an_uploaded_podcast_plays_on_the_page_with_its_duration_and_transcript(
    client, make_publicatie
):
    podcast = make_publicatie(
        "Signaleren, bespreken en doorbreken van armoede",
        soort="podcast",
        bestand=ContentFile(mediafiles.mp3(seconds=125), name="aflevering.mp3"),
        transcript=TRANSCRIPT,
    )
    assert podcast.bestand.name.endswith(".mp3")
    assert podcast.duur == 125

    html = visit(client, podcast)
    assert f'<audio controls preload="metadata" src="{podcast.bestand.url}">' in html
    assert "Duur: 2 min 5 s" in html
    assert '<a href="#transcript">Lees de uitgeschreven tekst</a>' in html
    assert 'id="transcript"' in html and "Welkom bij deze kennisclip" in html

    data = json_ld(html)
    assert data["@type"] == "PodcastEpisode"
    assert data["associatedMedia"]["duration"] == "PT2M5S"
    assert data["associatedMedia"]["encodingFormat"] == "audio/mpeg"
    assert "Welkom bij deze kennisclip" in data["transcript"]


@pytest.mark.parametrize(("build", "mime"), [("mp4", "video/mp4"), ("webm", "video/webm")])
def test_an_uploaded_video_plays_with_its_captions(client, make_publicatie, build, mime):
    clip = make_publicatie(
        "Kennisclip over Sociale Kwaliteit",
        soort="kennisclip",
        bestand=ContentFile(getattr(mediafiles, build)(seconds=61), name=f"clip.{build}"),
        ondertiteling=ContentFile(mediafiles.vtt(), name="clip.txt"),
        transcript=TRANSCRIPT,
    )
    assert clip.duur == 61
    assert clip.ondertiteling.name.endswith(".vtt")

    html = visit(client, clip)
    assert f'<source src="{clip.bestand.url}" type="{mime}">' in html
    assert f'<track kind="captions" src="{clip.ondertiteling.url}" srclang="nl"' in html
    data = json_ld(html)
    assert data["@type"] == "VideoObject"
    assert data["duration"] == "PT1M1S"
    assert data["contentUrl"].endswith(clip.bestand.url)


def test_audio_or_video_is_published_only_with_a_transcript(make_publicatie):
    podcast = make_publicatie(
        soort="podcast",
        status=Status.CONCEPT,
        bestand=ContentFile(mediafiles.mp3(), name="a.mp3"),
    )
    podcast.full_clean()  # a concept may wait for its transcript

    podcast.status = Status.GEPUBLICEERD
    with pytest.raises(ValidationError) as refused:
        podcast.full_clean()
    assert "uitgeschreven tekst" in refused.value.message_dict["transcript"][0]

    podcast.transcript = TRANSCRIPT
    podcast.full_clean()


def test_an_uploaded_video_is_published_only_with_captions(make_publicatie):
    clip = make_publicatie(
        soort="kennisclip",
        status=Status.CONCEPT,
        bestand=ContentFile(mediafiles.mp4(), name="a.mp4"),
        transcript=TRANSCRIPT,
    )
    clip.status = Status.GEPUBLICEERD
    with pytest.raises(ValidationError) as refused:
        clip.full_clean()
    assert "ondertiteling" in refused.value.message_dict


def test_publishing_in_bulk_holds_back_audio_without_a_transcript(make_publicatie):
    ready = make_publicatie("Rapport", status=Status.CONCEPT)
    waiting = make_publicatie(
        "Podcast zonder tekst",
        soort="podcast",
        status=Status.CONCEPT,
        bestand=ContentFile(mediafiles.mp3(), name="a.mp3"),
    )
    youtube = make_publicatie("Video zonder tekst", soort="kennisclip", status=Status.CONCEPT)
    Link.objects.create(publicatie=youtube, soort=LinkSoort.BEKIJKEN, url=YOUTUBE)

    count, held_back = services.publicaties_publish(publicaties=Publicatie.objects.all())

    assert count == 1
    assert {publicatie.pk for publicatie in held_back} == {waiting.pk, youtube.pk}
    assert set(Publicatie.objects.published()) == {ready}


def test_a_youtube_video_waits_behind_a_placeholder_that_loads_nothing_from_youtube(
    client, make_publicatie
):
    clip = make_publicatie("De leerateliers van de werkplaats", soort="kennisclip")
    Link.objects.create(publicatie=clip, soort=LinkSoort.BEKIJKEN, url=YOUTUBE)
    clip.transcript = TRANSCRIPT
    clip.save()

    html = visit(client, clip)
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "<iframe" not in html
    assert "/static/js/video.js" in html
    # Nothing on the page is fetched from another host before the click.
    fetched = re.findall(r'(?<![-\w])(?:src|srcset|href)="(https?://[^"]+)"', html)
    loaded = [url for url in fetched if not url.startswith("http://testserver")]
    assert all(f'<a href="{url}"' in html for url in loaded), loaded
    assert f'<a href="{YOUTUBE}" rel="noopener">Bekijk op YouTube' in html
    assert json_ld(html)["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/")


def test_the_policy_lets_pages_frame_only_the_two_video_players(client, make_publicatie):
    response = client.get(make_publicatie().get_absolute_url())
    policy = response["Content-Security-Policy"]
    frame_src = re.search(r"frame-src ([^;]+)", policy)[1].split()
    assert frame_src == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_links_say_what_a_visitor_does_there(client, make_publicatie):
    spel = make_publicatie("Kletsborden", soort="spel")
    Link.objects.create(
        publicatie=spel, soort=LinkSoort.ONLINE_SPELEN, url="https://kletsborden.example/spel"
    )
    Link.objects.create(
        publicatie=spel, soort=LinkSoort.BESTELLEN, url="https://kletsborden.example/winkel"
    )
    html = visit(client, spel)
    assert re.search(
        r'<a href="https://kletsborden.example/spel" rel="noopener">Online spelen'
        r'<span class="visually-hidden" lang="nl">: Kletsborden</span></a>',
        html,
    )
    assert ">Bestellen<" in html
    assert json_ld(html)["sameAs"] == [
        "https://kletsborden.example/spel",
        "https://kletsborden.example/winkel",
    ]


# --- the admin -------------------------------------------------------------------------------

ADD_URL = "/beheer/publicaties/publicatie/add/"


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("pc@example.nl", "geheim-en-lang"))
    return client


def form_data(links=(), **fields):
    data = {
        "titel": "Kennisclip over Sociale Kwaliteit",
        "slug": "kennisclip-over-sociale-kwaliteit",
        "soort": "kennisclip",
        "status": "gepubliceerd",
        "gepubliceerd_on": "2021-09-01",
        "samenvatting": "Lector Lisbeth Verharen vertelt over sociale kwaliteit.",
        "taal": "nl",
        "auteurschappen-TOTAL_FORMS": "0",
        "auteurschappen-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": str(len(links)),
        "links-INITIAL_FORMS": "0",
        **fields,
    }
    for index, (soort, url) in enumerate(links):
        data |= {
            f"links-{index}-volgorde": str(index + 1),
            f"links-{index}-soort": soort,
            f"links-{index}-url": url,
        }
    return data


def all_errors(response):
    adminform = response.context["adminform"].form
    inline_errors = [
        str(error)
        for formset in response.context["inline_admin_formsets"]
        for error in formset.formset.non_form_errors()
    ]
    return " ".join([*map(str, adminform.errors.values()), *inline_errors])


def test_a_youtube_link_without_transcript_is_not_published_from_the_admin(staff_client):
    response = staff_client.post(ADD_URL, form_data(links=[("bekijken", YOUTUBE)]))
    assert response.status_code == 200
    assert "uitgeschreven tekst" in all_errors(response)
    assert not Publicatie.objects.exists()

    response = staff_client.post(
        ADD_URL, form_data(links=[("bekijken", YOUTUBE)], transcript=TRANSCRIPT)
    )
    assert response.status_code == 302
    assert Publicatie.objects.get().externe_video.video_id == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("aflevering.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00<html><script>alert(1)</script>"),
        ("clip.mp4", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00<html></html>" + b"\0" * 64),
        ("clip.webm", b"\x1a\x45\xdf\xa3<html></html>" + b"\0" * 64),
    ],
)
def test_media_with_the_wrong_content_is_refused_in_dutch(staff_client, name, content):
    upload = SimpleUploadedFile(name, content)
    response = staff_client.post(
        ADD_URL, form_data(status="concept", bestand=upload, transcript=TRANSCRIPT)
    )
    assert response.status_code == 200
    assert not Publicatie.objects.exists()
    message = str(response.context["adminform"].form.errors["bestand"])
    assert "kunnen we niet lezen" in message


def test_captions_that_are_not_webvtt_are_refused_in_dutch(staff_client):
    upload = SimpleUploadedFile("ondertiteling.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nHoi\n")
    response = staff_client.post(
        ADD_URL, form_data(status="concept", ondertiteling=upload, transcript=TRANSCRIPT)
    )
    assert response.status_code == 200
    assert "WEBVTT" in str(response.context["adminform"].form.errors["ondertiteling"])
    assert not Publicatie.objects.exists()


# --- the still of an external video ---------------------------------------------------------


def jpeg():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), "darkred").save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_video_link_without_omslag_gets_a_still_stored_here(
    staff_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.FETCH_VIDEO_STILLS = True
    monkeypatch.setattr(video, "fetch_still", lambda found, timeout=10: jpeg())

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            ADD_URL, form_data(links=[("bekijken", YOUTUBE)], transcript=TRANSCRIPT)
        )
    assert response.status_code == 302
    clip = Publicatie.objects.get()
    assert clip.omslag_varianten, "the still gets renditions like any omslag"
    assert "Beeld uit de video" in clip.omslag_alt

    html = visit(staff_client, clip)
    placeholder = html[html.index("data-video-embed") :]
    assert '<img src="/media/publicaties/omslag/varianten/' in placeholder


def test_a_still_that_cannot_be_fetched_leaves_the_placeholder_without_picture(
    make_publicatie, monkeypatch, caplog
):
    clip = make_publicatie(soort="kennisclip", transcript=TRANSCRIPT)
    Link.objects.create(publicatie=clip, soort=LinkSoort.BEKIJKEN, url=YOUTUBE)

    def unreachable(found, timeout=10):
        raise OSError("no route to host")

    monkeypatch.setattr(video, "fetch_still", unreachable)
    assert services.publicatie_fetch_video_still(publicatie_id=clip.pk) is False
    clip.refresh_from_db()
    assert not clip.omslag
    assert "no route to host" in caplog.text


def test_an_mp4_without_picture_is_audio_and_needs_no_captions(client, make_publicatie):
    podcast = make_publicatie(
        "Podcast over eenzaamheid onder jongeren",
        soort="podcast",
        bestand=ContentFile(mediafiles.mp4(seconds=20, handler=b"soun"), name="aflevering.mp4"),
        transcript=TRANSCRIPT,
    )
    assert podcast.bestand.name.endswith(".m4a")
    podcast.full_clean()  # published without captions: there is nothing to see

    html = visit(client, podcast)
    assert f'<audio controls preload="metadata" src="{podcast.bestand.url}">' in html
    assert "<video" not in html
    assert '<a href="/feeds/podcast/">Abonneer in je podcastapp</a>' in html


def test_only_what_is_in_a_podcast_feed_offers_to_subscribe(client, make_publicatie):
    youtube = make_publicatie("Alleen op YouTube", soort="kennisclip", transcript=TRANSCRIPT)
    Link.objects.create(publicatie=youtube, soort=LinkSoort.BEKIJKEN, url=YOUTUBE)
    rapport = make_publicatie(
        "Rapport met een opname",
        soort="rapport",
        bestand=ContentFile(mediafiles.mp3(), name="opname.mp3"),
        transcript=TRANSCRIPT,
    )
    assert "Abonneer in je podcastapp" not in visit(client, youtube)
    html = visit(client, rapport)
    assert "<audio" in html and "Abonneer in je podcastapp" not in html
