"""The public side of the quick scan: its overview, a version of the set, and published results
on the gemeente page and in /sociale-kwaliteit/ (an aggregate across gemeenten, never per
respondent; unpublished scans nowhere)."""

import datetime
import statistics

import pytest
from django.urls import reverse

from quickscan import services
from quickscan.models import Vraag, Vragenset
from tests.gates.quality import MAX_QUERIES_PER_PAGE, CrawledPage, vnu_errors
from tests.quickscan.pages import links_to, queries, text
from werkplaats.models import Voorwaarde

ZEKERHEID = "sociaaleconomische-zekerheid"
OVERZICHT = reverse("quickscan:overzicht")
SOCIALE_KWALITEIT = reverse("portaal:voorwaarde_list")
VOORJAAR = (datetime.date(2026, 3, 1), datetime.date(2026, 4, 30))


def answered(scan, answer, waarden, *, names=("Buurtteam", "Bibliotheek", "Wijkteam")):
    for name in names:
        answer(scan, name, waarden=waarden)
    return services.scan_sluiten(scan=scan)


def closed_scan(answer, gemeente, van, tot, waarden, **fields):
    """A new scan of ``gemeente``, answered by three partners and closed."""
    scan = services.scan_start(gemeente=gemeente, periode_van=van, periode_tot=tot, **fields)
    return answered(scan, answer, waarden)


@pytest.fixture
def lingewaard(qs, answer, make_gemeente):
    """A published example scan of Lingewaard (zekerheid 4 everywhere)."""
    scan = closed_scan(
        answer, make_gemeente("Lingewaard"), *VOORJAAR, {ZEKERHEID: 4}, is_voorbeeld=True
    )
    return services.scan_publiceren(scan=scan)


@pytest.fixture
def heumen(qs, answer):
    """Heumen's scan, published, with zekerheid 1 and 2 from three partners."""
    scan = answered(qs.scan, answer, {ZEKERHEID: [1, 2]}, names=("Buurtteam Heumen", "B", "C"))
    return services.scan_publiceren(scan=scan)


# --- The overview ----------------------------------------------------------------------------


def test_the_overview_names_the_three_uses_the_set_and_the_published_scans(
    client, qs, answer, lingewaard
):
    verborgen = closed_scan(
        answer, qs.heumen, datetime.date(2025, 1, 1), datetime.date(2025, 2, 1), {}
    )
    response = client.get(OVERZICHT)
    page = text(response)
    for use in (
        "beleidsdoelen te meten en de inzet van het welzijnswerk te verantwoorden",
        "het gesprek met partners te kunnen voeren over wie wat kan bijdragen",
        "in de uitvoering afwegingen te kunnen maken voor wat er moet gebeuren",
    ):
        assert use in page
    assert links_to(response, qs.vragenset.get_absolute_url())
    assert links_to(response, lingewaard.get_absolute_url())
    assert "Voorbeeld: verzonnen antwoorden van fictieve partners" in page
    assert not links_to(response, verborgen.get_absolute_url())
    assert "Scans die jij kunt inzien" not in page
    assert not links_to(response, reverse("quickscan:starten"))


def test_the_overview_shows_the_contact_their_scans_and_where_to_run_them(client, qs, lingewaard):
    client.force_login(qs.contact)
    response = client.get(OVERZICHT)
    assert links_to(response, reverse("quickscan:starten"))
    assert links_to(response, reverse("quickscan:scan", kwargs={"pk": qs.scan.pk}))
    assert links_to(response, qs.scan.get_absolute_url())
    # Lingewaard's published scan is in the public list, not among the contact's own.
    assert not links_to(response, reverse("quickscan:scan", kwargs={"pk": lingewaard.pk}))


def test_the_overview_shows_the_commissie_every_scan_without_running_them(client, qs, lingewaard):
    client.force_login(qs.commissie)
    response = client.get(OVERZICHT)
    assert "Scans die jij kunt inzien" in text(response)
    assert links_to(response, qs.scan.get_absolute_url())  # open and unpublished
    assert not links_to(response, reverse("quickscan:scan", kwargs={"pk": qs.scan.pk}))
    assert not links_to(response, reverse("quickscan:starten"))


def test_sociale_kwaliteit_links_to_the_quick_scan(client, db):
    assert links_to(client.get(SOCIALE_KWALITEIT), OVERZICHT)


# --- A version of the set --------------------------------------------------------------------


def test_a_version_shows_its_statements_per_voorwaarde_with_level_and_scale(client, qs):
    page = text(client.get(qs.vragenset.get_absolute_url()))
    for voorwaarde in Voorwaarde.objects.all():
        assert voorwaarde.naam in page
        assert f"Stelling 1 over {voorwaarde.naam.lower()}." in page
    assert "Niveau: persoonlijk" in page and "Niveau: institutioneel" in page
    assert "Helemaal oneens" in page and "Helemaal eens" in page and "Weet niet" in page
    assert "Voorbeeldset" not in page


