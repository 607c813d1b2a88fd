"""Publicaties in the read-only API: the published ones as their pages show them, with authors
in order, the file, links and the ways to cite them; the page's filters and order."""

import datetime
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publicaties.models import Activiteit, Link, LinkSoort, Status
from tests import mediafiles
from werkplaats.models import Voorwaarde

pytestmark = pytest.mark.django_db

API = "/api/v1/publicaties/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def slugs(rows):
    return [row["slug"] for row in rows]


@pytest.fixture
def library(
    make_publicatie, make_leeratelier, make_thema, make_persoon, make_organisatie, make_user
):
    armoede = make_leeratelier("Armoede en schulden")
    jip = make_leeratelier("JIP")
    thema = make_thema("Bestaanszekerheid")
    lector = make_persoon(
        "Lisbeth Verharen", email="l.verharen@example.nl", user=make_user("lisbeth@example.nl")
    )
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen")
    zekerheid = Voorwaarde.objects.get(slug="sociaaleconomische-zekerheid")
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    bestaanszekerheid = make_publicatie(
        "Werken aan bestaanszekerheid",
        soort="handreiking",
        samenvatting="Wat er nodig is & hoe je problemen voorkomt.",
        inhoud="Twee **vragen**.",
        gepubliceerd_on=datetime.date(2022, 3, 1),
        auteurs=[lector, "Jan van der Berg", {"groep": "Landelijke werkgroep"}],
        doi="10.1234/wsd.2022.1",
        handle="20.500.12345/678",
        licentie="cc-by-4.0",
        bestand=SimpleUploadedFile("rapport.pdf", PDF),
        relations={
            "leerateliers": [armoede],
            "themas": [thema],
            "voorwaarden": [zekerheid],
            "activiteiten": [onderzoek],
            "organisaties": [han],
        },
    )
    Link.objects.create(
        publicatie=bestaanszekerheid, soort=LinkSoort.BESTELLEN, url="https://boek.example/b"
    )
    return {
        "bestaanszekerheid": bestaanszekerheid,
        "podcast": make_publicatie(
            "Signaleren, bespreken en doorbreken van armoede",
            soort="podcast",
            gepubliceerd_on=datetime.date(2020, 10, 1),
            bestand=ContentFile(mediafiles.mp3(seconds=125), name="aflevering.mp3"),
            transcript="Welkom bij deze aflevering.",
            relations={"leerateliers": [armoede], "themas": [thema]},
        ),
        "jip": make_publicatie(
            "Meer dan een baan alleen",
            soort="artikel",
            gepubliceerd_on=datetime.date(2021, 5, 1),
            relations={"leerateliers": [jip]},
        ),
        "concept": make_publicatie(
            "Geheime handreiking", status=Status.CONCEPT, relations={"leerateliers": [armoede]}
        ),
    }


