"""A leeratelier's page with its publicaties and bijeenkomsten, the partner, gemeente and
persoon pages with what runs there, and what all these pages cost in queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from leerateliers.models import (
    Deelname,
    GeleerdeLes,
    Leeratelier,
    Rol,
    TrekkerRol,
    Trekkerschap,
    TribuneUpdate,
    UpdateStatus,
    Vraagstuk,
)
from leerateliers.services import deelname_set_rol
from werkplaats.models import Organisatie, Persoon

pytestmark = pytest.mark.django_db


def test_detail_shows_vraagstukken_trekkers_partners_praktijken_lessen_and_updates(
    client, ateliers, make_organisatie, make_praktijk, make_update, voorwaarden, make_gemeente
):
    armoede = ateliers["armoede"]
    Vraagstuk.objects.create(leeratelier=armoede, tekst="Hoe signaleren we armoede?", volgorde=2)
    Vraagstuk.objects.create(leeratelier=armoede, tekst="Wat werkt en geeft energie?", volgorde=1)
    zorgalliantie = make_organisatie("Zorgalliantie")
    movisie = make_organisatie("Movisie")
    Deelname.objects.create(organisatie=zorgalliantie, leeratelier=armoede, rol=Rol.ARENA)
    Deelname.objects.create(organisatie=movisie, leeratelier=armoede, rol=Rol.TRIBUNE)
    praktijk = make_praktijk(armoede, "Verhalenkamer", gemeenten=armoede.gemeenten.all())
    elders = [make_gemeente("Overbetuwe"), make_gemeente("Duiven")]
    make_praktijk(armoede, "Zakgeldproject", gemeenten=elders)
    les = GeleerdeLes.objects.create(praktijk=praktijk, tekst="Niet advies geven.")
    les.voorwaarden.set([voorwaarden["sociale-empowerment"]])
    make_update(armoede, "Podcast over armoede")
    make_update(armoede, "Geheim concept", status=UpdateStatus.CONCEPT)

    response = client.get(armoede.get_absolute_url())
    content = response.content.decode()
    assert [v.tekst for v in armoede.vraagstukken.all()] == [
        "Wat werkt en geeft energie?",
        "Hoe signaleren we armoede?",
    ]
    assert content.index("Wat werkt en geeft energie?") < content.index("Hoe signaleren")
    assert 'href="mailto:c.jansen@example.nl"' in content
    assert [d.organisatie.naam for d in response.context["leeratelier"].arena] == ["Zorgalliantie"]
    assert [d.organisatie.naam for d in response.context["leeratelier"].tribune] == ["Movisie"]
    # Each praktijk card names its own gemeenten (in name order on PostgreSQL).
    assert re.search(
        r"Verhalenkamer.*?Lopend · (Heumen, Lingewaard|Lingewaard, Heumen)", content, re.S
    )
    assert re.search(
        r"Zakgeldproject.*?Lopend · (Duiven, Overbetuwe|Overbetuwe, Duiven)", content, re.S
    )
    assert "Niet advies geven." in content
    assert "Podcast over armoede" in content
    assert "Geheim concept" not in content
    assert 'href="/feeds/leerateliers/armoede-en-schulden/"' in content


def test_partner_page_tells_the_role_history(client, ateliers, make_organisatie):
    nijmegen = make_organisatie("Gemeente Nijmegen", soort="gemeente")
    jip = ateliers["eenzaam"]
    deelname_set_rol(
        organisatie=nijmegen, leeratelier=jip, rol=Rol.TRIBUNE, on=datetime.date(2020, 1, 1)
    )
    deelname_set_rol(
        organisatie=nijmegen, leeratelier=jip, rol=Rol.ARENA, on=datetime.date(2021, 3, 1)
    )
    content = " ".join(client.get(nijmegen.get_absolute_url()).content.decode().split())
    assert (
        "<strong>arena sinds maart 2021</strong>, daarvoor tribune van januari 2020 tot maart 2021"
        in content
    )


def test_gemeente_and_persoon_pages_show_leerateliers_and_praktijken(
    client, ateliers, make_praktijk, make_update
):
    armoede = ateliers["armoede"]
    make_praktijk(
        armoede, "Signaleren en doorbreken", gemeenten=armoede.gemeenten.filter(naam="Lingewaard")
    )
    trekker = armoede.trekkerschappen.get().persoon
    make_update(armoede, "Tussenstand", auteur=trekker)

    gemeente = client.get("/gemeenten/lingewaard/").content.decode()
    assert "Armoede en schulden" in gemeente and "Signaleren en doorbreken" in gemeente
    persoon = client.get(trekker.get_absolute_url()).content.decode()
    assert "Armoede en schulden" in persoon
    assert "Trekker" in persoon
    assert "Signaleren en doorbreken" in persoon
    assert "Tussenstand" in persoon


def test_a_gemeente_page_shows_its_partners_in_arenas_and_tribunes_and_its_bijeenkomsten(
    client, ateliers, make_organisatie, make_bijeenkomst
):
    from leerateliers.models import Rol
    from leerateliers.services import deelname_set_rol

    lingewaard = ateliers["armoede"].gemeenten.get(naam="Lingewaard")
    gemeente = make_organisatie("Gemeente Lingewaard", soort="gemeente", gemeente=lingewaard)
    deelname_set_rol(organisatie=gemeente, leeratelier=ateliers["armoede"], rol=Rol.ARENA)
    deelname_set_rol(organisatie=gemeente, leeratelier=ateliers["eenzaam"], rol=Rol.TRIBUNE)
    make_bijeenkomst("Leerkring in Huissen", days=-40, gemeente=lingewaard)
    make_bijeenkomst("Leerkring in Bemmel", days=-10, gemeente=lingewaard)
    make_bijeenkomst("Volgende leerkring", days=30, gemeente=lingewaard)
    make_bijeenkomst("Eerstvolgende leerkring", days=3, gemeente=lingewaard)
    make_bijeenkomst("Elders", days=-40)

    page = client.get("/gemeenten/lingewaard/").content.decode()
    rollen = page.split("In arena")[1].split("Bijeenkomsten in deze")[0]
    assert "Gemeente Lingewaard" in rollen
    assert "Arena" in rollen and "Armoede en schulden" in rollen
    assert "Tribune" in rollen and ateliers["eenzaam"].titel in rollen
    assert "Elders" not in page
    order = [
        "Eerstvolgende leerkring",
        "Volgende leerkring",
        "Leerkring in Bemmel",
        "Leerkring in Huissen",
    ]
    assert sorted(order, key=page.index) == order  # coming ones soonest first, then the past
    heumen = client.get("/gemeenten/heumen/").content.decode()
    assert "Nog geen organisatie uit deze gemeente zit in een arena" in heumen
    assert "Hier is nog geen bijeenkomst gehouden." in heumen


def meedoen(page):
    return page.split("Meedoen?")[1].split("</div>")[0]


def test_a_leeratelier_without_trekker_asks_for_one_and_points_to_the_werkplaats(client, ateliers):
    page = client.get(ateliers["evalueren"].get_absolute_url()).content.decode()
    assert "Trekker gezocht." in page
    assert 'href="/contact/"' in meedoen(page)  # never a dead end
    assert "Laat het de trekker weten" not in page


def test_meedoen_tells_each_visitor_their_next_step(client, world):
    world.a.contact_email = "carinda.jansen@example.nl"
    world.a.save()
    url = world.a.get_absolute_url()

    anonymous = meedoen(client.get(url).content.decode())
    assert 'href="mailto:carinda.jansen@example.nl"' in anonymous
    assert 'href="/accounts/signup/"' in anonymous and 'href="/accounts/login/"' in anonymous

    client.force_login(world.partner)
    partner = meedoen(client.get(url).content.decode())
    assert 'href="/mijn/"' in partner and "kies je zelf de rol van je organisatie" in partner
    assert "/accounts/signup/" not in partner


def grow(ateliers, make_organisatie, make_praktijk, make_persoon, voorwaarden, count):
    """``count`` partners and praktijken (with lessen) around the armoede atelier, and as many
    extra leerateliers for Zorgalliantie and Carinda Jansen (the partner and persoon pages)."""
    armoede = ateliers["armoede"]
    zorgalliantie = Organisatie.objects.get(slug="zorgalliantie")
    carinda = Persoon.objects.get(slug="carinda-jansen")
    for number in range(count):
        extra = Leeratelier.objects.create(
            titel=f"Extra {zorgalliantie.pk}-{number}-{count}", samenvatting="S"
        )
        Deelname.objects.create(organisatie=zorgalliantie, leeratelier=extra, rol=Rol.TRIBUNE)
        Trekkerschap.objects.create(persoon=carinda, leeratelier=extra)
        TribuneUpdate.objects.create(
            leeratelier=extra,
            auteur=carinda,
            titel="U",
            tekst="T",
            status=UpdateStatus.GEPUBLICEERD,
        )
        organisatie = make_organisatie()
        Deelname.objects.create(
            organisatie=organisatie,
            leeratelier=armoede,
            rol=Rol.ARENA if number % 2 else Rol.TRIBUNE,
        )
        praktijk = make_praktijk(armoede, gemeenten=armoede.gemeenten.all(), partners=[organisatie])
        les = GeleerdeLes.objects.create(praktijk=praktijk, tekst="Een les.")
        les.voorwaarden.set(voorwaarden.values())
        Trekkerschap.objects.create(
            persoon=make_persoon(organisatie=organisatie),
            leeratelier=armoede,
            rol=TrekkerRol.ONDERZOEKER,
        )


PAGES = [
    "/",
    "/leerateliers/",
    "/leerateliers/?gemeente=heumen&voorwaarde=sociale-inclusie",
    "/leerateliers/armoede-en-schulden/",
    "/feeds/leerateliers/armoede-en-schulden/",
    "/gemeenten/heumen/",
    "/sociale-kwaliteit/sociale-inclusie/",
    "/leerateliers/armoede-en-schulden/praktijken/verhalenkamer/",
    "/partners/zorgalliantie/",
    "/personen/carinda-jansen/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_use_the_same_number_of_queries_with_5_and_with_50_partners_and_praktijken(
    path, ateliers, make_organisatie, make_praktijk, make_persoon, make_update, voorwaarden,
    django_assert_num_queries,
):  # fmt: skip
    make_update(ateliers["armoede"], "Nieuws", auteur=Trekkerschap.objects.get().persoon)
    make_praktijk(
        ateliers["armoede"], "Verhalenkamer", partners=[make_organisatie("Zorgalliantie")]
    )
    grow(ateliers, make_organisatie, make_praktijk, make_persoon, voorwaarden, 5)
    client = Client()
    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as with_five:
        assert client.get(path).status_code == 200
    grow(ateliers, make_organisatie, make_praktijk, make_persoon, voorwaarden, 45)
    with django_assert_num_queries(len(with_five)):
        assert client.get(path).status_code == 200
    assert len(with_five) <= 15


def test_runs_in_a_gemeente_means_the_same_on_the_list_the_gemeente_page_and_the_picture(
    client, ateliers, make_praktijk, make_gemeente
):
    duiven = make_gemeente("Duiven")
    # Evalueren names no gemeenten itself; one of its praktijken runs in Duiven.
    make_praktijk(ateliers["evalueren"], "Meetlat in Duiven", gemeenten=[duiven])
    make_praktijk(ateliers["evalueren"], "Tweede meting", gemeenten=[duiven])
    titel = "Evalueren van sociale interventies"

    listed = client.get("/leerateliers/?gemeente=duiven").context["object_list"]
    assert [leeratelier.titel for leeratelier in listed] == [titel]
    page = client.get("/gemeenten/duiven/")
    assert [leeratelier.titel for leeratelier in page.context["leerateliers"]] == [titel]
    picture = page.context["netwerk"]
    assert {node.label for node in picture.nodes.values() if node.kind == "leeratelier"} == {titel}
    assert Leeratelier.objects.in_gemeente(duiven).count() == 1  # once, not once per praktijk
