"""The kennisagenda in the read-only API: the public versions with their kwesties, and the
public kwesties with their versions and besluiten, as the pages show them; concepts never."""

import datetime
import json
import re

import pytest

from kennisagenda import services
from kennisagenda.models import Agendapunt, AgendaStatus, Besluit, Kennisagenda, Kwestie

pytestmark = pytest.mark.django_db

API = "/api/v1"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
SECRETS = ["Geheime kwestie", "Concept 2024", "Herijking in stilte", "Interne notitie"]


def slugs(rows):
    return [row["slug"] for row in rows]


def day(year, month=1, date=1):
    return datetime.date(year, month, date)


@pytest.fixture
def history(make_leeratelier, voorwaarden):
    """2016 adopted, then 2020 (2016 archived) with one kwestie merged and one lapsed on the
    way, and a concept for 2024 with a kwestie of its own and one merged before it went out."""
    zekerheid = voorwaarden["sociaaleconomische-zekerheid"]
    inclusie = voorwaarden["sociale-inclusie"]
    atelier = make_leeratelier("Armoede en schulden", voorwaarden=[inclusie])
    armoede = Kwestie.objects.create(
        naam="Armoede", beschrijving="Armoede doorbreken.", leeratelier=atelier
    )
    armoede.voorwaarden.set([zekerheid, inclusie])
    eenzaam = Kwestie.objects.create(naam="Eenzaamheid", beschrijving="Contact in de wijk.")
    isolement = Kwestie.objects.create(naam="Sociaal isolement", beschrijving="Alleen thuis.")
    oud = Kwestie.objects.create(naam="Vervallen kwestie", beschrijving="Niet meer nodig.")
    geheim = Kwestie.objects.create(naam="Geheime kwestie", beschrijving="Nog niet openbaar.")
    idee = Kwestie.objects.create(naam="Opgegaan idee", beschrijving="Interne notitie.")
    idee.voorwaarden.set([zekerheid])

    v2016 = Kennisagenda.objects.create(
        titel="Lokale thema's 2016", slug="2016", periode_van=day(2016), introductie="Eerst."
    )
    for volgorde, kwestie in enumerate([isolement, oud, armoede], start=1):
        Agendapunt.objects.create(agenda=v2016, kwestie=kwestie, volgorde=volgorde)
    services.kennisagenda_adopt(agenda=v2016, on=day(2016))
    v2020 = services.kennisagenda_start_concept(
        bron=v2016, titel="Kennisagenda 2020", slug="2020", on=day(2019, 10), toelichting="Nieuw."
    )
    Agendapunt.objects.create(agenda=v2020, kwestie=eenzaam, volgorde=4, toelichting="Erbij.")
    services.kwestie_lapse(kwestie=oud, on=day(2019, 11))
    services.kwestie_merge(kwestie=isolement, into=eenzaam, on=day(2019, 12), toelichting="Eén.")
    services.kennisagenda_adopt(agenda=v2020, on=day(2020), toelichting="Vastgesteld.")
    concept = services.kennisagenda_start_concept(
        bron=v2020,
        titel="Concept 2024",
        slug="2024",
        on=day(2024),
        toelichting="Herijking in stilte",
    )
    Agendapunt.objects.create(agenda=concept, kwestie=geheim, volgorde=9, toelichting="Stil.")
    Agendapunt.objects.create(agenda=concept, kwestie=idee, volgorde=10)
    services.kwestie_merge(kwestie=idee, into=armoede, on=day(2024, 2))
    return {"2016": v2016, "2020": v2020, "concept": concept}


def test_the_public_versions_newest_first(client, history):
    response = client.get(f"{API}/kennisagendas/")
    assert response.status_code == 200
    assert slugs(response.json()["results"]) == ["2020", "2016"]


