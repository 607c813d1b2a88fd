"""Audio, video and subtitles read by their structure: what a file is and how long it plays.

The readers work on untrusted uploads. They read a bounded part of the file, trust no size
that a file declares beyond its own end, and turn whatever goes wrong into a
``ValidationError`` with a Dutch message that says what to do.
"""

import io
import math
import re
import struct
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class MediaInfo:
    kind: str  # "audio" or "video"
    mime: str
    duration: float | None  # seconds; None when the file does not say


# Major brands of the ISO media files we accept as MP4 video. Others with an ftyp box, such as
# HEIC/AVIF photos and QuickTime movies, are not MP4 video.
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V "}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"

UNREADABLE = {
    "mp3": (
        "Dit MP3-bestand kunnen we niet lezen: het is beschadigd, onvolledig of geen echte "
        "MP3. Exporteer de opname opnieuw als MP3 en probeer het nog eens."
    ),
    "m4a": (
        "Dit M4A-bestand kunnen we niet lezen: het is beschadigd, onvolledig of geen echte "
        "M4A-audio. Exporteer de opname opnieuw als M4A of MP3 en probeer het nog eens."
    ),
    "mp4": (
        "Dit MP4-bestand kunnen we niet lezen: het is beschadigd, onvolledig of geen echte "
        "MP4-video. Exporteer de video opnieuw als MP4 en probeer het nog eens."
    ),
    "webm": (
        "Dit WebM-bestand kunnen we niet lezen: het is beschadigd, onvolledig of geen echte "
        "WebM-video. Exporteer de video opnieuw als WebM of MP4 en probeer het nog eens."
    ),
}


class _Unreadable(Exception):
    """The bytes lack the structure of the format they announce (the detail is for logs)."""


class _Source:
    """Random access to an uploaded file that never reads past its end."""

    def __init__(self, file):
        self.file = file
        file.seek(0, io.SEEK_END)
        self.size = file.tell()

    def read(self, offset, length):
        """Exactly ``length`` bytes at ``offset``, or _Unreadable."""
        if offset < 0 or length < 0 or offset + length > self.size:
            raise _Unreadable(f"{length} bytes at {offset} lie beyond the end ({self.size})")
        self.file.seek(offset)
        data = self.file.read(length)
        if len(data) != length:
            raise _Unreadable(f"short read at {offset}")
        return data

    def read_up_to(self, offset, length):
        return self.read(offset, max(0, min(length, self.size - offset)))


class _Budget:
    """A bound on the number of boxes or elements a file may make us look at."""

    def __init__(self, limit):
        self.left = limit

    def spend(self):
        self.left -= 1
        if self.left < 0:
            raise _Unreadable("too many boxes or elements")


def media_extension(head: bytes) -> str | None:
    """The audio or video format that the first 12 bytes announce, as the extension we store
    it under ("mp3", "m4a", "mp4", "webm"); None for anything else. Only media_info reads
    whether the rest of the file lives up to it."""
    if head.startswith(b"ID3") or _frame_header(head) is not None:
        return "mp3"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"M4A ":
            return "m4a"
        if brand in MP4_BRANDS:
            return "mp4"
    if head.startswith(EBML_MAGIC):
        return "webm"
    return None


def media_info(file) -> MediaInfo | None:
    """Kind, media type and duration of an audio or video file, read by content only.

    None when the content is not audio or video we know (a Matroska file that is not WebM,
    say); a ValidationError when its first bytes announce one of our formats but the rest
    cannot be read as that format.
    """
    file.seek(0)
    extension = media_extension(file.read(12))
    if extension is None:
        file.seek(0)
        return None
    readers = {"mp3": _mp3_info, "m4a": _iso_info, "mp4": _iso_info, "webm": _webm_info}
    try:
        return readers[extension](_Source(file))
    except Exception as error:  # whatever untrusted bytes make go wrong
        raise ValidationError(UNREADABLE[extension], code="unreadable_media") from error
    finally:
        file.seek(0)


# --- MP3 -----------------------------------------------------------------------------------

