"""New geleerde lessen appear in the next edition's proposal: what was recorded since the
previous edition, also a les dated earlier, and a regional les above the praktijken in its
leeratelier's rubriek with a link to it."""

import datetime

import pytest
from django.utils import timezone

from leerateliers import services as leerateliers_services
from leerateliers.models import GeleerdeLes, Niveau
from nieuwsbrief import content, services
from nieuwsbrief.models import Editie, EditieStatus, ItemSoort

from .builders import editie

pytestmark = pytest.mark.django_db


@pytest.fixture
def vorige(world):
    """An edition sent a month ago."""
    sent = editie("Vorige", aan_alle_abonnees=True)
    Editie.objects.filter(pk=sent.pk).update(
        status=EditieStatus.VERZONDEN, verzonden_at=timezone.now() - datetime.timedelta(days=30)
    )
    return sent


def proposed_lessen(made):
    return [item.les for item in made.items.filter(soort=ItemSoort.LES).order_by("volgorde")]


def test_the_proposal_holds_a_les_recorded_since_the_last_edition_even_if_dated_earlier(
    world, vorige, make_praktijk
):
    praktijk = make_praktijk(world.a, "Verhalenkamer")
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    old = leerateliers_services.les_save(
        les=GeleerdeLes(praktijk=praktijk, tekst="Al eerder voorgesteld", geleerd_on=long_ago)
    )
    GeleerdeLes.objects.filter(pk=old.pk).update(
        aangemaakt_at=timezone.now() - datetime.timedelta(days=60)
    )
    new = leerateliers_services.les_save(
        les=GeleerdeLes(praktijk=praktijk, tekst="Pas opgeschreven", geleerd_on=long_ago)
    )
    made = editie("December")
    services.editie_prefill(editie=made)
    assert proposed_lessen(made) == [new]


def test_a_regional_les_above_the_praktijken_is_proposed_in_its_leeratelier_with_its_link(
    world, vorige
):
    regionaal = leerateliers_services.les_save(
        les=GeleerdeLes(leeratelier=world.a, niveau=Niveau.REGIONAAL, tekst="Samen geleerd")
    )
    made = editie("December", aan_alle_abonnees=True)
    services.editie_prefill(editie=made)
    [item] = made.items.filter(soort=ItemSoort.LES)
    assert (item.les, item.leeratelier) == (regionaal, world.a)

    [rubriek] = content.rubrieken(made)
    assert rubriek.leeratelier == world.a
    [onderdeel] = rubriek.onderdelen
    assert onderdeel.titel == world.a.titel
    assert onderdeel.url == f"{world.a.get_absolute_url()}#les-{regionaal.pk}"
    assert onderdeel.tekst == "Samen geleerd"
