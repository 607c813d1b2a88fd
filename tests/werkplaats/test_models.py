"""Rules the database holds for the network core, and the seeded voorwaarden."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from werkplaats.models import Gemeente, Organisatie, Thema, User, Voorwaarde

pytestmark = pytest.mark.django_db


def test_the_four_voorwaarden_come_from_the_data_migration_in_order():
    voorwaarden = list(Voorwaarde.objects.values_list("naam", "samenvatting"))
    assert [naam for naam, _ in voorwaarden] == [
        "Sociaaleconomische zekerheid",
        "Sociale inclusie",
        "Sociale cohesie",
        "Sociale empowerment",
    ]
    assert voorwaarden[0][1].startswith("Basisbehoeften zoals werk, inkomen, wonen")
    assert all(Voorwaarde.objects.values_list("beschrijving", flat=True))


def test_slug_is_derived_from_the_name_when_left_empty(make_gemeente):
    gemeente = make_gemeente("Mill en Sint Hubert")
    assert gemeente.slug == "mill-en-sint-hubert"
    assert gemeente.get_absolute_url() == "/gemeenten/mill-en-sint-hubert/"


def test_gemeente_refuses_a_malformed_cbs_code(make_gemeente):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_gemeente("Nergenshuizen", cbs_code="0268")


def test_gemeente_refuses_an_unknown_subregio(make_gemeente):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_gemeente("Nergenshuizen", subregio="randstad")


def test_cbs_code_is_unique(make_gemeente):
    make_gemeente("Nijmegen", cbs_code="GM0268")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_gemeente("Nijmegen-Oost", cbs_code="GM0268")


def test_organisatie_refuses_an_unknown_soort(make_organisatie):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisatie("Ergens", soort="bank")


def test_organisatie_cannot_be_part_of_itself(make_organisatie):
    organisatie = make_organisatie("HAN")
    organisatie.onderdeel_van = organisatie
    with pytest.raises(ValidationError):
        organisatie.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        organisatie.save()


def test_slugs_are_unique_per_kind(make_organisatie):
    make_organisatie("Movisie")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(naam="Movisie (landelijk)", slug="movisie", soort="welzijn")


def test_thema_is_mapped_to_voorwaarden(make_thema):
    cohesie = Voorwaarde.objects.get(slug="sociale-cohesie")
    thema = make_thema("Eenzaamheid", voorwaarden=[cohesie], is_landelijk_hoofdthema=False)
    assert list(cohesie.themas.all()) == [thema]
    assert list(Thema.objects.landelijk()) == []


def test_users_sign_in_with_their_email_address_case_insensitively():
    user = User.objects.create_user("Lisbeth.Verharen@HAN.nl", "een lang wachtwoord")
    assert user.email == "lisbeth.verharen@han.nl"
    assert User.USERNAME_FIELD == "email"
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("LISBETH.VERHAREN@han.nl", "nog een wachtwoord")


def test_superuser_is_staff():
    admin = User.objects.create_superuser("beheer@example.nl", "geheim-en-lang")
    assert admin.is_staff and admin.is_superuser


def test_gemeenten_are_grouped_by_subregio_in_a_fixed_order(make_gemeente):
    make_gemeente("Venlo", subregio="noord-limburg")
    make_gemeente("Duiven", subregio="de-liemers")
    make_gemeente("Zevenaar", subregio="de-liemers")
    groups = Gemeente.objects.all().grouped_by_subregio()
    assert [(subregio.label, [g.naam for g in gemeenten]) for subregio, gemeenten in groups] == [
        ("De Liemers", ["Duiven", "Zevenaar"]),
        ("Noord-Limburg", ["Venlo"]),
    ]
