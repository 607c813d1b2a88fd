"""The leerateliers in the read-only API: ateliers with their current arena and tribune,
lerende praktijken, geleerde lessen and the history of deelnames, exactly as public as the
pages that show them."""

import datetime
import json

import pytest

from leerateliers.models import (
    Deelname,
    GeleerdeLes,
    Niveau,
    PraktijkStatus,
    Rol,
    TrekkerRol,
    Trekkerschap,
    UpdateStatus,
    Vraagstuk,
)
from leerateliers.services import deelname_end, deelname_set_rol

pytestmark = pytest.mark.django_db

API = "/api/v1"
DAY = datetime.date


def results(client, path, query=None):
    response = client.get(f"{API}/{path}/", query or {})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(rows):
    return [row["slug"] for row in rows]


def ref(row):
    return {"slug": row.slug, "naam": row.naam, "url": f"http://testserver{row.get_absolute_url()}"}


@pytest.fixture
def armoede(ateliers, make_organisatie, make_persoon, make_praktijk, voorwaarden):
    """Armoede en schulden with vraagstukken, a co-trekker with a public address, a contact
    address, a history of deelnames and two praktijken (one in Heumen) with lessen: two local
    lessen brought together in a regional one."""
    atelier = ateliers["armoede"]
    atelier.contact_email = "armoede@example.nl"
    atelier.save()
    Vraagstuk.objects.create(leeratelier=atelier, tekst="Hoe merk je armoede op?", volgorde=2)
    Vraagstuk.objects.create(leeratelier=atelier, tekst="Wat helpt echt?", volgorde=1)
    lectoraat = make_organisatie("Lectoraat")
    Trekkerschap.objects.create(
        persoon=make_persoon("Anna Bakker", email="anna@example.nl", organisatie=lectoraat),
        leeratelier=atelier,
        rol=TrekkerRol.ONDERZOEKER,
    )
    zorg = make_organisatie("Zorgalliantie")
    sterker = make_organisatie("Sterker")
    oud = make_organisatie("Oud Partner")
    # Zorgalliantie: tribune, then the arena; Sterker: arena; Oud Partner: left.
    deelname_set_rol(
        organisatie=zorg, leeratelier=atelier, rol=Rol.TRIBUNE, on=DAY(2021, 3, 1), notify=False
    )
    deelname_set_rol(
        organisatie=zorg, leeratelier=atelier, rol=Rol.ARENA, on=DAY(2022, 5, 1), notify=False
    )
    deelname_set_rol(
        organisatie=sterker, leeratelier=atelier, rol=Rol.ARENA, on=DAY(2020, 1, 1), notify=False
    )
    deelname_set_rol(
        organisatie=oud, leeratelier=atelier, rol=Rol.TRIBUNE, on=DAY(2020, 1, 1), notify=False
    )
    deelname_end(organisatie=oud, leeratelier=atelier, on=DAY(2021, 1, 1), notify=False)
    heumen = atelier.gemeenten.get(slug="heumen")
    verhalenkamer = make_praktijk(
        atelier,
        "Verhalenkamer",
        gemeenten=[heumen],
        partners=[zorg],
        start_on=DAY(2021, 1, 1),
        externe_link="https://verhalenkamer.example",
    )
    zakgeld = make_praktijk(atelier, "Zakgeldproject", status=PraktijkStatus.GEPLAND)
    lokaal_1 = GeleerdeLes.objects.create(
        praktijk=verhalenkamer, tekst="Luister eerst.", geleerd_on=DAY(2022, 1, 1)
    )
    lokaal_1.voorwaarden.set([voorwaarden["sociale-inclusie"]])
    lokaal_2 = GeleerdeLes.objects.create(
        praktijk=zakgeld, tekst="Kinderen leren van elkaar.", geleerd_on=DAY(2022, 6, 1)
    )
    regionaal = GeleerdeLes.objects.create(
        leeratelier=atelier,
        niveau=Niveau.REGIONAAL,
        tekst="Armoede wordt zichtbaar waar mensen gehoord worden.",
        geleerd_on=DAY(2023, 1, 1),
    )
    regionaal.bronnen.set([lokaal_1, lokaal_2])
    return {
        "atelier": atelier,
        "zorg": zorg,
        "sterker": sterker,
        "oud": oud,
        "verhalenkamer": verhalenkamer,
        "zakgeld": zakgeld,
        "lokaal_1": lokaal_1,
        "lokaal_2": lokaal_2,
        "regionaal": regionaal,
    }


