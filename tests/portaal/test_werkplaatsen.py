"""/werkplaatsen/: the Werkplaatsen Sociaal Domein with their regio, hogeschool, lectoraat,
website and gemeenten, ours marked; per werkplaats the praktijken and publicaties it shares
with us and room for its landelijke werkgroepen; in the admin, the API and the sitemap."""

import json

import pytest
from django.test import Client
from django.utils.html import format_html

from publicaties.models import Status
from tests.helpers import posted_back
from werkplaats import plekken
from werkplaats.models import Organisatie, Profiel, Soort, User

pytestmark = pytest.mark.django_db

WSD = Soort.WERKPLAATS_SOCIAAL_DOMEIN


@pytest.fixture
def netwerk(make_gemeente, make_organisatie, make_leeratelier, make_praktijk, make_publicatie):
    """Ours (Arnhem en Nijmegen, with its hogeschool, lectoraat and gemeenten), Twente with
    Oldenzaal outside our werkgebied, Utrecht, and the national network; one praktijk with
    Twente and Utrecht, a publicatie with Twente and one of ours alone."""
    lingewaard = make_gemeente("Lingewaard")
    oldenzaal = make_gemeente("Oldenzaal", subregio="", in_werkgebied=False, is_deelnemer=False)
    han = make_organisatie("Hogeschool van Arnhem en Nijmegen", soort=Soort.HOGESCHOOL)
    lectoraat = make_organisatie(
        "Lectoraat Versterken van Sociale Kwaliteit", soort=Soort.LECTORAAT
    )
    ons = make_organisatie(
        "Werkplaats Sociaal Domein Arnhem en Nijmegen",
        soort=WSD,
        regio="Arnhem en Nijmegen",
        hogeschool=han,
        lectoraat=lectoraat,
        website="https://www.werkplaatssociaaldomeinnijmegen.nl",
    )
    ons.regio_gemeenten.set([lingewaard])
    twente = make_organisatie("Werkplaats Sociaal Domein Twente", soort=WSD, regio="Twente")
    twente.regio_gemeenten.set([oldenzaal])
    utrecht = make_organisatie("Werkplaats Sociaal Domein Utrecht", soort=WSD, regio="Utrecht")
    landelijk = make_organisatie(
        "Werkplaatsen Sociaal Domein",
        soort=WSD,
        afkorting="WSD",
        website="https://www.werkplaatsensociaaldomein.nl",
    )
    Profiel.objects.create(regio="Arnhem en Nijmegen", organisatie=ons, lectoraat=lectoraat)
    armoede = make_leeratelier("Armoede en schulden")
    samen = make_praktijk(
        armoede,
        "Signaleren, bespreken en doorbreken van armoede",
        gemeenten=[lingewaard, oldenzaal],
    )
    samen.werkplaatsen.set([twente, utrecht])
    alleen = make_praktijk(armoede, "Verhalenkamer armoede", gemeenten=[lingewaard])
    gedeeld = make_publicatie("Armoede bespreekbaar", relations={"organisaties": [ons, twente]})
    eigen = make_publicatie("Onze eigen handreiking", relations={"organisaties": [ons]})
    concept = make_publicatie(
        "Nog niet af", status=Status.CONCEPT, relations={"organisaties": [twente]}
    )
    return {
        "ons": ons,
        "twente": twente,
        "utrecht": utrecht,
        "landelijk": landelijk,
        "han": han,
        "lingewaard": lingewaard,
        "oldenzaal": oldenzaal,
        "armoede": armoede,
        "samen": samen,
        "alleen": alleen,
        "gedeeld": gedeeld,
        "eigen": eigen,
        "concept": concept,
    }


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


# --- The list -----------------------------------------------------------------------------------


