"""A scan's results: who may see them (403 for others, also with a changed id), what the
private and the public view show, the three uses and the scans side by side, and the printable
report."""

import datetime

import pytest
from django.urls import reverse

from quickscan import services
from quickscan.models import Scan
from tests.gates.quality import MAX_QUERIES_PER_PAGE, CrawledPage, vnu_errors
from tests.quickscan.pages import links_to, queries, text

ZEKERHEID = "sociaaleconomische-zekerheid"
INCLUSIE = "sociale-inclusie"
COHESIE = "sociale-cohesie"
EMPOWERMENT = "sociale-empowerment"


def url(name, scan):
    return reverse(f"quickscan:{name}", kwargs={"pk": scan.pk})


def closed(scan, *, publish=False):
    scan = services.scan_sluiten(scan=scan)
    return services.scan_publiceren(scan=scan) if publish else scan


@pytest.fixture
def answered(qs, answer, voorwaarden):
    """Heumen's scan answered by three partners, one remark among them; still open."""
    answer(qs.scan, "Buurtteam Heumen", waarden={ZEKERHEID: [2, 1], INCLUSIE: 4})
    answer(qs.scan, "Bibliotheek Rijk van Nijmegen", waarden={ZEKERHEID: [1, 2], COHESIE: 5})
    respondent = answer(qs.scan, "Sportvereniging Malden", waarden={ZEKERHEID: [5, 1]}, send=False)
    services.antwoorden_opslaan(
        respondent=respondent,
        voorwaarde=voorwaarden[COHESIE],
        antwoorden={},
        opmerking="De buurthuizen sluiten te vroeg.",
    )
    services.respondent_indienen(respondent=respondent)
    return qs


@pytest.fixture
def ander_contact(make_gemeente_contact):
    """The contactpersoon of another gemeente, with a scan of their own."""
    user, nijmegen = make_gemeente_contact("Nijmegen", "contact@nijmegen.example.nl", "Eva Smit")
    eigen = services.scan_start(
        gemeente=nijmegen,
        periode_van=datetime.date(2026, 9, 1),
        periode_tot=datetime.date(2026, 10, 31),
    )
    return user, eigen


# --- Who may see them ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["resultaten", "rapport"])
def test_unpublished_results_are_forbidden_for_everyone_but_the_gemeente_and_the_commissie(
    client, answered, ander_contact, name
):
    closed(answered.scan)
    nijmegen_contact, nijmegen_scan = ander_contact
    # Anonymous: a 403 too (no login redirect), with the reason in Dutch.
    response = client.get(url(name, answered.scan))
    assert response.status_code == 403
    assert "niet openbaar" in text(response)
    for user in (answered.stranger, answered.partner, nijmegen_contact):
        client.force_login(user)
        assert client.get(url(name, answered.scan)).status_code == 403, user
    # The other gemeente's contact opens their own scan, but not Heumen's by changing the id.
    assert client.get(url(name, nijmegen_scan)).status_code == 200
    assert client.get(url(name, answered.scan)).status_code == 403
    for user in (answered.contact, answered.commissie):
        client.force_login(user)
        assert client.get(url(name, answered.scan)).status_code == 200, user
        assert client.get(url(name, nijmegen_scan)).status_code == (
            200 if user == answered.commissie else 403
        )


def test_an_unknown_scan_is_not_found(client, qs):
    client.force_login(qs.commissie)
    missing = Scan.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("quickscan:resultaten", kwargs={"pk": missing})).status_code == 404
    assert client.get(reverse("quickscan:rapport", kwargs={"pk": missing})).status_code == 404


def test_the_contact_sees_who_answered_and_the_remarks_without_who_made_them(client, answered):
    client.force_login(answered.contact)
    response = client.get(url("resultaten", answered.scan))
    page = text(response)
    for naam in ("Buurtteam Heumen", "Bibliotheek Rijk van Nijmegen", "Sportvereniging Malden"):
        assert naam in page
    assert "De buurthuizen sluiten te vroeg." in page
    remarks = page[page.index("Opmerkingen per voorwaarde") :]
    assert "Sportvereniging Malden" not in remarks
    assert "Niet openbaar" in page
    assert links_to(response, url("scan", answered.scan))
    assert links_to(response, url("rapport", answered.scan))


def test_the_commissie_sees_the_private_side_but_no_link_to_run_the_scan(client, answered):
    client.force_login(answered.commissie)
    response = client.get(url("resultaten", answered.scan))
    assert "Buurtteam Heumen" in text(response)
    assert not links_to(response, url("scan", answered.scan))


