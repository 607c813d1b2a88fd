"""Uploading files and covers in the admin: bad files are Dutch form errors, never a 500."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from publicaties.models import Publicatie
from werkplaats.models import User

pytestmark = pytest.mark.django_db

ADD_URL = "/beheer/publicaties/publicatie/add/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(User.objects.create_superuser("pc@example.nl", "geheim-en-lang"))
    return client


def form_data(titel="Werken aan bestaanszekerheid", **files):
    return {
        "titel": titel,
        "slug": "werken-aan-bestaanszekerheid",
        "soort": "handreiking",
        "status": "gepubliceerd",
        "gepubliceerd_on": "2022-03-01",
        "samenvatting": "Een handreiking voor de sociale basis.",
        "taal": "nl",
        "auteurschappen-TOTAL_FORMS": "0",
        "auteurschappen-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        **files,
    }


def png_bomb(width=30_000, height=30_000):
    """A tiny PNG whose header claims a huge picture (900 megapixels)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + chunk(b"IEND", b"")
    )


def jpeg_with_exif(width=1000, height=600):
    exif = Image.Exif()
    exif[0x010F] = "Camera van de fotograaf"  # Make
    exif[0x8825] = {2: (52.0, 0.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def errors(response):
    return " ".join(str(error) for error in response.context["adminform"].form.errors.values())


def test_a_program_renamed_to_pdf_is_refused(staff_client):
    program = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00" + b"\0" * 200, "application/pdf")
    response = staff_client.post(ADD_URL, form_data(bestand=program))
    assert response.status_code == 200
    assert "Dit bestandstype kan niet worden geüpload" in errors(response)
    assert not Publicatie.objects.exists()


def test_a_file_over_25_mb_is_refused(staff_client):
    large = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * (30 * 1024 * 1024), "application/pdf")
    response = staff_client.post(ADD_URL, form_data(bestand=large))
    assert "het mag hoogstens 25 MB zijn" in errors(response)
    assert not Publicatie.objects.exists()


def test_a_decompression_bomb_is_refused(staff_client):
    bomb = SimpleUploadedFile("omslag.png", png_bomb(), "image/png")
    response = staff_client.post(ADD_URL, form_data(omslag=bomb))
    assert response.status_code == 200
    assert "te groot" in errors(response)
    assert not Publicatie.objects.exists()


def test_text_renamed_to_png_is_refused(staff_client):
    fake = SimpleUploadedFile("omslag.png", b"geen plaatje", "image/png")
    response = staff_client.post(ADD_URL, form_data(omslag=fake))
    assert response.status_code == 200
    assert not Publicatie.objects.exists()


def test_a_good_pdf_is_kept_with_its_type_and_size(staff_client, client):
    response = staff_client.post(ADD_URL, form_data(bestand=SimpleUploadedFile("r.pdf", PDF)))
    assert response.status_code == 302, errors(response)
    publicatie = Publicatie.objects.get()
    assert (publicatie.bestand_type, publicatie.bestand_grootte) == ("PDF", len(PDF))
    content = client.get(publicatie.get_absolute_url()).content.decode()
    assert f"PDF, {len(PDF)}\xa0bytes" in content


def test_a_cover_gets_renditions_without_exif_and_a_srcset(
    staff_client, tmp_path, client, django_capture_on_commit_callbacks
):
    cover = SimpleUploadedFile("omslag.jpg", jpeg_with_exif(), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            ADD_URL, form_data(omslag=cover, omslag_alt="Twee vrouwen praten")
        )
    assert response.status_code == 302, errors(response)
    publicatie = Publicatie.objects.get()
    assert [(v["width"], v["height"]) for v in publicatie.omslag_varianten] == [
        (400, 240),
        (800, 480),
    ]
    for variant in publicatie.omslag_varianten:
        for name in (variant["webp"], variant["jpeg"]):
            with Image.open(tmp_path / name) as image:
                assert not image.getexif()
                assert "exif" not in image.info
    # The original upload, with its EXIF, is not kept; the largest clean JPEG stands in.
    assert publicatie.omslag.name == publicatie.omslag_varianten[-1]["jpeg"]
    assert not (tmp_path / "publicaties/omslag/omslag.jpg").exists()
    content = client.get(publicatie.get_absolute_url()).content.decode()
    assert 'type="image/webp"' in content
    assert "400w" in content and "800w" in content
    assert 'width="800" height="480" alt="Twee vrouwen praten"' in content


def test_the_stored_name_follows_the_content_not_the_given_name(staff_client):
    response = staff_client.post(
        ADD_URL, form_data(bestand=SimpleUploadedFile("lees-mij.html", PDF))
    )
    assert response.status_code == 302, errors(response)
    assert Publicatie.objects.get().bestand.name == "publicaties/bestanden/lees-mij.pdf"


def test_a_pdf_that_is_also_a_web_page_is_refused_and_nothing_is_stored(staff_client):
    polyglot = SimpleUploadedFile("lees-mij.html", PDF + b"<html><script>alert(1)</script>")
    response = staff_client.post(ADD_URL, form_data(bestand=polyglot))
    assert response.status_code == 200
    assert "Dit bestand bevat ook een webpagina" in errors(response)
    assert not Publicatie.objects.exists()


def test_saving_again_does_not_need_the_stored_file(staff_client, tmp_path):
    staff_client.post(ADD_URL, form_data(bestand=SimpleUploadedFile("r.pdf", PDF)))
    publicatie = Publicatie.objects.get()
    (tmp_path / publicatie.bestand.name).unlink()  # e.g. a database restored without its media
    data = form_data(titel="Nieuwe titel")
    response = staff_client.post(f"/beheer/publicaties/publicatie/{publicatie.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    publicatie.refresh_from_db()
    assert (publicatie.titel, publicatie.bestand_type) == ("Nieuwe titel", "PDF")
