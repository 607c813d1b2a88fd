"""/onderwijs/, an activity's page with its expositie, and the pages of the 4 O's."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onderwijs.models import PraktijkActiviteit, Soort, Status
from publicaties.models import Activiteit
from tests.page_metadata import json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def verhalenkamer(make_leeratelier, make_praktijk, make_organisatie, make_thema, make_activiteit):
    atelier = make_leeratelier("Armoede en schulden")
    praktijk = make_praktijk(atelier, "Verhalenkamer armoede")
    return make_activiteit(
        "Verhalenkamer: een semester over armoede",
        start_on=datetime.date(2020, 9, 1),
        end_on=datetime.date(2021, 2, 1),
        deelnemers="Studenten van verschillende opleidingen",
        beschrijving="Studenten halen **verhalen** op.",
        relations={
            "leerateliers": [atelier],
            "praktijken": [praktijk],
            "organisaties": [make_organisatie("Zorgalliantie")],
            "themas": [make_thema("Gezondheidsongelijkheid")],
        },
    )


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_onderwijs_lists_published_activities_and_opleidingen(
    client, verhalenkamer, make_activiteit, make_opleiding
):
    msw = make_opleiding("Master Social Work", afkorting="MSW", niveau="master")
    make_activiteit(
        "Evaluatie van de pilot", soort=Soort.EVALUATIE, relations={"opleidingen": [msw]}
    )
    make_activiteit("Nog in voorbereiding", status=Status.CONCEPT)
    html = page(client, "/onderwijs/")
    assert "Verhalenkamer: een semester over armoede" in html
    assert "september 2020</time> tot <time" in html
    assert "Verhalenkamer armoede</a> (Armoede en schulden)" in html  # where it draws on
    assert "Evaluatie van de pilot" in html
    assert (
        "Master Social Work (MSW)" in html
        and "1 onderwijsactiviteit van Master Social Work" in html
    )
    assert "Nog in voorbereiding" not in html
    assert 'href="/de-4-os/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("soort=evaluatie", ["Evaluatie van de pilot"]),
        ("opleiding=master-social-work", ["Evaluatie van de pilot"]),
        ("leeratelier=armoede-en-schulden", ["Verhalenkamer: een semester over armoede"]),
        ("thema=gezondheidsongelijkheid", ["Verhalenkamer: een semester over armoede"]),
    ],
)
def test_filters_narrow_the_list(
    client, verhalenkamer, make_activiteit, make_opleiding, query, expected
):
    msw = make_opleiding("Master Social Work")
    make_activiteit(
        "Evaluatie van de pilot", soort=Soort.EVALUATIE, relations={"opleidingen": [msw]}
    )
    response = client.get(f"/onderwijs/?{query}")
    assert [a.titel for a in response.context["object_list"]] == expected


@pytest.mark.parametrize(
    "query",
    [
        "soort=%3Cscript%3E",
        "opleiding=bestaat-niet",
        "leeratelier=' OR 1=1 --",
        "thema=%00",
        "soort=evaluatie&soort=minor",
    ],
)
def test_hostile_filter_values_give_a_page_not_an_error(client, verhalenkamer, query):
    response = client.get(f"/onderwijs/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_a_concept_activity_has_no_page(client, make_activiteit):
    concept = make_activiteit(status=Status.CONCEPT)
    assert client.get(concept.get_absolute_url()).status_code == 404
    assert client.get("/onderwijs/bestaat-niet/").status_code == 404


def test_the_activity_page_shows_where_its_knowledge_comes_from(client, verhalenkamer):
    html = page(client, verhalenkamer.get_absolute_url())
    assert "<h1>Verhalenkamer: een semester over armoede</h1>" in html
    for shown in [
        "Studenten van verschillende opleidingen",
        'href="/leerateliers/armoede-en-schulden/"',
        "/praktijken/verhalenkamer-armoede/",
        "Zorgalliantie",
        "Gezondheidsongelijkheid",
        "<strong>verhalen</strong>",
    ]:
        assert shown in html, shown
    assert "Expositie" not in html  # no work yet: no empty gallery


def test_the_expositie_shows_consented_work_only_with_names_by_choice(
    client, verhalenkamer, make_werk
):
    make_werk(verhalenkamer, "Wat armoede achter de voordeur is", naam="Sanne de Vries")
    make_werk(
        verhalenkamer,
        "Gedicht over de boerderij",
        soort="gedicht",
        naam="Ahmed Yilmaz",
        naam_tonen=True,
        tekst="Regel een\nregel twee",
    )
    make_werk(verhalenkamer, "Nog geen toestemming", naam="Lotte Jansen", toestemming=False)
    html = page(client, verhalenkamer.get_absolute_url())
    assert "Wat armoede achter de voordeur is" in html
    assert "Blog door een student" in html
    assert "Sanne de Vries" not in html
    assert "Gedicht door Ahmed Yilmaz" in html
    assert "Regel een<br>regel twee" in html  # a poem keeps its lines
    assert "Nog geen toestemming" not in html and "Lotte Jansen" not in html


def test_the_gallery_is_a_list_of_figures_with_alt_text_captions_and_headings(
    client, verhalenkamer, make_werk
):
    make_werk(
        verhalenkamer,
        "Bankje in de wijk",
        soort="foto",
        image=True,
        afbeelding_alt="Een leeg bankje voor een flat.",
    )
    html = page(client, verhalenkamer.get_absolute_url())
    gallery = html[html.index('<ul class="expositie">') :]
    assert '<h2 id="expositie-titel">Expositie</h2>' in html
    assert "<h3>Bankje in de wijk</h3>" in gallery
    assert re.search(r'<img [^>]*alt="Een leeg bankje voor een flat\."', gallery)
    assert re.search(r'<img [^>]*width="800" height="533"', gallery)
    assert "<figcaption>" in gallery and "Foto: Bankje in de wijk, door een student." in gallery
    assert 'type="image/webp"' in gallery
    assert "onderwijs/onderwijs.css" in html


def test_example_work_says_it_is_an_example(client, verhalenkamer, make_werk):
    make_werk(verhalenkamer, "Voorbeeld: een blog", is_voorbeeld=True, naam="Voorbeeld")
    html = page(client, verhalenkamer.get_absolute_url())
    assert '<span class="voorbeeld-label">Voorbeeld</span>' in html
    assert "geen werk van een student" in html


def test_json_ld_is_a_course_with_its_instance_and_public_work(client, verhalenkamer, make_werk):
    make_werk(verhalenkamer, "Met naam", naam="Ahmed Yilmaz", naam_tonen=True)
    make_werk(verhalenkamer, "Zonder naam", naam="Sanne de Vries")
    make_werk(verhalenkamer, "Voorbeeld", is_voorbeeld=True)
    data = json_ld(client.get(verhalenkamer.get_absolute_url()))
    assert data["@type"] == "Course"
    assert data["name"] == verhalenkamer.titel
    assert data["provider"][-1]["@type"] == "Organization"
    assert data["hasCourseInstance"] == {
        "@type": "CourseInstance",
        "name": verhalenkamer.titel,
        "startDate": "2020-09-01",
        "endDate": "2021-02-01",
    }
    assert {item["name"] for item in data["about"]} == {
        "Gezondheidsongelijkheid",
        "Verhalenkamer armoede",
    }
    works = {work["name"]: work for work in data["workExample"]}
    assert set(works) == {"Met naam", "Zonder naam"}  # never the example
    assert works["Met naam"]["author"] == {"@type": "Person", "name": "Ahmed Yilmaz"}
    assert "author" not in works["Zonder naam"]
    assert "Sanne de Vries" not in json.dumps(data)


def test_the_4_os_list_their_publicaties(client, make_publicatie):
    onderwijs = Activiteit.objects.get(slug="onderwijs")
    make_publicatie("Landelijke module eenzaamheid", relations={"activiteiten": [onderwijs]})
    html = page(client, "/de-4-os/")
    for naam in ["Onderzoek", "Ontwikkeling", "Onderwijs", "Ondersteuning"]:
        assert f'">{naam}</a>' in html
    assert "1 publicatie" in html


def test_an_o_page_lists_publicaties_praktijken_and_for_onderwijs_the_activities(
    client, verhalenkamer, make_publicatie, make_leeratelier, make_praktijk
):
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    make_publicatie("Verborgen armoede", relations={"activiteiten": [onderzoek]})
    make_publicatie("Concept", status="concept", relations={"activiteiten": [onderzoek]})
    signaleren = make_praktijk(make_leeratelier("Armoede"), "Signaleren van armoede")
    PraktijkActiviteit.objects.create(praktijk=signaleren, activiteit=onderzoek)

    html = page(client, "/de-4-os/onderzoek/")
    assert "<h1>Onderzoek</h1>" in html
    assert "Verborgen armoede" in html and ">Concept<" not in html
    assert "Signaleren van armoede" in html
    assert "Verhalenkamer armoede" not in html
    assert verhalenkamer.titel not in html  # onderwijsactiviteiten only under onderwijs
    assert 'href="/publicaties/?o=onderzoek"' in html

    html = page(client, "/de-4-os/onderwijs/")
    assert verhalenkamer.titel in html
    assert "Verhalenkamer armoede" in html  # students work there: it counts for onderwijs
    assert "Signaleren van armoede" not in html


def test_an_unknown_o_is_not_found(client):
    assert client.get("/de-4-os/onderhoud/").status_code == 404


def test_the_leeratelier_and_praktijk_places_say_where_students_work(verhalenkamer):
    from onderwijs.plekken import onderwijs

    praktijk = verhalenkamer.praktijken.get()
    PraktijkActiviteit.objects.create(
        praktijk=praktijk, activiteit=Activiteit.objects.get(slug="ontwikkeling")
    )
    html = onderwijs(praktijk)
    assert "In het onderwijs" in html and verhalenkamer.titel in html
    assert html.index(">Ontwikkeling<") < html.index(">Onderwijs<")  # the O's in their order
    assert verhalenkamer.titel in onderwijs(verhalenkamer.leerateliers.get())
    assert onderwijs(object()) == ""


def test_a_place_with_nothing_to_say_stays_empty(make_leeratelier, make_praktijk):
    from onderwijs.plekken import onderwijs

    atelier = make_leeratelier()
    assert onderwijs(atelier) == ""
    assert onderwijs(make_praktijk(atelier)) == ""


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def add_rows(count, make_activiteit, make_werk, make_opleiding, make_leeratelier, make_praktijk):
    opleiding = make_opleiding()
    atelier = make_leeratelier()
    for _ in range(count):
        praktijk = make_praktijk(atelier)
        activiteit = make_activiteit(
            relations={
                "opleidingen": [opleiding],
                "praktijken": [praktijk],
                "leerateliers": [atelier],
            }
        )
        make_werk(activiteit)
        PraktijkActiviteit.objects.create(
            praktijk=praktijk, activiteit=Activiteit.objects.get(slug="onderzoek")
        )


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/onderwijs/", 9), ("/de-4-os/", 1), ("/de-4-os/onderwijs/", 8), ("/de-4-os/onderzoek/", 4)],
)
def test_list_pages_take_a_fixed_number_of_queries(
    client,
    path,
    expected,
    make_activiteit,
    make_werk,
    make_opleiding,
    make_leeratelier,
    make_praktijk,
    make_publicatie,
):
    rows = (make_activiteit, make_werk, make_opleiding, make_leeratelier, make_praktijk)
    add_rows(2, *rows)
    for o in Activiteit.objects.all():
        make_publicatie(relations={"activiteiten": [o]})
    client.get(path)  # the profile is cached from here on
    first = queries(client, path)
    add_rows(5, *rows)
    for o in Activiteit.objects.all():
        make_publicatie(relations={"activiteiten": [o]})
    assert queries(client, path) == first == expected


def test_the_activity_page_takes_a_fixed_number_of_queries(
    client, verhalenkamer, make_werk, django_assert_num_queries
):
    make_werk(verhalenkamer, image=True, soort="foto")
    path = verhalenkamer.get_absolute_url()
    client.get(path)
    with django_assert_num_queries(7):
        client.get(path)
    for _ in range(5):
        make_werk(verhalenkamer, image=True, soort="foto")
        make_werk(verhalenkamer)
    with django_assert_num_queries(7):
        assert "Expositie" in client.get(path).content.decode()
