"""The network core in the read-only API: organisaties, gemeenten, personen, thema's and
voorwaarden, as their public pages show them, never an email address or an account."""

import json

import pytest

from werkplaats.models import Soort, Subregio

pytestmark = pytest.mark.django_db

API = "/api/v1"


def results(client, path, query=None):
    response = client.get(f"{API}/{path}/", query or {})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(rows):
    return [row["slug"] for row in rows]


@pytest.fixture
def netwerk(make_gemeente, make_organisatie, make_persoon, make_user):
    """Two gemeenten; a hogeschool with a lectoraat under it, in Nijmegen; a welzijn
    organisation in Heumen; contact people with a public address and an account."""
    nijmegen = make_gemeente("Nijmegen", cbs_code="GM0268")
    heumen = make_gemeente("Heumen", subregio=Subregio.RIJK_VAN_NIJMEGEN, is_deelnemer=False)
    han = make_organisatie(
        "Hogeschool van Arnhem en Nijmegen",
        afkorting="HAN",
        soort=Soort.HOGESCHOOL,
        gemeente=nijmegen,
        website="https://www.han.nl",
        beschrijving="Een hogeschool.",
    )
    lectoraat = make_organisatie(
        "Lectoraat Sociale Kwaliteit", soort=Soort.LECTORAAT, onderdeel_van=han, gemeente=nijmegen
    )
    welzijn = make_organisatie("Sterker", soort=Soort.WELZIJN, gemeente=heumen)
    carinda = make_persoon(
        "Carinda Jansen",
        functie="Lector",
        organisatie=lectoraat,
        email="c.jansen@example.nl",
        user=make_user("carinda@example.nl"),
        bio="Onderzoekt sociale kwaliteit.",
    )
    return {
        "nijmegen": nijmegen,
        "heumen": heumen,
        "han": han,
        "lectoraat": lectoraat,
        "welzijn": welzijn,
        "carinda": carinda,
    }


# --- Organisaties -------------------------------------------------------------------------------


def test_an_organisatie_shows_what_its_page_shows(client, netwerk):
    response = client.get(f"{API}/organisaties/lectoraat-sociale-kwaliteit/")
    assert response.status_code == 200
    assert response.json() == {
        "api_url": "http://testserver/api/v1/organisaties/lectoraat-sociale-kwaliteit/",
        "url": "http://testserver/partners/lectoraat-sociale-kwaliteit/",
        "slug": "lectoraat-sociale-kwaliteit",
        "naam": "Lectoraat Sociale Kwaliteit",
        "afkorting": "",
        "soort": "lectoraat",
        "soort_naam": "Lectoraat of kenniscentrum",
        "gemeente": {
            "slug": "nijmegen",
            "naam": "Nijmegen",
            "url": "http://testserver/gemeenten/nijmegen/",
        },
        "onderdeel_van": {
            "slug": "hogeschool-van-arnhem-en-nijmegen",
            "naam": "Hogeschool van Arnhem en Nijmegen",
            "url": "http://testserver/partners/hogeschool-van-arnhem-en-nijmegen/",
        },
        "onderdelen": [],
        "website": None,
        "logo": None,
        "beschrijving": "",
        "personen": [
            {
                "slug": "carinda-jansen",
                "naam": "Carinda Jansen",
                "url": "http://testserver/personen/carinda-jansen/",
            }
        ],
        "werkplaats": None,  # only a Werkplaats Sociaal Domein has its details
    }


def test_organisaties_are_listed_by_name_with_their_parts_and_logo(client, netwerk):
    han = netwerk["han"]
    han.logo = "organisaties/logo/han.png"
    han.save()
    rows = results(client, "organisaties")
    assert slugs(rows) == [
        "hogeschool-van-arnhem-en-nijmegen",
        "lectoraat-sociale-kwaliteit",
        "sterker",
    ]
    assert rows[0]["afkorting"] == "HAN"
    assert rows[0]["website"] == "https://www.han.nl"
    assert rows[0]["logo"] == f"http://testserver{han.logo.url}"
    assert slugs(rows[0]["onderdelen"]) == ["lectoraat-sociale-kwaliteit"]
    assert rows[0]["onderdeel_van"] is None


@pytest.mark.parametrize(
    "query",
    [
        {"soort": "hogeschool"},
        {"soort": "lectoraat"},
        {"gemeente": "nijmegen"},
        {"gemeente": "heumen", "soort": "welzijn"},
        {"gemeente": "heumen", "soort": "hogeschool"},
        {},
    ],
)
def test_organisatie_filters_give_the_rows_of_the_partners_page(client, netwerk, query):
    page = client.get("/partners/", query)
    assert slugs(results(client, "organisaties", query)) == [
        organisatie.slug for organisatie in page.context["object_list"]
    ]