# --- Leerateliers -------------------------------------------------------------------------------


def test_a_leeratelier_shows_what_its_page_shows(client, armoede):
    atelier = armoede["atelier"]
    data = client.get(f"{API}/leerateliers/armoede-en-schulden/").json()
    page = client.get(atelier.get_absolute_url()).context["leeratelier"]

    assert data["api_url"] == "http://testserver/api/v1/leerateliers/armoede-en-schulden/"
    assert data["url"] == "http://testserver/leerateliers/armoede-en-schulden/"
    assert (data["titel"], data["status"], data["status_naam"]) == (
        "Armoede en schulden",
        "actief",
        "Actief",
    )
    assert data["vraagstukken"] == ["Wat helpt echt?", "Hoe merk je armoede op?"]
    assert data["voorwaarden"] == [ref(v) for v in page.voorwaarden.all()]
    assert slugs(data["themas"]) == ["armoede"]
    assert slugs(data["gemeenten"]) == [gemeente.slug for gemeente in page.gemeenten.all()]
    assert [(t["persoon"]["naam"], t["rol"], t["organisatie"]) for t in data["trekkers"]] == [
        (t.persoon.naam, t.rol, t.persoon.organisatie and ref(t.persoon.organisatie))
        for t in page.trekkerschappen.all()
    ]
    assert [t["rol_naam"] for t in data["trekkers"]] == ["Trekker", "Onderzoeker"]
    # The current arena and tribune, as the page shows them: ended rows are history only.
    for rol in ("arena", "tribune"):
        assert [(p["organisatie"]["slug"], p["sinds"]) for p in data[rol]] == [
            (d.organisatie.slug, d.sinds.isoformat()) for d in getattr(page, rol)
        ]
    assert [p["organisatie"]["naam"] for p in data["arena"]] == ["Sterker", "Zorgalliantie"]
    assert data["tribune"] == []
    assert [(p["titel"], p["id"]) for p in data["praktijken"]] == [
        ("Verhalenkamer", armoede["verhalenkamer"].pk),
        ("Zakgeldproject", armoede["zakgeld"].pk),
    ]
    assert data["afbeelding"] is None


def test_leerateliers_are_listed_by_title(client, ateliers):
    assert [row["titel"] for row in results(client, "leerateliers")] == [
        "Armoede en schulden",
        "Eenzaamheid en betekenisvol contact",
        "Evalueren van sociale interventies",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"voorwaarde": "sociale-cohesie"},
        {"thema": "armoede"},
        {"gemeente": "heumen"},
        {"gemeente": "lingewaard"},
        {"status": "in-voorbereiding"},
        {"gemeente": "heumen", "voorwaarde": "sociale-inclusie"},
        {"gemeente": "lingewaard", "thema": "eenzaamheid"},
    ],
)
def test_leeratelier_filters_give_the_rows_of_the_page(client, ateliers, make_praktijk, query):
    # A praktijk in Lingewaard puts Eenzaamheid there too, for the page and for the API.
    lingewaard = ateliers["armoede"].gemeenten.get(slug="lingewaard")
    make_praktijk(ateliers["eenzaam"], gemeenten=[lingewaard])
    page = client.get("/leerateliers/", query)
    assert slugs(results(client, "leerateliers", query)) == [
        leeratelier.slug for leeratelier in page.context["object_list"]
    ]