def test_a_version_shows_what_its_page_shows(client, history):
    data = client.get(f"{API}/kennisagendas/2020/").json()
    assert data["api_url"] == "http://testserver/api/v1/kennisagendas/2020/"
    assert data["url"] == "http://testserver/kennisagenda/"  # the current one
    assert (data["status"], data["status_naam"]) == ("vastgesteld", "Vastgesteld")
    assert (data["periode_van"], data["periode_tot"], data["vastgesteld_on"]) == (
        "2020-01-01",
        None,
        "2020-01-01",
    )
    assert data["introductie"] == "Eerst."
    assert data["vorige"] == {
        "slug": "2016",
        "titel": "Lokale thema's 2016",
        "url": "http://testserver/kennisagenda/2016/",
    }
    armoede, eenzaam = data["agendapunten"]
    assert armoede == {
        "volgorde": 3,
        "toelichting": "",
        "kwestie": {
            "api_url": "http://testserver/api/v1/kwesties/armoede/",
            "url": "http://testserver/kennisagenda/#kwestie-armoede",
            "slug": "armoede",
            "naam": "Armoede",
            "beschrijving": "Armoede doorbreken.",
            "leeratelier": {
                "slug": "armoede-en-schulden",
                "titel": "Armoede en schulden",
                "url": "http://testserver/leerateliers/armoede-en-schulden/",
            },
            "voorwaarden": [
                {
                    "slug": "sociaaleconomische-zekerheid",
                    "naam": "Sociaaleconomische zekerheid",
                    "url": "http://testserver/sociale-kwaliteit/sociaaleconomische-zekerheid/",
                },
                {
                    "slug": "sociale-inclusie",
                    "naam": "Sociale inclusie",
                    "url": "http://testserver/sociale-kwaliteit/sociale-inclusie/",
                },
            ],
            "voorwaarden_van_leeratelier": [
                {
                    "slug": "sociale-inclusie",
                    "naam": "Sociale inclusie",
                    "url": "http://testserver/sociale-kwaliteit/sociale-inclusie/",
                }
            ],
        },
    }
    assert (eenzaam["volgorde"], eenzaam["toelichting"]) == (4, "Erbij.")
    assert eenzaam["kwestie"]["voorwaarden_van_leeratelier"] == []
    assert [(b["soort"], b["genomen_on"], b["toelichting"]) for b in data["besluiten"]] == [
        ("vastgesteld", "2020-01-01", "Vastgesteld."),
        ("nieuwe-versie", "2019-10-01", "Nieuw."),
    ]


def test_an_archived_version_keeps_its_kwesties_and_points_to_its_own_page(client, history):
    data = client.get(f"{API}/kennisagendas/2016/").json()
    assert data["url"] == "http://testserver/kennisagenda/2016/"
    assert data["status"] == "gearchiveerd"
    assert data["periode_tot"] == "2019-12-31"
    assert data["vorige"] is None
    assert [punt["kwestie"]["slug"] for punt in data["agendapunten"]] == [
        "sociaal-isolement",
        "vervallen-kwestie",
        "armoede",
    ]
    assert data["agendapunten"][0]["kwestie"]["url"] == (
        "http://testserver/kennisagenda/2016/#kwestie-sociaal-isolement"
    )


def test_versions_and_kwesties_are_those_of_the_pages(client, history):
    current = client.get("/kennisagenda/")
    versies = [versie.slug for versie in current.context["versies"]]
    assert slugs(client.get(f"{API}/kennisagendas/").json()["results"]) == versies
    for slug in versies:
        page = client.get(f"/kennisagenda/{slug}/")
        api = client.get(f"{API}/kennisagendas/{slug}/").json()
        assert [punt["kwestie"]["slug"] for punt in api["agendapunten"]] == [
            punt.kwestie.slug for punt in page.context["agenda"].punten.all()
        ]


def test_the_besluiten_are_those_of_the_history_page(client, history):
    page = client.get("/kennisagenda/geschiedenis/")
    shown = {(b.soort, b.genomen_on.isoformat()) for b in page.context["besluiten"]}
    given = set()
    for path in ("kennisagendas", "kwesties"):
        for row in client.get(f"{API}/{path}/").json()["results"]:
            given |= {(b["soort"], b["genomen_on"]) for b in row["besluiten"]}
    assert given == shown
    assert ("nieuwe-versie", "2024-01-01") not in given  # about the concept


def test_a_merged_kwestie_with_its_versions_and_besluiten(client, history):
    data = client.get(f"{API}/kwesties/sociaal-isolement/").json()
    assert data["url"] == "http://testserver/kennisagenda/geschiedenis/#kwestie-sociaal-isolement"
    assert (data["status"], data["status_naam"]) == ("samengevoegd", "Samengevoegd")
    assert data["beschrijving"] == "Alleen thuis."
    assert data["samengevoegd_in"] == {
        "slug": "eenzaamheid",
        "naam": "Eenzaamheid",
        "url": "http://testserver/kennisagenda/#kwestie-eenzaamheid",
    }
    assert data["agendas"] == [
        {
            "agenda": {
                "slug": "2016",
                "titel": "Lokale thema's 2016",
                "url": "http://testserver/kennisagenda/2016/",
            },
            "volgorde": 1,
            "toelichting": "",
        }
    ]
    assert data["besluiten"] == [
        {
            "soort": "samengevoegd",
            "soort_naam": "Kwesties samengevoegd",
            "genomen_on": "2019-12-01",
            "toelichting": "Eén.",
            "agenda": None,
            "kwestie": {
                "slug": "sociaal-isolement",
                "naam": "Sociaal isolement",
                "url": "http://testserver/kennisagenda/geschiedenis/#kwestie-sociaal-isolement",
            },
            "doel": {
                "slug": "eenzaamheid",
                "naam": "Eenzaamheid",
                "url": "http://testserver/kennisagenda/#kwestie-eenzaamheid",
            },
        }
    ]


