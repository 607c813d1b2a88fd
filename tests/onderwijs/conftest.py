"""Builders for education: opleidingen, onderwijsactiviteiten and student work, with or
without the student's consent."""

import datetime
import io
import itertools

import pytest
from django.core.files.base import ContentFile
from PIL import Image

_numbers = itertools.count(1)


def png_bytes(size=(900, 600), exif=False):
    """A small picture; with ``exif`` it carries a camera make and GPS data."""
    image = Image.new("RGB", size, (120, 160, 200))
    buffer = io.BytesIO()
    if exif:
        info = Image.Exif()
        info[0x010F] = "Camera van de student"  # Make
        info[0x8825] = {1: "N", 2: (51.0, 50.0, 0.0)}  # GPSInfo: Nijmegen
        image.save(buffer, format="JPEG", exif=info)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def make_opleiding(make_organisatie):
    from onderwijs.models import Niveau, Opleiding
    from werkplaats.models import Soort

    def make(naam=None, organisatie=None, **fields):
        fields.setdefault("niveau", Niveau.BACHELOR)
        organisatie = organisatie or make_organisatie(soort=Soort.HOGESCHOOL)
        return Opleiding.objects.create(
            naam=naam or f"Opleiding {next(_numbers)}", organisatie=organisatie, **fields
        )

    return make


@pytest.fixture
def make_activiteit(db):
    from onderwijs.models import Onderwijsactiviteit, Soort, Status

    def make(titel=None, status=Status.GEPUBLICEERD, relations=None, **fields):
        fields.setdefault("soort", Soort.SEMESTERPROGRAMMA)
        fields.setdefault("samenvatting", "Studenten leren in een lerende praktijk.")
        activiteit = Onderwijsactiviteit.objects.create(
            titel=titel or f"Onderwijsactiviteit {next(_numbers)}", status=status, **fields
        )
        for name, rows in (relations or {}).items():
            getattr(activiteit, name).set(rows)
        return activiteit

    return make


CONSENT = {
    "toestemming_at": datetime.datetime(2021, 1, 15, 10, 0, tzinfo=datetime.UTC),
    "toestemming_wijze": "formulier",
}


@pytest.fixture
def make_werk(db):
    """Student work; published with consent unless told otherwise (``toestemming=False``
    leaves it a concept without consent)."""
    from onderwijs.models import Status, Studentwerk, WerkSoort

    def make(activiteit, titel=None, toestemming=True, image=False, **fields):
        fields.setdefault("soort", WerkSoort.BLOG)
        fields.setdefault("naam", "Sanne de Vries")
        fields.setdefault("status", Status.GEPUBLICEERD if toestemming else Status.CONCEPT)
        if toestemming:
            for name, value in CONSENT.items():
                fields.setdefault(name, value)
        if image:
            fields["afbeelding"] = ContentFile(png_bytes(), name="foto.png")
            fields.setdefault("afbeelding_alt", "Een bankje in de Spoorbuurt.")
        else:
            fields.setdefault("tekst", "Wat ik hoorde in de Verhalenkamer.")
        werk = Studentwerk(activiteit=activiteit, titel=titel or f"Werk {next(_numbers)}", **fields)
        werk.full_clean()
        werk.save()
        if image:
            from onderwijs.services import studentwerk_make_renditions

            studentwerk_make_renditions(werk=werk)
        return werk

    return make