MPEG_1, MPEG_2, MPEG_2_5 = 0b11, 0b10, 0b00  # the version bits of a frame header
LAYER_3 = 0b01
MPEG_1_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
MPEG_2_BITRATES = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
SAMPLE_RATES = {
    MPEG_1: (44100, 48000, 32000),
    MPEG_2: (22050, 24000, 16000),
    MPEG_2_5: (11025, 12000, 8000),
}
# How far past the ID3 tag the first of two consecutive frames may start.
MP3_SCAN_BYTES = 256 * 1024
MP3_MAX_FRAME_BYTES = 2 * 1441  # the longest layer III frame is 1441 bytes, twice for safety


@dataclass(frozen=True)
class _Frame:
    version: int
    bitrate: int  # kbit/s
    sample_rate: int
    samples: int
    length: int  # bytes, header included
    is_mono: bool

    @property
    def side_info_bytes(self):
        if self.version == MPEG_1:
            return 17 if self.is_mono else 32
        return 9 if self.is_mono else 17

    def is_like(self, other):
        return (self.version, self.sample_rate) == (other.version, other.sample_rate)


def _frame_header(data, offset=0):
    """The MPEG audio layer III frame whose header starts at offset, or None."""
    if len(data) < offset + 4:
        return None
    b0, b1, b2, b3 = data[offset : offset + 4]
    if b0 != 0xFF or b1 & 0xE0 != 0xE0:
        return None
    version, layer = (b1 >> 3) & 0b11, (b1 >> 1) & 0b11
    bitrate_index, rate_index, padding = b2 >> 4, (b2 >> 2) & 0b11, (b2 >> 1) & 1
    if version == 0b01 or layer != LAYER_3 or bitrate_index in (0, 0b1111) or rate_index == 0b11:
        return None
    if b3 & 0b11 == 0b10:  # reserved emphasis
        return None
    bitrate = (MPEG_1_BITRATES if version == MPEG_1 else MPEG_2_BITRATES)[bitrate_index]
    sample_rate = SAMPLE_RATES[version][rate_index]
    samples = 1152 if version == MPEG_1 else 576
    return _Frame(
        version=version,
        bitrate=bitrate,
        sample_rate=sample_rate,
        samples=samples,
        length=samples // 8 * bitrate * 1000 // sample_rate + padding,
        is_mono=b3 >> 6 == 0b11,
    )


def _id3_end(source):
    """Where the audio may start: after an ID3v2 tag, if the file starts with one."""
    header = source.read_up_to(0, 10)
    if not header.startswith(b"ID3"):
        return 0
    if len(header) < 10:
        raise _Unreadable("ID3 header cut short")
    major, revision, flags, size_bytes = header[3], header[4], header[5], header[6:10]
    if major not in (2, 3, 4) or revision == 0xFF or any(byte & 0x80 for byte in size_bytes):
        raise _Unreadable("not an ID3v2 header")
    size = (size_bytes[0] << 21) | (size_bytes[1] << 14) | (size_bytes[2] << 7) | size_bytes[3]
    end = 10 + size + (10 if major == 4 and flags & 0x10 else 0)  # 0x10: a footer follows
    if end > source.size:
        raise _Unreadable(f"ID3 tag of {size} bytes in a file of {source.size}")
    return end


def _first_frame(window):
    """Offset and header of the first frame that a second frame follows; _Unreadable else."""
    offset = window.find(b"\xff")
    while 0 <= offset < MP3_SCAN_BYTES:
        frame = _frame_header(window, offset)
        if frame is not None:
            following = _frame_header(window, offset + frame.length)
            if following is not None and following.is_like(frame):
                return offset, frame
        offset = window.find(b"\xff", offset + 1)
    raise _Unreadable("no two consecutive MPEG audio frames")


def _counted_frames(first_frame_bytes, frame):
    """The number of frames a Xing/Info or VBRI header in the first frame gives, or None."""
    xing = 4 + frame.side_info_bytes
    if first_frame_bytes[xing : xing + 4] in (b"Xing", b"Info"):
        (flags,) = struct.unpack_from(">I", first_frame_bytes, xing + 4)
        if flags & 0x1:
            (frames,) = struct.unpack_from(">I", first_frame_bytes, xing + 8)
            return frames or None
        return None
    if first_frame_bytes[36:40] == b"VBRI":
        (frames,) = struct.unpack_from(">I", first_frame_bytes, 36 + 14)
        return frames or None
    return None


