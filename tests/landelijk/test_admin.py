"""The programmacommissie keeps the werkgroepen in the admin: a werkgroep with its members and
activities in one form, refused (not a 500) where the rules say no."""

import pytest
from django.contrib.auth.models import Group

from landelijk.models import Werkgroep

pytestmark = pytest.mark.django_db

MANAGEMENT = {
    "lidmaatschappen-TOTAL_FORMS": "0",
    "lidmaatschappen-INITIAL_FORMS": "0",
    "activiteiten-TOTAL_FORMS": "0",
    "activiteiten-INITIAL_FORMS": "0",
}


@pytest.fixture
def commissie(world, client, make_user):
    """A member of the programmacommissie, signed in to the admin."""
    user = make_user("lid@example.nl", is_staff=True)
    user.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(user)
    return user


@pytest.fixture
def form(hoofdthema, make_werkplaats, make_persoon, make_leeratelier, make_publicatie):
    nijmegen = make_werkplaats("Werkplaats Sociaal Domein Arnhem en Nijmegen")
    erik = make_persoon("Erik Jansen")
    rapport = make_publicatie("Een rondgang langs 17 leernetwerken")
    return {
        "naam": "Lerende Praktijken",
        "slug": "lerende-praktijken",
        "volledige_naam": "Leren van lerende praktijken in het sociaal domein",
        "status": "actief",
        "samenvatting": "Hoe werken leernetwerken?",
        "beschrijving": "",
        "hoofdthema": hoofdthema.pk,
        "werkplaatsen": [nijmegen.pk],
        "leerateliers": [make_leeratelier("Evalueren van sociale interventies").pk],
        "publicaties": [rapport.pk],
        **MANAGEMENT,
        "lidmaatschappen-TOTAL_FORMS": "1",
        "lidmaatschappen-0-persoon": erik.pk,
        "lidmaatschappen-0-werkplaats": nijmegen.pk,
        "lidmaatschappen-0-rol": "contactpersoon",
        "activiteiten-TOTAL_FORMS": "2",
        "activiteiten-0-titel": "Rondgang langs 17 leernetwerken",
        "activiteiten-0-status": "afgerond",
        "activiteiten-0-volgorde": "10",
        "activiteiten-0-publicatie": rapport.pk,
        "activiteiten-1-titel": "Conceptueel kader voor lerende praktijken",
        "activiteiten-1-status": "lopend",
        "activiteiten-1-volgorde": "20",
    }


def test_the_commissie_adds_a_werkgroep_with_members_and_activities(client, commissie, form):
    assert client.get("/beheer/landelijk/werkgroep/add/").status_code == 200
    response = client.post("/beheer/landelijk/werkgroep/add/", form)
    assert response.status_code == 302, response.context and response.context["errors"]
    werkgroep = Werkgroep.objects.get(slug="lerende-praktijken")
    lid = werkgroep.lidmaatschappen.get()
    assert (lid.persoon.naam, lid.werkplaats.naam, lid.rol) == (
        "Erik Jansen",
        "Werkplaats Sociaal Domein Arnhem en Nijmegen",
        "contactpersoon",
    )
    assert [a.titel for a in werkgroep.activiteiten.all()] == [
        "Rondgang langs 17 leernetwerken",
        "Conceptueel kader voor lerende praktijken",
    ]
    assert client.get("/beheer/landelijk/werkgroep/").status_code == 200
    change = client.get(f"/beheer/landelijk/werkgroep/{werkgroep.pk}/change/")
    assert change.status_code == 200
    assert client.get("/werkgroepen/lerende-praktijken/").status_code == 200


def test_the_same_member_twice_is_an_error_on_the_form(client, commissie, form):
    form |= {
        "lidmaatschappen-TOTAL_FORMS": "2",
        "lidmaatschappen-1-persoon": form["lidmaatschappen-0-persoon"],
        "lidmaatschappen-1-rol": "",
    }
    response = client.post("/beheer/landelijk/werkgroep/add/", form)
    assert response.status_code == 200
    assert "Corrigeer de dubbele gegevens voor persoon." in response.content.decode()
    assert not Werkgroep.objects.exists()


def test_only_a_landelijk_hoofdthema_is_a_hoofdthema(client, commissie, form, make_thema):
    form["hoofdthema"] = make_thema("Jonge mantelzorgers").pk
    response = client.post("/beheer/landelijk/werkgroep/add/", form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hoofdthema"]
    assert not Werkgroep.objects.exists()


def test_an_activity_that_ends_before_it_starts_is_refused(client, commissie, form):
    form |= {"activiteiten-1-start_on": "2021-03-01", "activiteiten-1-end_on": "2020-03-01"}
    response = client.post("/beheer/landelijk/werkgroep/add/", form)
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    assert not Werkgroep.objects.exists()


def test_autocomplete_offers_only_werkplaatsen_and_landelijke_hoofdthemas(
    client, commissie, form, make_organisatie, make_thema
):
    make_organisatie("Werkplaats Jeugd Welzijn")  # not of the kind werkplaats
    make_thema("Lerende organisatie")

    def found(field, term):
        response = client.get(
            "/beheer/autocomplete/",
            {
                "term": term,
                "app_label": "landelijk",
                "model_name": "werkgroep",
                "field_name": field,
            },
        )
        assert response.status_code == 200
        return [row["text"] for row in response.json()["results"]]

    assert found("werkplaatsen", "werkplaats") == ["Werkplaats Sociaal Domein Arnhem en Nijmegen"]
    assert found("hoofdthema", "lerende") == ["Lerende praktijken"]
    assert found("thema", "lerende") == ["Lerende organisatie", "Lerende praktijken"]
