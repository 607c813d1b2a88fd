"""Uploads that cannot hurt: documents recognised by content, images decoded under limits.

The validators raise nothing but ``ValidationError``, with a Dutch message that says what to
do: whatever goes wrong while reading the untrusted bytes of an upload means it is refused.
"""

import io
import math
import re
import secrets
import warnings
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from PIL import (
    GifImagePlugin,
    Image,
    ImageCms,
    ImageOps,
    JpegImagePlugin,
    PngImagePlugin,
    WebPImagePlugin,
)

from werkplaats.media import media_extension, media_info

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class DocumentType:
    mime: str
    label: str
    extension: str


PDF = DocumentType("application/pdf", "PDF", "pdf")
MP3 = DocumentType("audio/mpeg", "MP3-audio", "mp3")
MP4 = DocumentType("video/mp4", "MP4-video", "mp4")
M4A = DocumentType("audio/mp4", "M4A-audio", "m4a")
WEBM = DocumentType("video/webm", "WebM-video", "webm")
WEBM_AUDIO = DocumentType("audio/webm", "WebM-audio", "webm")
MEDIA = {document_type.extension: document_type for document_type in (MP3, MP4, M4A, WEBM)}
# An MP4 or WebM file without a video track is audio: a podcast exported as MP4 is stored as
# .m4a and plays in <audio>.
AUDIO_ONLY = {"mp4": M4A, "webm": WEBM_AUDIO}

# Office Open XML: a zip with [Content_Types].xml, told apart by its main folder.
OFFICE_OPEN_XML = {
    "word/": DocumentType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word-document",
        "docx",
    ),
    "ppt/": DocumentType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint-presentatie",
        "pptx",
    ),
    "xl/": DocumentType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel-werkblad",
        "xlsx",
    ),
}

# OpenDocument and EPUB: a zip whose first member, "mimetype", holds the media type.
BY_MIMETYPE_MEMBER = {
    document_type.mime: document_type
    for document_type in (
        DocumentType("application/vnd.oasis.opendocument.text", "OpenDocument-tekst", "odt"),
        DocumentType(
            "application/vnd.oasis.opendocument.presentation", "OpenDocument-presentatie", "odp"
        ),
        DocumentType(
            "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-werkblad", "ods"
        ),
        DocumentType("application/epub+zip", "EPUB", "epub"),
    )
}

# Every kind of document by the label stored with an upload (``bestand_type``).
BY_LABEL = {
    document_type.label: document_type
    for document_type in (
        PDF, MP3, M4A, MP4, WEBM, WEBM_AUDIO,
        *OFFICE_OPEN_XML.values(), *BY_MIMETYPE_MEMBER.values(),
    )
}  # fmt: skip


def _read_head(file, size):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


# A PDF starts with its version and ends with %%EOF (readers look for it in the last 1024
# bytes, ISO 32000-1, 7.5.5).
PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
PDF_TAIL_BYTES = 1024


def _is_pdf(file):
    if not PDF_HEADER.match(_read_head(file, 8)):
        return False
    file.seek(0, io.SEEK_END)
    file.seek(max(0, file.tell() - PDF_TAIL_BYTES))
    tail = file.read()
    file.seek(0)
    return b"%%EOF" in tail


def detect_document_type(file) -> DocumentType | None:
    """The kind of document by its content, never by its name; None when we do not know it."""
    head = _read_head(file, 12)
    if head.startswith(b"%PDF-"):
        return PDF if _is_pdf(file) else None
    if head.startswith(b"PK\x03\x04"):
        return _zip_document_type(file)
    extension = media_extension(head)
    return _media_document_type(file, extension) if extension else None


def _media_document_type(file, extension):
    """Audio or video by what the file holds: MP4 and WebM without a video track are audio."""
    try:
        info = media_info(file)
    except ValidationError:  # validate_document says why; here it is what it announces
        info = None
    if info is not None and info.kind == "audio":
        return AUDIO_ONLY.get(extension, MEDIA[extension])
    return MEDIA[extension]


def is_media(document_type: DocumentType | None) -> bool:
    return document_type is not None and document_type.mime.startswith(("audio/", "video/"))