def _mp3_info(source):
    start = _id3_end(source)
    window = source.read_up_to(start, MP3_SCAN_BYTES + MP3_MAX_FRAME_BYTES)
    offset, frame = _first_frame(window)
    frames = _counted_frames(window[offset : offset + frame.length], frame)
    if frames is not None:
        duration = frames * frame.samples / frame.sample_rate
    else:  # constant bitrate: the audio bytes at the bitrate of the first frame
        end = source.size
        if end - 128 >= start + offset and source.read(end - 128, 3) == b"TAG":
            end -= 128  # an ID3v1 tag
        duration = (end - start - offset) * 8 / (frame.bitrate * 1000)
    return MediaInfo("audio", "audio/mpeg", duration)


# --- MP4 and M4A (ISO base media file format) ----------------------------------------------

MAX_BOXES = 10_000


def _iso_boxes(source, start, end, budget):
    """(type, payload start, payload end) of the boxes from start to end, sizes checked."""
    offset = start
    while offset + 8 <= end:
        budget.spend()
        size, kind = struct.unpack(">I4s", source.read(offset, 8))
        header = 8
        if size == 1:  # a 64-bit size follows the type
            (size,) = struct.unpack(">Q", source.read(offset + 8, 8))
            header = 16
        elif size == 0:  # the box runs to the end of its parent
            size = end - offset
        if size < header or offset + size > end:
            raise _Unreadable(f"box {kind!r} at {offset} declares {size} bytes")
        yield kind, offset + header, offset + size
        offset += size


def _mvhd_duration(payload):
    """(timescale, duration in timescale units) from an mvhd payload; the duration is None
    when the header does not know it."""
    version = payload[0]
    if version == 0:
        timescale, duration = struct.unpack_from(">II", payload, 12)
        unknown = 0xFFFFFFFF
    elif version == 1:
        timescale, duration = struct.unpack_from(">IQ", payload, 20)
        unknown = 0xFFFFFFFFFFFFFFFF
    else:
        raise _Unreadable(f"mvhd version {version}")
    if timescale == 0:
        raise _Unreadable("mvhd timescale 0")
    return timescale, None if duration in (0, unknown) else duration


def _fragment_duration(source, start, end, budget):
    """A fragmented file's duration in timescale units (moov/mvex/mehd), or None."""
    for kind, box_start, box_end in _iso_boxes(source, start, end, budget):
        if kind == b"mehd":
            payload = source.read(box_start, min(box_end - box_start, 12))
            (duration,) = struct.unpack_from(">Q" if payload[0] == 1 else ">I", payload, 4)
            return duration or None
    return None


def _handler_type(source, start, end, budget):
    """The handler type (b"vide", b"soun", …) of a trak, from trak/mdia/hdlr."""
    for kind, mdia_start, mdia_end in _iso_boxes(source, start, end, budget):
        if kind == b"mdia":
            for kind, hdlr_start, hdlr_end in _iso_boxes(source, mdia_start, mdia_end, budget):
                if kind == b"hdlr":
                    if hdlr_end - hdlr_start < 12:
                        raise _Unreadable(f"hdlr box of {hdlr_end - hdlr_start} bytes")
                    return source.read(hdlr_start + 8, 4)
    return None


def _iso_info(source):
    # Only the boxes we need are entered (moov, trak, mdia, mvex), so the depth is bounded.
    budget = _Budget(MAX_BOXES)
    brand = source.read(8, 4)
    top = list(_iso_boxes(source, 0, source.size, budget))  # every size checked to the end
    if not top or top[0][0] != b"ftyp":
        raise _Unreadable("no ftyp box first")
    moov = next(((start, end) for kind, start, end in top if kind == b"moov"), None)
    if moov is None:
        raise _Unreadable("no moov box")
    timescale = duration = fragments = None
    handlers = []
    for kind, start, end in _iso_boxes(source, *moov, budget):
        if kind == b"mvhd" and timescale is None:
            timescale, duration = _mvhd_duration(source.read(start, min(end - start, 32)))
        elif kind == b"trak":
            handlers.append(_handler_type(source, start, end, budget))
        elif kind == b"mvex":
            fragments = _fragment_duration(source, start, end, budget)
    if timescale is None:
        raise _Unreadable("no mvhd box")
    ticks = duration or fragments
    # Without a video track (a podcast exported as .mp4, say) it plays as audio.
    is_audio = brand == b"M4A " or b"vide" not in handlers
    return MediaInfo(
        "audio" if is_audio else "video",
        "audio/mp4" if is_audio else "video/mp4",
        None if ticks is None else ticks / timescale,
    )


