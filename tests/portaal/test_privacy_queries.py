"""The personal-data download reads each app's tables together, so /mijn/gegevens/ stays
within the signed-in pages' query ceiling for a user who has data in every app, and does not
grow with the number of rows."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.services import meldingsvoorkeur_set
from bijeenkomsten import notifications
from bijeenkomsten import services as bijeenkomsten_services
from kennisagenda.models import Kwestie
from leerateliers.models import (
    Abonnement,
    Deelname,
    Frequentie,
    GeleerdeLes,
    LerendePraktijk,
    Melding,
)
from leerateliers.services import les_save, praktijk_save
from nieuwsbrief.models import Afmelding, Bezorging, Editie, EditieStatus
from nieuwsbrief.services import inschrijving_account
from quickscan import services as quickscan_services
from quickscan.models import Vraag, Vragenset
from reacties import services as reacties_services
from reacties.models import Soort
from werkplaats.models import (
    Gemeente,
    Privacyverklaring,
    Subregio,
    UitgaandeMail,
    Voorwaarde,
)

pytestmark = pytest.mark.django_db

# The session, the user, and one query for each app's export but three for accounts (addresses
# with choices, koppelingen, second factors) and two for bijeenkomsten; the signed-in pages'
# ceiling is 15.
DOWNLOAD_QUERIES = 13


def quickscan_round(user, address, n):
    """A scan the user started and an invitation to answer one, at one of their addresses."""
    vragenset = Vragenset.objects.current()
    if vragenset is None:
        vragenset = Vragenset.objects.create(titel="Vragenset", slug="vragenset")
        for voorwaarde in Voorwaarde.objects.all():
            Vraag.objects.create(
                vragenset=vragenset, voorwaarde=voorwaarde, stelling=voorwaarde.naam
            )
        vragenset = quickscan_services.vragenset_adopt(vragenset=vragenset)
    gemeente, _created = Gemeente.objects.get_or_create(
        naam="Heumen", defaults={"subregio": Subregio.RIJK_VAN_NIJMEGEN, "cbs_code": "GM0252"}
    )
    scan = quickscan_services.scan_start(
        gemeente=gemeente,
        periode_van=datetime.date(2026, n, 1),
        periode_tot=datetime.date(2026, n, 28),
        door=user,
    )
    quickscan_services.respondent_add(
        scan=scan, organisatie_naam="Buurtteam", naam="Carinda Jansen", email=address
    )


def give_data_in_every_app(world, make_update, make_bijeenkomst, n):
    """Rows in every app for the trekker (Carinda), the ``n``-th round of them."""
    user, carinda = world.trekker, world.carinda
    UitgaandeMail.objects.create(
        sleutel=f"voorbeeld-{n}", user=user, aan=user.email, onderwerp=f"Voorbeeld {n}"
    )
    make_update(world.a, titel=f"Verhalenkamer {n}", auteur=carinda)
    praktijk = LerendePraktijk(leeratelier=world.a, titel=f"Verhalenkamer Nijmegen {n}")
    praktijk_save(praktijk=praktijk, door=user)
    les_save(les=GeleerdeLes(praktijk=praktijk, tekst="Luister eerst."), door=user)
    update = make_update(world.b, titel=f"JIP {n}")
    Melding.objects.create(user=user, update=update, frequentie=Frequentie.DIRECT)
    kwestie = Kwestie(naam=f"Armoede en schulden {n}")
    kwestie._history_user = user  # as the admin's middleware records it
    kwestie.save()
    bijeenkomst = make_bijeenkomst(f"Arenabijeenkomst {n}")
    bijeenkomsten_services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
    bericht = bijeenkomsten_services.bijeenkomst_message(
        bijeenkomst=bijeenkomst, onderwerp=f"Zaal {n}", tekst="2.12"
    )
    notifications.send_bericht(bericht.pk)
    address = f"c.jansen{n}@example.nl"
    EmailAddress.objects.create(user=user, email=address, verified=True)
    Afmelding.objects.create(email=address)
    editie = Editie.objects.create(
        titel=f"Nieuwsbrief {n}",
        slug=f"nieuwsbrief-{n}",
        status=EditieStatus.VERZONDEN,
        verzonden_at=timezone.now(),
    )
    Bezorging.objects.create(editie=editie, email=user.email, verzonden_at=timezone.now())
    reacties_services.reactie_create(
        doel=world.a,
        soort=Soort.voor(world.a)[0],
        naam="Carinda Jansen",
        email=address,
        bericht=f"Ik doe mee ({n}).",
    )
    quickscan_round(user, address, n)


@pytest.fixture
def rich(world, make_update, make_bijeenkomst):
    """The trekker with data in every app: a profile, groups, emails about events, email
    addresses, a koppeling, email choices, a follow, an update email, a role, a deelname
    they are contactpersoon of, an update they wrote, changes to a praktijk, a les and the
    kennisagenda, a registration and a message about it, a nieuwsbrief subscription, a
    refusal and an edition received, and a reaction."""
    Privacyverklaring.objects.create(
        versie=1,
        geldig_vanaf=timezone.localdate() - datetime.timedelta(days=30),
        tekst="# Wie is verantwoordelijk?\n\nDe werkplaats.",
    )
    user = world.trekker
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    meldingsvoorkeur_set(user=user, deelnames=False)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    Abonnement.objects.create(user=user, leeratelier=world.b)
    Deelname.objects.filter(leeratelier=world.a).update(contactpersoon=world.carinda)
    inschrijving_account(user=user, pagina="/mijn/")
    give_data_in_every_app(world, make_update, make_bijeenkomst, 1)
    return lambda n: give_data_in_every_app(world, make_update, make_bijeenkomst, n)


def download(client):
    response = client.get("/mijn/gegevens/")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_download_of_a_user_with_data_in_every_app_stays_within_its_queries(
    client, world, rich, django_assert_max_num_queries
):
    client.force_login(world.trekker)
    client.get("/")  # the site profile cached, as on every page after the first

    with django_assert_max_num_queries(DOWNLOAD_QUERIES):
        data = download(client)

    assert data["account"]["groepen"] == ["Onderzoeker"]
    assert data["profiel"]["naam"] == "Carinda Jansen"
    for section in (
        "e-mails_over_gebeurtenissen",
        "e-mailadressen",
        "koppelingen",
        "e-mailvoorkeuren",
        "tweede_stap",
        "leerateliers",
        "verstuurde_meldingen",
        "wijzigingen_in_praktijken_en_lessen",
        "wijzigingen_in_de_kennisagenda",
        "aanmeldingen_voor_bijeenkomsten",
        "ontvangen_berichten",
        "nieuwsbrief_inschrijvingen",
        "nieuwsbrief_afgemelde_adressen",
        "ontvangen_edities",
        "reacties_van_bezoekers",
        "quickscan_uitnodigingen",
        "quickscans_gestart",
    ):
        assert data[section], section
    for section in ("rollen_in_leerateliers", "contactpersoon_van_deelnames", "tribune-updates"):
        assert data["profiel"][section], section


def test_more_rows_in_every_app_take_no_more_queries(
    client, world, rich, django_assert_max_num_queries
):
    client.force_login(world.trekker)
    client.get("/")
    before = download(client)
    rich(2)
    rich(3)

    with django_assert_max_num_queries(DOWNLOAD_QUERIES):
        after = download(client)

    mails = [m["onderwerp"] for m in after["e-mails_over_gebeurtenissen"]]
    assert [onderwerp for onderwerp in mails if onderwerp.startswith("Voorbeeld")] == [
        "Voorbeeld 3",  # newest first
        "Voorbeeld 2",
        "Voorbeeld 1",
    ]
    assert len(after["profiel"]["tribune-updates"]) == len(before["profiel"]["tribune-updates"]) + 2
    assert [c["wat"] for c in after["wijzigingen_in_praktijken_en_lessen"]] == [
        "lerende praktijk",
        "geleerde les",
    ] * 3
    assert len(after["reacties_van_bezoekers"]) == 3
    assert len(after["quickscan_uitnodigingen"]) == 3
    assert len(after["quickscans_gestart"]) == 3