def test_the_list_shows_each_regional_werkplaats_with_what_is_known_of_it(client, netwerk):
    content = page(client, "/werkplaatsen/")
    for slug in ("arnhem-en-nijmegen", "twente", "utrecht"):
        assert f'href="/werkplaatsen/werkplaats-sociaal-domein-{slug}/"' in content
    for regio in ("Arnhem en Nijmegen", "Twente", "Utrecht"):
        assert f"<dd>{regio}</dd>" in content
    assert "Hogeschool van Arnhem en Nijmegen" in content
    assert "Lectoraat Versterken van Sociale Kwaliteit" in content
    assert "https://www.werkplaatssociaaldomeinnijmegen.nl" in content
    assert "Oldenzaal" in content  # the gemeente of Twente's region
    assert "1 gezamenlijke praktijk" in content


def test_our_werkplaats_is_marked_and_no_other(client, netwerk):
    response = client.get("/werkplaatsen/")
    assert [w.naam for w in response.context["regionaal"]] == [
        "Werkplaats Sociaal Domein Arnhem en Nijmegen",
        "Werkplaats Sociaal Domein Twente",
        "Werkplaats Sociaal Domein Utrecht",
    ]
    content = response.content.decode()
    assert content.count("Onze werkplaats") == 1
    ons = content.index("Werkplaats Sociaal Domein Arnhem en Nijmegen</a>")
    assert content.index("Onze werkplaats") - ons < 120


def test_the_national_network_is_apart_not_a_regional_werkplaats(client, netwerk):
    response = client.get("/werkplaatsen/")
    assert [w.naam for w in response.context["landelijk"]] == ["Werkplaatsen Sociaal Domein"]
    assert netwerk["landelijk"] not in response.context["regionaal"]
    assert "https://www.werkplaatsensociaaldomein.nl" in response.content.decode()


def test_without_a_profile_no_werkplaats_is_marked(client, netwerk):
    Profiel.objects.all().delete()
    assert "Onze werkplaats" not in page(client, "/werkplaatsen/")


def test_other_kinds_of_werkplaats_are_not_on_the_list(client, netwerk, make_organisatie):
    make_organisatie("Academische Werkplaats Jeugd", soort=Soort.WERKPLAATS)
    assert "Academische Werkplaats Jeugd" not in page(client, "/werkplaatsen/")
    assert client.get("/werkplaatsen/academische-werkplaats-jeugd/").status_code == 404


# --- A werkplaats' page ---------------------------------------------------------------------------


def test_a_werkplaats_page_shows_the_joint_praktijken_and_shared_publicaties(client, netwerk):
    content = page(client, "/werkplaatsen/werkplaats-sociaal-domein-twente/")
    assert "Gezamenlijke praktijken" in content
    assert f'href="{netwerk["samen"].get_absolute_url()}"' in content
    assert "Lingewaard, Oldenzaal" in content
    assert 'href="/werkplaatsen/werkplaats-sociaal-domein-utrecht/"' in content
    assert "Verhalenkamer armoede" not in content  # ours alone
    assert f'href="{netwerk["gedeeld"].get_absolute_url()}"' in content
    assert "Onze eigen handreiking" not in content
    assert "Nog niet af" not in content  # not published
    assert 'href="/gemeenten/oldenzaal/"' in content  # the gemeente of its region


def test_a_werkplaats_without_anything_shared_says_so(client, netwerk):
    content = page(client, "/werkplaatsen/werkplaatsen-sociaal-domein/")
    assert "We hebben nog geen gezamenlijke praktijken met deze werkplaats." in content
    assert "Er zijn nog geen publicaties die we met deze werkplaats delen." in content
    assert "Landelijk netwerk" in content


def test_our_own_page_shows_what_we_share_with_all_other_werkplaatsen(client, netwerk):
    content = page(client, "/werkplaatsen/werkplaats-sociaal-domein-arnhem-en-nijmegen/")
    assert "Onze werkplaats" in content
    assert "Praktijken met andere werkplaatsen" in content
    assert "Signaleren, bespreken en doorbreken van armoede" in content
    assert "Verhalenkamer armoede" not in content
    assert "Armoede bespreekbaar" in content
    assert "Onze eigen handreiking" not in content
    assert 'href="/partners/hogeschool-van-arnhem-en-nijmegen/"' in content


