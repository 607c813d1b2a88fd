"""Trekkers keep up the lerende praktijken and geleerde lessen of the leerateliers they lead,
from /mijn/: only theirs, whatever the URL or the form names, with each change kept (who,
when, what); the admin keeps the same history and rules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leerateliers import services
from leerateliers.models import (
    GeleerdeLes,
    LerendePraktijk,
    Niveau,
    PraktijkStatus,
    TrekkerRol,
    Trekkerschap,
)
from leerateliers.wijzigingen import wijzigingen
from portaal.services import account_delete, personal_data
from tests.helpers import posted_back
from werkplaats.models import Persoon

pytestmark = pytest.mark.django_db


def beheer(atelier, rest=""):
    return f"/mijn/leerateliers/{atelier.slug}/{rest}"


def praktijk_form(**fields):
    data = {
        "titel": "Verhalenkamer in Lingewaard",
        "beschrijving": "Studenten halen verhalen op.",
        "status": PraktijkStatus.LOPEND,
        "start_on": "2021-02-01",
        "end_on": "",
        "externe_link": "",
    }
    data.update(fields)
    return data


def les_form(**fields):
    data = {"tekst": "Luister eerst.", "niveau": Niveau.LOKAAL, "geleerd_on": "2021-03-01"}
    data.update(fields)
    return data


@pytest.fixture
def praktijk_a(world, make_praktijk, make_gemeente):
    return make_praktijk(world.a, "Signaleren van armoede", gemeenten=[make_gemeente("Heumen")])


@pytest.fixture
def praktijk_b(world, make_praktijk):
    return make_praktijk(world.b, "Werklab")


# --- A trekker at work -----------------------------------------------------------------------


def test_the_dashboard_links_to_the_leerateliers_one_leads(client, world):
    client.force_login(world.trekker)
    page = client.get("/mijn/").content.decode()
    assert f'href="{beheer(world.a)}"' in page
    assert beheer(world.b) not in page


def test_a_trekker_adds_and_changes_a_praktijk_with_its_gemeenten_and_partners(
    client, world, make_gemeente
):
    lingewaard = make_gemeente("Lingewaard")
    client.force_login(world.trekker)
    response = client.post(
        beheer(world.a, "praktijken/nieuw/"),
        praktijk_form(gemeenten=[lingewaard.pk], partners=[world.andere.pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == beheer(world.a)
    praktijk = LerendePraktijk.objects.get()
    assert praktijk.leeratelier == world.a
    assert praktijk.slug == "verhalenkamer-in-lingewaard"
    assert list(praktijk.gemeenten.all()) == [lingewaard]
    assert list(praktijk.partners.all()) == [world.andere]

    overview = client.get(beheer(world.a)).content.decode()
    assert "Verhalenkamer in Lingewaard" in overview
    edit = beheer(world.a, f"praktijken/{praktijk.pk}/bewerken/")
    assert f'href="{edit}"' in overview

    client.post(edit, praktijk_form(status=PraktijkStatus.AFGEROND, end_on="2021-12-31"))
    praktijk.refresh_from_db()
    assert praktijk.status == PraktijkStatus.AFGEROND
    assert list(praktijk.gemeenten.all()) == []  # unticked
    page = client.get(praktijk.get_absolute_url()).content.decode()
    assert "Afgerond" in page


def test_each_edit_page_lists_who_changed_what_and_when(client, world, praktijk_a):
    world.carinda.naam = "Carinda Jansen"
    world.carinda.save()
    client.force_login(world.trekker)
    edit = beheer(world.a, f"praktijken/{praktijk_a.pk}/bewerken/")
    client.post(edit, praktijk_form(titel="Signaleren en doorbreken", partners=[world.andere.pk]))

    records = list(praktijk_a.history.order_by("-history_date", "-history_id"))
    assert records[0].history_user == world.trekker
    assert records[0].titel == "Signaleren en doorbreken"

    page = " ".join(client.get(edit).content.decode().split())
    lijst = page[page.index('id="wijzigingen-titel"') :]
    assert "Carinda Jansen" in lijst
    assert "gewijzigd: Beschrijving, Gemeenten, Gestart op, Partners, Titel" in lijst
    assert "aangemaakt" in lijst  # the first record


def test_a_change_by_someone_without_a_profile_never_shows_their_email(client, world, praktijk_a):
    Persoon.objects.filter(user=world.trekker).update(user=None)
    services.praktijk_save(praktijk=praktijk_a, gemeenten=[], door=world.trekker)
    assert wijzigingen(praktijk_a)[0].door == "een gebruiker"
    world.trekker.first_name, world.trekker.last_name = "Carinda", "Jansen"
    world.trekker.save()
    services.praktijk_save(praktijk=praktijk_a, gemeenten=[], partners=[], door=world.trekker)
    assert wijzigingen(praktijk_a)[0].door == "Carinda Jansen"
    assert wijzigingen(praktijk_a)[0].velden == ["gemeenten"]


def test_a_trekker_adds_a_local_and_a_regional_les_from_the_site(client, world, praktijk_a):
    client.force_login(world.trekker)
    response = client.post(beheer(world.a, "lessen/nieuw/"), les_form(praktijk=praktijk_a.pk))
    assert response.status_code == 302
    lokaal = GeleerdeLes.objects.get()
    assert (lokaal.leeratelier, lokaal.praktijk) == (world.a, praktijk_a)

    response = client.post(
        beheer(world.a, "lessen/nieuw/"),
        les_form(tekst="Samen", niveau=Niveau.REGIONAAL, bronnen=[lokaal.pk]),
    )
    assert response.status_code == 302
    regionaal = GeleerdeLes.objects.get(tekst="Samen")
    assert regionaal.praktijk is None
    assert list(regionaal.bronnen.all()) == [lokaal]
    assert regionaal.history.get().history_user == world.trekker


def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(client, world, praktijk_a):
    client.force_login(world.trekker)
    lokaal = client.post(beheer(world.a, "lessen/nieuw/"), les_form(tekst="Mijn zin, bewaard."))
    assert lokaal.status_code == 200
    assert "Kies de praktijk waar deze lokale les geleerd is." in lokaal.content.decode()
    assert "Mijn zin, bewaard." in lokaal.content.decode()

    bron = services.les_save(les=GeleerdeLes(praktijk=praktijk_a, tekst="Bron"))
    local_with_sources = client.post(
        beheer(world.a, "lessen/nieuw/"), les_form(praktijk=praktijk_a.pk, bronnen=[bron.pk])
    )
    assert "Alleen een regionale les brengt lokale lessen samen." in (
        local_with_sources.content.decode()
    )

    backwards = client.post(
        beheer(world.a, "praktijken/nieuw/"),
        praktijk_form(start_on="2021-02-01", end_on="2020-01-01"),
    )
    assert "De einddatum ligt voor de begindatum." in backwards.content.decode()

    twice = client.post(beheer(world.a, "praktijken/nieuw/"), praktijk_form(titel=praktijk_a.titel))
    assert "al een lerende praktijk met deze titel" in twice.content.decode()
    assert LerendePraktijk.objects.count() == 1
    assert GeleerdeLes.objects.count() == 1


# --- Only their own --------------------------------------------------------------------------


def test_a_trekker_of_another_atelier_is_refused_everywhere(client, world, praktijk_a, praktijk_b):
    les = services.les_save(les=GeleerdeLes(praktijk=praktijk_a, tekst="Van A"))
    client.force_login(world.trekker_b)
    for path in [
        beheer(world.a),
        beheer(world.a, "praktijken/nieuw/"),
        beheer(world.a, f"praktijken/{praktijk_a.pk}/bewerken/"),
        beheer(world.a, "lessen/nieuw/"),
        beheer(world.a, f"lessen/{les.pk}/bewerken/"),
        # Their own atelier in the URL, with an id of A's.
        beheer(world.b, f"praktijken/{praktijk_a.pk}/bewerken/"),
        beheer(world.b, f"lessen/{les.pk}/bewerken/"),
    ]:
        assert client.get(path).status_code == 403, path
        assert client.post(path, praktijk_form(titel="Overgenomen")).status_code == 403, path
    praktijk_a.refresh_from_db()
    assert praktijk_a.titel == "Signaleren van armoede"
    assert not LerendePraktijk.objects.filter(titel="Overgenomen").exists()


@pytest.mark.parametrize("who", ["partner", "stranger"])
def test_people_who_lead_no_atelier_are_refused(client, world, praktijk_a, who):
    client.force_login(getattr(world, who))
    assert client.get(beheer(world.a)).status_code == 403
    assert client.get(beheer(world.a, f"praktijken/{praktijk_a.pk}/bewerken/")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, world, praktijk_a):
    response = client.get(beheer(world.a, f"praktijken/{praktijk_a.pk}/bewerken/"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_ids_of_another_atelier_in_the_form_get_a_dutch_error_not_a_change(
    client, world, praktijk_a, praktijk_b
):
    elders = services.les_save(les=GeleerdeLes(praktijk=praktijk_b, tekst="Van B"))
    client.force_login(world.trekker)
    tampered = [
        les_form(praktijk=praktijk_b.pk),
        les_form(niveau=Niveau.REGIONAAL, bronnen=[elders.pk]),
        les_form(niveau=Niveau.REGIONAAL, bronnen=["niet-een-nummer"]),
        les_form(praktijk="99999"),
        # Too large for any id column (SQLite would raise on it): just another unknown id.
        les_form(niveau=Niveau.REGIONAAL, bronnen=["99999999999999999999999"]),
        les_form(voorwaarden=["-99999999999999999999999"]),
    ]
    messages = [
        "Kies een praktijk van dit leeratelier.",
        "Kies alleen lokale lessen uit de praktijken van dit leeratelier.",
        "Kies alleen lokale lessen uit de praktijken van dit leeratelier.",
        "Kies een praktijk van dit leeratelier.",
        "Kies alleen lokale lessen uit de praktijken van dit leeratelier.",
        "Kies",
    ]
    for data, message in zip(tampered, messages, strict=True):
        response = client.post(beheer(world.a, "lessen/nieuw/"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    response = client.post(
        beheer(world.a, "praktijken/nieuw/"), praktijk_form(partners=["123456"], gemeenten=["x"])
    )
    assert response.status_code == 200
    assert "Kies uit de lijst." in response.content.decode()
    response = client.post(
        beheer(world.a, "praktijken/nieuw/"), praktijk_form(partners=["9" * 30], gemeenten=[])
    )
    assert response.status_code == 200
    assert "Kies uit de lijst." in response.content.decode()
    assert GeleerdeLes.objects.filter(leeratelier=world.a).count() == 0
    assert LerendePraktijk.objects.filter(leeratelier=world.a).count() == 1


def test_an_id_of_another_of_ones_own_ateliers_is_not_found_there(
    client, world, praktijk_a, praktijk_b
):
    Trekkerschap.objects.create(
        persoon=world.carinda, leeratelier=world.b, rol=TrekkerRol.CO_TREKKER
    )
    client.force_login(world.trekker)
    assert client.get(beheer(world.b, f"praktijken/{praktijk_a.pk}/bewerken/")).status_code == 404
    assert client.get(beheer(world.b, f"praktijken/{praktijk_b.pk}/bewerken/")).status_code == 200


# --- What the pages cost ---------------------------------------------------------------------


def grow(world, praktijk, make_praktijk, make_gemeente, count):
    """``count`` more praktijken and lessen, and as many changes to ``praktijk``."""
    for number in range(count):
        other = make_praktijk(world.a, gemeenten=[make_gemeente()])
        services.les_save(les=GeleerdeLes(praktijk=other, tekst=f"Les {number}"))
        praktijk.beschrijving = f"Versie {number}"
        services.praktijk_save(praktijk=praktijk, gemeenten=[make_gemeente()], door=world.trekker)


def test_the_signed_in_pages_cost_the_same_queries_with_more_praktijken_lessen_and_history(
    client, world, praktijk_a, make_praktijk, make_gemeente, django_assert_num_queries
):
    regionaal = services.les_save(
        les=GeleerdeLes(leeratelier=world.a, niveau=Niveau.REGIONAAL, tekst="Regio")
    )
    grow(world, praktijk_a, make_praktijk, make_gemeente, 2)
    client.force_login(world.trekker)
    client.get("/")  # the site profile, read once and then cached
    paths = [
        "/mijn/",
        beheer(world.a),
        beheer(world.a, "praktijken/nieuw/"),
        beheer(world.a, f"praktijken/{praktijk_a.pk}/bewerken/"),
        beheer(world.a, "lessen/nieuw/"),
        beheer(world.a, f"lessen/{regionaal.pk}/bewerken/"),
    ]
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[path] = len(queries)
    grow(world, praktijk_a, make_praktijk, make_gemeente, 12)
    services.les_save(
        les=regionaal, bronnen=GeleerdeLes.objects.filter(niveau=Niveau.LOKAAL), door=world.trekker
    )
    for path in paths:
        with django_assert_num_queries(counts[path], info=path):
            assert client.get(path).status_code == 200
    assert max(counts.values()) <= 15, counts


# --- The admin -------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.beheerder)
    return client


def test_the_admin_shows_the_history_of_praktijken_and_lessen(staff_client, world, praktijk_a):
    les = services.les_save(les=GeleerdeLes(praktijk=praktijk_a, tekst="Van A"), door=world.trekker)
    for path in [
        "/beheer/leerateliers/lerendepraktijk/",
        f"/beheer/leerateliers/lerendepraktijk/{praktijk_a.pk}/change/",
        f"/beheer/leerateliers/lerendepraktijk/{praktijk_a.pk}/history/",
        "/beheer/leerateliers/geleerdeles/",
        "/beheer/leerateliers/geleerdeles/add/",
        f"/beheer/leerateliers/geleerdeles/{les.pk}/change/",
        f"/beheer/leerateliers/geleerdeles/{les.pk}/history/",
    ]:
        assert staff_client.get(path).status_code == 200, path
    history = staff_client.get(f"/beheer/leerateliers/geleerdeles/{les.pk}/history/")
    assert "carinda@example.nl" in history.content.decode()


def test_the_admin_saves_a_regional_les_by_the_same_rules(
    staff_client, world, praktijk_a, praktijk_b
):
    eigen = services.les_save(les=GeleerdeLes(praktijk=praktijk_a, tekst="Van A"))
    elders = services.les_save(les=GeleerdeLes(praktijk=praktijk_b, tekst="Van B"))
    data = {
        "leeratelier": world.a.pk,
        "praktijk": "",
        "niveau": Niveau.REGIONAAL,
        "tekst": "Regionaal in de admin",
        "geleerd_on": "2021-03-01",
        "bronnen": [eigen.pk, elders.pk],
    }
    refused = staff_client.post("/beheer/leerateliers/geleerdeles/add/", data)
    assert refused.status_code == 200
    assert "Kies alleen lokale lessen uit de praktijken van dit leeratelier." in (
        refused.content.decode()
    )
    data["bronnen"] = [eigen.pk]
    assert staff_client.post("/beheer/leerateliers/geleerdeles/add/", data).status_code == 302
    les = GeleerdeLes.objects.get(tekst="Regionaal in de admin")
    assert list(les.bronnen.all()) == [eigen]
    record = les.history.get()  # one record for the les and its local lessen
    assert record.history_user == world.beheerder


# --- Privacy ---------------------------------------------------------------------------------


def test_the_download_lists_ones_changes_and_deleting_the_account_keeps_them_anonymous(
    world, praktijk_a
):
    services.praktijk_save(praktijk=praktijk_a, gemeenten=[], door=world.trekker)
    changes = personal_data(world.trekker)["wijzigingen_in_praktijken_en_lessen"]
    assert [(c["wat"], c["nummer"], c["wijziging"]) for c in changes] == [
        ("lerende praktijk", praktijk_a.pk, "gewijzigd")
    ]
    account_delete(user=world.trekker)
    record = praktijk_a.history.order_by("-history_date", "-history_id").first()
    assert record.history_user is None
    assert record.titel == "Signaleren van armoede"


def test_saving_a_praktijk_in_the_admin_is_one_change_by_the_staff_member(
    staff_client, world, praktijk_a, make_gemeente
):
    url = f"/beheer/leerateliers/lerendepraktijk/{praktijk_a.pk}/change/"
    data = posted_back(staff_client.get(url))
    data.update(titel="Signaleren, bespreken en doorbreken", gemeenten=[make_gemeente().pk])
    assert staff_client.post(url, data).status_code == 302
    praktijk_a.refresh_from_db()
    assert praktijk_a.titel == "Signaleren, bespreken en doorbreken"
    newest = praktijk_a.history.order_by("-history_date", "-history_id").first()
    assert newest.history_user == world.beheerder
    older = praktijk_a.history.filter(history_date__lt=newest.history_date).first()
    assert sorted(newest.diff_against(older).changed_fields) == ["gemeenten", "titel"]
