"""Audio and video are read by their structure, hostile bytes are refused in Dutch, subtitles
are checked line by line, and durations are written as people and machines read them."""

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import mediafiles
from tests.mediafiles import box, element, mp3_duration, mp3_frame_count
from werkplaats.media import (
    MediaInfo,
    clock_duration,
    format_duration,
    iso_duration,
    media_info,
    validate_webvtt,
)


def info(content):
    return media_info(io.BytesIO(content))


def refusal(validator, content):
    with pytest.raises(ValidationError) as caught:
        validator(io.BytesIO(content))
    return caught.value


# --- MP3 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bitrate", [32, 128, 320])
@pytest.mark.parametrize("id3", [True, False], ids=["id3", "bare"])
def test_constant_bitrate_mp3_lasts_its_audio_bytes_at_its_bitrate(bitrate, id3):
    read = info(mediafiles.mp3(seconds=125, bitrate=bitrate, id3=id3))

    assert (read.kind, read.mime) == ("audio", "audio/mpeg")
    assert read.duration == pytest.approx(mp3_duration(mp3_frame_count(125)), abs=0.01)


def test_variable_bitrate_mp3_lasts_the_frames_its_xing_header_counts():
    read = info(mediafiles.mp3(seconds=61, vbr=True))

    # Exactly, where the first frame's bitrate would be far off.
    assert read == MediaInfo("audio", "audio/mpeg", mp3_duration(mp3_frame_count(61)))


def test_mp3_with_an_id3v1_tag_at_the_end_does_not_count_it_as_audio():
    read = info(mediafiles.mp3(seconds=10, bitrate=32) + b"TAG" + bytes(125))

    assert read.duration == pytest.approx(mp3_duration(mp3_frame_count(10)), abs=0.01)


def test_mpeg_2_layer_3_frames_are_read_with_their_own_tables():
    # MPEG-2, layer III, 64 kbit/s, 22.05 kHz, mono: 72 * 64000 // 22050 = 208 bytes a frame.
    frame = b"\xff\xf3\x80\xc4" + bytes(204)

    read = info(frame * 100)

    assert read.duration == pytest.approx(100 * 208 * 8 / 64000)


def test_mp3_is_read_from_the_start_and_left_there():
    file = SimpleUploadedFile("podcast.mp3", mediafiles.mp3())
    file.seek(40)

    assert media_info(file).kind == "audio"
    assert file.tell() == 0


# --- MP4 and M4A ---------------------------------------------------------------------------


@pytest.mark.parametrize("mvhd_version", [0, 1])
@pytest.mark.parametrize("moov_first", [True, False], ids=["moov-first", "moov-last"])
def test_mp4_lasts_its_movie_header_duration(mvhd_version, moov_first):
    content = mediafiles.mp4(seconds=61.5, mvhd_version=mvhd_version, moov_first=moov_first)

    assert info(content) == MediaInfo("video", "video/mp4", 61.5)


@pytest.mark.parametrize("mvhd_version", [0, 1])
def test_m4a_is_audio_with_its_duration(mvhd_version):
    assert info(mediafiles.m4a(seconds=125.25, mvhd_version=mvhd_version)) == MediaInfo(
        "audio", "audio/mp4", 125.25
    )


def test_mp4_without_a_video_track_is_audio():
    assert info(mediafiles.mp4(seconds=3, handler=b"soun")).kind == "audio"


def test_mp4_whose_duration_is_unknown_says_none():
    content = mediafiles.mp4(seconds=3).replace(
        struct.pack(">II", 1000, 3000), struct.pack(">II", 1000, 0xFFFFFFFF), 1
    )

    assert info(content) == MediaInfo("video", "video/mp4", None)


def test_mp4_with_a_64_bit_box_size_is_read():
    # mdat with size 1 and its real size in 64 bits, as large files have.
    mdat = struct.pack(">I4sQ", 1, b"mdat", 16 + 8) + bytes(8)

    content = mediafiles.mp4(seconds=4) + mdat

    assert info(content).duration == 4


