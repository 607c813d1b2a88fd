"""Het netwerk in cijfers (/beheer/cijfers/): the figures match the data, each chart's table
holds the chart's figures and its CSV the table's rows; a member sees only what they may view
in the admin, and the page costs the same queries however much there is to count."""

import csv
import datetime
import io
import zoneinfo

import lxml.html
import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.demo import COMMISSIE, DEMO_PASSWORD
from bijeenkomsten.models import Aanmelding, AanmeldingStatus, Bijeenkomst, Status
from leerateliers.models import Rol
from leerateliers.services import deelname_end, deelname_set_rol
from portaal import cijfers
from publicaties.models import Status as PublicatieStatus
from tests.gates.helpers import load_demo_with_accounts
from tests.gates.quality import MAX_QUERIES_PER_PAGE, assert_pages_pass_in_browser, fetch
from tests.helpers import sign_in
from tests.nieuwsbrief.builders import abonnee
from werkplaats.management.commands.setup_roles import apply_roles
from werkplaats.models import Voorwaarde

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
URL = "/beheer/cijfers/"


def this_year():
    return timezone.localdate().year


def years_from(first):
    return [str(year) for year in range(first, this_year() + 1)]


def on(*parts):
    return datetime.datetime(*parts, tzinfo=AMSTERDAM)


@pytest.fixture
def commissie(db, make_user):
    apply_roles()
    user = make_user("lid@example.nl", is_staff=True)
    user.groups.add(Group.objects.get(name="Programmacommissie"))
    return user


@pytest.fixture
def deelnames(db, make_organisatie, make_leeratelier):
    """Four organisations in two ateliers, 2022–2024 (see the expected counts below)."""
    a, b = make_leeratelier("Armoede en schulden"), make_leeratelier("Samen wonen in de wijk")
    een, twee, drie, vier = (make_organisatie(naam) for naam in ("Een", "Twee", "Drie", "Vier"))

    def rol(organisatie, atelier, rol, dag):
        deelname_set_rol(
            organisatie=organisatie, leeratelier=atelier, rol=rol, on=dag, notify=False
        )

    rol(een, a, Rol.ARENA, datetime.date(2022, 3, 1))
    rol(een, b, Rol.ARENA, datetime.date(2022, 4, 1))  # in two arenas: counts once
    rol(twee, a, Rol.TRIBUNE, datetime.date(2022, 6, 1))
    rol(twee, a, Rol.ARENA, datetime.date(2023, 2, 1))  # moves into the arena
    rol(drie, b, Rol.TRIBUNE, datetime.date(2023, 5, 1))
    deelname_end(organisatie=drie, leeratelier=b, on=datetime.date(2023, 12, 31), notify=False)
    rol(vier, a, Rol.TRIBUNE, datetime.date(2024, 1, 10))


@pytest.fixture
def abonnees(db):
    def subscribe(email, bevestigd, afgemeld=None):
        made = abonnee(email)
        made.bevestigd_at, made.afgemeld_at = bevestigd, afgemeld
        made.save(update_fields=["bevestigd_at", "afgemeld_at"])

    subscribe("een@example.nl", on(2023, 5, 1))
    subscribe("twee@example.nl", on(2023, 6, 1), afgemeld=on(2024, 3, 1))
    subscribe("nooit@example.nl", None)  # never confirmed: never counted
    subscribe("vier@example.nl", on(2024, 2, 1))
    subscribe("nieuwjaar@example.nl", on(2024, 1, 1, 0, 30))  # 2024 here, 2023 in UTC


@pytest.fixture
def aanmeldingen(make_bijeenkomst):
    def register(bijeenkomst, *statuses):
        for status in statuses:
            n = Aanmelding.objects.count()
            Aanmelding.objects.create(
                bijeenkomst=bijeenkomst,
                naam=f"Gast {n}",
                email=f"gast{n}@example.nl",
                status=status,
            )

    seated, waiting, gone = (
        AanmeldingStatus.AANGEMELD,
        AanmeldingStatus.WACHTLIJST,
        AanmeldingStatus.AFGEMELD,
    )
    register(make_bijeenkomst(start_at=on(2022, 5, 10, 14)), seated, seated, waiting, gone)
    register(make_bijeenkomst(start_at=on(2024, 3, 1, 10)), seated)
    cancelled = make_bijeenkomst(start_at=on(2024, 9, 1, 10))
    register(cancelled, seated, seated)
    Bijeenkomst.objects.filter(pk=cancelled.pk).update(status=Status.GEANNULEERD)


@pytest.fixture
def publicaties(make_publicatie, voorwaarden):
    inclusie, cohesie = voorwaarden["sociale-inclusie"], voorwaarden["sociale-cohesie"]
    make_publicatie(
        gepubliceerd_on=datetime.date(2019, 5, 1), relations={"voorwaarden": [inclusie, cohesie]}
    )
    make_publicatie(
        gepubliceerd_on=datetime.date(2021, 2, 1), relations={"voorwaarden": [inclusie]}
    )
    make_publicatie(gepubliceerd_on=datetime.date(2021, 9, 1))
    make_publicatie(  # a concept counts nowhere
        gepubliceerd_on=datetime.date(2020, 1, 1),
        status=PublicatieStatus.CONCEPT,
        relations={"voorwaarden": [inclusie]},
    )