def test_the_page_leaves_room_for_the_werkgroepen_of_the_werkplaats(client, netwerk, monkeypatch):
    seen = []

    def werkgroepen(organisatie):
        seen.append(organisatie)
        return format_html("<p>{}</p>", f"Werkgroepen van {organisatie.naam}")

    monkeypatch.setitem(plekken._vullers, "werkgroepen", [werkgroepen])
    content = page(client, "/werkplaatsen/werkplaats-sociaal-domein-twente/")
    assert "<p>Werkgroepen van Werkplaats Sociaal Domein Twente</p>" in content
    assert seen == [netwerk["twente"]]


def test_the_page_describes_the_werkplaats_for_machines(client, netwerk):
    content = page(client, "/werkplaatsen/werkplaats-sociaal-domein-arnhem-en-nijmegen/")
    data = json.loads(_json_ld(content))
    assert data["@type"] == "Organization"
    assert data["url"].endswith("/werkplaatsen/werkplaats-sociaal-domein-arnhem-en-nijmegen/")
    assert [place["name"] for place in data["areaServed"]] == ["Lingewaard"]


def _json_ld(html):
    opening = '<script type="application/ld+json">'
    start = html.index(opening) + len(opening)
    return html[start : html.index("</script>", start)]


def test_an_unknown_or_hostile_address_is_a_404(client, netwerk):
    assert client.get("/werkplaatsen/bestaat-niet/").status_code == 404
    assert client.get("/werkplaatsen/%27%3Cscript%3E/").status_code == 404


def test_the_partner_page_of_a_werkplaats_links_to_its_werkplaats_page(client, netwerk):
    content = page(client, netwerk["twente"].get_absolute_url())
    assert 'href="/werkplaatsen/werkplaats-sociaal-domein-twente/"' in content
    content = page(client, netwerk["han"].get_absolute_url())
    assert "Regio, gemeenten en wat we samen doen" not in content


def test_the_partners_and_contact_pages_link_to_the_werkplaatsen(client, netwerk):
    assert 'href="/werkplaatsen/"' in page(client, "/partners/")
    assert 'href="/werkplaatsen/"' in page(client, "/contact/")


# --- Queries ------------------------------------------------------------------------------------


def add_more(netwerk, make_gemeente, make_organisatie, make_praktijk, make_publicatie, count=4):
    """More werkplaatsen with gemeenten, joint praktijken and shared publicaties."""
    for number in range(count):
        werkplaats = make_organisatie(
            f"Werkplaats Sociaal Domein Regio {number}",
            soort=WSD,
            regio=f"Regio {number}",
            hogeschool=netwerk["han"],
        )
        werkplaats.regio_gemeenten.set([make_gemeente(), make_gemeente()])
        for target in (werkplaats, netwerk["twente"]):
            praktijk = make_praktijk(
                netwerk["armoede"], gemeenten=[make_gemeente(), netwerk["oldenzaal"]]
            )
            praktijk.werkplaatsen.set([target, netwerk["utrecht"]])
            make_publicatie(relations={"organisaties": [target, netwerk["ons"]]})


@pytest.mark.parametrize(
    "path",
    [
        "/werkplaatsen/",
        "/werkplaatsen/werkplaats-sociaal-domein-twente/",
        "/werkplaatsen/werkplaats-sociaal-domein-arnhem-en-nijmegen/",
    ],
)
def test_the_pages_take_a_fixed_number_of_queries(
    path,
    netwerk,
    django_assert_max_num_queries,
    make_gemeente,
    make_organisatie,
    make_praktijk,
    make_publicatie,
):
    client = Client()
    client.get("/")  # the site profile, read once and then cached

    def count():
        with django_assert_max_num_queries(14) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    before = count()
    add_more(netwerk, make_gemeente, make_organisatie, make_praktijk, make_publicatie)
    assert count() == before