def _zip_document_type(file):
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            names = [member.filename for member in members]
            if len(members) > MAX_ARCHIVE_MEMBERS or _unsafe_archive(archive, members):
                return None
            if names and names[0] == "mimetype":
                with archive.open(members[0]) as member:
                    mimetype = member.read(100).decode("ascii").strip()
                return BY_MIMETYPE_MEMBER.get(mimetype)
            if "[Content_Types].xml" in names:
                return next(
                    (
                        document_type
                        for folder, document_type in OFFICE_OPEN_XML.items()
                        if any(name.startswith(folder) for name in names)
                    ),
                    None,
                )
            return None
    except Exception:  # a damaged or hostile archive is not a document we know
        return None
    finally:
        file.seek(0)


# An office document unpacks to a few times its size; one that unpacks to more than this is
# built to fill a disk or a memory (a "zip bomb"), whatever sizes its directory declares.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 5_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Macros are what makes an office document dangerous; docx, pptx, xlsx and OpenDocument files
# without them are what we take. A macro part is found by its name in any case, by what the
# package's own lists say of it, and by its content (the VBA project of an OLE part).
MACRO_FOLDERS = ("basic/", "scripts/")
MACRO_DECLARATIONS = (b"vbaproject", b"macroenabled", b"vnd.sun.star.basic", b"/scripts/")
VBA_PROJECT_STREAM = "_VBA_PROJECT".encode("utf-16-le")
PACKAGE_LISTS = ("[content_types].xml", "meta-inf/manifest.xml")


def _unsafe_archive(archive, members) -> bool:
    """True when the archive holds macros or unpacks to more than MAX_UNPACKED_BYTES. Every
    member is unpacked (and its checksum checked) as a stream, never more than the limit."""
    unpacked = 0
    for member in members:
        name = member.filename.lower()
        if name.startswith(MACRO_FOLDERS) or "vbaproject" in name or "vbadata" in name:
            return True
        is_list = name in PACKAGE_LISTS or name.endswith(".rels")
        head = b""
        with archive.open(member) as stream:
            while chunk := stream.read(1024 * 1024):
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED_BYTES:
                    return True
                if is_list and any(mark in chunk.lower() for mark in MACRO_DECLARATIONS):
                    return True
                if not head:
                    head = chunk
                if head.startswith(OLE_MAGIC) and VBA_PROJECT_STREAM in chunk.upper():
                    return True
    return False


def _check_size(file):
    if file.size > MAX_FILE_BYTES:
        # Round up, so that a file just over the limit does not read as exactly 25,0 MB.
        megabytes = f"{math.ceil(file.size / MEGABYTE * 10) / 10:.1f}".replace(".", ",")
        raise ValidationError(
            f"Het bestand is {megabytes} MB; het mag hoogstens {MAX_FILE_BYTES // MEGABYTE} MB "
            "zijn. Maak het bestand kleiner en probeer het opnieuw.",
            code="file_too_large",
        )


def _already_stored(file):
    """A file that was checked when it was uploaded (re-saving a row must not read it again)."""
    return getattr(file, "_committed", False) and getattr(file, "name", None)


# Markup that makes a browser run a file as a web page. A document or recording does not hold
# it in the part a browser sniffs; one that does is made to be two things at once.
WEB_PAGE_MARKS = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|meta|a\s+href)[\s>/]",
    re.IGNORECASE,
)
SNIFFED_BYTES = 64 * 1024


def _looks_like_web_page(file) -> bool:
    return WEB_PAGE_MARKS.search(_read_head(file, SNIFFED_BYTES)) is not None


def validate_document(file):
    if _already_stored(file):
        return
    _check_size(file)
    document_type = detect_document_type(file)
    # Audio and video must also be what their first bytes announce (media_info raises if not).
    if document_type is None or (is_media(document_type) and media_info(file) is None):
        raise ValidationError(
            "Dit bestandstype kan niet worden geüpload. Toegestaan: PDF, Word, OpenDocument, "
            "PowerPoint, Excel, EPUB, MP3, MP4, M4A en WebM. De bestandsnaam telt niet: het "
            "gaat om de inhoud.",
            code="file_type",
        )
    if _looks_like_web_page(file):
        raise ValidationError(
            "Dit bestand bevat ook een webpagina (HTML of een script) en kan daarom niet "
            "worden geüpload. Sla het document opnieuw op vanuit het programma waarin het "
            "gemaakt is en probeer het nog eens.",
            code="web_page",
        )