def test_an_unknown_filter_value_is_a_problem_not_an_empty_list(client, ateliers):
    response = client.get(f"{API}/leerateliers/", {"voorwaarde": "geluk", "status": "misschien"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert names == {"voorwaarde", "status"}


# --- Lerende praktijken -------------------------------------------------------------------------


def test_a_praktijk_has_its_atelier_gemeenten_partners_period_status_and_link(client, armoede):
    praktijk = armoede["verhalenkamer"]
    response = client.get(f"{API}/lerende-praktijken/{praktijk.pk}/")
    assert response.json() == {
        "api_url": f"http://testserver/api/v1/lerende-praktijken/{praktijk.pk}/",
        "url": "http://testserver/leerateliers/armoede-en-schulden/praktijken/verhalenkamer/",
        "id": praktijk.pk,
        "slug": "verhalenkamer",
        "titel": "Verhalenkamer",
        "leeratelier": {
            "slug": "armoede-en-schulden",
            "titel": "Armoede en schulden",
            "url": "http://testserver/leerateliers/armoede-en-schulden/",
        },
        "status": "lopend",
        "status_naam": "Lopend",
        "start_on": "2021-01-01",
        "end_on": None,
        "gemeenten": [ref(gemeente) for gemeente in praktijk.gemeenten.all()],
        "partners": [ref(armoede["zorg"])],
        "werkplaatsen": [],
        "beschrijving": "",
        "externe_link": "https://verhalenkamer.example",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Verhalenkamer", "Zakgeldproject", "Buurtkamer"]),
        ({"leeratelier": "armoede-en-schulden"}, ["Verhalenkamer", "Zakgeldproject"]),
        ({"gemeente": "heumen"}, ["Verhalenkamer"]),
        ({"partner": "zorgalliantie"}, ["Verhalenkamer"]),
        ({"status": "gepland"}, ["Zakgeldproject"]),
    ],
)
def test_praktijken_by_atelier_and_title_with_filters(
    client, armoede, ateliers, make_praktijk, query, expected
):
    make_praktijk(ateliers["eenzaam"], "Buurtkamer")
    assert [row["titel"] for row in results(client, "lerende-praktijken", query)] == expected


# --- Lessen -------------------------------------------------------------------------------------


def test_lessen_newest_first_with_where_they_come_from_and_went(client, armoede):
    rows = results(client, "lessen")
    assert [row["tekst"] for row in rows] == [
        "Armoede wordt zichtbaar waar mensen gehoord worden.",
        "Kinderen leren van elkaar.",
        "Luister eerst.",
    ]
    regionaal, _zakgeld, lokaal = rows
    api = "http://testserver/api/v1/lessen"
    assert (regionaal["niveau"], regionaal["niveau_naam"]) == ("regionaal", "Regionaal")
    assert regionaal["praktijk"] is None
    assert regionaal["leeratelier"]["slug"] == "armoede-en-schulden"
    assert regionaal["url"] == (
        f"http://testserver/leerateliers/armoede-en-schulden/#les-{armoede['regionaal'].pk}"
    )
    assert sorted(regionaal["bronnen"]) == sorted(
        f"{api}/{les.pk}/" for les in (armoede["lokaal_1"], armoede["lokaal_2"])
    )
    assert regionaal["opgepakt_in"] == []
    assert lokaal["opgepakt_in"] == [regionaal["api_url"]]
    assert lokaal["geleerd_on"] == "2022-01-01"
    assert lokaal["praktijk"]["id"] == armoede["verhalenkamer"].pk
    assert lokaal["url"].endswith(f"/praktijken/verhalenkamer/#les-{armoede['lokaal_1'].pk}")
    assert slugs(lokaal["voorwaarden"]) == ["sociale-inclusie"]
    assert client.get(lokaal["api_url"]).json() == lokaal


def test_les_filters_match_the_thema_and_voorwaarde_pages(client, armoede, voorwaarden):
    inclusie = voorwaarden["sociale-inclusie"]
    by_voorwaarde = results(client, "lessen", {"voorwaarde": "sociale-inclusie"})
    assert [row["id"] for row in by_voorwaarde] == [
        les.pk for les in GeleerdeLes.objects.for_voorwaarde(inclusie)
    ]
    page = client.get(inclusie.get_absolute_url())
    assert [row["id"] for row in by_voorwaarde] == [les.pk for les in page.context["lessen"]]
    thema = armoede["atelier"].themas.get()
    by_thema = results(client, "lessen", {"thema": thema.slug})
    page = client.get(thema.get_absolute_url())
    assert [row["id"] for row in by_thema] == [les.pk for les in page.context["lessen"]]
    assert len(by_thema) == 3
    assert results(client, "lessen", {"thema": "eenzaamheid"}) == []
    praktijk = results(client, "lessen", {"praktijk": armoede["zakgeld"].pk})
    assert [row["tekst"] for row in praktijk] == ["Kinderen leren van elkaar."]
    assert len(results(client, "lessen", {"niveau": "lokaal"})) == 2


# --- Deelnames ----------------------------------------------------------------------------------


def test_deelnames_are_the_whole_history(client, armoede):
    rows = results(client, "deelnames", {"leeratelier": "armoede-en-schulden"})
    assert [
        (row["organisatie"]["naam"], row["rol"], row["sinds"], row["tot"], row["is_huidig"])
        for row in rows
    ] == [
        ("Oud Partner", "tribune", "2020-01-01", "2021-01-01", False),
        ("Sterker", "arena", "2020-01-01", None, True),
        ("Zorgalliantie", "arena", "2022-05-01", None, True),
        ("Zorgalliantie", "tribune", "2021-03-01", "2022-05-01", False),
    ]
    first = rows[0]
    assert first["url"] == "http://testserver/partners/oud-partner/"
    assert first["leeratelier"]["url"] == "http://testserver/leerateliers/armoede-en-schulden/"
    assert first["rol_naam"] == "Tribune"
    assert client.get(first["api_url"]).json() == first


def test_deelnames_of_an_organisatie_are_the_rows_of_its_page(client, armoede, ateliers):
    zorg = armoede["zorg"]
    deelname_set_rol(
        organisatie=zorg,
        leeratelier=ateliers["eenzaam"],
        rol=Rol.TRIBUNE,
        on=DAY(2023, 1, 1),
        notify=False,
    )
    page = client.get(zorg.get_absolute_url())
    rows = results(client, "deelnames", {"organisatie": zorg.slug})
    assert [row["id"] for row in rows] == [
        d.pk for d in page.context["organisatie"].deelnames.all()
    ]
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"huidig": "true"}, 2),
        ({"huidig": "false"}, 2),
        ({"rol": "tribune"}, 2),
        ({"rol": "arena", "huidig": "true"}, 2),
        ({"organisatie": "oud-partner"}, 1),
    ],
)
def test_deelname_filters(client, armoede, query, count):
    rows = results(client, "deelnames", query)
    assert len(rows) == count
    expected = Deelname.objects.filter(leeratelier=armoede["atelier"])
    if "huidig" in query:
        expected = expected.filter(tot__isnull=query["huidig"] == "true")
    if "rol" in query:
        expected = expected.filter(rol=query["rol"])
    if "organisatie" in query:
        expected = expected.filter(organisatie__slug=query["organisatie"])
    assert sorted(row["id"] for row in rows) == sorted(expected.values_list("pk", flat=True))


