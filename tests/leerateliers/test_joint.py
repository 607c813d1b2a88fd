"""Joint projects: a lerende praktijk can run with other Werkplaatsen Sociaal Domein and in
gemeenten outside the werkgebied (Oldenzaal, Utrecht). Its page names them; the werkgebied,
its lists, coverage tables, filters and counts never do."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from leerateliers import services
from leerateliers.matrix import praktijken_per_gemeente, werkgebied
from leerateliers.models import LerendePraktijk
from leerateliers.wijzigingen import wijzigingen
from tests.helpers import posted_back
from werkplaats.models import Gemeente, Soort, Subregio

pytestmark = pytest.mark.django_db

WSD = Soort.WERKPLAATS_SOCIAAL_DOMEIN


@pytest.fixture
def joint(world, make_gemeente, make_organisatie, make_praktijk, voorwaarden):
    """Leeratelier A of the world (led by the trekker) with a praktijk in Lingewaard and
    Oldenzaal, run with the werkplaats of Twente; Oldenzaal lies outside the werkgebied."""
    lingewaard = make_gemeente("Lingewaard", cbs_code="GM1705", subregio=Subregio.BETUWE)
    oldenzaal = make_gemeente(
        "Oldenzaal", cbs_code="GM0173", subregio="", in_werkgebied=False, is_deelnemer=False
    )
    twente = make_organisatie("Werkplaats Sociaal Domein Twente", soort=WSD, regio="Twente")
    twente.regio_gemeenten.set([oldenzaal])
    world.a.voorwaarden.set([voorwaarden["sociale-inclusie"]])
    praktijk = make_praktijk(
        world.a,
        "Signaleren, bespreken en doorbreken van armoede",
        gemeenten=[lingewaard, oldenzaal],
    )
    praktijk.werkplaatsen.set([twente])
    return {"lingewaard": lingewaard, "oldenzaal": oldenzaal, "twente": twente, "p": praktijk}


def slugs(gemeenten):
    return {gemeente.slug for gemeente in gemeenten}


# --- Not part of the werkgebied -------------------------------------------------------------------


def test_a_joint_praktijk_in_oldenzaal_does_not_add_it_to_the_werkgebied(joint):
    assert slugs(Gemeente.objects.werkgebied()) == {"lingewaard"}
    assert slugs(Gemeente.objects.deelnemend()) == {"lingewaard"}
    assert slugs(werkgebied()) == {"lingewaard"}  # the rows of the coverage tables


def test_nor_to_the_coverage_tables(joint, voorwaarden):
    _voorwaarden, rows = praktijken_per_gemeente()
    assert [row.subject.slug for row in rows] == ["lingewaard"]
    assert rows[0].covered == 1  # the joint praktijk counts for Lingewaard


def test_nor_to_the_gemeenten_page_or_the_home_page(client, joint):
    response = client.get("/gemeenten/")
    listed = [g for _subregio, gemeenten in response.context["subregios"] for g in gemeenten]
    assert slugs(listed) == {"lingewaard"}
    assert "Oldenzaal" not in response.content.decode()
    home = client.get("/")
    assert slugs(home.context["gemeenten"]) == {"lingewaard"}
    assert "De werkplaats is actief in 1 gemeente" in home.content.decode()


def test_nor_to_the_coverage_page_and_its_choice_of_gemeente(client, joint):
    response = client.get("/sociale-kwaliteit/")
    assert [row.subject.slug for row in response.context["gemeente_rows"]] == ["lingewaard"]
    form = response.context["dekking_form"]
    assert slugs(form.fields["gemeente"].queryset) == {"lingewaard"}
    assert client.get("/sociale-kwaliteit/", {"gemeente": "oldenzaal"}).status_code == 200
    assert "Oldenzaal" not in client.get("/sociale-kwaliteit/").content.decode()


def test_nor_to_the_filters_of_leerateliers_and_partners(client, joint):
    response = client.get("/leerateliers/")
    assert slugs(response.context["filter"].form.fields["gemeente"].queryset) == {"lingewaard"}
    assert 'value="oldenzaal"' not in response.content.decode()
    response = client.get("/leerateliers/", {"gemeente": "oldenzaal"})
    assert response.status_code == 200
    assert response.context["filter"].errors
    partners = client.get("/partners/")
    assert 'value="oldenzaal"' not in partners.content.decode()


# --- Where it is shown ---------------------------------------------------------------------------


def test_the_praktijk_page_names_the_gemeenten_outside_and_the_werkplaatsen(client, joint):
    content = client.get(joint["p"].get_absolute_url()).content.decode()
    assert '<a href="/gemeenten/lingewaard/">Lingewaard</a>; ook in' in content
    assert '<a href="/gemeenten/oldenzaal/">Oldenzaal</a>' in content
    assert "buiten ons werkgebied" in content
    assert '<a href="/werkplaatsen/werkplaats-sociaal-domein-twente/">' in content


def test_two_gemeenten_outside_read_as_a_dutch_list(client, joint, make_gemeente):
    utrecht = make_gemeente("Utrecht", subregio="", in_werkgebied=False, is_deelnemer=False)
    joint["p"].gemeenten.add(utrecht)
    content = client.get(joint["p"].get_absolute_url()).content.decode()
    oldenzaal, en, utrecht_at = (
        content.index(">Oldenzaal</a>"),
        content.index(" en <a", content.index(">Oldenzaal</a>")),
        content.index(">Utrecht</a>"),
    )
    assert oldenzaal < en < utrecht_at


def test_the_page_of_a_gemeente_outside_says_so(client, joint):
    response = client.get("/gemeenten/oldenzaal/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "hoort niet bij ons werkgebied" in content
    assert '<a href="/werkplaatsen/">een andere Werkplaats Sociaal Domein</a>' in content
    assert "Signaleren, bespreken en doorbreken van armoede" in content
    assert "Subregio" not in content


def test_the_api_gives_the_werkplaatsen_of_a_praktijk_and_where_a_gemeente_lies(client, joint):
    row = client.get(f"/api/v1/lerende-praktijken/{joint['p'].pk}/").json()
    assert [w["slug"] for w in row["werkplaatsen"]] == ["werkplaats-sociaal-domein-twente"]
    assert row["werkplaatsen"][0]["url"].endswith("/werkplaatsen/werkplaats-sociaal-domein-twente/")
    assert [g["slug"] for g in row["gemeenten"]] == ["lingewaard", "oldenzaal"]
    found = client.get("/api/v1/lerende-praktijken/", {"werkplaats": joint["twente"].slug})
    assert [r["id"] for r in found.json()["results"]] == [joint["p"].pk]
    gemeenten = {g["slug"]: g for g in client.get("/api/v1/gemeenten/").json()["results"]}
    assert gemeenten["oldenzaal"]["in_werkgebied"] is False
    assert gemeenten["oldenzaal"]["subregio"] == ""
    assert gemeenten["lingewaard"]["in_werkgebied"] is True


def test_the_api_pages_take_no_more_queries_with_more_joint_praktijken(
    client, joint, world, make_praktijk, make_organisatie
):
    client.get("/api/v1/lerende-praktijken/")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/lerende-praktijken/").status_code == 200
        return len(captured)

    before = count()
    for number in range(3):
        praktijk = make_praktijk(world.a, gemeenten=[joint["oldenzaal"]])
        praktijk.werkplaatsen.set([joint["twente"], make_organisatie(f"WSD {number}", soort=WSD)])
    assert count() == before


# --- Rules and editing ----------------------------------------------------------------------------


def test_only_werkplaatsen_sociaal_domein_can_be_the_werkplaatsen_of_a_praktijk(joint, world):
    with pytest.raises(ValidationError) as error:
        services.praktijk_save(praktijk=joint["p"], werkplaatsen=[world.andere])
    assert "werkplaatsen" in error.value.error_dict


def test_a_deelnemende_gemeente_belongs_to_the_werkgebied_with_a_subregio(make_gemeente):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_gemeente(in_werkgebied=False, subregio="")  # is_deelnemer defaults to true
    gemeente = Gemeente(naam="Zwolle", slug="zwolle", cbs_code="GM0193", subregio="")
    with pytest.raises(ValidationError, match="Kies de subregio"):
        gemeente.full_clean()  # in the werkgebied, so with a subregio
    gemeente.in_werkgebied = gemeente.is_deelnemer = False
    gemeente.full_clean()


def test_a_trekker_chooses_the_werkplaatsen_of_a_praktijk(client, joint, world, make_organisatie):
    utrecht = make_organisatie("Werkplaats Sociaal Domein Utrecht", soort=WSD, regio="Utrecht")
    client.force_login(world.trekker)
    url = f"/mijn/leerateliers/{world.a.slug}/praktijken/{joint['p'].pk}/bewerken/"
    form = client.get(url)
    choices = form.context["form"].fields["werkplaatsen"].choices
    assert [value for value, _label in choices] == [joint["twente"].pk, utrecht.pk]
    assert f'value="{world.andere.pk}"' in form.content.decode()  # a partner, not a werkplaats
    data = {
        "titel": joint["p"].titel,
        "beschrijving": "",
        "status": joint["p"].status,
        "start_on": "",
        "end_on": "",
        "externe_link": "",
        "gemeenten": [joint["lingewaard"].pk, joint["oldenzaal"].pk],
        "werkplaatsen": [joint["twente"].pk, utrecht.pk],
    }
    assert client.post(url, data).status_code == 302
    assert set(joint["p"].werkplaatsen.all()) == {joint["twente"], utrecht}
    assert wijzigingen(joint["p"])[0].velden == ["samen met werkplaatsen"]
    data["werkplaatsen"] = [world.andere.pk]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "werkplaatsen" in response.context["form"].errors


def test_the_admin_keeps_the_werkplaatsen_of_a_praktijk(client, joint, world, make_organisatie):
    utrecht = make_organisatie("Werkplaats Sociaal Domein Utrecht", soort=WSD, regio="Utrecht")
    client.force_login(world.beheerder)
    url = f"/beheer/leerateliers/lerendepraktijk/{joint['p'].pk}/change/"
    data = posted_back(client.get(url))
    data["werkplaatsen"] = [utrecht.pk]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    praktijk = LerendePraktijk.objects.get(pk=joint["p"].pk)
    assert list(praktijk.werkplaatsen.all()) == [utrecht]
