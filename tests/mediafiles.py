"""Small but valid audio, video and subtitle files, made in Python for tests.

Each builder returns the bytes of a file that a player reads with the duration asked for
(ffprobe agrees); none of them holds anything but silence or empty tracks.
"""

import struct

# --- MP3 -----------------------------------------------------------------------------------

MP3_SAMPLE_RATE = 44_100
MP3_FRAME_SAMPLES = 1152
MPEG_1_LAYER_3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
VBR_BITRATES = (128, 96, 192, 160, 64)
STEREO_SIDE_INFO = 32


def mp3_frame_count(seconds):
    return max(2, round(seconds * MP3_SAMPLE_RATE / MP3_FRAME_SAMPLES))


def mp3_duration(frames):
    """How long so many frames of the builder's MP3 play."""
    return frames * MP3_FRAME_SAMPLES / MP3_SAMPLE_RATE


def synchsafe(number):
    return bytes((number >> shift) & 0x7F for shift in (21, 14, 7, 0))


def id3_tag(title="Stilte"):
    """An ID3v2.4 tag with a title (TIT2) in UTF-8."""
    text = b"\x03" + title.encode()
    frame = b"TIT2" + synchsafe(len(text)) + b"\x00\x00" + text
    return b"ID3\x04\x00\x00" + synchsafe(len(frame)) + frame


def mp3_frame(bitrate, *, padding=False, payload=b""):
    """A silent MPEG-1 layer III frame at 44.1 kHz, joint stereo, no CRC: zero side info and
    no main data decode to silence."""
    index = MPEG_1_LAYER_3_BITRATES.index(bitrate) + 1
    header = bytes((0xFF, 0xFB, index << 4 | padding << 1, 0x64))
    length = 144 * bitrate * 1000 // MP3_SAMPLE_RATE + padding
    return header + payload + bytes(length - 4 - len(payload))


def xing_frame(frames, audio_bytes):
    """The first frame of a VBR file: silent, with a Xing header counting frames and bytes."""
    xing = b"Xing" + struct.pack(">III", 0x1 | 0x2, frames, audio_bytes)
    return mp3_frame(128, payload=bytes(STEREO_SIDE_INFO) + xing)


def mp3(seconds=3.0, bitrate=128, id3=True, *, vbr=False):
    """Silent MP3 frames for about ``seconds`` (exactly ``mp3_duration(mp3_frame_count(s))``).

    At a constant ``bitrate`` the frames are padded as encoders do, so that their average
    length matches the bitrate; with ``vbr`` the bitrates vary and a first Xing frame counts
    the frames after it.
    """
    count = mp3_frame_count(seconds)
    if vbr:
        frames = [mp3_frame(VBR_BITRATES[index % len(VBR_BITRATES)]) for index in range(count)]
        audio = b"".join(frames)
        audio = xing_frame(count, len(audio)) + audio
    else:
        exact = 144 * bitrate * 1000  # bytes per frame, times the sample rate
        audio = b"".join(
            mp3_frame(
                bitrate,
                padding=(index + 1) * exact // MP3_SAMPLE_RATE - index * exact // MP3_SAMPLE_RATE
                > exact // MP3_SAMPLE_RATE,
            )
            for index in range(count)
        )
    return (id3_tag() if id3 else b"") + audio


# --- MP4 and M4A ---------------------------------------------------------------------------

MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
LANGUAGE_UND = 0x55C4  # "und", five bits a letter


def box(kind, *parts):
    payload = b"".join(parts)
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind, version, flags, *parts):
    return box(kind, bytes([version]) + flags.to_bytes(3, "big"), *parts)


def descriptor(tag, payload):
    return bytes([tag, len(payload)]) + payload


def aac_sample_entry():
    """An mp4a sample entry with its esds: AAC LC, 44.1 kHz, mono."""
    decoder_config = descriptor(
        0x04,
        bytes([0x40, 0x15])
        + bytes(3)
        + struct.pack(">II", 64000, 64000)
        # AudioSpecificConfig: object type 2 (LC), frequency index 4, one channel
        + descriptor(0x05, bytes([0x12, 0x08])),
    )
    es = descriptor(0x03, struct.pack(">HB", 1, 0) + decoder_config + descriptor(0x06, b"\x02"))
    return box(
        b"mp4a",
        bytes(6) + struct.pack(">H", 1),  # reserved, data reference index
        bytes(8) + struct.pack(">HHHH", 1, 16, 0, 0) + struct.pack(">I", 44100 << 16),
        full_box(b"esds", 0, 0, es),
    )