def test_a_publicatie_shows_what_its_page_shows(client, library):
    publicatie = library["bestaanszekerheid"]
    response = client.get(f"{API}werken-aan-bestaanszekerheid/")
    assert response.status_code == 200
    data = response.json()
    assert data["api_url"] == "http://testserver/api/v1/publicaties/werken-aan-bestaanszekerheid/"
    assert data["url"] == "http://testserver/publicaties/werken-aan-bestaanszekerheid/"
    assert (data["titel"], data["soort"], data["soort_naam"]) == (
        "Werken aan bestaanszekerheid",
        "handreiking",
        "Handreiking",
    )
    assert data["gepubliceerd_on"] == "2022-03-01"
    assert data["samenvatting"] == "Wat er nodig is & hoe je problemen voorkomt."
    assert data["inhoud"] == "Twee **vragen**."
    assert data["auteurs"] == [
        {
            "naam": "Lisbeth Verharen",
            "voornaam": "Lisbeth",
            "tussenvoegsel": "",
            "achternaam": "Verharen",
            "groep": "",
            "persoon": {
                "slug": "lisbeth-verharen",
                "naam": "Lisbeth Verharen",
                "url": "http://testserver/personen/lisbeth-verharen/",
            },
        },
        {
            "naam": "Jan van der Berg",
            "voornaam": "Jan",
            "tussenvoegsel": "van der",
            "achternaam": "Berg",
            "groep": "",
            "persoon": None,
        },
        {
            "naam": "Landelijke werkgroep",
            "voornaam": "",
            "tussenvoegsel": "",
            "achternaam": "",
            "groep": "Landelijke werkgroep",
            "persoon": None,
        },
    ]
    assert slugs(data["organisaties"]) == ["hogeschool-van-arnhem-en-nijmegen"]
    assert data["bestand"] == {
        "url": f"http://testserver{publicatie.bestand.url}",
        "mime_type": "application/pdf",
        "grootte": len(PDF),
        "duur": None,
    }
    assert data["ondertiteling"] is None
    assert data["omslag"] is None
    assert data["links"] == [
        {"soort": "bestellen", "soort_naam": "Bestellen", "url": "https://boek.example/b"}
    ]
    assert data["leerateliers"] == [
        {
            "slug": "armoede-en-schulden",
            "titel": "Armoede en schulden",
            "url": "http://testserver/leerateliers/armoede-en-schulden/",
        }
    ]
    assert slugs(data["themas"]) == ["bestaanszekerheid"]
    assert slugs(data["voorwaarden"]) == ["sociaaleconomische-zekerheid"]
    assert data["activiteiten"] == [{"slug": "onderzoek", "naam": "Onderzoek"}]
    assert (data["taal"], data["taal_naam"]) == ("nl", "Nederlands")
    assert (data["licentie"], data["licentie_naam"]) == ("cc-by-4.0", "CC BY 4.0")
    assert data["licentie_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert (data["doi"], data["handle"]) == ("10.1234/wsd.2022.1", "20.500.12345/678")
    assert data["gewijzigd_at"] == timezone.localtime(publicatie.gewijzigd_at).isoformat()


def test_the_citation_is_the_pages_apa_as_plain_text_with_the_downloads(client, library):
    citeren = client.get(f"{API}werken-aan-bestaanszekerheid/").json()["citeren"]
    assert citeren["apa"] == (
        "Verharen, L., Berg, J. van der, & Landelijke werkgroep. (2022). Werken aan "
        "bestaanszekerheid. Hogeschool van Arnhem en Nijmegen. https://doi.org/10.1234/wsd.2022.1"
    )
    page = client.get("/publicaties/werken-aan-bestaanszekerheid/").content.decode()
    assert "<i>Werken aan bestaanszekerheid</i>" in page  # the API drops the italics only
    base = "http://testserver/publicaties/werken-aan-bestaanszekerheid"
    assert citeren["bibtex"] == f"{base}/citeer.bib"
    assert citeren["ris"] == f"{base}/citeer.ris"
    for url in (citeren["bibtex"], citeren["ris"]):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_audio_has_its_mime_type_size_duration_and_transcript(client, library):
    podcast = library["podcast"]
    data = client.get(f"{API}{podcast.slug}/").json()
    assert data["bestand"] == {
        "url": f"http://testserver{podcast.bestand.url}",
        "mime_type": "audio/mpeg",
        "grootte": podcast.bestand.size,
        "duur": 125,
    }
    assert data["transcript"] == "Welkom bij deze aflevering."
    assert data["licentie"] == "" and data["licentie_url"] is None


def test_a_video_has_its_captions_and_the_largest_cover(client, make_publicatie):
    clip = make_publicatie(
        "Kennisclip",
        soort="kennisclip",
        bestand=ContentFile(mediafiles.mp4(seconds=61), name="clip.mp4"),
        ondertiteling=ContentFile(mediafiles.vtt(), name="clip.vtt"),
        transcript="Wat er gezegd wordt.",
        omslag_alt="Een werkplaats",
        omslag_varianten=[
            {"width": 400, "height": 300, "jpeg": "publicaties/omslag/a-400.jpg", "webp": "a.webp"},
            {"width": 800, "height": 600, "jpeg": "publicaties/omslag/a-800.jpg", "webp": "b.webp"},
        ],
    )
    data = client.get(f"{API}{clip.slug}/").json()
    assert data["bestand"]["mime_type"] == "video/mp4"
    assert data["bestand"]["duur"] == 61
    assert data["ondertiteling"] == f"http://testserver{clip.ondertiteling.url}"
    assert data["omslag"] == "http://testserver/media/publicaties/omslag/a-800.jpg"
    assert data["omslag_alt"] == "Een werkplaats"


def test_the_list_has_the_published_ones_newest_first(client, library):
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 3
    assert slugs(body["results"]) == [
        "werken-aan-bestaanszekerheid",
        "meer-dan-een-baan-alleen",
        "signaleren-bespreken-en-doorbreken-van-armoede",
    ]


def test_a_concept_is_nowhere(client, library):
    assert "geheime-handreiking" not in client.get(API, {"page_size": 100}).content.decode()
    response = client.get(f"{API}geheime-handreiking/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_an_unknown_slug_is_a_problem_in_dutch(client, library):
    response = client.get(f"{API}bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["title"] == "Niet gevonden"
    assert problem["instance"] == f"{API}bestaat-niet/"


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"soort": "podcast"},
        {"leeratelier": "armoede-en-schulden"},
        {"thema": "bestaanszekerheid"},
        {"voorwaarde": "sociaaleconomische-zekerheid"},
        {"o": "onderzoek"},
        {"jaar": "2021"},
        {"q": "armoede"},
        {"q": "armoede bestaanszekerheid"},
        {"q": "armoede", "sortering": "nieuwste"},
        {"leeratelier": "armoede-en-schulden", "soort": "handreiking"},
    ],
)
def test_filters_give_the_rows_of_the_page_in_its_order(client, library, query):
    page = client.get("/publicaties/", query)
    assert page.status_code == 200
    api = client.get(API, query)
    assert api.status_code == 200
    assert slugs(api.json()["results"]) == [row.slug for row in page.context["object_list"]]


