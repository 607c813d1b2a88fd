"""The leesbaarheidsindicatie (werkplaats/leesbaarheid.py): the Flesch-Douma score of a Dutch
text, its band and its long sentences, on any input; and the field that shows it, on the
admin's change forms."""

import re
import time

import pytest
from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from werkplaats.forms import LeesbaarheidMixin, LeesbaarheidWidget, leesbaarheid_delen
from werkplaats.leesbaarheid import (
    MAX_TEKENS,
    MAX_WOORDEN_PER_ZIN,
    NIVEAUS,
    Leesbaarheid,
    leesbaarheid,
)

SIMPEL = (
    "We zoeken mensen die mee willen doen. Je praat met buren over geld. Dat helpt. "
    "Wil je meer weten? Bel ons of kom langs."
)
MOEILIJK = (
    "De implementatie van integrale beleidsinterventies ten behoeve van de versterking van de "
    "sociaaleconomische zelfredzaamheid van kwetsbare burgers vereist een systematische "
    "evaluatie van de maatschappelijke effecten, waarbij ervaringsdeskundigheid en "
    "professionele kennis geïntegreerd worden in een lerende praktijk."
)


def woorden(aantal, woord="kat"):
    """A sentence of ``aantal`` words, without its full stop."""
    return " ".join([woord.capitalize()] + [woord] * (aantal - 1))


# --- The score ----------------------------------------------------------------------------------


def test_the_score_follows_douma_on_a_text_counted_by_hand():
    # Vrij-wil-li-gers (4) be-zoe-ken (3) een-za-me (3) ou-de-ren (3). Dat (1) helpt (1).
    # 6 words, 15 syllables, 2 sentences:
    # 206.84 − 0.77 × (15 / 6 × 100) − 0.93 × (6 / 2) = 206.84 − 192.5 − 2.79 = 11.55
    uitslag = leesbaarheid("Vrijwilligers bezoeken eenzame ouderen. Dat helpt.")
    assert (uitslag.woorden, uitslag.lettergrepen, uitslag.zinnen) == (6, 15, 2)
    assert uitslag.score == pytest.approx(11.55)
    assert uitslag.getal == 12
    assert uitslag.niveau.naam == "zeer moeilijk"


def test_a_simple_text_ranks_above_a_hard_one():
    simpel, moeilijk = leesbaarheid(SIMPEL), leesbaarheid(MOEILIJK)
    assert simpel.score > moeilijk.score + 40
    assert simpel.niveau.naam in {"zeer makkelijk", "makkelijk"}
    assert moeilijk.niveau.naam == "zeer moeilijk"


@pytest.mark.parametrize(
    ("getal", "naam"),
    [
        (100, "zeer makkelijk"),
        (90, "zeer makkelijk"),
        (89, "makkelijk"),
        (75, "redelijk makkelijk"),
        (62, "normaal"),
        (50, "redelijk moeilijk"),
        (30, "moeilijk"),
        (29, "zeer moeilijk"),
        (0, "zeer moeilijk"),
    ],
)
def test_douma_bands_and_who_can_read_them(getal, naam):
    niveau = next(niveau for niveau in NIVEAUS if getal >= niveau.vanaf)
    assert niveau.naam == naam
    assert niveau.lezers


def test_the_number_shown_stays_between_0_and_100():
    assert leesbaarheid("Ja.").score > 100
    assert leesbaarheid("Ja.").getal == 100
    assert leesbaarheid(MOEILIJK).score < 0
    assert leesbaarheid(MOEILIJK).getal == 0


# --- Sentences ----------------------------------------------------------------------------------


def test_sentences_of_more_than_twenty_words_are_long():
    precies = woorden(MAX_WOORDEN_PER_ZIN) + "."
    te_lang = woorden(MAX_WOORDEN_PER_ZIN + 1, "hond") + "."
    uitslag = leesbaarheid(f"{precies} {te_lang} Kort.")
    assert uitslag.zinnen == 3
    assert [zin.woorden for zin in uitslag.lange_zinnen] == [MAX_WOORDEN_PER_ZIN + 1]
    assert uitslag.lange_zinnen[0].tekst == te_lang