# --- WebM (Matroska's EBML) ----------------------------------------------------------------

EBML = 0x1A45DFA3
DOC_TYPE = 0x4282
SEGMENT = 0x18538067
INFO = 0x1549A966
TIMECODE_SCALE = 0x2AD7B1
DURATION = 0x4489
TRACKS = 0x1654AE6B
TRACK_ENTRY = 0xAE
TRACK_TYPE = 0x83
CLUSTER = 0x1F43B675
VIDEO_TRACK, AUDIO_TRACK = 1, 2

MAX_ELEMENTS = 10_000
MAX_EBML_HEADER_BYTES = 4096
MAX_ELEMENT_BYTES = 4 * 1024 * 1024  # the most we read of Info or Tracks


def _vint(data, offset, max_length, *, is_id):
    """An EBML variable-length integer: (value, length); the value is None for "unknown"."""
    if offset >= len(data) or data[offset] == 0:
        raise _Unreadable(f"no variable-length integer at {offset}")
    length = 9 - data[offset].bit_length()  # one more than the leading zero bits
    if length > max_length or offset + length > len(data):
        raise _Unreadable(f"variable-length integer of {length} bytes at {offset}")
    value = int.from_bytes(data[offset : offset + length], "big")
    if is_id:
        return value, length  # element IDs keep their length marker
    value &= (1 << (7 * length)) - 1
    return (None if value == (1 << (7 * length)) - 1 else value), length


def _ebml_elements(source, start, end, budget):
    """(ID, data start, data end) of the elements from start to end; the end is None for an
    element of unknown size, which is then the last one we can see."""
    offset = start
    while offset < end:
        budget.spend()
        header = source.read_up_to(offset, min(12, end - offset))
        element_id, id_length = _vint(header, 0, 4, is_id=True)
        size, size_length = _vint(header, id_length, 8, is_id=False)
        data_start = offset + id_length + size_length
        if size is None:
            yield element_id, data_start, None
            return
        if data_start + size > end:
            raise _Unreadable(f"element {element_id:#x} at {offset} declares {size} bytes")
        yield element_id, data_start, data_start + size
        offset = data_start + size


def _body(source, start, end, limit):
    """An element's data as a source of its own, read whole (it must be small)."""
    if end is None or end - start > limit:
        raise _Unreadable(f"element at {start} is of unknown size or too large")
    return _Source(io.BytesIO(source.read(start, end - start)))


def _unsigned(source, start, end):
    if end - start > 8:
        raise _Unreadable(f"unsigned integer of {end - start} bytes")
    return int.from_bytes(source.read(start, end - start), "big")


def _doc_type(source, start, end, budget):
    header = _body(source, start, end, MAX_EBML_HEADER_BYTES)
    for element_id, data_start, data_end in _ebml_elements(header, 0, header.size, budget):
        if data_end is None:
            raise _Unreadable("EBML header element of unknown size")
        if element_id == DOC_TYPE:
            return header.read(data_start, data_end - data_start).rstrip(b"\0").decode("ascii")
    raise _Unreadable("EBML header without DocType")


def _webm_duration(info, budget):
    """The duration in seconds from a segment's Info, or None when it does not say."""
    scale, duration = 1_000_000, None  # nanoseconds per tick: Matroska's default
    for element_id, start, end in _ebml_elements(info, 0, info.size, budget):
        if end is None:
            raise _Unreadable("Info child of unknown size")
        if element_id == TIMECODE_SCALE:
            scale = _unsigned(info, start, end)
        elif element_id == DURATION:
            size = end - start
            if size not in (4, 8):
                raise _Unreadable(f"Duration of {size} bytes")
            (duration,) = struct.unpack(">f" if size == 4 else ">d", info.read(start, size))
    if scale == 0:
        raise _Unreadable("TimecodeScale 0")
    if duration is None:
        return None
    if not math.isfinite(duration) or duration < 0:
        raise _Unreadable(f"Duration {duration}")
    return duration * scale / 1e9