def test_an_unknown_filter_value_is_a_problem_naming_the_parameter(client, netwerk):
    response = client.get(f"{API}/organisaties/", {"soort": "bakkerij"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [param["name"] for param in response.json()["invalidParams"]] == ["soort"]


# --- Gemeenten, personen, thema's, voorwaarden ------------------------------------------------


def test_gemeenten_have_their_cbs_code_subregio_and_partners_former_ones_too(client, netwerk):
    rows = results(client, "gemeenten")
    assert slugs(rows) == ["heumen", "nijmegen"]
    heumen, nijmegen = rows
    assert nijmegen["cbs_code"] == "GM0268"
    assert nijmegen["subregio"] == "rijk-van-nijmegen"
    assert nijmegen["subregio_naam"] == "Rijk van Nijmegen"
    assert nijmegen["aantal_partners"] == 2
    assert nijmegen["url"] == "http://testserver/gemeenten/nijmegen/"
    assert (heumen["is_deelnemer"], heumen["aantal_partners"]) == (False, 1)
    detail = client.get(f"{API}/gemeenten/nijmegen/").json()
    assert detail == nijmegen


def test_a_persoon_has_public_fields_only(client, netwerk):
    response = client.get(f"{API}/personen/carinda-jansen/")
    assert response.json() == {
        "api_url": "http://testserver/api/v1/personen/carinda-jansen/",
        "url": "http://testserver/personen/carinda-jansen/",
        "slug": "carinda-jansen",
        "naam": "Carinda Jansen",
        "functie": "Lector",
        "organisatie": {
            "slug": "lectoraat-sociale-kwaliteit",
            "naam": "Lectoraat Sociale Kwaliteit",
            "url": "http://testserver/partners/lectoraat-sociale-kwaliteit/",
        },
        "bio": "Onderzoekt sociale kwaliteit.",
    }


def test_every_persoon_of_the_page_is_listed(client, netwerk, make_persoon):
    make_persoon("Jan van der Berg")
    page = client.get("/personen/")
    rows = results(client, "personen")
    assert sorted(slugs(rows)) == sorted(persoon.slug for persoon in page.context["personen"])
    assert slugs(rows) == ["carinda-jansen", "jan-van-der-berg"]


def test_themas_and_voorwaarden_name_each_other(client, voorwaarden, make_thema):
    make_thema("Armoede", voorwaarden=[voorwaarden["sociale-inclusie"]])
    make_thema("Wonen", is_landelijk_hoofdthema=True)
    themas = results(client, "themas")
    assert slugs(themas) == ["armoede", "wonen"]
    assert slugs(themas[0]["voorwaarden"]) == ["sociale-inclusie"]
    assert themas[1]["is_landelijk_hoofdthema"] is True
    rows = results(client, "voorwaarden")
    assert [row["volgorde"] for row in rows] == [1, 2, 3, 4]
    inclusie = client.get(f"{API}/voorwaarden/sociale-inclusie/").json()
    assert slugs(inclusie["themas"]) == ["armoede"]
    assert inclusie["url"] == "http://testserver/sociale-kwaliteit/sociale-inclusie/"
    assert inclusie["samenvatting"]


@pytest.mark.parametrize("path", ["organisaties", "gemeenten", "personen", "themas", "voorwaarden"])
def test_an_unknown_slug_is_a_404_problem(client, path):
    response = client.get(f"{API}/{path}/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["title"] == "Niet gevonden"


@pytest.mark.parametrize("path", ["organisaties", "gemeenten", "personen", "themas", "voorwaarden"])
def test_no_email_address_or_account_anywhere(client, netwerk, make_thema, path):
    make_thema("Armoede")
    listed = client.get(f"{API}/{path}/").content.decode()
    assert "@" not in listed
    first = json.loads(listed)["results"][0]
    detail = client.get(first["api_url"]).content.decode()
    assert "@" not in detail
    assert "email" not in listed and "user" not in listed and "account" not in listed


# --- Queries ------------------------------------------------------------------------------------


def more_network(make_gemeente, make_organisatie, make_persoon, make_thema, voorwaarden, n):
    """``n`` more of everything, each with related rows to nest."""
    for _ in range(n):
        gemeente = make_gemeente()
        parent = make_organisatie(gemeente=gemeente)
        organisatie = make_organisatie(gemeente=gemeente, onderdeel_van=parent)
        make_persoon(organisatie=organisatie)
        make_thema(voorwaarden=list(voorwaarden.values())[:2])


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # count, rows, then: personen, onderdelen and the gemeenten of a werkplaats' region
        # (organisaties); thema's (voorwaarden); voorwaarden (thema's)
        ("organisaties", 5),
        ("gemeenten", 2),
        ("personen", 2),
        ("themas", 3),
        ("voorwaarden", 2),
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client,
    django_assert_num_queries,
    make_gemeente,
    make_organisatie,
    make_persoon,
    make_thema,
    voorwaarden,
    path,
    queries,
):
    for rows in (3, 6):  # the second round doubles the rows
        more_network(make_gemeente, make_organisatie, make_persoon, make_thema, voorwaarden, 3)
        with django_assert_num_queries(queries):
            response = client.get(f"{API}/{path}/")
        assert len(response.json()["results"]) >= (4 if path == "voorwaarden" else rows)


@pytest.mark.parametrize(
    ("path", "queries"),
    [("organisaties", 4), ("gemeenten", 1), ("personen", 1), ("themas", 2), ("voorwaarden", 1)],
)
def test_a_detail_answer_takes_a_fixed_number_of_queries(
    client,
    django_assert_num_queries,
    make_gemeente,
    make_organisatie,
    make_persoon,
    make_thema,
    voorwaarden,
    path,
    queries,
):
    more_network(make_gemeente, make_organisatie, make_persoon, make_thema, voorwaarden, 2)
    url = client.get(f"{API}/{path}/").json()["results"][0]["api_url"]
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