def test_a_search_finds_on_author_and_body(client, library):
    assert slugs(client.get(API, {"q": "Verharen"}).json()["results"]) == [
        "werken-aan-bestaanszekerheid"
    ]


def test_a_wrong_filter_value_is_a_problem_naming_the_parameter(client, library):
    response = client.get(API, {"soort": "roman", "jaar": "1999"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["title"] == "Ongeldige vraag"
    assert {param["name"] for param in problem["invalidParams"]} == {"soort", "jaar"}


def test_the_query_string_does_not_hide_a_publicatie_found_by_its_slug(client, library):
    response = client.get(f"{API}meer-dan-een-baan-alleen/", {"soort": "podcast"})
    assert response.status_code == 200


def test_pages_never_overlap_when_dates_and_titles_are_equal(client, make_publicatie):
    for number in range(5):
        make_publicatie(
            "Jaarverslag", slug=f"jaarverslag-{number}", gepubliceerd_on=datetime.date(2022, 1, 1)
        )
    seen = []
    for number in range(1, 6):
        seen += slugs(client.get(API, {"page_size": 1, "page": number}).json()["results"])
    assert len(set(seen)) == 5


def test_no_email_address_and_no_account_anywhere(client, library):
    content = client.get(API, {"page_size": 100}).content.decode()
    assert not EMAIL.search(content), EMAIL.search(content)
    assert "lisbeth@" not in content and '"user"' not in content and '"email"' not in content


def test_queries_are_pinned_and_do_not_grow_with_the_rows(
    client, library, make_publicatie, make_persoon, make_leeratelier, django_assert_num_queries
):
    client.get(API)  # the site profile (the publisher in an APA reference) is then cached
    # count, page (with its organisaties, leerateliers, thema's, voorwaarden, O's and links in
    # the same query), then authors and parts
    with django_assert_num_queries(4):
        assert len(client.get(API).json()["results"]) == 3
    onderzoek = Activiteit.objects.get(slug="onderzoek")
    for number in range(6):
        publicatie = make_publicatie(
            f"Deel {number}",
            auteurs=[make_persoon(), "Extern Iemand"],
            relations={"leerateliers": [make_leeratelier()], "activiteiten": [onderzoek]},
        )
        Link.objects.create(publicatie=publicatie, soort=LinkSoort.LEZEN, url="https://e.example/")
    with django_assert_num_queries(4):
        assert len(client.get(API).json()["results"]) == 9
    with django_assert_num_queries(4):
        assert client.get(API, {"q": "deel"}).status_code == 200
    with django_assert_num_queries(3):  # no count
        assert client.get(f"{API}werken-aan-bestaanszekerheid/").status_code == 200