class Bits:
    """Writes the bit fields of an H.264 parameter set."""

    def __init__(self):
        self.bits = ""

    def u(self, width, value):
        self.bits += format(value, f"0{width}b")
        return self

    def ue(self, value):  # unsigned Exp-Golomb
        code = format(value + 1, "b")
        self.bits += "0" * (len(code) - 1) + code
        return self

    def rbsp(self):
        bits = self.bits + "1"
        bits += "0" * (-len(bits) % 8)
        return int(bits, 2).to_bytes(len(bits) // 8, "big")


def avc_parameter_sets(width, height):
    """A baseline-profile sequence and picture parameter set for width × height (multiples
    of 16), as NAL units."""
    sps = (
        Bits()
        .u(8, 66)  # profile: baseline
        .u(8, 0)  # constraint flags
        .u(8, 30)  # level 3.0
        .ue(0)  # seq_parameter_set_id
        .ue(0)  # log2_max_frame_num_minus4
        .ue(2)  # pic_order_cnt_type
        .ue(1)  # max_num_ref_frames
        .u(1, 0)  # gaps_in_frame_num_value_allowed_flag
        .ue(width // 16 - 1)
        .ue(height // 16 - 1)
        .u(1, 1)  # frame_mbs_only_flag
        .u(1, 1)  # direct_8x8_inference_flag
        .u(1, 0)  # frame_cropping_flag
        .u(1, 0)  # vui_parameters_present_flag
    )
    pps = (
        Bits()
        .ue(0)  # pic_parameter_set_id
        .ue(0)  # seq_parameter_set_id
        .u(1, 0)  # entropy_coding_mode_flag: CAVLC
        .u(1, 0)  # bottom_field_pic_order_in_frame_present_flag
        .ue(0)  # num_slice_groups_minus1
        .ue(0)  # num_ref_idx_l0_default_active_minus1
        .ue(0)  # num_ref_idx_l1_default_active_minus1
        .u(1, 0)  # weighted_pred_flag
        .u(2, 0)  # weighted_bipred_idc
        .ue(0)  # pic_init_qp_minus26 (se(0) is ue(0))
        .ue(0)  # pic_init_qs_minus26
        .ue(0)  # chroma_qp_index_offset
        .u(1, 1)  # deblocking_filter_control_present_flag
        .u(1, 0)  # constrained_intra_pred_flag
        .u(1, 0)  # redundant_pic_cnt_present_flag
    )
    return b"\x67" + sps.rbsp(), b"\x68" + pps.rbsp()


def avc_sample_entry(width, height):
    """An avc1 sample entry: width × height, with an avcC of baseline profile."""
    sps, pps = avc_parameter_sets(width, height)
    avcc = box(
        b"avcC",
        bytes([1, 66, 0, 30, 0xFF, 0xE1]),  # version, profile, level, 4-byte lengths, one SPS
        struct.pack(">H", len(sps)) + sps,
        bytes([1]) + struct.pack(">H", len(pps)) + pps,
    )
    return box(
        b"avc1",
        bytes(6) + struct.pack(">H", 1),
        bytes(16) + struct.pack(">HH", width, height),
        struct.pack(">II", 0x480000, 0x480000) + bytes(4) + struct.pack(">H", 1),
        bytes(32) + struct.pack(">Hh", 0x18, -1),  # compressor name, depth, pre-defined
        avcc,
    )


def _iso_media(brands, handler, seconds, *, mvhd_version=0, moov_first=True):
    """ftyp, moov(mvhd, trak(tkhd, mdia(mdhd, hdlr, minf))) and an mdat, as a muxer writes
    them; the one track has a sample description and no samples."""
    is_video = handler == b"vide"
    timescale = 1000
    duration = round(seconds * timescale)
    if mvhd_version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    mvhd = full_box(
        b"mvhd",
        mvhd_version,
        0,
        times,
        struct.pack(">IH", 0x10000, 0x100),  # rate 1.0, volume 1.0
        bytes(10),
        MATRIX,
        bytes(24),
        struct.pack(">I", 2),  # next track ID
    )
    width, height = (320, 240) if is_video else (0, 0)
    tkhd = full_box(
        b"tkhd",
        0,
        0x3,  # enabled, in the movie
        struct.pack(">IIIII", 0, 0, 1, 0, duration),
        bytes(8),
        struct.pack(">hhHH", 0, 0, 0 if is_video else 0x100, 0),
        MATRIX,
        struct.pack(">II", width << 16, height << 16),
    )
    mdhd = full_box(
        b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, timescale, duration, LANGUAGE_UND, 0)
    )
    hdlr = full_box(b"hdlr", 0, 0, bytes(4), handler, bytes(12), b"Stilte\x00")
    if is_video:
        media_header, sample_entry = full_box(b"vmhd", 0, 1, bytes(8)), avc_sample_entry(320, 240)
    else:
        media_header, sample_entry = full_box(b"smhd", 0, 0, bytes(4)), aac_sample_entry()
    stbl = box(
        b"stbl",
        full_box(b"stsd", 0, 0, struct.pack(">I", 1), sample_entry),
        full_box(b"stts", 0, 0, bytes(4)),
        full_box(b"stsc", 0, 0, bytes(4)),
        full_box(b"stsz", 0, 0, bytes(8)),
        full_box(b"stco", 0, 0, bytes(4)),
    )
    dinf = box(b"dinf", full_box(b"dref", 0, 0, struct.pack(">I", 1), full_box(b"url ", 0, 1)))
    minf = box(b"minf", media_header, dinf, stbl)
    moov = box(b"moov", mvhd, box(b"trak", tkhd, box(b"mdia", mdhd, hdlr, minf)))
    ftyp = box(b"ftyp", brands[0], struct.pack(">I", 0), *brands)
    mdat = box(b"mdat", bytes(64))
    return ftyp + (moov + mdat if moov_first else mdat + moov)


def mp4(seconds=3.0, *, mvhd_version=0, moov_first=True, handler=b"vide", brand=b"isom"):
    """An MP4 video of ``seconds`` with one video track (or a track of ``handler``)."""
    return _iso_media(
        (brand, b"isom", b"mp41"),
        handler,
        seconds,
        mvhd_version=mvhd_version,
        moov_first=moov_first,
    )


def m4a(seconds=3.0, *, mvhd_version=0):
    """An M4A audio file of ``seconds``: brand "M4A ", one sound track."""
    return _iso_media((b"M4A ", b"isom", b"mp42"), b"soun", seconds, mvhd_version=mvhd_version)


# --- WebM ----------------------------------------------------------------------------------

UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def ebml_size(number):
    """A variable-length size in as few bytes as it takes."""
    for length in range(1, 9):
        if number < (1 << (7 * length)) - 1:
            return ((1 << (7 * length)) | number).to_bytes(length, "big")
    raise ValueError(number)


def element(element_id, *parts, unknown_size=False):
    payload = b"".join(parts)
    identifier = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return identifier + (UNKNOWN_SIZE if unknown_size else ebml_size(len(payload))) + payload


def unsigned(element_id, number):
    return element(element_id, number.to_bytes(max(1, (number.bit_length() + 7) // 8), "big"))


def text(element_id, value):
    return element(element_id, value.encode())


def opus_head(channels=1):
    return b"OpusHead" + struct.pack("<BBHIhB", 1, channels, 312, 48000, 0, 0)


def webm_track(number, kind):
    if kind == "video":
        details = (
            unsigned(0x83, 1),  # TrackType: video
            text(0x86, "V_VP8"),
            element(0xE0, unsigned(0xB0, 320), unsigned(0xBA, 240)),
        )
    else:
        details = (
            unsigned(0x83, 2),  # TrackType: audio
            text(0x86, "A_OPUS"),
            element(0x63A2, opus_head()),
            element(0xE1, element(0xB5, struct.pack(">d", 48000.0)), unsigned(0x9F, 1)),
        )
    return element(0xAE, unsigned(0xD7, number), unsigned(0x73C5, number), *details)


def webm(
    seconds=3.0,
    *,
    tracks=("video", "audio"),
    with_duration=True,
    float_size=8,
    timecode_scale=1_000_000,
    unknown_size=False,
    doc_type="webm",
):
    """A WebM file: EBML header, then a Segment with Info (TimecodeScale and Duration), Tracks
    and one empty Cluster. ``unknown_size`` writes Segment and Cluster as a live recorder does;
    without ``with_duration`` the Info says nothing of the duration (as MediaRecorder writes)."""
    header = element(
        0x1A45DFA3,
        unsigned(0x4286, 1),  # EBMLVersion
        unsigned(0x42F7, 1),  # EBMLReadVersion
        unsigned(0x42F2, 4),  # EBMLMaxIDLength
        unsigned(0x42F3, 8),  # EBMLMaxSizeLength
        text(0x4282, doc_type),
        unsigned(0x4287, 4),  # DocTypeVersion
        unsigned(0x4285, 2),  # DocTypeReadVersion
    )
    ticks = seconds * 1e9 / timecode_scale
    duration = struct.pack(">d", ticks) if float_size == 8 else struct.pack(">f", ticks)
    info = element(
        0x1549A966,
        unsigned(0x2AD7B1, timecode_scale),
        text(0x4D80, "werkplaats-tests"),  # MuxingApp
        text(0x5741, "werkplaats-tests"),  # WritingApp
        *([element(0x4489, duration)] if with_duration else []),
    )
    track_list = element(
        0x1654AE6B, *(webm_track(number, kind) for number, kind in enumerate(tracks, start=1))
    )
    cluster = element(0x1F43B675, unsigned(0xE7, 0), unknown_size=unknown_size)
    segment = element(0x18538067, info, track_list, cluster, unknown_size=unknown_size)
    return header + segment


# --- WebVTT --------------------------------------------------------------------------------

CUES = (
    (0.0, 2.5, "Welkom bij de podcast van de Werkplaats Sociaal Domein."),
    (2.5, 6.0, "Vandaag gaat het over bestaanszekerheid."),
)


def timestamp(seconds):
    milliseconds = round(seconds * 1000)
    minutes, milliseconds = divmod(milliseconds, 60_000)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{milliseconds // 1000:02d}.{milliseconds % 1000:03d}"


def vtt(cues=CUES):
    """A WebVTT file with one cue per (start, end, text), start and end in seconds."""
    blocks = [f"{timestamp(start)} --> {timestamp(end)}\n{line}" for start, end, line in cues]
    return ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").encode()