UNREADABLE_IMAGE = (
    "Dit bestand is geen afbeelding die we kunnen lezen. Upload een JPEG-, PNG-, WebP- of "
    "GIF-afbeelding; sla de afbeelding zo nodig opnieuw op in een van die formaten."
)

# Pillow format plugins by the magic bytes at the start of the file. A plugin reads only the
# header, and unlike Image.open it does not refuse large images before we know their size.
IMAGE_HEADER_READERS = {
    b"\xff\xd8\xff": JpegImagePlugin.JpegImageFile,
    b"\x89PNG\r\n\x1a\n": PngImagePlugin.PngImageFile,
    b"GIF87a": GifImagePlugin.GifImageFile,
    b"GIF89a": GifImagePlugin.GifImageFile,
}


def _image_header_reader(head):
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WebPImagePlugin.WebPImageFile
    return next(
        (reader for magic, reader in IMAGE_HEADER_READERS.items() if head.startswith(magic)),
        None,
    )


def _dutch_number(number):
    return f"{number:,}".replace(",", ".")


def _too_many_pixels(dimensions=""):
    return ValidationError(
        f"Deze afbeelding is te groot{dimensions}; ze mag hoogstens "
        f"{MAX_IMAGE_PIXELS // 1_000_000} miljoen pixels hebben. Verklein de afbeelding "
        "(bijvoorbeeld tot 4000 pixels breed) en probeer het opnieuw.",
        code="too_many_pixels",
    )


@contextmanager
def _reading_image():
    """Turn whatever goes wrong while decoding untrusted image bytes into a ValidationError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except Exception as error:
        raise ValidationError(UNREADABLE_IMAGE, code="unreadable_image") from error


def _open_image(file):
    """The fully decoded image, after checking format, pixel count and integrity."""
    reader = _image_header_reader(_read_head(file, 16))
    if reader is None:
        raise ValidationError(UNREADABLE_IMAGE, code="unreadable_image")
    try:
        with _reading_image():
            header = reader(file)
            width, height = header.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _too_many_pixels(
                    f" ({_dutch_number(width)} × {_dutch_number(height)} pixels)"
                )
            header.verify()
            file.seek(0)
            image = Image.open(file, formats=[header.format])
            image.load()  # decodes everything, so a truncated file fails here
            return image
    finally:
        file.seek(0)


def validate_image(file):
    if _already_stored(file):
        return
    _check_size(file)
    _open_image(file)


SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image):
    """Apply an embedded colour profile, since the renditions carry no profile of their own."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        source = ImageCms.getOpenProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
    except ImageCms.PyCMSError:
        return image  # an unusable profile: keep the colours as they are


def _flatten_on_white(image):
    if not image.has_transparency_data:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _encoded(image, format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return ContentFile(buffer.getvalue())


def make_renditions(file, base_name, storage, widths=(400, 800)) -> list[dict]:
    """WebP and JPEG renditions without metadata, one per width not above the original's."""
    with _reading_image():
        image = _flatten_on_white(_to_srgb(ImageOps.exif_transpose(_open_image(file))))
    targets = sorted({width for width in widths if width <= image.width}) or [image.width]
    renditions = []
    for width in targets:
        height = max(1, round(image.height * width / image.width))
        rendition = image.resize((width, height), Image.Resampling.LANCZOS)
        rendition.info.clear()  # Pillow copies some of .info (e.g. a JPEG comment) when saving
        webp = _encoded(rendition, "WEBP", quality=80)
        jpeg = _encoded(rendition, "JPEG", quality=80, progressive=True, optimize=True)
        renditions.append(
            {
                "width": width,
                "height": height,
                "webp": storage.save(f"{base_name}-{width}.webp", webp),
                "jpeg": storage.save(f"{base_name}-{width}.jpg", jpeg),
            }
        )
    return renditions


def replace_with_renditions(row, field: str, variants_field: str, base_name) -> list[dict]:
    """Give ``row``'s uploaded image in ``field`` its renditions (``make_renditions``, kept in
    ``variants_field``). The uploaded original, with its EXIF (camera, place, sometimes a
    name), is not kept: the largest clean JPEG takes its place; renditions of an earlier image
    are deleted. ``base_name(stored_name)`` says where the renditions go."""
    image = getattr(row, field)
    storage = image.storage
    old_variants = getattr(row, variants_field)
    original = image.name if image else None
    variants = []
    if original:
        with image.open("rb") as opened:
            variants = make_renditions(opened, base_name(original), storage)
    largest = variants[-1]["jpeg"] if variants else ""
    type(row)._default_manager.filter(pk=row.pk).update(
        **{variants_field: variants, field: largest}
    )
    setattr(row, variants_field, variants)
    image.name = largest
    stale = {name for variant in old_variants for name in (variant["webp"], variant["jpeg"])}
    if original:
        stale.add(original)
    for name in stale - {largest}:
        storage.delete(name)
    return variants


REENCODE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "GIF": {},
}