# --- WebM ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "kind"),
    [
        ({}, "video"),
        ({"tracks": ("video",)}, "video"),
        ({"tracks": ("audio",)}, "audio"),
        ({"tracks": ()}, "video"),  # cannot tell: video
        ({"float_size": 4}, "video"),
        ({"timecode_scale": 1000}, "video"),
        ({"unknown_size": True}, "video"),
    ],
    ids=["both", "video", "audio", "no-tracks", "float32", "microseconds", "live"],
)
def test_webm_lasts_its_duration_times_its_timecode_scale(options, kind):
    read = info(mediafiles.webm(seconds=61.5, **options))

    assert (read.kind, read.mime) == (kind, f"{kind}/webm")
    assert read.duration == pytest.approx(61.5)


def test_webm_without_a_duration_says_none():
    assert info(mediafiles.webm(with_duration=False)).duration is None


def test_matroska_that_is_not_webm_is_not_media_we_know():
    assert info(mediafiles.webm(doc_type="matroska")) is None


# --- what is not media, or only pretends to be ---------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n", b"", b"ID", b"tekst", b"\x00\x00\x00\x18ftypheic" + bytes(16)],
    ids=["pdf", "empty", "two-bytes", "text", "heic"],
)
def test_other_files_are_not_media(content):
    assert info(content) is None


HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
FTYP = box(b"ftyp", b"isom", bytes(4), b"isom")
MP4 = mediafiles.mp4(seconds=3)
MOOV_AT = MP4.index(b"moov") - 4
WEBM = mediafiles.webm()
WEBM_HEADER = element(0x1A45DFA3, element(0x4282, b"webm"))


def huge_box_inside_moov():
    mvhd_at = MP4.index(b"mvhd") - 4
    return MP4[:mvhd_at] + struct.pack(">I", 0x7FFFFFFF) + MP4[mvhd_at + 4 :]