# --- Admin, API and sitemap -----------------------------------------------------------------------


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("beheer@example.nl", "geheim-en-lang"))
    return client


def test_the_admin_keeps_a_werkplaats_region_hogeschool_lectoraat_and_gemeenten(staff, netwerk):
    utrecht = netwerk["utrecht"]
    url = f"/beheer/werkplaats/organisatie/{utrecht.pk}/change/"
    form = staff.get(url)
    assert "Werkplaats Sociaal Domein" in form.content.decode()
    data = posted_back(form)
    data.update(regio="Utrecht", hogeschool=netwerk["han"].pk)
    data["regio_gemeenten"] = [netwerk["oldenzaal"].pk]
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    utrecht.refresh_from_db()
    assert utrecht.hogeschool == netwerk["han"]
    assert list(utrecht.regio_gemeenten.all()) == [netwerk["oldenzaal"]]


def test_the_admin_refuses_a_regio_or_lectoraat_for_another_kind_of_organisation(staff, netwerk):
    han = netwerk["han"]
    url = f"/beheer/werkplaats/organisatie/{han.pk}/change/"
    data = posted_back(staff.get(url))
    data["regio"] = "Gelderland"
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "horen alleen bij een Werkplaats Sociaal Domein" in response.content.decode()
    data.update(regio="", soort=WSD, hogeschool=han.pk)  # not a hogeschool of its own
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "niet haar eigen hogeschool of lectoraat" in response.content.decode()
    data["hogeschool"] = netwerk["ons"].pk  # a werkplaats, not a hogeschool
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "hogeschool" in response.context["adminform"].form.errors
    han.refresh_from_db()
    assert han.soort == Soort.HOGESCHOOL


def test_the_admin_names_our_werkplaats_in_the_profile(staff, netwerk):
    profiel = Profiel.objects.get()
    content = staff.get(f"/beheer/werkplaats/profiel/{profiel.pk}/change/").content.decode()
    assert "de werkplaats als organisatie" in content.lower()


def test_the_api_gives_the_werkplaats_details_of_a_werkplaats_only(client, netwerk):
    data = client.get("/api/v1/organisaties/werkplaats-sociaal-domein-arnhem-en-nijmegen/").json()
    werkplaats = data["werkplaats"]
    assert werkplaats["url"].endswith("/werkplaatsen/werkplaats-sociaal-domein-arnhem-en-nijmegen/")
    assert werkplaats["regio"] == "Arnhem en Nijmegen"
    assert werkplaats["hogeschool"]["slug"] == "hogeschool-van-arnhem-en-nijmegen"
    assert werkplaats["lectoraat"]["naam"] == "Lectoraat Versterken van Sociale Kwaliteit"
    assert [g["slug"] for g in werkplaats["gemeenten"]] == ["lingewaard"]
    assert werkplaats["is_deze_werkplaats"] is True
    twente = client.get("/api/v1/organisaties/werkplaats-sociaal-domein-twente/").json()
    assert twente["werkplaats"]["is_deze_werkplaats"] is False
    assert twente["werkplaats"]["hogeschool"] is None
    han = client.get("/api/v1/organisaties/hogeschool-van-arnhem-en-nijmegen/").json()
    assert han["werkplaats"] is None
    listed = client.get("/api/v1/organisaties/", {"soort": WSD}).json()
    assert {row["slug"] for row in listed["results"]} == set(
        Organisatie.objects.werkplaatsen().values_list("slug", flat=True)
    )


def test_the_sitemap_lists_the_werkplaatsen_pages(client, netwerk):
    content = page(client, "/sitemap.xml")
    assert "http://testserver/werkplaatsen/</loc>" in content
    for werkplaats in Organisatie.objects.werkplaatsen():
        assert f"http://testserver{werkplaats.get_werkplaats_url()}</loc>" in content
    assert "/werkplaatsen/hogeschool-van-arnhem-en-nijmegen/" not in content