@pytest.fixture
def everything(deelnames, abonnees, aanmeldingen, publicaties):
    return None


def values(figuur):
    return {reeks.naam: list(reeks.waarden) for reeks in figuur.reeksen}


# --- The figures match the data ---------------------------------------------------------


def test_organisations_are_counted_per_role_at_the_end_of_each_year(deelnames):
    figuur = cijfers.deelnames()
    assert figuur.labels == years_from(2022)
    later = this_year() - 2024
    assert values(figuur) == {
        "Arena": [1, 2, 2, *[2] * later],
        "Tribune": [1, 0, 1, *[1] * later],  # Drie left on 31 December 2023
    }


def test_subscribers_are_the_confirmed_ones_not_withdrawn_at_the_end_of_each_year(abonnees):
    figuur = cijfers.abonnees()
    assert figuur.labels == years_from(2023)
    assert values(figuur) == {"Abonnees": [2, 3, *[3] * (this_year() - 2024)]}


def test_registrations_count_per_year_of_the_bijeenkomst_without_cancelled_ones(aanmeldingen):
    figuur = cijfers.aanmeldingen()
    assert figuur.labels == ["2022", "2023", "2024"]
    assert values(figuur) == {"Aangemeld of op de wachtlijst": [3, 0, 1], "Afgemeld": [1, 0, 0]}


def test_publications_count_per_year_and_per_voorwaarde_when_published(publicaties):
    per_jaar = cijfers.publicaties_per_jaar()
    assert per_jaar.labels == ["2019", "2020", "2021"]
    assert values(per_jaar) == {"Publicaties": [1, 0, 2]}

    per_voorwaarde = cijfers.publicaties_per_voorwaarde()
    ordered = list(Voorwaarde.objects.order_by("volgorde"))
    assert per_voorwaarde.labels == [str(voorwaarde) for voorwaarde in ordered]
    expected = {"sociale-inclusie": 2, "sociale-cohesie": 1}
    assert values(per_voorwaarde) == {"Publicaties": [expected.get(v.slug, 0) for v in ordered]}


def test_without_data_a_figure_has_no_rows(db):
    for soort in cijfers.SOORTEN:
        figuur = soort.maak()
        assert figuur.naam == soort.naam
        if soort.naam != "publicaties-per-voorwaarde":  # the four voorwaarden are always there
            assert figuur.rijen == []


# --- The page: charts, tables, CSV ----------------------------------------------------------


def sections(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).xpath("//section[@class='cijfers-figuur']")


def table_rows(section):
    return [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in section.xpath(".//table//tr")
    ]


def test_each_chart_has_its_figures_in_the_table_under_it_and_in_its_csv(
    client, commissie, everything
):
    client.force_login(commissie)
    found = sections(client.get(URL))
    assert [section.get("aria-labelledby") for section in found] == [
        f"cijfers-{soort.naam}" for soort in cijfers.SOORTEN
    ]
    for section, soort in zip(found, cijfers.SOORTEN, strict=True):
        figuur = soort.maak()
        table = section.xpath(".//table")[0]
        assert table.xpath("caption")[0].text_content().strip() == figuur.titel
        assert all(th.get("scope") == "col" for th in table.xpath("thead//th"))
        assert all(th.get("scope") == "row" for th in table.xpath("tbody//th"))
        rows = table_rows(section)
        assert rows == [figuur.header] + [[str(cell) for cell in row] for row in figuur.rijen]

        svg = section.xpath(".//svg")[0]
        assert svg.get("role") == "img" and svg.get("aria-label") == figuur.titel
        marks = svg.xpath(".//*[@class='waarde']")
        assert len(marks) == len(figuur.labels) * len(figuur.reeksen)
        assert sorted(mark.xpath("title")[0].text.rsplit(": ", 1)[1] for mark in marks) == (
            sorted(cell for row in rows[1:] for cell in row[1:])
        )

        href = section.xpath(".//a[@download]")[0].get("href")
        assert href == f"/beheer/cijfers/{soort.naam}.csv"
        download = client.get(href)
        assert download.status_code == 200
        assert download["Content-Type"].startswith("text/csv")
        assert f'filename="cijfers-{soort.naam}.csv"' in download["Content-Disposition"]
        text = download.content.decode("utf-8").removeprefix("\ufeff")
        assert list(csv.reader(io.StringIO(text), delimiter=";")) == rows


def test_a_figure_without_data_says_so_and_draws_nothing(client, commissie, publicaties):
    client.force_login(commissie)
    abonnees = sections(client.get(URL))[1]
    assert not abonnees.xpath(".//svg") and not abonnees.xpath(".//table")
    assert "Nog niets om te tellen." in abonnees.text_content()
    download = client.get("/beheer/cijfers/abonnees.csv")
    assert download.content.decode().removeprefix("\ufeff") == "Jaar;Abonnees\r\n"


