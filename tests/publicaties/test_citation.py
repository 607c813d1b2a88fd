"""Citations as a Dutch reader and a reference manager expect them: structured authors, APA in
Dutch style, organisations as one author, no doubled punctuation, handles apart from DOIs."""

import pytest
from django.core.exceptions import ValidationError

from publicaties import citation
from publicaties.models import Auteurschap, Publicatie, split_naam

pytestmark = pytest.mark.django_db

WERKGROEP = {"groep": "Landelijke werkgroep Lerende Praktijken"}


def apa_text(publicatie):
    return str(citation.apa(Publicatie.objects.for_detail().get(pk=publicatie.pk), "https://x/"))


@pytest.mark.parametrize(
    ("naam", "parts"),
    [
        ("Jan van der Berg", ("Jan", "van der", "Berg")),
        ("Carinda Jansen-de Vries", ("Carinda", "", "Jansen-de Vries")),
        ("Maritza Gerritsen", ("Maritza", "", "Gerritsen")),
        ("Theo de Boer", ("Theo", "de", "Boer")),
    ],
)
def test_a_name_is_split_into_voornaam_tussenvoegsel_and_achternaam(naam, parts):
    assert split_naam(naam) == parts


def test_dutch_apa_puts_the_tussenvoegsel_after_the_initials(make_publicatie):
    publicatie = make_publicatie(
        "Werken aan bestaanszekerheid",
        soort="handreiking",
        auteurs=[{"voornaam": "Jan Pieter", "tussenvoegsel": "van der", "achternaam": "Berg"}],
    )
    assert apa_text(publicatie).startswith("Berg, J. P. van der (2021). <i>")


def test_an_organisation_is_one_author_followed_by_a_period(make_publicatie, make_persoon):
    publicatie = make_publicatie(
        "Lerende praktijken in de Werkplaatsen Sociaal Domein",
        soort="rapport",
        auteurs=[make_persoon("Erik Jansen"), WERKGROEP],
    )
    assert apa_text(publicatie).startswith(
        "Jansen, E., &amp; Landelijke werkgroep Lerende Praktijken. (2021). <i>Lerende"
    )
    alone = make_publicatie("Handreiking", soort="handreiking", auteurs=[WERKGROEP])
    assert apa_text(alone).startswith("Landelijke werkgroep Lerende Praktijken. (2021).")


@pytest.mark.parametrize(
    "titel", ["Sociale basis op orde: minder praten, meer doen!", "Hoe gaat het in de wijken?"]
)
def test_a_title_ending_in_a_question_or_exclamation_mark_gets_no_period(make_publicatie, titel):
    publicatie = make_publicatie(titel, soort="rapport", auteurs=["Lisbeth Verharen"])
    text = apa_text(publicatie)
    assert f"<i>{titel}</i> " in text
    assert "!." not in text and "?." not in text


def test_bibtex_keeps_an_organisation_whole_in_double_braces(client, make_publicatie):
    publicatie = make_publicatie("Rapport", auteurs=["Erik Jansen", WERKGROEP])
    bib = client.get(f"/publicaties/{publicatie.slug}/citeer.bib").content.decode()
    assert "author = {Jansen, Erik and {Landelijke werkgroep Lerende Praktijken}}" in bib
    ris = client.get(f"/publicaties/{publicatie.slug}/citeer.ris").content.decode()
    assert "AU  - Landelijke werkgroep Lerende Praktijken" in ris


def test_a_handle_is_not_a_doi(client, make_publicatie):
    publicatie = make_publicatie("Rapport", handle="20.500.12345/678")
    bib = client.get(f"/publicaties/{publicatie.slug}/citeer.bib").content.decode()
    assert "doi = " not in bib
    assert "url = {https://hdl.handle.net/20.500.12345/678}" in bib
    ris = client.get(f"/publicaties/{publicatie.slug}/citeer.ris").content.decode()
    assert "DO  - " not in ris
    page = client.get(publicatie.get_absolute_url()).content.decode()
    assert "https://hdl.handle.net/20.500.12345/678" in page and "doi.org" not in page


def test_the_doi_field_refuses_a_handle_in_dutch(make_publicatie):
    publicatie = make_publicatie("Rapport")
    publicatie.doi = "20.500.12345/678"
    with pytest.raises(ValidationError, match=r"Een DOI begint met 10\."):
        publicatie.full_clean()
    publicatie.doi, publicatie.handle = "", "10.1234/abcd"
    with pytest.raises(ValidationError, match="een DOI hoort in het veld DOI"):
        publicatie.full_clean()


def test_an_author_needs_a_name_or_an_organisation_not_both(make_publicatie):
    publicatie = make_publicatie("Rapport")
    both = Auteurschap(publicatie=publicatie, achternaam="Jansen", groep="Werkgroep")
    with pytest.raises(ValidationError, match="niet allebei"):
        both.full_clean()


def test_choosing_another_persoon_as_author_takes_their_name(make_publicatie, make_persoon):
    from publicaties.models import Auteurschap

    publicatie = make_publicatie("Rapport", auteurs=[make_persoon("Carinda Jansen")])
    auteur = Auteurschap.objects.get(publicatie=publicatie)
    auteur.persoon = make_persoon("Joos Meesters")
    auteur.full_clean()
    auteur.save()
    auteur.refresh_from_db()
    assert (auteur.voornaam, auteur.achternaam, auteur.naam) == (
        "Joos",
        "Meesters",
        "Joos Meesters",
    )