def test_the_current_ones_in_a_gemeente_are_those_of_the_gemeente_page(
    client, armoede, make_gemeente
):
    nijmegen = make_gemeente("Nijmegen")
    for organisatie in (armoede["zorg"], armoede["oud"]):
        organisatie.gemeente = nijmegen
        organisatie.save()
    page = client.get(nijmegen.get_absolute_url())
    rows = results(client, "deelnames", {"gemeente": "nijmegen", "huidig": "true"})
    assert [row["id"] for row in rows] == [d.pk for d in page.context["deelnames"]]


# --- What never shows ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["leerateliers", "lerende-praktijken", "lessen", "deelnames"])
def test_no_email_address_concept_or_follower_anywhere(
    client, armoede, make_update, make_user, path
):
    from leerateliers.models import Abonnement

    make_update(armoede["atelier"], "Geheim concept", status=UpdateStatus.CONCEPT)
    Abonnement.objects.create(user=make_user("volger@example.nl"), leeratelier=armoede["atelier"])
    listed = client.get(f"{API}/{path}/").content.decode()
    details = [client.get(row["api_url"]).content.decode() for row in json.loads(listed)["results"]]
    for text in (listed, *details):
        assert "@" not in text
        assert "Geheim concept" not in text
        assert "email" not in text


