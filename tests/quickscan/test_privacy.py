"""Personal data of the quick scan: an invitation's name and address, the account that started
a scan, and who changed the set; in the download in one query, and gone with the account."""

import pytest
from allauth.account.models import EmailAddress

from quickscan import privacy, services
from quickscan.models import Respondent, Scan, Vragenset, Waarde

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(qs, answer):
    """The contactpersoon is invited twice (at the account's address and, in other letters, at
    another address of the account); someone else once."""
    EmailAddress.objects.create(user=qs.contact, email="ilse.jacobs@example.nl", verified=True)
    own = answer(qs.scan, "Bibliotheek", waarden={"sociale-cohesie": [Waarde.WEET_NIET, 4]})
    other_address = answer(qs.scan, "Wijkteam", send=False)
    someone = answer(qs.scan, "Buurtteam")
    for respondent, naam, email in [
        (own, "Ilse Jacobs", qs.contact.email.upper()),
        (other_address, "Ilse J.", "Ilse.Jacobs@example.nl"),
        (someone, "Piet Buurt", "piet@buurtteam.example.nl"),
    ]:
        Respondent.objects.filter(pk=respondent.pk).update(naam=naam, email=email)
    services.antwoorden_opslaan(
        respondent=other_address,
        voorwaarde=qs.vragenset.vragen.first().voorwaarde,
        antwoorden={},
        opmerking="Wij zien dit anders.",
    )
    return own, other_address, someone


def test_the_download_has_the_invitations_with_their_answers(qs, invited):
    data = privacy.export(qs.contact)

    uitnodigingen = data["quickscan_uitnodigingen"]
    assert sorted(u["organisatie"] for u in uitnodigingen) == ["Bibliotheek", "Wijkteam"]
    own = next(u for u in uitnodigingen if u["organisatie"] == "Bibliotheek")
    assert own["naam"] == "Ilse Jacobs" and own["scan"] == "Heumen"
    assert own["verstuurd_op"] is not None
    assert len(own["antwoorden"]) == qs.vragenset.vragen.count()
    cohesie = [a for a in own["antwoorden"] if a["voorwaarde"] == "Sociale cohesie"]
    assert [a["antwoord"] for a in cohesie] == ["Weet niet", "Eens"]
    other = next(u for u in uitnodigingen if u["organisatie"] == "Wijkteam")
    assert other["opmerkingen"] == [
        {"voorwaarde": "Sociaaleconomische zekerheid", "opmerking": "Wij zien dit anders."}
    ]
    assert "Piet Buurt" not in str(data)

    assert [s["scan"] for s in data["quickscans_gestart"]] == ["Heumen"]


def test_the_download_has_the_changes_to_the_set(qs):
    concept = Vragenset(titel="Vragenset 2027", slug="2027")
    concept._history_user = qs.commissie  # as the admin records who changed it
    concept.save()
    changes = privacy.export(qs.commissie)["wijzigingen_in_de_quickscan"]
    assert changes == [
        {
            "wat": "vragenset",
            "nummer": concept.pk,
            "wijziging": "aangemaakt",
            "op": changes[0]["op"],
        }
    ]
    assert privacy.export(qs.contact)["wijzigingen_in_de_quickscan"] == []


def test_the_download_reads_everything_in_one_query(qs, invited, django_assert_num_queries):
    with django_assert_num_queries(1):
        privacy.export(qs.contact)


def test_erasing_clears_the_invitations_and_who_started_the_scan(qs, invited):
    own, other_address, someone = invited
    privacy.erase(qs.contact)

    for respondent in (own, other_address):
        respondent.refresh_from_db()
        assert (respondent.naam, respondent.email) == ("", "")
        assert respondent.organisatie_label  # who answered stays known by organisation
    assert own.antwoorden.count() == qs.vragenset.vragen.count()  # the answers still count
    someone.refresh_from_db()
    assert someone.email == "piet@buurtteam.example.nl"
    assert Scan.objects.get(pk=qs.scan.pk).gestart_door is None
    assert not Scan.history.filter(gestart_door=qs.contact).exists()


def test_deleting_the_account_leaves_nothing_that_points_at_it(qs, invited):
    from portaal.services import account_delete

    Scan.objects.filter(pk=qs.scan.pk).update(wijk="Malden")
    scan = Scan.objects.get(pk=qs.scan.pk)
    scan._history_user = qs.contact
    scan.save()
    pk = qs.contact.pk
    account_delete(user=qs.contact)

    assert not Scan.history.filter(gestart_door_id=pk).exists()
    assert not Scan.history.filter(history_user_id=pk).exists()
    assert not Respondent.objects.filter(email__iexact="ilse@heumen.example.nl").exists()
    assert Scan.objects.get(pk=scan.pk).respondenten.count() == 3


def test_closing_a_scan_clears_every_name_and_address(qs, invited):
    services.scan_sluiten(scan=qs.scan)
    assert not Respondent.objects.exclude(naam="", email="").exists()
    assert privacy.export(qs.contact)["quickscan_uitnodigingen"] == []
