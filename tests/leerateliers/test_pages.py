"""The leerateliers pages as visitors and feed readers see them."""

import datetime

import feedparser
import pytest

from leerateliers.models import (
    Deelname,
    Rol,
    TribuneUpdate,
    UpdateStatus,
)

pytestmark = pytest.mark.django_db


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
