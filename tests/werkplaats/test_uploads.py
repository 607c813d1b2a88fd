"""Uploads are judged by their content, images are decoded under limits, renditions are clean."""

import io
import resource
import struct
import zipfile
import zlib
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from PIL import ExifTags, Image, ImageCms

from tests import mediafiles
from werkplaats.uploads import (
    MAX_FILE_BYTES,
    SafeFileField,
    detect_document_type,
    make_renditions,
    validate_document,
    validate_image,
)

# --- building files in memory ------------------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def zipped(members, *, first_stored=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(members.items()):
            stored = first_stored and index == 0
            archive.writestr(name, content, zipfile.ZIP_STORED if stored else None)
    return buffer.getvalue()


def office_open_xml(main_member):
    return zipped({"[Content_Types].xml": "<Types/>", main_member: "<document/>"})


def by_mimetype(mimetype):
    return zipped({"mimetype": mimetype, "content.xml": "<document/>"}, first_stored=True)


def iso_media(brand):
    return struct.pack(">I", 24) + b"ftyp" + brand + bytes(4) + b"isom" + b"mp42"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def crafted_png(width, height):
    """A PNG header declaring width × height greyscale pixels, with one tiny row of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(bytes(1 + width)))
        + png_chunk(b"IEND", b"")
    )


def crafted_webp(width, height):
    """An extended WebP header (VP8X) declaring a huge canvas, and no image data."""
    vp8x = (
        b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    )
    chunk = b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def image_bytes(size=(1000, 600), format="JPEG", mode="RGB", color=(200, 60, 30), **options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=format, **options)
    return buffer.getvalue()


def camera_exif(orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 5D"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (51.0, 50.0, 12.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (5.0, 51.0, 36.0),
        }
    )
    return exif


def peak_memory_megabytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def refusal(validator, file):
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value


# --- documents ---------------------------------------------------------------------------

XLSX = office_open_xml("xl/workbook.xml")


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("rapport.pdf", MINIMAL_PDF, "PDF"),
        ("verslag.docx", office_open_xml("word/document.xml"), "Word-document"),
        ("dia's.pptx", office_open_xml("ppt/presentation.xml"), "PowerPoint-presentatie"),
        ("cijfers.xlsx", XLSX, "Excel-werkblad"),
        (
            "notitie.odt",
            by_mimetype("application/vnd.oasis.opendocument.text"),
            "OpenDocument-tekst",
        ),
        (
            "dia's.odp",
            by_mimetype("application/vnd.oasis.opendocument.presentation"),
            "OpenDocument-presentatie",
        ),
        ("boek.epub", by_mimetype("application/epub+zip"), "EPUB"),
        ("podcast.mp3", mediafiles.mp3(), "MP3-audio"),
        ("zonder-tag.mp3", mediafiles.mp3(id3=False), "MP3-audio"),
        ("wisselend.mp3", mediafiles.mp3(vbr=True), "MP3-audio"),
        ("film.mp4", mediafiles.mp4(), "MP4-video"),
        ("film-achteraan.mp4", mediafiles.mp4(moov_first=False), "MP4-video"),
        ("gesprek.m4a", mediafiles.m4a(), "M4A-audio"),
        ("clip.webm", mediafiles.webm(), "WebM-video"),
        ("opname.webm", mediafiles.webm(tracks=("audio",), unknown_size=True), "WebM-audio"),
    ],
)
def test_documents_are_accepted_and_labelled_by_their_content(name, content, label):
    file = upload(name, content)

    validate_document(file)

    assert detect_document_type(file).label == label
    assert file.tell() == 0


def test_document_type_ignores_the_file_name():
    assert detect_document_type(upload("foto.jpg", MINIMAL_PDF)).extension == "pdf"


def test_document_type_is_read_from_any_seekable_file():
    file = io.BytesIO(XLSX)
    file.seek(7)

    assert detect_document_type(file).extension == "xlsx"
    assert file.tell() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(54) + b"PE\x00\x00",
    ],
    ids=["elf", "pe"],
)
def test_executable_named_pdf_is_refused_with_the_allowed_types(content):
    error = refusal(validate_document, upload("rapport.pdf", content))

    assert error.code == "file_type"
    assert "Toegestaan: PDF, Word, OpenDocument" in error.messages[0]
    assert "De bestandsnaam telt niet" in error.messages[0]


@pytest.mark.parametrize(
    "content",
    [
        zipped({"[Content_Types].xml": "<Types/>", "word/vbaProject.bin": "macro"}),
        zipped(
            {"mimetype": "application/vnd.oasis.opendocument.text", "Basic/Standard/M.xml": "x"},
            first_stored=True,
        ),
        zipped({"readme.txt": "een gewone zip"}),
        zipped({"mimetype": "application/x-onbekend"}, first_stored=True),
        b"PK\x03\x04" + b"geen echte zip" * 10,
        iso_media(b"heic"),
        "tekst in UTF-16".encode("utf-16"),
    ],
    ids=["macro-docx", "macro-odt", "plain-zip", "unknown-mimetype", "broken-zip", "heic", "utf16"],
)
def test_lookalikes_and_macro_documents_are_refused_without_crashing(content):
    assert detect_document_type(upload("bestand.docx", content)) is None
    assert refusal(validate_document, upload("bestand.docx", content)).code == "file_type"


HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


@pytest.mark.parametrize(
    ("content", "format"),
    [
        (b"ID3\x04\x00\x00\x00\x00\x00\x00" + HTML, "MP3"),
        (b"ID3" + HTML, "MP3"),
        (mediafiles.mp3_frame(128)[:4] + HTML, "MP3"),
        (iso_media(b"isom") + HTML, "MP4"),
        (iso_media(b"M4A "), "M4A"),
        (mediafiles.m4a()[:-30], "M4A"),
        (b"\x1a\x45\xdf\xa3" + HTML, "WebM"),
    ],
    ids=["id3-html", "id3-doctype", "frame-html", "ftyp-html", "ftyp-only", "m4a-cut", "ebml-html"],
)
def test_media_that_only_starts_like_media_is_refused_in_dutch(content, format):
    error = refusal(validate_document, upload("podcast.mp3", content))

    assert error.code == "unreadable_media"
    assert error.messages[0].startswith(f"Dit {format}-bestand kunnen we niet lezen")


def test_matroska_that_is_not_webm_is_refused_as_a_type_we_do_not_take():
    error = refusal(validate_document, upload("film.mkv", mediafiles.webm(doc_type="matroska")))

    assert error.code == "file_type"
    assert "MP3, MP4, M4A en WebM" in error.messages[0]


def stored_name(given_name, content):
    """The name a SafeFileField stores an upload under (the upload handed over as a model's
    file descriptor hands it)."""
    field = SafeFileField(upload_to="bestanden")
    field.set_attributes_from_name("bestand")
    instance = SimpleNamespace()
    instance.bestand = FieldFile(instance, field, given_name)
    instance.bestand.file, instance.bestand._committed = upload(given_name, content), False
    return field.generate_filename(instance, given_name)


@pytest.mark.parametrize(
    ("given_name", "content", "name"),
    [
        (
            "Kennisclip sociale basis.html",
            mediafiles.webm(),
            "bestanden/kennisclip-sociale-basis.webm",
        ),
        ("aflevering 3", mediafiles.mp3(), "bestanden/aflevering-3.mp3"),
        ("gesprek.mp4", mediafiles.m4a(), "bestanden/gesprek.m4a"),
        ("ondertiteling.VTT", mediafiles.vtt(), "bestanden/ondertiteling.vtt"),
    ],
)
def test_media_is_stored_under_the_extension_of_its_content(given_name, content, name):
    assert stored_name(given_name, content) == name


def test_document_over_25_mb_is_refused_by_size_before_content():
    file = upload("groot.pdf", b"%PDF-" + bytes(30 * 1024 * 1024 - 5))

    error = refusal(validate_document, file)

    assert error.code == "file_too_large"
    assert error.messages[0].startswith("Het bestand is 30,0 MB; het mag hoogstens 25 MB zijn.")


def test_file_just_over_the_limit_does_not_read_as_25_mb():
    file = upload("net-te-groot.pdf", b"%PDF-" + bytes(MAX_FILE_BYTES - 4))

    assert "Het bestand is 25,1 MB" in refusal(validate_document, file).messages[0]


# --- images ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB"), ("GIF", "P")]
)
def test_images_in_allowed_formats_are_accepted(format, mode):
    file = upload("afbeelding", image_bytes((50, 40), format=format, mode=mode, color=1))

    validate_image(file)

    assert file.tell() == 0


@pytest.mark.parametrize(
    ("width", "height"),
    [(8000, 8000), (12000, 12000), (20000, 20000)],
    ids=["pillow-would-allow", "pillow-would-warn", "pillow-would-raise"],
)
def test_decompression_bomb_png_is_refused_with_its_dimensions_and_little_memory(width, height):
    file = upload("bom.png", crafted_png(width, height))
    memory_before = peak_memory_megabytes()

    error = refusal(validate_image, file)

    assert error.code == "too_many_pixels"
    assert f"{width:,} × {height:,} pixels".replace(",", ".") in error.messages[0]
    assert "Verklein de afbeelding" in error.messages[0]
    assert peak_memory_megabytes() - memory_before < 50


def test_decompression_bomb_webp_is_refused_even_when_pillow_refuses_first():
    file = upload("bom.webp", crafted_webp(16000, 16000))

    assert refusal(validate_image, file).code == "too_many_pixels"


def test_bomb_check_leaves_pillows_own_limit_alone():
    limit = Image.MAX_IMAGE_PIXELS

    refusal(validate_image, upload("bom.png", crafted_png(20000, 20000)))

    assert limit == Image.MAX_IMAGE_PIXELS


@pytest.mark.parametrize(
    "content",
    [
        b"Dit is gewoon tekst, geen afbeelding.\n",
        image_bytes((40, 40), format="PNG")[:-60],
        image_bytes((400, 400), format="JPEG")[:600],
        image_bytes((40, 40), format="BMP"),
        image_bytes((40, 40), format="TIFF"),
        MINIMAL_PDF,
        b"",
    ],
    ids=["text", "truncated-png", "truncated-jpeg", "bmp", "tiff", "pdf", "empty"],
)
def test_unreadable_or_other_images_named_png_are_refused_in_dutch(content):
    error = refusal(validate_image, upload("foto.png", content))

    assert error.code == "unreadable_image"
    assert error.messages[0].startswith("Dit bestand is geen afbeelding die we kunnen lezen.")


def test_image_over_25_mb_is_refused_by_size():
    file = upload("groot.png", image_bytes((10, 10), format="PNG") + bytes(26 * 1024 * 1024))

    assert refusal(validate_image, file).code == "file_too_large"


# --- renditions ----------------------------------------------------------------------------


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


def rendition(base_name, width, height):
    return {
        "width": width,
        "height": height,
        "webp": f"{base_name}-{width}.webp",
        "jpeg": f"{base_name}-{width}.jpg",
    }


def open_stored(storage, name):
    with storage.open(name) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
        return image


SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@pytest.mark.parametrize("profile", [{}, {"icc_profile": SRGB_PROFILE}], ids=["plain", "icc"])
def test_renditions_are_400_and_800_wide_in_webp_and_jpeg_without_metadata(storage, profile):
    source = image_bytes(exif=camera_exif(), comment=b"Camera-eigenaar", **profile)
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    renditions = make_renditions(upload("foto.jpg", source), "omslag/rapport", storage)

    assert renditions == [
        rendition("omslag/rapport", 400, 240),
        rendition("omslag/rapport", 800, 480),
    ]
    for made in renditions:
        for format, key in (("WEBP", "webp"), ("JPEG", "jpeg")):
            image = open_stored(storage, made[key])
            assert (image.format, image.size) == (format, (made["width"], made["height"]))
            assert not image.getexif()
            assert not {"exif", "xmp", "comment", "icc_profile"} & image.info.keys()


def test_renditions_follow_the_exif_orientation(storage):
    source = image_bytes((1000, 600), exif=camera_exif(orientation=6))

    renditions = make_renditions(upload("staand.jpg", source), "staand", storage)

    assert [(r["width"], r["height"]) for r in renditions] == [(400, 667)]


def test_image_narrower_than_all_widths_gives_one_rendition_at_its_own_width(storage):
    renditions = make_renditions(
        upload("klein.png", image_bytes((300, 200), "PNG")), "klein", storage
    )

    assert renditions == [
        {"width": 300, "height": 200, "webp": "klein-300.webp", "jpeg": "klein-300.jpg"}
    ]


def test_transparency_is_flattened_on_white(storage):
    source = image_bytes((500, 500), "PNG", mode="RGBA", color=(0, 0, 0, 0))

    (made,) = make_renditions(upload("logo.png", source), "logo", storage)

    assert open_stored(storage, made["jpeg"]).getpixel((250, 250)) == (255, 255, 255)


def test_renditions_keep_the_name_the_storage_chose(storage):
    source = image_bytes((400, 300))
    make_renditions(upload("a.jpg", source), "dubbel", storage)

    (made,) = make_renditions(upload("b.jpg", source), "dubbel", storage)

    assert made["webp"] != "dubbel-400.webp"
    assert storage.exists(made["webp"])
    assert storage.exists(made["jpeg"])


def test_renditions_refuse_a_bad_image_with_a_validation_error(storage):
    with pytest.raises(ValidationError):
        make_renditions(upload("kapot.jpg", b"geen afbeelding"), "kapot", storage)
    assert storage.listdir("")[1] == []


def test_broken_colour_profile_does_not_stop_the_renditions(storage):
    source = image_bytes((400, 300), color=(10, 20, 30), icc_profile=b"geen profiel" * 20)

    (made,) = make_renditions(upload("foto.jpg", source), "profiel", storage)

    assert "icc_profile" not in open_stored(storage, made["jpeg"]).info


# --- stored images and hostile documents -------------------------------------------------


def stored_image(field_file):
    with field_file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return data, image


def gps_photo(format="JPEG"):
    return image_bytes((300, 200), format=format, exif=camera_exif(orientation=6))


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_a_logo_is_stored_without_the_place_it_was_taken_or_bytes_after_its_end(
    make_organisatie, format
):
    source = gps_photo(format) + HTML
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    organisatie = make_organisatie()

    organisatie.logo = upload("logo.jpg", source)
    organisatie.save()

    data, image = stored_image(organisatie.logo)
    assert image.format == format
    assert not image.getexif()
    assert not {"exif", "xmp", "comment"} & image.info.keys()
    assert b"<script>" not in data
    assert image.size == (200, 300)  # turned upright as the camera said, then forgotten


@pytest.mark.django_db
def test_a_leeratelier_image_keeps_its_transparency_and_colour_profile(make_leeratelier):
    source = image_bytes((40, 30), format="PNG", mode="RGBA", color=(0, 0, 0, 0))
    profiled = image_bytes((40, 30), icc_profile=SRGB_PROFILE)
    leeratelier = make_leeratelier()

    leeratelier.afbeelding = upload("plaatje.png", source)
    leeratelier.afbeelding_alt = "Een leeg vlak"
    leeratelier.save()
    _data, image = stored_image(leeratelier.afbeelding)
    assert (image.format, image.mode) == ("PNG", "RGBA")
    assert image.getpixel((0, 0))[3] == 0

    leeratelier.afbeelding = upload("foto.jpg", profiled)
    leeratelier.save()
    _data, image = stored_image(leeratelier.afbeelding)
    assert image.info["icc_profile"] == SRGB_PROFILE


def pdf_with(middle):
    return MINIMAL_PDF.replace(b"trailer", middle + b"\ntrailer")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", pdf_with(b"<html><body><script>alert(1)</script></body></html>")),
        ("rapport.pdf", pdf_with(b"<!DOCTYPE html><p>Welkom</p>")),
        (
            "podcast.mp3",
            mediafiles.id3_tag("<script>alert(1)</script>") + mediafiles.mp3(id3=False),
        ),
    ],
    ids=["pdf-html", "pdf-doctype", "id3-title-script"],
)
def test_a_document_that_is_also_a_web_page_is_refused_in_dutch(name, content):
    error = refusal(validate_document, upload(name, content))

    assert error.code == "web_page"
    assert "kan daarom niet worden geüpload" in error.messages[0]


def test_a_pdf_with_html_after_its_header_is_refused_as_a_web_page():
    error = refusal(validate_document, upload("rapport.pdf", pdf_with(b"<svg onload=alert(1)>")))

    assert error.code == "web_page"
    assert error.messages[0].startswith("Dit bestand bevat ook een webpagina")


@pytest.mark.parametrize(
    "content",
    [b"%PDF-" + HTML, b"%PDF-1.4\n1 0 obj <<>> endobj\n", b"%PDF-x.y\n%%EOF\n"],
    ids=["html-only", "no-eof", "no-version"],
)
def test_a_file_that_only_starts_like_a_pdf_is_not_a_pdf(content):
    assert detect_document_type(upload("rapport.pdf", content)) is None
    assert refusal(validate_document, upload("rapport.pdf", content)).code == "file_type"


def test_media_holding_a_web_page_in_its_tags_is_refused():
    """A valid MP4 whose free box carries a page: it plays, and it would also run."""
    content = mediafiles.mp4()
    page = b"<html><script>alert(1)</script></html>"
    free = struct.pack(">I", 8 + len(page)) + b"free" + page
    ftyp_size = struct.unpack(">I", content[:4])[0]
    polyglot = content[:ftyp_size] + free + content[ftyp_size:]
    validate_document(upload("film.mp4", content))

    assert refusal(validate_document, upload("film.mp4", polyglot)).code == "web_page"


def docx_with(members):
    return zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>", **members})


VBA_PROJECT = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + "_VBA_PROJECT".encode("utf-16-le")


@pytest.mark.parametrize(
    "content",
    [
        docx_with({"word/VBAPROJECT.BIN": "macro"}),
        docx_with({"word/vbaproject.bin": "macro"}),
        docx_with({"word/afbeelding1.bin": VBA_PROJECT}),
        zipped(
            {
                "[Content_Types].xml": '<Types><Override PartName="/word/x.bin" '
                'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                "word/document.xml": "<w/>",
            }
        ),
        docx_with(
            {
                "word/_rels/document.xml.rels": "<Relationship Type='http://schemas."
                "microsoft.com/office/2006/relationships/vbaProject' Target='x.bin'/>"
            }
        ),
        zipped(
            {"mimetype": "application/vnd.oasis.opendocument.text", "basic/standard/m.xml": "x"},
            first_stored=True,
        ),
        zipped(
            {"mimetype": "application/vnd.oasis.opendocument.text", "Scripts/python/m.py": "x"},
            first_stored=True,
        ),
    ],
    ids=["upper", "lower", "renamed", "content-type", "relationship", "odt-basic", "odt-script"],
)
def test_macros_under_any_name_are_refused(content):
    assert detect_document_type(upload("verslag.docx", content)) is None


def test_a_docx_that_unpacks_to_a_gigabyte_is_refused_without_unpacking_it_all():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = bytes(16 * 1024 * 1024)
            for _ in range(64):
                member.write(block)
    bomb = buffer.getvalue()
    assert len(bomb) < 2 * 1024 * 1024

    assert refusal(validate_document, upload("verslag.docx", bomb)).code == "file_type"
    assert peak_memory_megabytes() < 1000


def test_an_ordinary_docx_of_some_size_is_still_accepted():
    text = "".join(f"<w:p>Alinea {n} over de sociale basis in Arnhem.</w:p>" for n in range(50_000))
    content = docx_with({"word/styles.xml": text})

    validate_document(upload("verslag.docx", content))