def test_the_csv_guards_against_formulas_like_every_download(client, commissie, make_publicatie):
    Voorwaarde.objects.filter(slug="sociale-inclusie").update(naam="=HYPERLINK(1)")
    client.force_login(commissie)
    text = client.get("/beheer/cijfers/publicaties-per-voorwaarde.csv").content.decode()
    assert "\r\n'=HYPERLINK(1);0\r\n" in text


def test_an_unknown_csv_is_not_found(client, commissie):
    client.force_login(commissie)
    assert client.get("/beheer/cijfers/onbekend.csv").status_code == 404


def test_the_front_page_of_the_admin_links_to_the_figures(client, commissie):
    client.force_login(commissie)
    page = lxml.html.fromstring(client.get("/beheer/").content)
    assert page.xpath(f'//a[@href="{URL}"]')


# --- Who sees what ------------------------------------------------------------------------


def test_a_member_sees_only_the_figures_of_what_they_may_view(client, make_user, everything):
    member = make_user("publicaties@example.nl", is_staff=True)
    member.user_permissions.add(
        Permission.objects.get(content_type__app_label="publicaties", codename="view_publicatie")
    )
    client.force_login(member)
    shown = [section.get("aria-labelledby") for section in sections(client.get(URL))]
    assert shown == ["cijfers-publicaties-per-jaar", "cijfers-publicaties-per-voorwaarde"]
    assert client.get("/beheer/cijfers/publicaties-per-jaar.csv").status_code == 200
    for hidden in ("deelnames", "abonnees", "aanmeldingen"):
        assert client.get(f"/beheer/cijfers/{hidden}.csv").status_code == 403


def test_a_member_without_any_of_those_permissions_sees_no_figures(client, make_user, everything):
    client.force_login(make_user("leeg@example.nl", is_staff=True))
    response = client.get(URL)
    assert sections(response) == []
    assert "Je hebt geen toegang tot de gegevens achter deze cijfers." in response.content.decode()


@pytest.mark.parametrize("path", [URL, "/beheer/cijfers/deelnames.csv"])
def test_only_staff_reach_the_figures(client, make_user, everything, path):
    client.force_login(make_user("partner@example.nl"))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


# --- Queries ----------------------------------------------------------------------------


def page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_however_much_there_is_to_count(
    client, commissie, everything, make_organisatie, make_leeratelier, make_publicatie
):
    client.force_login(commissie)
    page_queries(client)  # the first request fills the caches of the session and the site
    before = page_queries(client)
    assert before <= MAX_QUERIES_PER_PAGE
    atelier = make_leeratelier("Eenzaamheid en betekenisvol contact")
    for year in range(2010, 2020):  # ten more years, more organisations and publicaties
        deelname_set_rol(
            organisatie=make_organisatie(f"Partner {year}"),
            leeratelier=atelier,
            rol=Rol.TRIBUNE,
            on=datetime.date(year, 6, 1),
            notify=False,
        )
        make_publicatie(gepubliceerd_on=datetime.date(year, 6, 1))
    assert page_queries(client) == before


def test_each_figure_takes_at_most_two_queries(
    client, commissie, everything, django_assert_max_num_queries
):
    commissie = type(commissie).objects.get(pk=commissie.pk)
    assert len(cijfers.zichtbaar(commissie)) == len(cijfers.SOORTEN)  # permissions now cached
    for soort in cijfers.SOORTEN:
        with django_assert_max_num_queries(2):
            soort.maak()


# --- As the demo's commissie member sees it ---------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_demo_page_is_valid_html_without_axe_violations(client, live_server, page, settings):
    load_demo_with_accounts(settings)
    sign_in(client, COMMISSIE, DEMO_PASSWORD)
    crawled = fetch(client, [URL])
    assert crawled[0].status == 200
    assert crawled[0].html.count('role="img"') == 4  # no subscribers in the demo: no chart
    page.context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    assert_pages_pass_in_browser(page, live_server.url, crawled)


def test_a_mistyped_early_date_shows_the_last_years_and_breaks_nothing(
    client, commissie, make_organisatie, make_leeratelier
):
    """One year is a column of the query: a deelname dated in the year 1000 must not ask the
    database for a thousand of them."""
    deelname_set_rol(
        organisatie=make_organisatie(),
        leeratelier=make_leeratelier(),
        rol=Rol.ARENA,
        on=datetime.date(1000, 1, 1),
        notify=False,
    )
    figuur = cijfers.deelnames()
    assert figuur.labels == years_from(this_year() - cijfers.MEESTE_JAREN + 1)
    assert values(figuur)["Arena"] == [1] * cijfers.MEESTE_JAREN
    client.force_login(commissie)
    assert client.get("/beheer/cijfers/").status_code == 200
