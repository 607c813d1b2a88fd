"""Deelnames keep their history; the database holds one current role per partner and atelier."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from leerateliers.models import Deelname, Rol, TribuneUpdate, UpdateStatus
from leerateliers.services import deelname_end, deelname_set_rol

pytestmark = pytest.mark.django_db

MAART_2021 = datetime.date(2021, 3, 1)
JANUARI_2020 = datetime.date(2020, 1, 1)


@pytest.fixture
def jip(make_leeratelier):
    return make_leeratelier("JIP")


@pytest.fixture
def nijmegen(make_organisatie):
    return make_organisatie("Gemeente Nijmegen", soort="gemeente")


def test_the_database_allows_one_current_deelname_per_organisatie_and_atelier(jip, nijmegen):
    Deelname.objects.create(organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Deelname.objects.create(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA)


def test_a_second_current_deelname_is_a_dutch_form_error(jip, nijmegen):
    Deelname.objects.create(organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE)
    with pytest.raises(ValidationError, match="doet al mee aan dit leeratelier"):
        Deelname(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA).full_clean()


def test_ended_deelnames_do_not_count_as_current(jip, nijmegen):
    Deelname.objects.create(
        organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE, sinds=JANUARI_2020, tot=MAART_2021
    )
    Deelname.objects.create(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, sinds=MAART_2021)
    assert Deelname.objects.current().get().rol == Rol.ARENA


def test_a_deelname_cannot_end_before_it_starts(jip, nijmegen):
    with pytest.raises(IntegrityError), transaction.atomic():
        Deelname.objects.create(
            organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, sinds=MAART_2021, tot=JANUARI_2020
        )


def test_changing_role_keeps_the_old_role_with_its_dates(jip, nijmegen):
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE, on=JANUARI_2020)
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=MAART_2021)

    history = list(Deelname.objects.order_by("sinds").values_list("rol", "sinds", "tot"))
    assert history == [
        (Rol.TRIBUNE, JANUARI_2020, MAART_2021),
        (Rol.ARENA, MAART_2021, None),
    ]


def test_setting_the_same_role_again_changes_nothing(jip, nijmegen):
    first = deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=JANUARI_2020)
    again = deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=MAART_2021)
    assert again == first
    assert Deelname.objects.count() == 1


def test_a_role_change_cannot_start_before_the_current_role(jip, nijmegen):
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=MAART_2021)
    with pytest.raises(ValidationError, match="kan niet ingaan voor 01-03-2021"):
        deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE, on=JANUARI_2020)
    assert Deelname.objects.current().get().rol == Rol.ARENA


def test_ending_a_deelname_keeps_it_as_history(jip, nijmegen):
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=JANUARI_2020)
    ended = deelname_end(organisatie=nijmegen, leeratelier=jip, on=MAART_2021)
    assert ended.tot == MAART_2021
    assert not Deelname.objects.current().exists()
    assert deelname_end(organisatie=nijmegen, leeratelier=jip) is None


def test_publishing_an_update_stamps_the_time_and_drafts_stay_private(jip, make_update):
    concept = make_update(jip, "Nog niet af", status=UpdateStatus.CONCEPT)
    published = make_update(jip, "Terugblik tribunebijeenkomst")
    assert concept.gepubliceerd_at is None
    assert published.gepubliceerd_at is not None
    assert list(TribuneUpdate.objects.published()) == [published]


def test_a_published_update_without_date_is_refused_by_the_database(jip):
    with pytest.raises(IntegrityError), transaction.atomic():
        TribuneUpdate.objects.bulk_create(
            [TribuneUpdate(leeratelier=jip, titel="x", tekst="y", status=UpdateStatus.GEPUBLICEERD)]
        )


def test_a_pasted_control_character_in_a_title_is_a_dutch_form_error(jip):
    update = TribuneUpdate(leeratelier=jip, titel="Terugblik\x0bdeel 2", tekst="Tekst")
    with pytest.raises(ValidationError, match="onzichtbaar stuurteken"):
        update.full_clean()


def test_praktijk_slugs_are_unique_within_their_leeratelier(jip, make_leeratelier, make_praktijk):
    make_praktijk(jip, "Werklab")
    make_praktijk(make_leeratelier("Armoede"), "Werklab")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_praktijk(jip, "Werklab")


def test_a_role_cannot_start_in_the_future(jip, nijmegen):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="toekomst"):
        deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=tomorrow)


def test_changing_role_on_the_day_it_started_corrects_it_without_history(jip, nijmegen):
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE, on=MAART_2021)
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=MAART_2021)
    assert list(Deelname.objects.values_list("rol", "tot")) == [(Rol.ARENA, None)]


def test_the_same_role_again_can_update_the_contact(jip, nijmegen, make_persoon):
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=JANUARI_2020)
    contact = make_persoon("Contact Nijmegen")
    deelname_set_rol(organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, contactpersoon=contact)
    assert Deelname.objects.get().contactpersoon == contact


def test_a_finished_leeratelier_needs_an_end_date(make_leeratelier):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_leeratelier("Oud", status="afgerond")


def test_an_image_needs_a_description(make_leeratelier):
    leeratelier = make_leeratelier("Met beeld")
    leeratelier.afbeelding = "leerateliers/foto.jpg"
    with pytest.raises(ValidationError, match="Beschrijf wat er op de afbeelding staat"):
        leeratelier.clean()