def test_abbreviations_initials_and_numbers_do_not_end_a_sentence():
    uitslag = leesbaarheid(
        "Zie bijv. de lessen van o.a. Heumen, d.w.z. de aanpak van J. de Vries. "
        "In 2021 kwamen ca. 1.250 mensen (3,5%) op 12 okt. naar de wijk. Daarna niet meer!"
    )
    assert uitslag.zinnen == 3


def test_a_text_without_a_full_stop_is_one_sentence():
    uitslag = leesbaarheid("samen werken aan sociale kwaliteit in de wijk")
    assert (uitslag.woorden, uitslag.zinnen) == (8, 1)


def test_markdown_lists_headings_links_and_html_are_read_as_text():
    uitslag = leesbaarheid(
        "# Wat we doen\n\n"
        "We **leren** van [de praktijk](https://example.org/praktijk?id=1).\n\n"
        "- buurthuis\n"
        "- bibliotheek\n"
        "1. eerst luisteren\n\n"
        "<p>Meer op <https://example.org> of via info@example.org.</p>"
    )
    # Heading, sentence, two list items, numbered item and the last paragraph: six sentences.
    assert uitslag.zinnen == 6
    # "Wat we doen" 3, "We leren van de praktijk" 5, 1, 1, "eerst luisteren" 2,
    # "Meer op link of via link" 6 (each address one word).
    assert uitslag.woorden == 18


@pytest.mark.parametrize(
    "tekst", ["", None, "   \n\n ", "...!!!", "- \n- \n", "**", "<p></p>", "\x00\x0b"]
)
def test_a_text_without_words_has_no_score(tekst):
    uitslag = leesbaarheid(tekst)
    assert uitslag == Leesbaarheid()
    assert uitslag.score is None and uitslag.niveau is None