def _track_types(tracks, budget):
    types = set()
    for element_id, start, end in _ebml_elements(tracks, 0, tracks.size, budget):
        if element_id == TRACK_ENTRY:
            entry = _body(tracks, start, end, MAX_ELEMENT_BYTES)
            for child_id, child_start, child_end in _ebml_elements(entry, 0, entry.size, budget):
                if child_id == TRACK_TYPE and child_end is not None:
                    types.add(_unsigned(entry, child_start, child_end))
    return types


def _webm_info(source):
    budget = _Budget(MAX_ELEMENTS)
    top = _ebml_elements(source, 0, source.size, budget)
    element_id, start, end = next(top)
    if element_id != EBML:
        raise _Unreadable("no EBML header")
    if _doc_type(source, start, end, budget) != "webm":
        return None  # Matroska, say: not a format we accept
    segment = next(((start, end) for element_id, start, end in top if element_id == SEGMENT), None)
    if segment is None:
        raise _Unreadable("no Segment")
    segment_start, segment_end = segment
    info = track_types = None
    # Walk the whole segment, so that a file cut short is noticed, up to a Cluster of unknown
    # size (as recorded live), which cannot be skipped without reading it.
    for element_id, start, end in _ebml_elements(
        source, segment_start, source.size if segment_end is None else segment_end, budget
    ):
        if element_id == INFO and info is None:
            info = _body(source, start, end, MAX_ELEMENT_BYTES)
        elif element_id == TRACKS and track_types is None:
            track_types = _track_types(_body(source, start, end, MAX_ELEMENT_BYTES), budget)
        elif end is None and element_id != CLUSTER:
            raise _Unreadable(f"element {element_id:#x} of unknown size")
    if info is None:
        raise _Unreadable("no segment Info")
    # Audio only when the tracks say so; when we cannot tell, the player shows video.
    is_audio = bool(track_types) and AUDIO_TRACK in track_types and VIDEO_TRACK not in track_types
    return MediaInfo(
        "audio" if is_audio else "video",
        "audio/webm" if is_audio else "video/webm",
        _webm_duration(info, budget),
    )


# --- WebVTT --------------------------------------------------------------------------------

MAX_WEBVTT_BYTES = 1024 * 1024

WEBVTT_SIGNATURE = re.compile(r"WEBVTT(?:[ \t].*)?")
TIMESTAMP = r"(?:(\d{2,9}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING_LINE = re.compile(rf"({TIMESTAMP})[ \t]+-->[ \t]+({TIMESTAMP})(?:[ \t]+(.*))?")
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
EXAMPLE_TIMING = "00:01:02.500 --> 00:01:05.000"


def _invalid_webvtt(message):
    return ValidationError(message, code="invalid_webvtt")


def _milliseconds(hours, minutes, seconds, thousandths):
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(thousandths)


def _quoted(line, limit=60):
    return f"„{line if len(line) <= limit else line[:limit] + '…'}”"


