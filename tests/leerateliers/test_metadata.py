"""A lerende praktijk and a tribune update as sharing and search read them: a schema.org
Project and BlogPosting, and a description in plain text."""

import pytest

from tests.page_metadata import json_ld, meta

pytestmark = pytest.mark.django_db


def test_praktijk_is_a_project_of_its_leeratelier(
    client, make_leeratelier, make_praktijk, make_gemeente, make_organisatie
):
    atelier = make_leeratelier("Armoede en schulden")
    praktijk = make_praktijk(
        atelier,
        "Verhalenkamer armoede",
        gemeenten=[make_gemeente("Heumen")],
        partners=[make_organisatie("Stichting De Kern")],
        beschrijving='Een **kamer** vol verhalen: "wat werkt" & <wat niet>.',
    )
    response = client.get(praktijk.get_absolute_url())
    data = json_ld(response)
    assert data["@type"] == "Project"
    assert data["name"] == "Verhalenkamer armoede"
    assert data["parentOrganization"] == {
        "@type": "ResearchProject",
        "name": "Armoede en schulden",
        "url": "http://testserver/leerateliers/armoede-en-schulden/",
    }
    assert [area["name"] for area in data["areaServed"]] == ["Heumen"]
    assert [member["name"] for member in data["member"]] == ["Stichting De Kern"]
    # Markdown becomes plain text; quotes and brackets stay inside the attribute.
    tags = meta(response)
    assert tags["og:description"] == 'Een kamer vol verhalen: "wat werkt" & .'
    assert "&quot;wat werkt&quot; &amp; ." in response.content.decode()
    assert tags["description"] == tags["og:description"]


def test_tribune_update_is_a_blog_posting(client, make_leeratelier, make_update, make_persoon):
    atelier = make_leeratelier("JIP")
    update = make_update(atelier, "Wat we leerden", auteur=make_persoon("Erik Jansen"))
    response = client.get(update.get_absolute_url())
    data = json_ld(response)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Wat we leerden"
    assert data["datePublished"] == update.gepubliceerd_at.isoformat()
    assert data["author"]["name"] == "Erik Jansen"
    assert data["about"]["name"] == "JIP"
    tags = meta(response)
    assert tags["og:type"] == "article"
    assert tags["og:description"] == "Wat we deze maand leerden."