@pytest.mark.parametrize(
    "path",
    [
        "leerateliers/bestaat-niet",
        "lerende-praktijken/999999",
        "lessen/999999",
        "deelnames/999999",
        "lerende-praktijken/verhalenkamer",  # a praktijk's slug is not its address
    ],
)
def test_an_unknown_object_is_a_404_problem(client, armoede, path):
    response = client.get(f"{API}/{path}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["title"] == "Niet gevonden"


# --- Queries ------------------------------------------------------------------------------------


def grow(n, make_leeratelier, make_organisatie, make_persoon, make_praktijk, make_gemeente, vw):
    """``n`` more ateliers, each with everything the API nests."""
    for _ in range(n):
        gemeente = make_gemeente()
        atelier = make_leeratelier(voorwaarden=[vw], gemeenten=[gemeente])
        Vraagstuk.objects.create(leeratelier=atelier, tekst="Waarom?")
        Trekkerschap.objects.create(
            persoon=make_persoon(organisatie=make_organisatie()), leeratelier=atelier
        )
        arena, tribune = make_organisatie(gemeente=gemeente), make_organisatie()
        deelname_set_rol(
            organisatie=arena, leeratelier=atelier, rol=Rol.TRIBUNE, on=DAY(2021, 1, 1),
            notify=False,
        )  # fmt: skip
        deelname_set_rol(organisatie=arena, leeratelier=atelier, rol=Rol.ARENA, notify=False)
        deelname_set_rol(organisatie=tribune, leeratelier=atelier, rol=Rol.TRIBUNE, notify=False)
        praktijk = make_praktijk(atelier, gemeenten=[gemeente], partners=[arena, tribune])
        lokaal = GeleerdeLes.objects.create(praktijk=praktijk, tekst="Lokaal.")
        lokaal.voorwaarden.set([vw])
        regionaal = GeleerdeLes.objects.create(
            leeratelier=atelier, niveau=Niveau.REGIONAAL, tekst="Regionaal."
        )
        regionaal.bronnen.set([lokaal])


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # count and rows, then per nested relation one: voorwaarden, thema's, gemeenten,
        # vraagstukken, trekkers (with persoon and organisatie), deelnames, praktijken
        ("leerateliers", 9),
        ("lerende-praktijken", 5),  # count, rows (with atelier), gemeenten, partners, werkplaatsen
        ("lessen", 5),  # count, rows (atelier, praktijk), voorwaarden, bronnen, opgepakt_in
        ("deelnames", 2),  # count, rows (with organisatie and atelier)
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client,
    django_assert_num_queries,
    make_leeratelier,
    make_organisatie,
    make_persoon,
    make_praktijk,
    make_gemeente,
    voorwaarden,
    path,
    queries,
):
    vw = voorwaarden["sociale-cohesie"]
    counts = []
    for _round in range(2):  # the second round doubles the rows
        grow(3, make_leeratelier, make_organisatie, make_persoon, make_praktijk, make_gemeente, vw)
        with django_assert_num_queries(queries):
            response = client.get(f"{API}/{path}/")
        counts.append(response.json()["count"])
    assert counts[1] == 2 * counts[0]


@pytest.mark.parametrize(
    ("path", "queries"),
    [("leerateliers", 8), ("lerende-praktijken", 4), ("lessen", 4), ("deelnames", 1)],
)
def test_a_detail_answer_takes_a_fixed_number_of_queries(
    client,
    django_assert_num_queries,
    make_leeratelier,
    make_organisatie,
    make_persoon,
    make_praktijk,
    make_gemeente,
    voorwaarden,
    path,
    queries,
):
    vw = voorwaarden["sociale-cohesie"]
    grow(2, make_leeratelier, make_organisatie, make_persoon, make_praktijk, make_gemeente, vw)
    url = client.get(f"{API}/{path}/").json()["results"][0]["api_url"]
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