def test_a_text_over_the_limit_gets_no_indication():
    assert leesbaarheid("a" * (MAX_TEKENS + 1)).te_lang
    assert not leesbaarheid("a " * (MAX_TEKENS // 2)).te_lang


@pytest.mark.parametrize(
    "tekst",
    [
        "x" * MAX_TEKENS,
        "[a](" * 5000,
        "[a](b)" * 3000,
        "_a" * 10_000,
        "a@" * 10_000,
        "<!--" * 5000,
        "é" * MAX_TEKENS,
    ],
)
def test_hostile_text_is_answered_quickly(tekst):
    start = time.perf_counter()
    leesbaarheid(tekst)
    assert time.perf_counter() - start < 1


@hypothesis_settings(
    max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
@given(st.text(max_size=400) | st.text(alphabet=" .!?-*_[]()<>#\n\tab1", max_size=400))
def test_any_text_gets_an_answer_without_an_exception(tekst):
    uitslag = leesbaarheid(tekst)
    assert uitslag.zinnen <= uitslag.woorden
    assert uitslag.getal is None or 0 <= uitslag.getal <= 100
    assert all(zin.woorden > MAX_WOORDEN_PER_ZIN for zin in uitslag.lange_zinnen)


# --- The field that shows it --------------------------------------------------------------------


class Formulier(LeesbaarheidMixin, forms.Form):
    leesbaarheid_velden = ("tekst",)

    tekst = forms.CharField(widget=forms.Textarea, help_text="Markdown.")
    titel = forms.CharField()


def test_the_field_shows_the_indication_of_its_value_with_long_sentences_marked():
    form = Formulier(initial={"tekst": MOEILIJK})
    html = str(form["tekst"])
    assert 'name="tekst"' in html and 'aria-describedby="id_tekst_helptext"' in html
    assert "Leesbaarheidsindicatie (Flesch-Douma): 0 — zeer moeilijk" in html
    assert "<mark>De implementatie van integrale" in html
    assert "geen B1-keurmerk" in html and "Tip:" in html
    assert 'aria-live="polite"' in html
    assert f'data-leesbaarheid="{reverse("leerateliers:leesbaarheid")}"' in html
    assert "js/leesbaarheid.js" in str(form.media)
    assert "leesbaarheid" not in str(form["titel"])


def test_the_field_reads_what_was_posted_and_validates_as_before():
    form = Formulier(data={"tekst": MOEILIJK, "titel": "Titel"})
    assert form.is_valid()
    assert form.cleaned_data["tekst"] == MOEILIJK
    assert not Formulier(data={"titel": "Titel"}).is_valid()  # still required
    assert isinstance(form.fields["tekst"].widget, LeesbaarheidWidget)


def test_an_empty_field_says_the_indication_follows():
    delen = leesbaarheid_delen("")
    assert "verschijnt zodra hier tekst staat" in delen["uitslag"]
    assert delen["details"] == ""


def test_ten_long_sentences_are_listed_and_the_rest_counted():
    lang = woorden(MAX_WOORDEN_PER_ZIN + 1) + ". "
    delen = leesbaarheid_delen(lang * 12)
    assert delen["details"].count("<mark>") == 10
    assert "En nog 2 lange zinnen." in delen["details"]
    assert "12 zinnen hebben meer dan 20 woorden." in delen["uitslag"]


# --- In the admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "veld"),
    [
        ("publicaties/publicatie", "samenvatting"),
        ("leerateliers/leeratelier", "samenvatting"),
        ("leerateliers/tribuneupdate", "tekst"),
        ("leerateliers/lerendepraktijk", "beschrijving"),
        ("leerateliers/geleerdeles", "tekst"),
        ("bijeenkomsten/bijeenkomst", "samenvatting"),
        ("onderwijs/onderwijsactiviteit", "samenvatting"),
        ("landelijk/werkgroep", "samenvatting"),
        ("nieuwsbrief/editie", "voorwoord"),
    ],
)
def test_the_admins_add_forms_show_the_indication_under_their_texts(staff_client, model, veld):
    page = staff_client.get(f"/beheer/{model}/add/").content.decode()
    field = re.search(
        rf'<div class="leesbaarheid-veld"[^>]*>\s*<(?:textarea|input)[^>]*name="{veld}".*?'
        r'<div class="leesbaarheid__uitslag" aria-live="polite">\s*<p>([^<]*)</p>',
        page,
        re.S,
    )
    assert field, f"no indication under {veld}"
    assert "verschijnt zodra hier tekst staat" in field[1]
    assert "js/leesbaarheid.js" in page and "css/leesbaarheid.css" in page


@pytest.mark.django_db
def test_the_admins_change_forms_show_the_indication_of_the_stored_text(
    staff_client, make_publicatie, voorwaarden
):
    from nieuwsbrief.models import Editie, Item, ItemSoort

    publicatie = make_publicatie(samenvatting=MOEILIJK)
    page = staff_client.get(f"/beheer/publicaties/publicatie/{publicatie.pk}/change/")
    assert "Leesbaarheidsindicatie (Flesch-Douma): 0 — zeer moeilijk" in page.content.decode()
    assert "<mark>De implementatie" in page.content.decode()

    voorwaarde = voorwaarden["sociale-cohesie"]
    page = staff_client.get(f"/beheer/werkplaats/voorwaarde/{voorwaarde.pk}/change/")
    assert "Leesbaarheidsindicatie (Flesch-Douma):" in page.content.decode()

    editie = Editie.objects.create(titel="Oktober", slug="oktober", voorwoord=SIMPEL)
    Item.objects.create(editie=editie, soort=ItemSoort.VRIJ, titel="Vrij", tekst=MOEILIJK)
    page = staff_client.get(f"/beheer/nieuwsbrief/editie/{editie.pk}/change/").content.decode()
    assert page.count('aria-live="polite"') >= 2  # the voorwoord and the item's text
    assert "<mark>De implementatie" in page


@pytest.mark.django_db
def test_a_hard_summary_saves_in_the_admin(staff_client, make_publicatie):
    from publicaties.models import Publicatie
    from tests.helpers import posted_back

    publicatie = make_publicatie(samenvatting="Kort.")
    url = f"/beheer/publicaties/publicatie/{publicatie.pk}/change/"
    data = posted_back(staff_client.get(url))
    data["samenvatting"] = MOEILIJK
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Publicatie.objects.get(pk=publicatie.pk).samenvatting == MOEILIJK
