"""The bijeenkomsten pages, and where bijeenkomsten show up elsewhere on the site."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bijeenkomsten import services
from bijeenkomsten.models import Soort

pytestmark = pytest.mark.django_db


def titles(response):
    return [bijeenkomst.titel for bijeenkomst in response.context["object_list"]]


def test_the_list_shows_what_is_coming_soonest_first_and_the_archive_the_past(
    client, make_bijeenkomst
):
    make_bijeenkomst("Later", days=20)
    make_bijeenkomst("Binnenkort", days=2)
    make_bijeenkomst("Vorige maand", days=-30)
    make_bijeenkomst("Vorig jaar", days=-400)

    assert titles(client.get("/bijeenkomsten/")) == ["Binnenkort", "Later"]
    archive = client.get("/bijeenkomsten/?periode=archief")
    assert titles(archive) == ["Vorige maand", "Vorig jaar"]
    assert "Archief van bijeenkomsten" in archive.content.decode()


def test_the_list_filters_on_soort_leeratelier_and_gemeente(
    client, make_bijeenkomst, make_leeratelier, make_gemeente
):
    jip = make_leeratelier("JIP")
    nijmegen = make_gemeente("Nijmegen")
    make_bijeenkomst(
        "Tribune JIP Nijmegen", soort=Soort.TRIBUNEBIJEENKOMST, leeratelier=jip, gemeente=nijmegen
    )
    make_bijeenkomst("Tribune JIP online", soort=Soort.TRIBUNEBIJEENKOMST, leeratelier=jip)
    make_bijeenkomst("Symposium Nijmegen", soort=Soort.SYMPOSIUM, gemeente=nijmegen)

    assert titles(client.get("/bijeenkomsten/?soort=tribunebijeenkomst")) == [
        "Tribune JIP Nijmegen",
        "Tribune JIP online",
    ]
    assert titles(client.get(f"/bijeenkomsten/?leeratelier={jip.slug}&gemeente=nijmegen")) == [
        "Tribune JIP Nijmegen"
    ]
    assert titles(client.get("/bijeenkomsten/?gemeente=nijmegen&soort=symposium")) == [
        "Symposium Nijmegen"
    ]


def test_an_unknown_filter_value_gets_a_dutch_error_not_a_500(client, make_bijeenkomst):
    make_bijeenkomst("Arenabijeenkomst")
    response = client.get("/bijeenkomsten/?soort=feest&gemeente=atlantis")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Selecteer een geldige keuze." in page
    assert titles(response) == []


def test_a_cancelled_bijeenkomst_says_so_everywhere(
    client, make_bijeenkomst, make_leeratelier, make_user
):
    jip = make_leeratelier("JIP")
    bijeenkomst = make_bijeenkomst("Tribunebijeenkomst JIP", leeratelier=jip, capaciteit=10)
    user = make_user()
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
    services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden="De spreker is ziek.")
    client.force_login(user)

    detail = client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert "Deze bijeenkomst is geannuleerd" in detail and "De spreker is ziek." in detail
    assert "<form" not in detail.split("Aanmelden", 1)[1].split("</section>", 1)[0]
    for path in ("/bijeenkomsten/", "/", jip.get_absolute_url(), "/mijn/"):
        page = client.get(path).content.decode()
        assert "Tribunebijeenkomst JIP" in page, path
        assert "Geannuleerd" in page, path


def test_the_home_page_and_the_leeratelier_show_their_next_bijeenkomsten(
    client, make_bijeenkomst, make_leeratelier
):
    jip = make_leeratelier("JIP")
    make_bijeenkomst("Voorbij", days=-5, leeratelier=jip)
    for number in range(1, 5):
        make_bijeenkomst(f"Komend {number}", days=number, leeratelier=jip if number == 4 else None)

    home = client.get("/")
    assert [b.titel for b in home.context["bijeenkomsten"]] == ["Komend 1", "Komend 2", "Komend 3"]
    response = client.get(jip.get_absolute_url())
    assert [b.titel for b in response.context["komende_bijeenkomsten"]] == ["Komend 4"]
    assert "Komend 1" not in response.content.decode()
    # The one that took place is history now: on the timeline, not in the agenda.
    assert "Voorbij" in [gebeurtenis.tekst for gebeurtenis in response.context["tijdlijn"]]


def test_the_dashboard_lists_my_registrations_with_a_way_to_cancel(
    client, make_bijeenkomst, make_user
):
    user = make_user()
    vol = make_bijeenkomst("Training", capaciteit=1, days=3)
    services.aanmelding_create(bijeenkomst=vol, user=make_user())
    services.aanmelding_create(bijeenkomst=vol, user=user)
    services.aanmelding_create(bijeenkomst=make_bijeenkomst("Symposium", days=9), user=user)
    afgemeld = services.aanmelding_create(bijeenkomst=make_bijeenkomst("Afgemeld"), user=user)
    services.aanmelding_cancel(aanmelding=afgemeld)
    client.force_login(user)

    page = client.get("/mijn/").content.decode()

    assert "Training" in page and "Op de wachtlijst, plaats 1" in page
    assert "Symposium" in page and "Aangemeld" in page
    assert "Afgemeld" not in page
    assert page.count("/bijeenkomsten/afmelden/") == 2


def test_the_detail_page_does_not_run_more_queries_with_more_registrations(
    make_bijeenkomst, make_user, make_leeratelier, make_gemeente, django_assert_num_queries
):
    bijeenkomst = make_bijeenkomst(
        leeratelier=make_leeratelier("JIP"), gemeente=make_gemeente("Nijmegen"), capaciteit=3
    )
    user = make_user()
    client = Client()
    client.force_login(user)
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=user)
    client.get("/")  # the session's first request renews it (one write)
    counted = {}
    for path in (bijeenkomst.get_absolute_url(), "/bijeenkomsten/", "/mijn/", "/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counted[path] = len(queries)
    for _ in range(6):
        services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())
        make_bijeenkomst(capaciteit=2)
        services.aanmelding_create(bijeenkomst=make_bijeenkomst(), user=user)
    for path, count in counted.items():
        with django_assert_num_queries(count):
            assert client.get(path).status_code == 200
    assert counted[bijeenkomst.get_absolute_url()] <= 8


def test_the_verslag_and_its_files_appear_once_the_bijeenkomst_is_over(client, make_bijeenkomst):
    from django.core.files.base import ContentFile

    from bijeenkomsten.models import VerslagBijlage

    bijeenkomst = make_bijeenkomst(days=2, verslag="We bespraken **wat werkt**.")
    VerslagBijlage.objects.create(
        bijeenkomst=bijeenkomst,
        titel="Dia's van de middag",
        bestand=ContentFile(b"%PDF-1.4\n%%EOF\n", name="dias.pdf"),
    )
    assert "wat werkt" not in client.get(bijeenkomst.get_absolute_url()).content.decode()

    bijeenkomst.start_at -= datetime.timedelta(days=5)
    bijeenkomst.end_at -= datetime.timedelta(days=5)
    bijeenkomst.save()
    page = client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert "<strong>wat werkt</strong>" in page
    assert 'Dia&#x27;s van de middag</a> <span class="meta">(PDF)</span>' in page
    assert "Zet in mijn agenda" not in page  # over: nothing to put in a calendar


def test_a_speakers_profile_lists_their_bijeenkomsten_the_coming_ones_first(
    client, make_bijeenkomst, make_persoon, django_assert_num_queries
):
    maritza = make_persoon("Maritza Gerritsen")
    juni = make_bijeenkomst("Tribune juni", days=-200)
    juni.sprekers.add(maritza)
    volgende = make_bijeenkomst("Tribune volgende maand", days=30)
    volgende.sprekers.add(maritza, make_persoon("Joos Meesters"))
    make_bijeenkomst("Zonder haar", days=5)

    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(maritza.get_absolute_url())
    page = response.content.decode()
    komend, eerder = page.index("Komende bijeenkomsten"), page.index("Eerdere bijeenkomsten")
    assert komend < page.index("Tribune volgende maand") < eerder < page.index("Tribune juni")
    assert "Zonder haar" not in page

    for days in (40, 50, -300):  # more bijeenkomsten, same number of queries
        make_bijeenkomst(days=days).sprekers.add(maritza)
    with django_assert_num_queries(len(queries)):
        client.get(maritza.get_absolute_url())

    detail = client.get(volgende.get_absolute_url()).content.decode()
    speakers = detail[detail.index("<dt>Sprekers</dt>") :]
    assert speakers.index("Joos Meesters") < speakers.index("Maritza Gerritsen")
    assert f'href="{maritza.get_absolute_url()}"' in speakers


def test_site_search_finds_bijeenkomsten_and_says_when_they_are(client, make_bijeenkomst):
    make_bijeenkomst(
        "Symposium Samen werken aan sociale kwaliteit",
        days=-30,
        locatie="Fort Lent",
        samenvatting="Terugblikken en vooruitkijken.",
    )
    make_bijeenkomst("Training", samenvatting="Een gesprek over eenzaamheid beginnen.")

    response = client.get("/zoeken/", {"q": "fort lent"})
    groups = {
        label: [str(row) for row in rows] for label, _kind, rows in response.context["groups"]
    }
    assert groups == {"Bijeenkomsten": ["Symposium Samen werken aan sociale kwaliteit"]}
    found = {
        label: [row.titel for row in rows]
        for label, _kind, rows in client.get("/zoeken/", {"q": "eenzaamheid"}).context["groups"]
    }
    assert found == {"Bijeenkomsten": ["Training"]}
    assert "<time datetime=" in response.content.decode().split("<main")[1]


def test_a_past_online_bijeenkomst_is_marked_past_and_promises_no_link(client, make_bijeenkomst):
    online = {"adres": "", "online_link": "https://meet.jit.si/werkplaats-test"}
    past = make_bijeenkomst("Tribune van vorig jaar", days=-300, **online)
    coming = make_bijeenkomst("Tribune van volgende week", days=7, **online)

    page = client.get(past.get_absolute_url()).content.decode()
    assert "Deze bijeenkomst is voorbij." in page
    assert "de link staat in de bevestiging" not in page
    assert "meet.jit.si" not in page  # the link itself stays for those who had a place

    assert (
        "de link staat in de bevestiging" in client.get(coming.get_absolute_url()).content.decode()
    )
    archive = client.get("/bijeenkomsten/?periode=archief").content.decode()
    assert '<span class="badge badge--past">Voorbij</span>' in archive
    assert "badge--past" not in client.get("/bijeenkomsten/").content.decode()
