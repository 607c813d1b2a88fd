"""Lessen that travel: a regional les brings local lessen from praktijken in different
gemeenten together, each praktijk page shows where its les went, the leeratelier page shows
the regional lessen with the local ones beneath, and a regional les is announced on the
tribune once, like any tribune update."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from leerateliers import services
from leerateliers.models import (
    Abonnement,
    Frequentie,
    GeleerdeLes,
    Niveau,
    TribuneUpdate,
    UpdateStatus,
)
from tests.helpers import run_command
from werkplaats.links import absolute_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def loop(world, make_praktijk, make_gemeente, voorwaarden):
    """In atelier A: a local les in Lingewaard and one in Heumen, taken up by one regional
    les above the praktijken; a third local les that nothing took up."""
    lingewaard, heumen = make_gemeente("Lingewaard"), make_gemeente("Heumen")
    signaleren = make_praktijk(world.a, "Signaleren van armoede", gemeenten=[lingewaard])
    verhalenkamer = make_praktijk(world.a, "Verhalenkamer", gemeenten=[heumen])
    zien = services.les_save(
        les=GeleerdeLes(praktijk=signaleren, tekst="Je kunt niet zien of mensen in armoede leven.")
    )
    leefwereld = services.les_save(
        les=GeleerdeLes(praktijk=verhalenkamer, tekst="Begrijp eerst de leefwereld."),
        voorwaarden=[voorwaarden["sociale-inclusie"]],
    )
    los = services.les_save(
        les=GeleerdeLes(praktijk=signaleren, tekst="Niet advies geven, mensen willen het zelf.")
    )
    regionaal = services.les_save(
        les=GeleerdeLes(
            leeratelier=world.a,
            niveau=Niveau.REGIONAAL,
            tekst="Door gesprekken besef je pas wat armoede is.",
        ),
        bronnen=[zien, leefwereld],
    )
    return {
        "signaleren": signaleren,
        "verhalenkamer": verhalenkamer,
        "zien": zien,
        "leefwereld": leefwereld,
        "los": los,
        "regionaal": regionaal,
    }


def squeeze(response):
    return " ".join(response.content.decode().split())


# --- Where they show -------------------------------------------------------------------------


@pytest.mark.parametrize("praktijk", ["signaleren", "verhalenkamer"])
def test_each_praktijk_page_shows_its_les_and_the_regional_les_that_took_it_up(
    client, loop, praktijk
):
    page = squeeze(client.get(loop[praktijk].get_absolute_url()))
    regionaal = loop["regionaal"]
    own = loop["zien"] if praktijk == "signaleren" else loop["leefwereld"]
    assert f'id="les-{own.pk}"' in page
    assert "Opgepakt in de regionale les:" in page
    assert "Door gesprekken besef je pas wat armoede is." in page
    # The link goes to the regional les on the leeratelier page, at its anchor.
    assert f'href="/leerateliers/{loop["regionaal"].leeratelier.slug}/#les-{regionaal.pk}"' in page


def test_a_les_nothing_took_up_says_nothing_about_where_it_went(client, loop):
    page = client.get(loop["signaleren"].get_absolute_url()).content.decode()
    item = re.search(rf'<li class="lesson" id="les-{loop["los"].pk}">(.*?)</li>', page, re.S)
    assert "Opgepakt" not in item.group(1)


def test_leeratelier_page_shows_the_regional_les_with_its_local_lessen_beneath(client, loop):
    page = client.get(loop["regionaal"].leeratelier.get_absolute_url()).content.decode()
    regionaal_at = page.index(f'id="les-{loop["regionaal"].pk}"')
    nog_niet_at = page.index("Lokale lessen die nog niet zijn opgepakt")
    beneath = squeeze_text(page[regionaal_at:nog_niet_at])
    # Beneath the regional les: both local lessen, with their praktijk, gemeente and link.
    assert "Je kunt niet zien of mensen in armoede leven." in beneath
    assert "Signaleren van armoede</a> (Lingewaard)" in beneath
    assert "Verhalenkamer</a> (Heumen)" in beneath
    assert loop["zien"].get_absolute_url() in beneath
    assert loop["leefwereld"].get_absolute_url() in beneath
    # Only the les nothing took up is listed as not taken up, once.
    rest = page[nog_niet_at : page.index("</section>", nog_niet_at)]
    assert "Niet advies geven, mensen willen het zelf." in rest
    assert "Je kunt niet zien" not in rest
    assert page.count(f'id="les-{loop["zien"].pk}"') == 0  # shown beneath, linked, no anchor


def squeeze_text(html):
    return " ".join(html.split())


def test_a_regional_les_of_a_praktijk_shows_the_lessen_it_brings_together_there(
    client, world, loop
):
    loop["regionaal"].praktijk = loop["signaleren"]
    services.les_save(les=loop["regionaal"], bronnen=[loop["zien"], loop["leefwereld"]])
    page = squeeze(client.get(loop["signaleren"].get_absolute_url()))
    assert "Brengt samen, uit de lerende praktijken:" in page
    assert "Verhalenkamer</a> (Heumen)" in page
    assert loop["regionaal"].get_absolute_url().startswith(loop["signaleren"].get_absolute_url())


def test_lessen_without_a_praktijk_show_on_thema_and_voorwaarde_pages(
    client, loop, voorwaarden, make_thema
):
    loop["regionaal"].voorwaarden.set([voorwaarden["sociale-cohesie"]])
    page = client.get("/sociale-kwaliteit/sociale-cohesie/").content.decode()
    assert "Door gesprekken besef je pas wat armoede is." in page
    assert f'href="{loop["regionaal"].leeratelier.get_absolute_url()}"' in page


# --- The rules -------------------------------------------------------------------------------


def test_only_a_regional_les_brings_lessen_together(loop):
    with pytest.raises(ValidationError) as error:
        services.les_save(les=loop["los"], bronnen=[loop["zien"]])
    assert "Alleen een regionale les" in str(error.value)


def test_a_regional_les_brings_only_local_lessen_of_its_own_atelier_together(
    world, loop, make_praktijk
):
    elders = services.les_save(
        les=GeleerdeLes(praktijk=make_praktijk(world.b), tekst="Een les van een ander atelier.")
    )
    for bron in (elders, loop["regionaal"]):
        les = GeleerdeLes(leeratelier=world.a, niveau=Niveau.REGIONAAL, tekst="Nog een")
        with pytest.raises(ValidationError, match="lokale lessen uit de praktijken"):
            services.les_save(les=les, bronnen=[bron])
    assert not GeleerdeLes.objects.filter(tekst="Nog een").exists()


def test_a_local_les_that_was_taken_up_stays_local(loop):
    zien = loop["zien"]
    zien.niveau = Niveau.REGIONAAL
    with pytest.raises(ValidationError, match="blijft daarom lokaal"):
        services.les_save(les=zien)


def test_a_save_is_one_change_in_the_history_with_its_local_lessen(loop, world):
    regionaal = loop["regionaal"]
    regionaal.tekst = "Door gesprekken besef je pas echt wat armoede is."
    services.les_save(les=regionaal, bronnen=[loop["zien"]], door=world.trekker)
    records = list(regionaal.history.order_by("history_date", "history_id"))
    assert [record.history_type for record in records] == ["+", "~"]
    nieuwste = records[-1]
    assert nieuwste.history_user == world.trekker
    assert sorted(nieuwste.diff_against(records[0]).changed_fields) == ["bronnen", "tekst"]


# --- Announcing on the tribune ---------------------------------------------------------------


def les_form(les=None, **fields):
    data = {
        "tekst": les.tekst if les else "",
        "niveau": les.niveau if les else Niveau.REGIONAAL,
        "praktijk": les.praktijk_id or "" if les else "",
        "geleerd_on": les.geleerd_on.isoformat() if les else "2021-03-01",
        "bronnen": [str(bron.pk) for bron in les.bronnen.all()] if les else [],
    }
    data.update(fields)
    return data


@pytest.fixture
def readers(world, make_user):
    """A follower of A, and one who chose "nooit" for it; the partners' contactpersonen (on
    the tribune and in the arena of A) come from the world."""
    volger = make_user("volger@example.nl")
    Abonnement.objects.create(user=volger, leeratelier=world.a)
    stil = make_user("stil@example.nl")
    Abonnement.objects.create(user=stil, leeratelier=world.a, frequentie=Frequentie.NOOIT)
    return {"volger": volger, "stil": stil}


def test_announcing_a_regional_les_emails_each_reader_once_and_never_again(
    client, world, loop, readers, mailoutbox, django_capture_on_commit_callbacks
):
    regionaal = loop["regionaal"]
    url = f"/mijn/leerateliers/{world.a.slug}/lessen/{regionaal.pk}/bewerken/"
    client.force_login(world.trekker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, les_form(regionaal, aankondigen="on"))
    assert response.status_code == 302

    update = TribuneUpdate.objects.get()
    regionaal.refresh_from_db()
    assert regionaal.aankondiging == update
    assert update.status == UpdateStatus.GEPUBLICEERD
    assert update.auteur == world.carinda
    assert update.titel == "Nieuwe regionale les: Door gesprekken besef je pas wat armoede is."
    # The les, its local lessen with their praktijken and gemeenten, links to the site.
    assert "> Door gesprekken besef je pas wat armoede is." in update.tekst
    assert "(Lingewaard): “Je kunt niet zien of mensen in armoede leven.”" in update.tekst
    assert "(Heumen): “Begrijp eerst de leefwereld.”" in update.tekst
    assert f"[Verhalenkamer]({absolute_url(loop['leefwereld'].get_absolute_url())})" in (
        update.tekst
    )
    assert f"{world.a.get_absolute_url()}#les-{regionaal.pk})" in update.tekst

    addressees = sorted(address for message in mailoutbox for address in message.to)
    assert addressees == ["andere@example.nl", "contact@example.nl", "volger@example.nl"]
    assert all(update.titel in message.subject for message in mailoutbox)

    # Saving again, ticked or not, announces nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, les_form(regionaal, aankondigen="on", tekst="Een betere zin."))
    assert TribuneUpdate.objects.count() == 1
    assert len(mailoutbox) == 3
    page = client.get(url).content.decode()
    assert "Aankondigen op de tribune" not in page
    assert "aangekondigd op de tribune" in page


def test_a_local_les_is_never_announced(client, world, loop, readers, mailoutbox):
    url = f"/mijn/leerateliers/{world.a.slug}/lessen/{loop['los'].pk}/bewerken/"
    client.force_login(world.trekker)
    response = client.post(url, les_form(loop["los"], aankondigen="on"))
    assert response.status_code == 302
    assert not TribuneUpdate.objects.exists()


def test_the_announcement_page_links_back_to_the_les(client, world, loop):
    update = services.les_announce(les=loop["regionaal"], door=world.trekker)
    page = client.get(update.get_absolute_url()).content.decode()
    assert f"{world.a.get_absolute_url()}#les-{loop['regionaal'].pk}" in page


# --- What the pages cost ---------------------------------------------------------------------


def grow(world, loop, make_praktijk, make_gemeente, count):
    """``count`` more praktijken in gemeenten of their own and as many more lessen in
    Signaleren, all local, taken up by one more regional les of Signaleren."""
    bronnen = []
    for number in range(count):
        praktijk = make_praktijk(world.a, gemeenten=[make_gemeente()])
        for waar in (praktijk, loop["signaleren"]):
            les = GeleerdeLes(praktijk=waar, tekst=f"Lokaal {waar.pk}-{number}")
            bronnen.append(services.les_save(les=les))
    les = GeleerdeLes(praktijk=loop["signaleren"], niveau=Niveau.REGIONAAL, tekst="Regio")
    services.les_save(les=les, bronnen=bronnen)


@pytest.mark.parametrize("pagina", ["leeratelier", "praktijk"])
def test_pages_cost_the_same_queries_with_more_lessen(
    world, loop, make_praktijk, make_gemeente, django_assert_num_queries, pagina
):
    # The regional les on the praktijk page too, so that page shows lessen of both kinds.
    loop["regionaal"].praktijk = loop["signaleren"]
    services.les_save(les=loop["regionaal"], bronnen=[loop["zien"], loop["leefwereld"]])
    path = (world.a if pagina == "leeratelier" else loop["signaleren"]).get_absolute_url()
    client = Client()
    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(world, loop, make_praktijk, make_gemeente, 8)
    with django_assert_num_queries(len(few)):
        assert client.get(path).status_code == 200
    assert len(few) <= 14


# --- The demo --------------------------------------------------------------------------------


def test_the_demo_has_a_regional_les_that_says_its_local_lessen_are_an_example(client):
    run_command("load_demo")
    regionaal = GeleerdeLes.objects.get(
        leeratelier__slug="armoede-en-schulden", niveau=Niveau.REGIONAAL, praktijk=None
    )
    assert regionaal.tekst.startswith("Door gesprekken besef je pas wat armoede eigenlijk is.")
    assert "Voorbeeld" in regionaal.tekst  # the choice of local lessen is made up
    assert {bron.praktijk.slug for bron in regionaal.bronnen.all()} == {
        "signaleren-bespreken-en-doorbreken-van-armoede",
        "verhalenkamer-armoede",
    }
    assert regionaal.history.count() == 1  # created through the service, in one record
    run_command("load_demo")  # loading again changes nothing
    assert regionaal.bronnen.count() == 2
    assert GeleerdeLes.objects.filter(tekst=regionaal.tekst).count() == 1