def test_published_results_are_public_but_show_only_figures(client, answered):
    closed(answered.scan, publish=True)
    for path in (url("resultaten", answered.scan), url("rapport", answered.scan)):
        response = client.get(path)
        assert response.status_code == 200
        page = text(response)
        assert "3 respondenten" in page
        for private in (
            "Buurtteam Heumen",
            "Bibliotheek Rijk van Nijmegen",
            "Sportvereniging Malden",
            "De buurthuizen sluiten te vroeg.",
            "Wie deden mee",
        ):
            assert private not in page, private
    # The public view offers no way into running the scan.
    assert not links_to(client.get(url("resultaten", answered.scan)), url("scan", answered.scan))


# --- The three uses --------------------------------------------------------------------------


def test_scores_per_voorwaarde_in_dutch_notation(client, answered):
    client.force_login(answered.contact)
    response = client.get(url("resultaten", answered.scan))
    rows = {rij.voorwaarde.slug: rij for rij in response.context["rijen"]}
    zekerheid = rows[ZEKERHEID]  # 2, 1, 1, 2, 5, 1: mean 2, spread 1.41
    assert (zekerheid.gemiddelde_tekst, zekerheid.spreiding_tekst) == ("2,0", "1,4")
    assert zekerheid.aantal == 6 and zekerheid.respondenten == 3
    assert rows[COHESIE].gemiddelde_tekst == "3,7"  # 3, 3, 5, 5, 3, 3


def test_where_partners_differ_shows_counts_per_answer_never_who(client, answered):
    client.force_login(answered.contact)
    response = client.get(url("resultaten", answered.scan))
    vraag, staven = response.context["verschillen"][0]
    assert vraag.vraag.voorwaarde.slug == ZEKERHEID
    assert [staaf.aantal for staaf in staven] == [1, 1, 0, 0, 1, 0]  # stelling 1: 2, 1, 5
    section = text(response)
    section = section[section.index("Waar partners het meest verschillen") :]
    section = section[: section.index("Afwegingen")]
    assert vraag.vraag.stelling in section
    assert "Helemaal oneens 1 Oneens 1" in section
    assert "Buurtteam" not in section


def test_afwegingen_suggest_what_works_on_the_weakest_voorwaarde(
    client,
    answered,
    voorwaarden,
    make_leeratelier,
    make_praktijk,
    make_publicatie,
):
    from leerateliers.models import GeleerdeLes, LeeratelierStatus

    zekerheid = voorwaarden[ZEKERHEID]
    atelier = make_leeratelier("Armoede en schulden in Heumen", voorwaarden=[zekerheid])
    make_leeratelier(
        "Nog niet begonnen",
        voorwaarden=[zekerheid],
        status=LeeratelierStatus.IN_VOORBEREIDING,
    )
    praktijk = make_praktijk(atelier, "Het Zakgeldproject")
    les = GeleerdeLes.objects.create(
        leeratelier=atelier, praktijk=praktijk, tekst="Begin bij de leefwereld van mensen."
    )
    les.voorwaarden.add(zekerheid)
    make_publicatie("Werken aan bestaanszekerheid", relations={"voorwaarden": [zekerheid]})
    make_publicatie("Over cohesie", relations={"voorwaarden": [voorwaarden[COHESIE]]})

    client.force_login(answered.commissie)
    page = text(client.get(url("resultaten", answered.scan)))
    afwegingen = page[page.index("Afwegingen: de zwakste voorwaarden") :]
    # Zekerheid scores 2,0 and empowerment 3,0: the two weakest, lowest first.
    assert afwegingen.index("Sociaaleconomische zekerheid") < afwegingen.index(
        "Sociale empowerment"
    )
    for suggestie in (
        "Armoede en schulden in Heumen",
        "Het Zakgeldproject",
        "Begin bij de leefwereld van mensen.",
        "Werken aan bestaanszekerheid",
    ):
        assert suggestie in afwegingen
    assert "Nog niet begonnen" not in afwegingen  # only active leerateliers
    assert "Over cohesie" not in afwegingen  # cohesie is not among the weakest


# --- Over time -------------------------------------------------------------------------------


def scan_of(qs, answer, van, waarden, *, vragenset=None):
    scan = services.scan_start(
        gemeente=qs.heumen,
        periode_van=van,
        periode_tot=van + datetime.timedelta(days=30),
        vragenset=vragenset,
    )
    for name in ("A", "B", "C"):
        answer(scan, name, waarden=waarden)
    return closed(scan)


def test_scans_of_the_same_version_side_by_side_per_voorwaarde_and_per_statement(
    client, qs, answer
):
    eerder = scan_of(qs, answer, datetime.date(2025, 9, 1), {ZEKERHEID: 2})
    nu = scan_of(qs, answer, datetime.date(2026, 9, 1), {ZEKERHEID: 4})
    client.force_login(qs.contact)
    response = client.get(url("resultaten", nu))
    vergelijking = response.context["vergelijking"]
    assert vergelijking.scans == [eerder, nu]
    assert vergelijking.zelfde_versie
    zekerheid = {v.slug: scores for v, scores in vergelijking.per_voorwaarde()}[ZEKERHEID]
    assert [score.gemiddelde for score in zekerheid] == [2, 4]
    assert len(vergelijking.per_vraag()) == 8
    page = text(response)
    assert "Score per stelling in elke scan" in page
    assert "verschillende versies" not in page