HOSTILE = {
    # MP3
    "id3-html": b"ID3\x04\x00\x00\x00\x00\x00\x00" + HTML,
    "id3-doctype": b"ID3" + HTML,
    "id3-past-the-end": b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + mediafiles.mp3(id3=False),
    "id3-not-synchsafe": b"ID3\x04\x00\x00\x00\x00\x00\x80" + mediafiles.mp3(id3=False),
    "one-frame": mediafiles.mp3_frame(128),
    "frame-html": mediafiles.mp3_frame(128)[:4] + HTML,
    "second-frame-cut": mediafiles.mp3(id3=False)[:419],
    # MP4 and M4A
    "ftyp-html": FTYP + HTML,
    "ftyp-only": FTYP,
    "no-mvhd": FTYP + box(b"moov", box(b"trak")),
    "box-size-4": FTYP + struct.pack(">I4s", 4, b"free") + MP4[len(FTYP) :],
    "box-size-zero-empty-moov": MP4[:MOOV_AT] + struct.pack(">I4s", 0, b"moov") + bytes(4),
    "box-64-bit-size-8": FTYP + struct.pack(">I4sQ", 1, b"free", 8) + MP4[len(FTYP) :],
    "huge-box": huge_box_inside_moov(),
    "huge-64-bit-mdat": MP4 + struct.pack(">I4sQ", 1, b"mdat", 2**62),
    "truncated-mp4": MP4[:-20],
    "m4a-cut": mediafiles.m4a()[:200],
    "mvhd-version-7": MP4.replace(b"mvhd\x00", b"mvhd\x07", 1),
    "many-boxes": FTYP + box(b"free") * 20_000,
    # WebM
    "ebml-junk": b"\x1a\x45\xdf\xa3" + HTML + bytes(64),
    "ebml-zeros": b"\x1a\x45\xdf\xa3" + bytes(64),
    "ebml-without-doctype": element(0x1A45DFA3, element(0x4286, b"\x01")) + bytes(8),
    "webm-cut": mediafiles.webm()[:120],
    "webm-without-segment": WEBM[: WEBM.index(b"\x18\x53\x80\x67")],
    "webm-info-of-unknown-size": WEBM_HEADER
    + element(0x18538067, element(0x1549A966, element(0x2AD7B1, b"\x01"), unknown_size=True)),
    "webm-huge-segment": mediafiles.webm().replace(
        b"\x18\x53\x80\x67", b"\x18\x53\x80\x67\x01\x00\x00\x10\x00\x00\x00\x00", 1
    ),
    "webm-without-info": WEBM_HEADER + element(0x18538067, element(0x1654AE6B)),
    "webm-nan-duration": mediafiles.webm().replace(
        struct.pack(">d", 3000.0), struct.pack(">d", float("nan"))
    ),
    "webm-timecode-scale-0": mediafiles.webm(timecode_scale=1).replace(
        b"\x2a\xd7\xb1\x81\x01", b"\x2a\xd7\xb1\x81\x00"
    ),
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_files_that_only_start_like_media_are_refused_in_dutch(content):
    error = refusal(media_info, content)

    assert error.code == "unreadable_media"
    assert "kunnen we niet lezen" in error.messages[0]
    assert "probeer het nog eens" in error.messages[0]


@pytest.mark.parametrize(
    ("content", "format"),
    [
        (HOSTILE["id3-html"], "MP3"),
        (HOSTILE["ftyp-html"], "MP4"),
        (mediafiles.m4a()[:200], "M4A"),
        (HOSTILE["ebml-junk"], "WebM"),
    ],
)
def test_the_refusal_names_the_format_the_file_pretends_to_be(content, format):
    assert refusal(media_info, content).messages[0].startswith(f"Dit {format}-bestand")


def test_hostile_file_leaves_the_file_at_the_start():
    file = io.BytesIO(HOSTILE["box-size-4"])

    with pytest.raises(ValidationError):
        media_info(file)

    assert file.tell() == 0


def test_nested_boxes_of_size_zero_end_with_their_parent():
    # Size 0 means "to the end of the parent": valid, and no loop.
    mdat = struct.pack(">I4s", 0, b"mdat") + bytes(32)

    assert info(MP4 + mdat).duration == 3


# --- names ---------------------------------------------------------------------------------


# --- WebVTT --------------------------------------------------------------------------------

GOOD_WEBVTT = {
    "built": mediafiles.vtt(),
    "bom-crlf": b"\xef\xbb\xbfWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHallo\r\n",
    "header-text": (
        b"WEBVTT - Ondertitels bij de kennisclip\nKind: captions\nLanguage: nl\n\n"
        b"intro\n00:00:00.000 --> 00:00:02.000 align:start line:0\nWelkom!\n"
    ),
    "note-style-region": (
        b"WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:onder\n\n"
        b"NOTE Gemaakt door de redactie\nnog een regel\n\n"
        b"00:00.000 --> 00:01.500\n<v Marieke>Goedemorgen</v>\n\n"
        b"NOTE\n\n100:00:00.000 --> 100:00:01.000\nNa honderd uur\n\n\n"
    ),
    "tab-after-signature": b"WEBVTT\tnl\n\n00:00.000\t-->\t00:01.000\nHoi\n",
    "no-final-newline": b"WEBVTT\n\n00:00.000 --> 00:01.000\nHoi",
    "empty-cue-text": b"WEBVTT\n\n00:00.000 --> 00:01.000\n\n00:01.000 --> 00:02.000\nHoi\n",
}


@pytest.mark.parametrize("content", GOOD_WEBVTT.values(), ids=GOOD_WEBVTT.keys())
def test_webvtt_files_are_accepted(content):
    validate_webvtt(io.BytesIO(content))


def test_webvtt_validation_leaves_the_file_at_the_start():
    file = io.BytesIO(mediafiles.vtt())
    file.seek(5)

    validate_webvtt(file)

    assert file.tell() == 0


BAD_WEBVTT = [
    ("srt", b"1\n00:00:01,000 --> 00:00:02,000\nHoi\n", "Regel 1: een WebVTT-bestand begint"),
    ("webvtt-lower", b"webvtt\n\n00:00.000 --> 00:01.000\nHoi\n", "Regel 1:"),
    ("webvttx", b"WEBVTTX\n\n00:00.000 --> 00:01.000\nHoi\n", "Regel 1:"),
    ("empty", b"", "Regel 1:"),
    (
        "comma",
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nHoi\n\n00:01,000 --> 00:02.000\nDoei\n",
        "Regel 6: de tijdcode „00:01,000 --> 00:02.000” klopt niet",
    ),
    (
        "minutes-60",
        b"WEBVTT\n\n00:60:00.000 --> 01:00:01.000\nHoi\n",
        "Regel 3: de tijdcode",
    ),
    (
        "seconds-60",
        b"WEBVTT\n\nintro\n00:00:60.000 --> 00:01:01.000\nHoi\n",
        "Regel 4: de tijdcode",
    ),
    ("two-digit-ms", b"WEBVTT\n\n00:00.00 --> 00:01.000\nHoi\n", "Regel 3: de tijdcode"),
    ("one-digit-hour", b"WEBVTT\n\n1:00:00.000 --> 1:00:01.000\nHoi\n", "Regel 3: de tijdcode"),
    (
        "end-before-start",
        b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHoi\n",
        "Regel 3: de eindtijd 00:00:02.000 ligt niet na de begintijd 00:00:05.000",
    ),
    ("end-is-start", b"WEBVTT\n\n00:05.000 --> 00:05.000\nHoi\n", "Regel 3: de eindtijd"),
    (
        "no-blank-between-cues",
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nHoi\n00:01.000 --> 00:02.000\nDoei\n",
        "Regel 5: deze regel lijkt een tijdcode, maar er staat geen lege regel voor",
    ),
    (
        "spaces-are-not-blank",
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nHoi\n  \n00:01.000 --> 00:02.000\nDoei\n",
        "een regel met alleen spaties telt niet als lege regel",
    ),
    (
        "no-blank-after-header",
        b"WEBVTT\n00:00.000 --> 00:01.000\nHoi\n",
        "Regel 2: deze regel lijkt een tijdcode",
    ),
    (
        "name-without-timing",
        b"WEBVTT\n\nintro\nWelkom\n",
        "Regel 4: hier verwachten we de tijdcode",
    ),
    ("loose-line", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHoi\n\nlos\n", "Regel 6: „los” staat los"),
    ("no-cues", b"WEBVTT\n\nNOTE alleen een opmerking\n", "geen enkele ondertitel"),
    ("only-signature", b"WEBVTT\n", "geen enkele ondertitel"),
    ("nul", b"WEBVTT\n\n00:00.000 --> 00:01.000\nH\x00i\n", "Regel 4: hier staat een onzichtbaar"),
    ("escape", b"WEBVTT\n\n00:00.000 --> 00:01.000\n\x1b[31mHoi\n", "Regel 4: hier staat een"),
    ("latin-1", "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé\n".encode("latin-1"), "geen UTF-8"),
    ("utf-16", "WEBVTT\n".encode("utf-16"), "geen UTF-8"),
    ("too-large", mediafiles.vtt() + b"a" * (1024 * 1024), "groter dan 1 MB"),
]


@pytest.mark.parametrize(
    ("content", "message"),
    [(content, message) for _id, content, message in BAD_WEBVTT],
    ids=[case[0] for case in BAD_WEBVTT],
)
def test_bad_webvtt_is_refused_with_what_is_wrong_and_where(content, message):
    error = refusal(validate_webvtt, content)

    assert error.code == "invalid_webvtt"
    assert message in error.messages[0]


def test_a_stored_subtitle_file_is_not_read_again():
    class Stored:
        _committed = True
        name = "publicaties/ondertiteling/clip.vtt"

        def read(self, size=-1):
            raise AssertionError("read")

    validate_webvtt(Stored())


# --- durations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "human", "iso", "clock"),
    [
        (0, "0 s", "PT0S", "00:00:00"),
        (45, "45 s", "PT45S", "00:00:45"),
        (44.6, "45 s", "PT45S", "00:00:45"),
        (60, "1 min", "PT1M", "00:01:00"),
        (725, "12 min 5 s", "PT12M5S", "00:12:05"),
        (3600, "1 uur", "PT1H", "01:00:00"),
        (3725, "1 uur 2 min", "PT1H2M5S", "01:02:05"),
        (3750, "1 uur 3 min", "PT1H2M30S", "01:02:30"),
        (3599.6, "1 uur", "PT1H", "01:00:00"),
        (7170, "2 uur", "PT1H59M30S", "01:59:30"),
        (36_000 * 10, "100 uur", "PT100H", "100:00:00"),
    ],
)
def test_durations_read_as_people_schema_org_and_podcast_apps_expect(seconds, human, iso, clock):
    assert format_duration(seconds) == human
    assert iso_duration(seconds) == iso
    assert clock_duration(seconds) == clock


def test_no_duration_is_no_text():
    assert format_duration(None) == ""
