"""The demo werkgroep, as the seeds describe it: Lerende Praktijken with Erik Jansen, the
survey of 17 leernetwerken and its report, and the conceptual framework in progress."""

import pytest
from django.core.management import call_command

from landelijk.models import Lidmaatschap, Werkgroep, WerkgroepActiviteit

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_werkgroep_lerende_praktijken(client):
    call_command("load_demo", verbosity=0)
    werkgroep = Werkgroep.objects.get(slug="lerende-praktijken")
    assert werkgroep.volledige_naam == "Leren van lerende praktijken in het sociaal domein"
    assert werkgroep.hoofdthema.slug == "lerende-praktijken"
    assert werkgroep.hoofdthema.is_landelijk_hoofdthema
    lid = werkgroep.lidmaatschappen.get()
    assert (lid.persoon.slug, lid.werkplaats.slug) == (
        "erik-jansen",
        "werkplaats-sociaal-domein-arnhem-en-nijmegen",
    )
    survey, kader = werkgroep.activiteiten.all()
    assert "17 leernetwerken" in survey.titel and survey.status == "afgerond"
    assert survey.publicatie.slug == "leren-van-lerende-praktijken-17-leernetwerken"
    assert kader.titel == "Conceptueel kader voor lerende praktijken"
    assert kader.status == "lopend"

    html = client.get(werkgroep.get_absolute_url()).content.decode()
    assert "Leren van lerende praktijken: een rondgang langs 17 leernetwerken" in html
    assert "Handreiking lerende praktijken" not in html  # a concept
    for atelier in werkgroep.leerateliers.all():
        assert (
            werkgroep.get_absolute_url() in client.get(atelier.get_absolute_url()).content.decode()
        )


def test_loading_again_keeps_what_the_commissie_changed(client):
    call_command("load_demo", verbosity=0)
    werkgroep = Werkgroep.objects.get(slug="lerende-praktijken")
    werkgroep.activiteiten.filter(status="lopend").update(status="afgerond")
    werkgroep.lidmaatschappen.update(rol="")
    counts = (Werkgroep.objects.count(), Lidmaatschap.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Werkgroep.objects.count(), Lidmaatschap.objects.count()) == counts
    assert WerkgroepActiviteit.objects.count() == 2
    assert not WerkgroepActiviteit.objects.filter(status="lopend").exists()
    assert Lidmaatschap.objects.get().rol == ""