def _webvtt_text(file):
    file.seek(0)
    try:
        data = file.read(MAX_WEBVTT_BYTES + 1)
    finally:
        file.seek(0)
    if len(data) > MAX_WEBVTT_BYTES:
        raise _invalid_webvtt(
            f"Het ondertitelbestand is groter dan {MAX_WEBVTT_BYTES // (1024 * 1024)} MB. "
            "Zo groot is een bestand met alleen ondertitels niet: kies het juiste bestand."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _invalid_webvtt(
            "Het ondertitelbestand is geen UTF-8-tekst. Sla het op met de codering UTF-8 "
            "(in de meeste editors bij ‘Opslaan als’) en probeer het opnieuw."
        ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_timing(number, line):
    match = TIMING_LINE.fullmatch(line)
    if match is None or "-->" in (match[11] or ""):
        raise _invalid_webvtt(
            f"Regel {number}: de tijdcode {_quoted(line)} klopt niet. Schrijf begin en einde "
            f"als uu:mm:ss.ttt, bijvoorbeeld {EXAMPLE_TIMING}; de uren mogen weg, minuten en "
            "seconden zijn kleiner dan 60 en na de punt staan drie cijfers."
        )
    start, end = _milliseconds(*match.group(2, 3, 4, 5)), _milliseconds(*match.group(7, 8, 9, 10))
    if end <= start:
        raise _invalid_webvtt(
            f"Regel {number}: de eindtijd {match[6]} ligt niet na de begintijd {match[1]}. "
            "Een ondertitel moet eindigen nadat hij begint."
        )


def _missing_blank_line(number, previous):
    hint = " (een regel met alleen spaties telt niet als lege regel)" if previous.isspace() else ""
    return _invalid_webvtt(
        f"Regel {number}: deze regel lijkt een tijdcode, maar er staat geen lege regel "
        f"voor{hint}. Zet een lege regel tussen twee ondertitels."
    )


def _check_block(block):
    """One block: a cue (an optional name, a timing line, text), or a NOTE, STYLE or REGION;
    returns whether it is a cue."""
    (first_number, first), *rest = block
    keyword = re.match(r"(NOTE|STYLE|REGION)(?:[ \t]|$)", first)
    if keyword is None:
        if "-->" not in first:
            if not rest:
                raise _invalid_webvtt(
                    f"Regel {first_number}: {_quoted(first)} staat los. Een ondertitel begint "
                    f"met een tijdcode, zoals {EXAMPLE_TIMING}, met de tekst eronder."
                )
            (first_number, first), *rest = rest
            if "-->" not in first:
                raise _invalid_webvtt(
                    f"Regel {first_number}: hier verwachten we de tijdcode van de ondertitel, "
                    f"zoals {EXAMPLE_TIMING}, na de naam op de regel ervoor."
                )
        _check_timing(first_number, first)
    previous = first
    for number, line in rest:
        if "-->" in line:
            raise _missing_blank_line(number, previous)
        previous = line
    return keyword is None


def validate_webvtt(file):
    """Refuse, with the line that is wrong, what is not a WebVTT subtitle file we accept."""
    if getattr(file, "_committed", False) and getattr(file, "name", None):
        return  # checked when it was uploaded
    lines = _webvtt_text(file).split("\n")
    for number, line in enumerate(lines, start=1):
        if control := CONTROL_CHARACTER.search(line):
            raise _invalid_webvtt(
                f"Regel {number}: hier staat een onzichtbaar stuurteken (code "
                f"{ord(control[0]):#04x}). Haal het weg en probeer het opnieuw."
            )
    if not WEBVTT_SIGNATURE.fullmatch(lines[0]):
        raise _invalid_webvtt(
            "Regel 1: een WebVTT-bestand begint met de regel „WEBVTT”. Kies een .vtt-bestand; "
            "een ondertitelbestand in een ander formaat (zoals .srt) zet u eerst om naar WebVTT."
        )
    blocks, block, in_header = [], [], True
    for number, line in enumerate(lines[1:], start=2):
        if in_header:
            if "-->" in line:
                raise _missing_blank_line(number, lines[number - 2])
            in_header = line != ""
        elif line:
            block.append((number, line))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    cues = sum(_check_block(block) for block in blocks)
    if cues == 0:
        raise _invalid_webvtt(
            "Het ondertitelbestand bevat geen enkele ondertitel. Zet onder de regel WEBVTT "
            f"een lege regel en dan per ondertitel een tijdcode (zoals {EXAMPLE_TIMING}) met "
            "de tekst eronder."
        )


# --- durations -----------------------------------------------------------------------------


def _hours_minutes_seconds(seconds):
    hours, rest = divmod(max(0, round(seconds)), 3600)
    return hours, *divmod(rest, 60)


def format_duration(seconds) -> str:
    """A duration as people read it: "1 uur 2 min", "12 min 5 s", "45 s"."""
    if seconds is None:
        return ""
    hours, minutes, rest = _hours_minutes_seconds(seconds)
    if hours:
        hours, minutes = divmod(hours * 60 + minutes + (rest >= 30), 60)
        return f"{hours} uur {minutes} min" if minutes else f"{hours} uur"
    if minutes:
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    return f"{rest} s"


def iso_duration(seconds) -> str:
    """An ISO 8601 duration, as schema.org asks: "PT12M5S"."""
    hours, minutes, rest = _hours_minutes_seconds(seconds)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (rest, "S")) if value
    ]
    return "PT" + ("".join(parts) or "0S")


def clock_duration(seconds) -> str:
    """A duration on a clock, as podcast apps read it: "00:12:05"."""
    hours, minutes, rest = _hours_minutes_seconds(seconds)
    return f"{hours:02d}:{minutes:02d}:{rest:02d}"