def test_a_concept_is_only_for_those_who_keep_the_set(client, qs):
    concept = services.vragenset_start_concept(bron=qs.vragenset, titel="Nieuw", slug="2027")
    assert client.get(concept.get_absolute_url()).status_code == 404
    client.force_login(qs.contact)
    assert client.get(concept.get_absolute_url()).status_code == 404
    client.force_login(qs.commissie)
    response = client.get(concept.get_absolute_url())
    assert response.status_code == 200 and "Concept" in text(response)
    assert client.get("/quickscan/vragenset/bestaat-niet/").status_code == 404


def test_a_replaced_example_set_says_so_and_links_to_its_successor(client, qs):
    Vragenset.objects.filter(pk=qs.vragenset.pk).update(is_voorbeeld=True)
    concept = services.vragenset_start_concept(
        bron=qs.vragenset, titel="Vragenset 2027", slug="2027"
    )
    Vraag.objects.filter(vragenset=concept).first().delete()
    nieuw = services.vragenset_adopt(vragenset=concept)
    response = client.get(qs.vragenset.get_absolute_url())
    page = text(response)
    assert "vervangen door Vragenset 2027" in page
    assert links_to(response, nieuw.get_absolute_url())
    assert "Voorbeeldset:" in page


# --- Published results elsewhere -------------------------------------------------------------


def test_the_gemeente_page_shows_its_latest_published_scan(client, qs, answer, heumen):
    later = closed_scan(  # closed but not published
        answer, qs.heumen, datetime.date(2027, 1, 1), datetime.date(2027, 2, 1), {ZEKERHEID: 5}
    )
    response = client.get(qs.heumen.get_absolute_url())
    page = text(response)
    assert "Sociale kwaliteit: quick scan" in page
    assert links_to(response, heumen.get_absolute_url())
    assert not links_to(response, later.get_absolute_url())
    row = page[page.index("Sociaaleconomische zekerheid", page.index("quick scan")) :]
    assert row.startswith("Sociaaleconomische zekerheid 1,5 0,5 6 0 3")
    assert "Buurtteam Heumen" not in page


def test_a_gemeente_without_published_scan_shows_no_quick_scan(client, qs, answer):
    answered(qs.scan, answer, {})  # closed, not published
    page = text(client.get(qs.heumen.get_absolute_url()))
    assert "Sociale kwaliteit: quick scan" not in page


def test_the_gemeente_page_costs_the_same_with_or_without_a_published_scan(client, qs, heumen):
    with_scan = queries(client, qs.heumen.get_absolute_url())
    services.scan_depubliceren(scan=heumen)
    assert queries(client, qs.heumen.get_absolute_url()) == with_scan <= MAX_QUERIES_PER_PAGE


def test_sociale_kwaliteit_shows_the_mean_of_the_gemeenten_and_not_unpublished_scans(
    client, qs, answer, heumen, lingewaard, make_gemeente
):
    verborgen = closed_scan(answer, make_gemeente("Nijmegen"), *VOORJAAR, {ZEKERHEID: 1})
    response = client.get(SOCIALE_KWALITEIT)
    quickscan = response.context["quickscan"]
    assert [scan.pk for scan in quickscan.scans] == [heumen.pk, lingewaard.pk]
    zekerheid = next(t for t in quickscan.voorwaarden if t.voorwaarde.slug == ZEKERHEID)
    assert zekerheid.gemiddelde == statistics.fmean([1.5, 4])  # each gemeente counts once
    assert (zekerheid.gemeenten, zekerheid.antwoorden) == (2, 12)
    page = text(response)
    assert "Sociaaleconomische zekerheid 2,8 2 12" in page
    assert "Voorbeeld:" in page  # Lingewaard's example scan is in it
    assert links_to(response, heumen.get_absolute_url())
    assert not links_to(response, verborgen.get_absolute_url())
    assert "Buurtteam Heumen" not in page


def test_sociale_kwaliteit_without_published_scans_says_so(client, qs):
    page = text(client.get(SOCIALE_KWALITEIT))
    assert "Nog geen gemeente heeft de uitkomsten van haar scan openbaar gemaakt." in page
    assert "Voorbeeld:" not in page


def test_the_aggregate_costs_one_query_whatever_the_number_of_gemeenten(
    client, qs, answer, heumen, lingewaard, make_gemeente
):
    before = queries(client, SOCIALE_KWALITEIT)
    for naam in ("Duiven", "Zevenaar"):
        scan = services.scan_start(
            gemeente=make_gemeente(naam),
            periode_van=datetime.date(2026, 3, 1),
            periode_tot=datetime.date(2026, 4, 30),
        )
        services.scan_publiceren(scan=answered(scan, answer, {}))
    assert queries(client, SOCIALE_KWALITEIT) == before <= MAX_QUERIES_PER_PAGE


def test_the_public_pages_are_valid_html(client, qs, heumen, lingewaard):
    client.force_login(qs.contact)
    pages = [
        CrawledPage(path, 200, "text/html", 0, client.get(path).content.decode())
        for path in (
            OVERZICHT,
            qs.vragenset.get_absolute_url(),
            qs.heumen.get_absolute_url(),
            SOCIALE_KWALITEIT,
        )
    ]
    assert vnu_errors(pages) == {}