def test_a_kwestie_lists_the_besluiten_that_merged_others_into_it(client, history):
    data = client.get(f"{API}/kwesties/eenzaamheid/").json()
    assert [(b["soort"], b["kwestie"]["slug"]) for b in data["besluiten"]] == [
        ("samengevoegd", "sociaal-isolement")
    ]
    assert slugs(agenda["agenda"] for agenda in data["agendas"]) == ["2020"]


def test_the_kwesties_are_the_public_ones_by_name(client, history):
    assert slugs(client.get(f"{API}/kwesties/").json()["results"]) == [
        "armoede",
        "eenzaamheid",
        "opgegaan-idee",  # merged: the history page names it
        "sociaal-isolement",
        "vervallen-kwestie",
    ]


def test_a_kwestie_that_was_only_ever_in_a_concept_is_named_and_no_more(client, history):
    data = client.get(f"{API}/kwesties/opgegaan-idee/").json()
    assert data["status"] == "samengevoegd"
    assert (data["beschrijving"], data["voorwaarden"], data["agendas"]) == ("", [], [])
    assert data["url"] == "http://testserver/kennisagenda/geschiedenis/#kwestie-opgegaan-idee"


@pytest.mark.parametrize(
    "path", ["kennisagendas/2024/", "kwesties/geheime-kwestie/", "kwesties/bestaat-niet/"]
)
def test_concepts_and_unknown_slugs_are_problems(client, history, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["title"] == "Niet gevonden"


def test_no_concept_and_no_email_address_anywhere(client, history, make_persoon):
    from kennisagenda.models import Commissielid, Vertegenwoordiging

    Commissielid.objects.create(
        vertegenwoordigt=Vertegenwoordiging.LECTORAAT,
        persoon=make_persoon("Lid Commissie", email="lid@example.nl"),
    )
    paths = ["kennisagendas/", "kwesties/"]
    for path in list(paths):
        rows = client.get(f"{API}/{path}").json()["results"]
        paths += [row["api_url"].removeprefix(f"http://testserver{API}/") for row in rows]
    for path in paths:
        content = client.get(f"{API}/{path}").content.decode()
        assert not EMAIL.search(content), (path, EMAIL.search(content))
        for secret in SECRETS:
            assert secret not in content, (path, secret)
        assert '"status": "concept"' not in content.replace('":"', '": "'), path


def test_queries_are_pinned_and_do_not_grow_with_the_rows(
    client, history, make_leeratelier, voorwaarden, django_assert_num_queries
):
    # count, page with vorige, punten with kwestie and leeratelier, their voorwaarden, the
    # leerateliers' voorwaarden, besluiten
    with django_assert_num_queries(6):
        assert len(client.get(f"{API}/kennisagendas/").json()["results"]) == 2
    # count, page with leeratelier, voorwaarden, samengevoegd_in, versions, besluiten and the
    # kwesties they merged into, besluiten that merged into it and the kwesties they name
    with django_assert_num_queries(9):
        assert len(client.get(f"{API}/kwesties/").json()["results"]) == 5

    bron = history["2020"]
    for year in (2008, 2010, 2012):
        agenda = Kennisagenda.objects.create(
            titel=f"Agenda {year}", slug=str(year), periode_van=day(year)
        )
        for number in range(3):
            kwestie = Kwestie.objects.create(
                naam=f"Kwestie {year}-{number}", leeratelier=make_leeratelier()
            )
            kwestie.voorwaarden.set([voorwaarden["sociale-cohesie"]])
            Agendapunt.objects.create(agenda=agenda, kwestie=kwestie, volgorde=number)
        services.kennisagenda_adopt(agenda=agenda, on=day(year))
        services.kwestie_lapse(kwestie=kwestie, on=day(year, 6))
    services.kennisagenda_adopt(
        agenda=services.kennisagenda_start_concept(bron=bron, titel="Weer", slug="weer"),
        on=day(2021),
    )
    assert Besluit.objects.for_timeline().count() > 10

    with django_assert_num_queries(6):
        assert len(client.get(f"{API}/kennisagendas/").json()["results"]) == 6
    with django_assert_num_queries(9):
        assert len(client.get(f"{API}/kwesties/").json()["results"]) == 14
    with django_assert_num_queries(5):  # no count
        assert client.get(f"{API}/kennisagendas/2016/").status_code == 200
    # One row: related rows nobody points at are not asked for (at most 10, as in the list).
    with django_assert_num_queries(7):  # nothing merged into it
        assert client.get(f"{API}/kwesties/sociaal-isolement/").status_code == 200
    with django_assert_num_queries(6):  # merged into nothing, no besluit of its own
        assert client.get(f"{API}/kwesties/eenzaamheid/").status_code == 200


def test_a_concept_before_the_current_version_is_not_named_as_its_vorige(client, history):
    current = Kennisagenda.objects.get(slug="2020")
    current.vorige = history["concept"]
    current.save()
    assert client.get(f"{API}/kennisagendas/2020/").json()["vorige"] is None
    assert Kennisagenda.objects.get(slug="2024").status == AgendaStatus.CONCEPT
