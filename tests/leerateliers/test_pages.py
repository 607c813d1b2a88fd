"""The leerateliers pages as visitors and feed readers see them."""

import datetime
import re

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from leerateliers.models import (
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LeeratelierStatus,
    Rol,
    TrekkerRol,
    Trekkerschap,
    TribuneUpdate,
    UpdateStatus,
    Vraagstuk,
)
from leerateliers.services import deelname_set_rol
from werkplaats.models import Organisatie, Persoon, Voorwaarde

pytestmark = pytest.mark.django_db


@pytest.fixture
def voorwaarden():
    return {v.slug: v for v in Voorwaarde.objects.all()}


@pytest.fixture
def ateliers(make_leeratelier, make_gemeente, make_thema, make_persoon, voorwaarden):
    heumen = make_gemeente("Heumen")
    lingewaard = make_gemeente("Lingewaard")
    eenzaamheid = make_thema("Eenzaamheid")
    armoede_thema = make_thema("Armoede")
    eenzaam = make_leeratelier(
        "Eenzaamheid en betekenisvol contact",
        voorwaarden=[voorwaarden["sociale-cohesie"]],
        themas=[eenzaamheid],
        gemeenten=[heumen],
    )
    armoede = make_leeratelier(
        "Armoede en schulden",
        voorwaarden=[voorwaarden["sociaaleconomische-zekerheid"], voorwaarden["sociale-inclusie"]],
        themas=[armoede_thema],
        gemeenten=[lingewaard, heumen],
    )
    evalueren = make_leeratelier(
        "Evalueren van sociale interventies", status=LeeratelierStatus.IN_VOORBEREIDING
    )
    Trekkerschap.objects.create(
        persoon=make_persoon("Carinda Jansen", email="c.jansen@example.nl"), leeratelier=armoede
    )
    return {"eenzaam": eenzaam, "armoede": armoede, "evalueren": evalueren}


def titles(response):
    return [leeratelier.titel for leeratelier in response.context["object_list"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Armoede en schulden", "Eenzaamheid en betekenisvol contact",
              "Evalueren van sociale interventies"]),
        ({"voorwaarde": "sociale-cohesie"}, ["Eenzaamheid en betekenisvol contact"]),
        ({"thema": "armoede"}, ["Armoede en schulden"]),
        ({"gemeente": "heumen"}, ["Armoede en schulden", "Eenzaamheid en betekenisvol contact"]),
        ({"status": "in-voorbereiding"}, ["Evalueren van sociale interventies"]),
        ({"gemeente": "heumen", "voorwaarde": "sociale-inclusie"}, ["Armoede en schulden"]),
        ({"gemeente": "lingewaard", "thema": "eenzaamheid"}, []),
        ({"gemeente": "heumen", "status": "actief", "thema": "eenzaamheid",
          "voorwaarde": "sociale-cohesie"}, ["Eenzaamheid en betekenisvol contact"]),
    ],
)  # fmt: skip
def test_filters_alone_and_combined(client, ateliers, query, expected):
    response = client.get("/leerateliers/", query)
    assert titles(response) == expected
    count = len(expected)
    assert f"{count} leeratelier{'' if count == 1 else 's'} gevonden" in response.content.decode()


