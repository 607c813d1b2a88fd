"""/toegankelijkheid/: the toegankelijkheidsverklaring after the Dutch model statement, kept
in the admin, with a visible notice once its research is more than three years old or its
status C more than six months; a clear page while there is none."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.helpers import posted_back
from werkplaats.demo import load_toegankelijkheidsverklaringen
from werkplaats.fixtures import Loader, read
from werkplaats.models import (
    Nalevingsstatus,
    Profiel,
    Toegankelijkheidsprobleem,
    Toegankelijkheidsverklaring,
    maanden_eerder,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def verklaring(**fields):
    values = {
        "status": Nalevingsstatus.D,
        "opgesteld_on": TODAY,
        "akkoord_naam": "Anna Jansen",
        "akkoord_functie": "Directeur",
        "akkoord_on": TODAY,
        **fields,
    }
    return Toegankelijkheidsverklaring(**values)


def saved(**fields):
    row = verklaring(**fields)
    row.full_clean()
    row.save()
    return row


def onderzocht(status=Nalevingsstatus.B, **fields):
    return {
        "status": status,
        "onderzoek_on": TODAY - 30 * DAY,
        "onderzoek_door": "Stichting Toetsing",
        "onderzoek_url": "https://example.nl/rapport.pdf",
        **fields,
    }


# --- The rules, at their boundaries ------------------------------------------------------------


@pytest.mark.parametrize(
    ("onderzoek_on", "op", "verouderd"),
    [
        (datetime.date(2023, 12, 7), datetime.date(2026, 12, 7), False),  # three years exactly
        (datetime.date(2023, 12, 7), datetime.date(2026, 12, 8), True),  # and a day
        (datetime.date(2023, 12, 8), datetime.date(2026, 12, 8), False),
        (datetime.date(2024, 2, 29), datetime.date(2027, 2, 28), False),  # a leap day
        (datetime.date(2024, 2, 29), datetime.date(2027, 3, 1), True),
    ],
)
def test_research_counts_for_three_years_to_the_day(onderzoek_on, op, verouderd):
    row = saved(**onderzocht(onderzoek_on=onderzoek_on, opgesteld_on=onderzoek_on))
    assert row.is_onderzoek_verouderd(op) is verouderd
    assert row.is_verouderd(op) is verouderd
    queryset = Toegankelijkheidsverklaring.objects
    assert queryset.met_verouderd_onderzoek(op).filter(pk=row.pk).exists() is verouderd
    assert queryset.verouderd(op).filter(pk=row.pk).exists() is verouderd


@pytest.mark.parametrize(
    ("opgesteld_on", "op", "verlopen"),
    [
        (datetime.date(2026, 6, 7), datetime.date(2026, 12, 7), False),  # six months exactly
        (datetime.date(2026, 6, 7), datetime.date(2026, 12, 8), True),  # and a day
        (datetime.date(2026, 8, 31), datetime.date(2027, 2, 28), False),  # a short month
        (datetime.date(2026, 8, 31), datetime.date(2027, 3, 1), True),
    ],
)
def test_status_c_holds_six_months_from_the_statements_date(opgesteld_on, op, verlopen):
    c = saved(
        status=Nalevingsstatus.C,
        opgesteld_on=opgesteld_on,
        onderzoek_gepland_on=opgesteld_on + 60 * DAY,
    )
    d = saved(status=Nalevingsstatus.D, opgesteld_on=opgesteld_on)
    assert c.is_status_c_verlopen(op) is verlopen
    assert c.is_verouderd(op) is verlopen
    assert not d.is_verouderd(op)  # the six months are a rule of status C only
    found = set(Toegankelijkheidsverklaring.objects.verouderd(op).values_list("pk", flat=True))
    assert found == ({c.pk} if verlopen else set())


def test_the_date_arithmetic_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert maanden_eerder(datetime.date(2026, 12, 7), 6) == datetime.date(2026, 6, 7)
    assert maanden_eerder(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert maanden_eerder(datetime.date(2027, 2, 28), 36) == datetime.date(2024, 2, 28)
    assert maanden_eerder(datetime.date(2026, 1, 15), 1) == datetime.date(2025, 12, 15)


# --- What a statement must hold ----------------------------------------------------------------


@pytest.mark.parametrize("status", [Nalevingsstatus.A, Nalevingsstatus.B])
def test_status_a_and_b_rest_on_a_research_report(status):
    with pytest.raises(ValidationError, match="Status A en B vragen een onderzoek"):
        saved(status=status)
    with pytest.raises(ValidationError, match="Status A en B vragen een onderzoek"):
        saved(**onderzocht(status=status, onderzoek_url=""))
    assert saved(**onderzocht(status=status)).pk


def test_status_c_needs_research_planned_within_six_months():
    with pytest.raises(ValidationError, match="Status C vraagt een gepland onderzoek"):
        saved(status=Nalevingsstatus.C)
    with pytest.raises(ValidationError) as refused:
        saved(status=Nalevingsstatus.C, onderzoek_gepland_on=TODAY + 200 * DAY)
    assert "binnen zes maanden" in str(refused.value)
    assert saved(status=Nalevingsstatus.C, onderzoek_gepland_on=TODAY + 150 * DAY).pk


def test_research_names_who_did_it_and_lies_in_the_past():
    with pytest.raises(ValidationError, match="wie het onderzoek uitvoerde"):
        saved(onderzoek_on=TODAY - DAY)
    with pytest.raises(ValidationError, match="gepland vóór"):
        saved(onderzoek_on=TODAY + DAY, onderzoek_door="Iemand")


# --- The page ----------------------------------------------------------------------------------


@pytest.fixture
def profiel(db):
    return Profiel.objects.create(naam="Werkplaats Sociaal Domein", email="wsd@example.nl")


def page(client):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_statement_the_page_answers_and_says_so_in_dutch(client, profiel):
    html = page(client)
    assert "nog geen toegankelijkheidsverklaring gepubliceerd" in html
    assert "status E" in html
    assert 'href="mailto:wsd@example.nl"' in html and 'href="/contact/"' in html


def test_the_page_follows_the_model_statement(client, profiel):
    row = saved(
        **onderzocht(
            status=Nalevingsstatus.B,
            onderzoek_on=datetime.date(2026, 3, 2),
            contact_email="toegankelijk@example.nl",
            reactietermijn=3,
            maatregelen="Elke pagina gaat door **axe-core**.",
        )
    )
    Toegankelijkheidsprobleem.objects.create(
        verklaring=row,
        omschrijving="De grafiek heeft geen tekstalternatief.",
        succescriterium="1.1.1",
        maatregel="Een tabel naast de grafiek.",
        opgelost_on=datetime.date(2027, 3, 1),
    )
    html = page(client)
    assert "B: voldoet gedeeltelijk" in html
    assert str(Nalevingsstatus.B.uitleg) in html
    assert "2 maart 2026" in html and "Stichting Toetsing" in html
    assert 'href="https://example.nl/rapport.pdf"' in html
    for fact in (
        "1.1.1 Niet-tekstuele content (A)",
        "De grafiek heeft geen tekstalternatief.",
        "Een tabel naast de grafiek.",
        "1 maart 2027",
    ):
        assert fact in html, fact
    assert "<strong>axe-core</strong>" in html
    assert 'href="mailto:toegankelijk@example.nl"' in html
    assert "binnen 3 werkdagen een reactie" in html
    assert "Anna Jansen" in html and "Directeur" in html
    assert 'href="https://www.digitoegankelijk.nl/toegankelijkheidsverklaring/status"' in html
    assert "niet meer actueel" not in html


def test_reports_go_to_the_profiles_address_when_the_statement_names_none(client, profiel):
    saved(reactietermijn=1)
    html = page(client)
    assert 'href="mailto:wsd@example.nl"' in html
    assert "binnen 1 werkdag een reactie" in html
    assert "Er is nog geen volledig onderzoek" in html


def test_the_newest_statement_whose_date_has_come_is_shown(client, profiel):
    saved(opgesteld_on=TODAY - 400 * DAY, akkoord_naam="Oude Ondertekenaar")
    saved(opgesteld_on=TODAY - 10 * DAY, akkoord_naam="Huidige Ondertekenaar")
    saved(opgesteld_on=TODAY + 10 * DAY, akkoord_naam="Komende Ondertekenaar")
    html = page(client)
    assert "Huidige Ondertekenaar" in html
    assert "Oude Ondertekenaar" not in html and "Komende Ondertekenaar" not in html


def test_the_page_warns_once_the_research_is_more_than_three_years_old(client, profiel):
    grens = maanden_eerder(TODAY, 36)
    row = saved(**onderzocht(onderzoek_on=grens, opgesteld_on=grens))
    assert "niet meer actueel" not in page(client)
    row.onderzoek_on = grens - DAY
    row.save()
    html = page(client)
    assert "Deze verklaring is niet meer actueel." in html
    assert "meer dan drie jaar oud" in html


def test_the_page_warns_once_status_c_is_more_than_six_months_old(client, profiel):
    grens = maanden_eerder(TODAY, 6)
    row = saved(status=Nalevingsstatus.C, opgesteld_on=grens, onderzoek_gepland_on=grens + 90 * DAY)
    assert "niet meer actueel" not in page(client)
    row.opgesteld_on = grens - DAY
    row.save()
    html = page(client)
    assert "Deze verklaring is niet meer actueel." in html
    assert "meer dan zes maanden geleden" in html


def test_the_page_costs_the_same_queries_however_many_problems(
    client, profiel, django_assert_num_queries
):
    row = saved()
    page(client)  # the profile is cached from here on
    with django_assert_num_queries(2):  # the statement, its problems
        page(client)
    for number in range(10):
        Toegankelijkheidsprobleem.objects.create(
            verklaring=row,
            omschrijving=f"Probleem {number}",
            succescriterium="1.4.3",
            maatregel="Donkerder.",
            opgelost_on=TODAY + number * DAY,
        )
    with django_assert_num_queries(2):
        assert page(client).count("1.4.3 Contrast (minimum) (AA)") == 10


def test_every_page_links_the_statement_colofon_cookies_privacy_and_contact(client, profiel):
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    for path in ("/toegankelijkheid/", "/colofon/", "/cookies/", "/privacy/", "/contact/"):
        assert f'href="{path}"' in footer, path


def test_the_sitemap_lists_the_statement_the_colofon_and_the_cookies(client, profiel):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/toegankelijkheid/", "/colofon/", "/cookies/"):
        assert f"{path}</loc>" in xml, path


# --- The admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer@example.nl", "x" * 20))
    return client


def test_the_beheerder_keeps_the_statement_and_its_problems_in_the_admin(admin_client):
    form = admin_client.get("/beheer/werkplaats/toegankelijkheidsverklaring/add/")
    text = form.content.decode()
    for label in ("Bekende problemen", "Succescriterium", "Akkoord gegeven door", "Onderzoek"):
        assert label in text, label
    data = posted_back(form)
    data.update(
        {
            "status": "B",
            "opgesteld_on": TODAY.isoformat(),
            "akkoord_naam": "Anna Jansen",
            "akkoord_functie": "Directeur",
            "akkoord_on": TODAY.isoformat(),
            "reactietermijn": "5",
            "problemen-TOTAL_FORMS": "1",
            "problemen-0-omschrijving": "Knoppen zonder naam.",
            "problemen-0-succescriterium": "4.1.2",
            "problemen-0-maatregel": "Namen toevoegen.",
            "problemen-0-opgelost_on": (TODAY + 30 * DAY).isoformat(),
        }
    )
    refused = admin_client.post("/beheer/werkplaats/toegankelijkheidsverklaring/add/", data)
    assert refused.status_code == 200
    assert "Status A en B vragen een onderzoek" in refused.content.decode()
    data.update(
        {
            "onderzoek_on": (TODAY - 30 * DAY).isoformat(),
            "onderzoek_door": "Stichting Toetsing",
            "onderzoek_url": "https://example.nl/rapport.pdf",
        }
    )
    added = admin_client.post("/beheer/werkplaats/toegankelijkheidsverklaring/add/", data)
    assert added.status_code == 302
    row = Toegankelijkheidsverklaring.objects.get()
    assert [p.succescriterium for p in row.problemen.all()] == ["4.1.2"]
    listing = admin_client.get("/beheer/werkplaats/toegankelijkheidsverklaring/")
    assert "Toegankelijkheidsverklaring van" in listing.content.decode()
    change = admin_client.get(f"/beheer/werkplaats/toegankelijkheidsverklaring/{row.pk}/change/")
    assert change.status_code == 200 and "Knoppen zonder naam." in change.content.decode()


# --- The demo ----------------------------------------------------------------------------------


def test_the_demo_statement_is_honest_about_its_status_and_says_what_is_made_up(client):
    loader = Loader()
    load_toegankelijkheidsverklaringen(loader, read("site"))
    load_toegankelijkheidsverklaringen(Loader(), read("site"))  # create-only
    row = Toegankelijkheidsverklaring.objects.get()
    # No research report, and none planned: status D, whatever the automated checks say.
    assert row.status == Nalevingsstatus.D
    assert row.onderzoek_on is None and row.onderzoek_gepland_on is None
    assert row.problemen.count() >= 1
    html = page(client)
    assert "D: voldoet niet" in html and "axe-core" in html
    assert "Naam van de ondertekenaar (voorbeeld)" in html
    assert "Deze planning is een voorbeeld." in html
    assert " u " not in html.lower()
