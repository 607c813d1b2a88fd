"""The rules of education in the database and the querysets: student work is public only with
the student's consent recorded, the name only by the student's choice."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from onderwijs.models import (
    ONDERWIJS,
    PraktijkActiviteit,
    Status,
    Studentwerk,
    praktijken_van,
)
from publicaties.models import Activiteit

pytestmark = pytest.mark.django_db


def test_work_without_recorded_consent_is_never_public(make_activiteit, make_werk):
    activiteit = make_activiteit()
    shown = make_werk(activiteit, "Met toestemming")
    make_werk(activiteit, "Zonder toestemming", toestemming=False)
    make_werk(activiteit, "Wel toestemming, nog concept", status=Status.CONCEPT)
    assert [werk.titel for werk in Studentwerk.objects.openbaar()] == [shown.titel]


def test_the_database_refuses_published_work_without_consent(make_activiteit, make_werk):
    werk = make_werk(make_activiteit(), toestemming=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Studentwerk.objects.filter(pk=werk.pk).update(status=Status.GEPUBLICEERD)
    with pytest.raises(IntegrityError), transaction.atomic():  # a date without how is not enough
        Studentwerk.objects.filter(pk=werk.pk).update(
            status=Status.GEPUBLICEERD, toestemming_at=werk.aangemaakt_at
        )


def test_publishing_without_consent_says_what_is_missing(make_activiteit, make_werk):
    werk = make_werk(make_activiteit(), toestemming=False)
    werk.status = Status.GEPUBLICEERD
    with pytest.raises(ValidationError) as error:
        werk.full_clean()
    assert {"toestemming_at", "toestemming_wijze"} <= set(error.value.message_dict)


def test_work_of_a_concept_activity_is_not_public(make_activiteit, make_werk):
    make_werk(make_activiteit(status=Status.CONCEPT))
    assert not Studentwerk.objects.openbaar().exists()


def test_the_name_shows_only_when_the_student_chose_so(make_activiteit, make_werk):
    activiteit = make_activiteit()
    verborgen = make_werk(activiteit, naam="Sanne de Vries")
    gekozen = make_werk(activiteit, naam="Ahmed Yilmaz", naam_tonen=True)
    assert str(verborgen.maker) == "een student" and verborgen.openbare_naam is None
    assert gekozen.maker == "Ahmed Yilmaz" and gekozen.openbare_naam == "Ahmed Yilmaz"
    # Chosen, but no consent recorded (a concept): still no name.
    zonder = make_werk(activiteit, naam="Lotte Jansen", naam_tonen=True, toestemming=False)
    assert str(zonder.maker) == "een student" and zonder.openbare_naam is None


def test_an_image_needs_its_description_and_a_work_needs_content(make_activiteit):
    activiteit = make_activiteit()
    leeg = Studentwerk(activiteit=activiteit, soort="blog", titel="Leeg", naam="Sanne")
    with pytest.raises(ValidationError, match="tekst, een afbeelding of een bestand"):
        leeg.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Studentwerk.objects.create(
            activiteit=activiteit, soort="foto", titel="Foto", naam="Sanne", afbeelding="x.png"
        )


def test_consent_cannot_be_given_in_the_future(make_activiteit, make_werk):
    import datetime

    from django.utils import timezone

    werk = make_werk(make_activiteit())
    werk.toestemming_at = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        werk.full_clean()
    assert "toestemming_at" in error.value.message_dict


def test_an_activity_does_not_end_before_it_starts(make_activiteit):
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        make_activiteit(start_on=datetime.date(2021, 2, 1), end_on=datetime.date(2020, 9, 1))


def test_praktijken_of_an_o_are_given_ones_and_for_onderwijs_those_with_students(
    make_leeratelier, make_praktijk, make_activiteit
):
    atelier = make_leeratelier("Armoede en schulden")
    onderzoek_praktijk = make_praktijk(atelier, "Signaleren van armoede")
    studenten_praktijk = make_praktijk(atelier, "Verhalenkamer")
    concept_praktijk = make_praktijk(atelier, "Nog niet openbaar")
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    onderwijs = Activiteit.objects.get(slug=ONDERWIJS)
    PraktijkActiviteit.objects.create(praktijk=onderzoek_praktijk, activiteit=onderzoek)
    make_activiteit(relations={"praktijken": [studenten_praktijk]})
    make_activiteit(status=Status.CONCEPT, relations={"praktijken": [concept_praktijk]})
    assert list(praktijken_van(onderzoek)) == [onderzoek_praktijk]
    assert list(praktijken_van(onderwijs)) == [studenten_praktijk]
    PraktijkActiviteit.objects.create(praktijk=onderzoek_praktijk, activiteit=onderwijs)
    assert list(praktijken_van(onderwijs)) == [onderzoek_praktijk, studenten_praktijk]


def test_a_praktijk_has_each_o_once(make_leeratelier, make_praktijk):
    praktijk = make_praktijk(make_leeratelier())
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    PraktijkActiviteit.objects.create(praktijk=praktijk, activiteit=onderzoek)
    with pytest.raises(IntegrityError), transaction.atomic():
        PraktijkActiviteit.objects.create(praktijk=praktijk, activiteit=onderzoek)


def test_an_opleiding_belongs_to_a_hogeschool(make_opleiding, make_organisatie):
    from onderwijs.models import Opleiding

    welzijn = make_organisatie("Welzijn Nijmegen")
    opleiding = Opleiding(
        naam="Social Work", slug="social-work", organisatie=welzijn, niveau="bachelor"
    )
    with pytest.raises(ValidationError) as error:
        opleiding.full_clean()
    assert "organisatie" in error.value.message_dict