def test_unknown_filter_values_get_a_dutch_message_not_a_500(client, ateliers):
    response = client.get("/leerateliers/", {"voorwaarde": "geluk", "status": "misschien"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_list_shows_trekkers_voorwaarden_and_arena_tribune_counts(
    client, ateliers, make_organisatie
):
    armoede = ateliers["armoede"]
    for naam, rol in [("Zorgalliantie", Rol.ARENA), ("Gemeente Lingewaard", Rol.ARENA)]:
        Deelname.objects.create(organisatie=make_organisatie(naam), leeratelier=armoede, rol=rol)
    Deelname.objects.create(
        organisatie=make_organisatie("Movisie"), leeratelier=armoede, rol=Rol.TRIBUNE
    )
    ended = Deelname.objects.create(
        organisatie=make_organisatie("Oud"), leeratelier=armoede, rol=Rol.TRIBUNE,
        sinds=datetime.date(2020, 1, 1), tot=datetime.date(2021, 1, 1),
    )  # fmt: skip
    response = client.get("/leerateliers/", {"thema": "armoede"})
    content = response.content.decode()
    (armoede_row,) = response.context["object_list"]
    assert [t.persoon.naam for t in armoede_row.leiding] == ["Carinda Jansen"]
    assert "Carinda Jansen" in content
    assert "2 in de arena, 1 op de tribune" in content  # the ended deelname does not count
    assert (armoede_row.aantal_arena, armoede_row.aantal_tribune) == (2, 1)
    assert ended.tot is not None
    assert "Sociaaleconomische zekerheid" in content


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


def test_drafts_are_invisible_everywhere(client, ateliers, make_update, make_persoon):
    auteur = make_persoon("Maritza Gerritsen")
    concept = make_update(
        ateliers["eenzaam"], "Concept", status=UpdateStatus.CONCEPT, auteur=auteur
    )
    assert client.get(concept.get_absolute_url()).status_code == 404
    assert "Concept" not in client.get(auteur.get_absolute_url()).content.decode()
    feed = feedparser.parse(client.get(ateliers["eenzaam"].get_feed_url()).content)
    assert feed.entries == []


def test_an_update_scheduled_for_later_is_not_public_yet(
    client, ateliers, make_update, make_persoon
):
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=2)
    auteur = make_persoon("Annica Brummel")
    update = make_update(
        ateliers["eenzaam"], "Straks te lezen", gepubliceerd_at=later, auteur=auteur
    )
    assert client.get(update.get_absolute_url()).status_code == 404
    for path in [ateliers["eenzaam"].get_absolute_url(), auteur.get_absolute_url()]:
        assert "Straks te lezen" not in client.get(path).content.decode()
    feed = feedparser.parse(client.get(ateliers["eenzaam"].get_feed_url()).content)
    assert feed.entries == []


def test_child_pages_belong_to_their_own_leeratelier(client, ateliers, make_praktijk, make_update):
    praktijk = make_praktijk(ateliers["armoede"], "Zakgeldproject")
    update = make_update(ateliers["armoede"], "Nieuws")
    assert client.get(praktijk.get_absolute_url()).status_code == 200
    assert client.get(update.get_absolute_url()).status_code == 200
    other = ateliers["eenzaam"].slug
    assert client.get(f"/leerateliers/{other}/praktijken/{praktijk.slug}/").status_code == 404
    assert client.get(f"/leerateliers/{other}/updates/{update.pk}/").status_code == 404


DANGEROUS = (
    "Hallo <script>alert('x')</script> en [klik](javascript:alert(1)) "
    '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">hier</a>'
)


def test_scripts_and_javascript_links_never_reach_a_page(
    client, ateliers, make_praktijk, make_update
):
    armoede = ateliers["armoede"]
    armoede.beschrijving = DANGEROUS
    armoede.save()
    praktijk = make_praktijk(armoede, "Veilig", beschrijving=DANGEROUS)
    update = make_update(armoede, "Veilig", tekst=DANGEROUS)
    pages = [armoede.get_absolute_url(), praktijk.get_absolute_url(), update.get_absolute_url()]
    for path in [*pages, armoede.get_feed_url()]:
        content = client.get(path).content.decode().lower()
        assert "<script>alert" not in content and "&lt;script&gt;alert" not in content
        assert "javascript:" not in content
        assert "onerror" not in content


def test_feed_parses_and_lists_only_published_updates_even_with_control_characters(
    client, ateliers, make_update, make_persoon
):
    eenzaam = ateliers["eenzaam"]
    make_update(
        eenzaam,
        "Welkome Wijk",
        tekst="**Kennisdeelsessie** in 2021.",
        auteur=make_persoon("Annica Brummel"),
    )
    make_update(eenzaam, "Concept", status=UpdateStatus.CONCEPT)
    # Rows that bypassed form validation (imports, the shell) must not break the XML.
    pasted = make_update(eenzaam, "Terugblik")
    TribuneUpdate.objects.filter(pk=pasted.pk).update(titel="Terug\x0bblik", tekst="Met\x0c tekst")

    response = client.get(eenzaam.get_feed_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert sorted(entry.title for entry in feed.entries) == ["Terugblik", "Welkome Wijk"]
    welkome = next(entry for entry in feed.entries if entry.title == "Welkome Wijk")
    assert welkome.author == "Annica Brummel"
    assert "<strong>Kennisdeelsessie</strong>" in welkome.summary


def test_feed_of_an_unknown_leeratelier_is_404(client):
    assert client.get("/feeds/leerateliers/bestaat-niet/").status_code == 404


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
    with CaptureQueriesContext(connection) as with_five:
        assert client.get(path).status_code == 200
    grow(ateliers, make_organisatie, make_praktijk, make_persoon, voorwaarden, 45)
    with django_assert_num_queries(len(with_five)):
        assert client.get(path).status_code == 200
    assert len(with_five) <= 15