def reencoded_image(file) -> ContentFile:
    """The uploaded image written anew in its own format and turned upright by its EXIF
    orientation: what the camera wrote beside the pixels (EXIF with the place a photo was taken,
    XMP, comments) and any bytes after the image's end are not kept; the colour profile and
    transparency are. Of an animation the first frame is kept."""
    with _reading_image():
        original = _open_image(file)
        image = ImageOps.exif_transpose(original)
        kept = {key: original.info.get(key) for key in ("icc_profile", "transparency")}
        image.info.clear()  # some plugins save what .info holds (a JPEG comment, say)
        return _encoded(
            image,
            original.format,
            **REENCODE_OPTIONS[original.format],
            **{key: value for key, value in kept.items() if value is not None},
        )


class SafeImageFormField(forms.ImageField):
    """Checks size and pixel count with clear Dutch messages before Django's own image check."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            validate_image(data)
        return super().to_python(data)


class SafeImageField(models.ImageField):
    """An image field whose uploads pass validate_image (in forms and in full_clean), stored
    under a name whose extension follows the image format."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image])
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        image = getattr(model_instance, self.attname)
        if image and not image._committed:
            image.file = reencoded_image(image.file)
        return super().pre_save(model_instance, add)

    def generate_filename(self, instance, filename):
        extension = _detect_uploading(instance, self.attname, image_extension)
        return super().generate_filename(instance, content_name(filename, extension))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})


class SafeFileField(models.FileField):
    """A document upload recognised by its content (see validate_document), stored under a
    name whose extension follows the content, so a server never serves it as something else."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_document])
        super().__init__(*args, **kwargs)

    def generate_filename(self, instance, filename):
        document = _detect_uploading(instance, self.attname, detect_document_type)
        extension = document.extension if document else None
        return super().generate_filename(instance, content_name(filename, extension))


KNOWN_EXTENSIONS = {"pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "epub", "mp3", "mp4",
                    "m4a", "webm", "vtt", "jpg", "png", "webp", "gif"}  # fmt: skip


def image_extension(file):
    try:
        with Image.open(file) as image:
            image_format = image.format
    except (OSError, ValueError):  # also Pillow's UnidentifiedImageError
        return None
    finally:
        file.seek(0)
    return {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}.get(image_format)


def _detect_uploading(instance, attname, detect):
    """What the content being uploaded is, or None when it cannot be read here."""
    field_file = getattr(instance, attname)
    if getattr(field_file, "_committed", True):
        return None  # saved through FieldFile.save(): the name given is used as it is
    try:
        return detect(field_file.file)
    except (OSError, ValueError):
        return None


@deconstructible
class UnguessablePath:
    """An ``upload_to`` that puts every file in a folder with a random name, so nobody finds a
    file that is not public yet (of a concept, say) by guessing its address."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        return f"{self.folder}/{secrets.token_urlsafe(12)}/{filename}"

    def __eq__(self, other):
        return isinstance(other, UnguessablePath) and other.folder == self.folder


def file_kind(field_file) -> str:
    """A stored file's kind as people know it: PDF, DOCX, … (stored names follow content)."""
    return PurePath(field_file.name).suffix.lstrip(".").upper() if field_file else ""


def content_name(filename, extension):
    """A plain file name: the slugified stem and an extension that matches the content."""
    stem, _dot, given = PurePath(filename).name.rpartition(".")
    if extension is None:
        extension = given.lower() if given.lower() in KNOWN_EXTENSIONS else "bin"
    return f"{slugify(stem or given)[:80] or 'bestand'}.{extension}"
