"""A visitor's reactions are in the personal-data download of an account with that address and
go with the account; a trekker's name goes from the reactions they dealt with."""

import pytest
from allauth.account.models import EmailAddress

from portaal.services import account_delete, personal_data
from reacties import services
from reacties.models import Reactie, Soort, Status

pytestmark = pytest.mark.django_db


def reactie(doel, email, naam="Anna de Boer"):
    return services.reactie_create(
        doel=doel, soort=Soort.voor(doel)[0], naam=naam, email=email, bericht="Ik doe mee."
    )


def test_the_download_holds_the_reactions_sent_under_the_accounts_addresses(
    world, verklaring, make_user
):
    user = make_user("Anna@Example.nl")
    EmailAddress.objects.create(user=user, email="anna.werk@example.nl", verified=True)
    reactie(world.a, "anna@example.nl")
    reactie(world.b, "anna.werk@example.nl")
    reactie(world.a, "iemand.anders@example.nl", naam="Iemand anders")

    data = personal_data(user)["reacties_van_bezoekers"]
    assert sorted(row["e-mailadres"] for row in data) == [
        "anna.werk@example.nl",
        "anna@example.nl",
    ]
    row = next(row for row in data if row["e-mailadres"] == "anna@example.nl")
    assert row["over"] == world.a.titel
    assert row["soort"] == "Meedoen of meepraten" and row["bericht"] == "Ik doe mee."
    assert row["versie_van_de_privacyverklaring"] == 3


def test_deleting_the_account_erases_its_reactions_and_the_trekkers_name(
    world, verklaring, make_user
):
    user = make_user("anna@example.nl")
    eigen = reactie(world.a, "anna@example.nl")
    ander = reactie(world.a, "bert@example.nl", naam="Bert")
    services.reactie_status_set(reactie=ander, status=Status.AFGEROND, door=world.trekker)

    account_delete(user=user)
    assert not Reactie.objects.filter(pk=eigen.pk).exists()

    account_delete(user=world.trekker)
    ander.refresh_from_db()
    assert ander.behandeld_door is None and ander.status == Status.AFGEROND