def test_scans_of_different_versions_are_compared_per_voorwaarde_only_and_say_so(
    client, qs, answer
):
    from quickscan.models import Vraag

    eerder = scan_of(qs, answer, datetime.date(2025, 9, 1), {ZEKERHEID: 2})
    concept = services.vragenset_start_concept(
        bron=qs.vragenset, titel="Vragenset 2027", slug="2027"
    )
    Vraag.objects.filter(vragenset=concept).first().delete()
    nieuw = services.vragenset_adopt(vragenset=concept, on=datetime.date(2027, 1, 1))
    nu = scan_of(qs, answer, datetime.date(2027, 9, 1), {ZEKERHEID: 5}, vragenset=nieuw)

    client.force_login(qs.contact)
    response = client.get(url("resultaten", nu))
    page = text(response)
    assert (
        "Deze scans gebruikten verschillende versies van de vragenset; we vergelijken daarom "
        "alleen per voorwaarde." in page
    )
    assert "Score per stelling in elke scan" not in page
    assert response.context["vergelijking"].per_vraag() == []
    assert links_to(response, url("resultaten", eerder))


def test_the_public_compares_only_with_published_scans(client, qs, answer):
    verborgen = scan_of(qs, answer, datetime.date(2025, 9, 1), {ZEKERHEID: 2})
    nu = services.scan_publiceren(scan=scan_of(qs, answer, datetime.date(2026, 9, 1), {}))
    response = client.get(url("resultaten", nu))
    assert response.context["vergelijking"] is None
    assert not links_to(response, url("resultaten", verborgen))
    client.force_login(qs.contact)
    assert client.get(url("resultaten", nu)).context["vergelijking"].scans == [verborgen, nu]


# --- Example data, the report, the gates -----------------------------------------------------


def test_an_example_scan_is_labelled_on_its_results_and_report(client, qs, answer):
    scan = services.scan_start(
        gemeente=qs.heumen,
        periode_van=datetime.date(2026, 1, 1),
        periode_tot=datetime.date(2026, 2, 1),
        is_voorbeeld=True,
    )
    for name in ("A", "B", "C"):
        answer(scan, name)
    closed(scan, publish=True)
    for path in (url("resultaten", scan), url("rapport", scan)):
        assert "Voorbeeld: verzonnen antwoorden van fictieve partners" in text(client.get(path))


def test_the_report_has_everything_to_print_and_no_private_side(client, answered):
    closed(answered.scan)
    client.force_login(answered.contact)
    response = client.get(url("rapport", answered.scan))
    page = text(response)
    for part in (
        "Heumen",
        "1 september 2026 tot en met 31 oktober 2026",
        "versie 2026",
        "Score per voorwaarde",
        "Waar partners het meest verschillen",
        "Afwegingen",
        "Rapportage gemaakt op",
        "Opslaan als pdf",
    ):
        assert part in page, part
    assert "<svg" in response.content.decode() and "<table" in response.content.decode()
    assert "Buurtteam Heumen" not in page  # the report is the same for everyone


def test_results_and_report_stay_within_the_query_ceiling_however_many_answer(
    client, answered, answer, make_leeratelier, voorwaarden
):
    make_leeratelier("Armoede", voorwaarden=[voorwaarden[ZEKERHEID]])
    scan_of(answered, answer, datetime.date(2025, 9, 1), {ZEKERHEID: 2})  # to compare with
    client.force_login(answered.commissie)  # the most: permissions and the private side
    paths = [url("resultaten", answered.scan), url("rapport", answered.scan)]
    counts = [queries(client, path) for path in paths]
    for name in "DEFGH":
        answer(answered.scan, name, waarden={ZEKERHEID: 1})
    assert [queries(client, path) for path in paths] == counts
    assert max(counts) <= MAX_QUERIES_PER_PAGE


def test_the_result_pages_are_valid_html(client, answered, answer):
    eerder = scan_of(answered, answer, datetime.date(2025, 9, 1), {ZEKERHEID: 2})
    closed(answered.scan, publish=True)
    client.force_login(answered.contact)
    pages = [
        CrawledPage(path, 200, "text/html", 0, client.get(path).content.decode())
        for path in (
            url("resultaten", answered.scan),
            url("rapport", answered.scan),
            url("resultaten", eerder),
        )
    ]
    assert vnu_errors(pages) == {}
