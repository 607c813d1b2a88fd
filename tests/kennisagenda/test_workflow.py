"""The programmacommissie's steps: new version, merge, lapse, adopt; history and permissions."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.html import strip_tags

from kennisagenda import services
from kennisagenda.models import (
    Agendapunt,
    AgendaStatus,
    Besluit,
    BesluitSoort,
    Kennisagenda,
    Kwestie,
    KwestieStatus,
)
from tests.helpers import run_command
from werkplaats.models import User

pytestmark = pytest.mark.django_db
DAG = datetime.date(2024, 5, 1)


@pytest.fixture
def agenda(make_leeratelier):
    huidig = Kennisagenda.objects.create(
        titel="Kennisagenda 2020", slug="2020", status=AgendaStatus.VASTGESTELD,
        vastgesteld_on=datetime.date(2020, 1, 1), periode_van=datetime.date(2020, 1, 1),
    )  # fmt: skip
    atelier = make_leeratelier("Eenzaamheid en betekenisvol contact")
    for volgorde, naam in enumerate(["Eenzaamheid", "Sociaal isolement", "Armoede"]):
        kwestie = Kwestie.objects.create(naam=naam, leeratelier=atelier if volgorde < 2 else None)
        Agendapunt.objects.create(agenda=huidig, kwestie=kwestie, volgorde=volgorde)
    return huidig


def kwestie(naam):
    return Kwestie.objects.get(naam=naam)


def test_at_most_one_adopted_agenda(agenda):
    with pytest.raises(IntegrityError), transaction.atomic():
        Kennisagenda.objects.create(
            titel="Tweede", slug="tweede", status=AgendaStatus.VASTGESTELD, vastgesteld_on=DAG
        )


def test_a_new_concept_copies_the_active_kwesties(agenda):
    services.kwestie_lapse(kwestie=kwestie("Armoede"), on=DAG)
    concept = services.kennisagenda_start_concept(
        bron=agenda, titel="Kennisagenda 2024", slug="2024", on=DAG, toelichting="Herijking."
    )
    assert concept.status == AgendaStatus.CONCEPT and concept.vorige == agenda
    assert [p.kwestie.naam for p in concept.punten.all()] == ["Eenzaamheid", "Sociaal isolement"]
    assert all(punt.history.exists() for punt in concept.punten.all())
    assert Besluit.objects.get(soort=BesluitSoort.NIEUWE_VERSIE).toelichting == "Herijking."


def test_merge_keeps_history_leeratelier_and_adopted_versions(agenda):
    concept = services.kennisagenda_start_concept(bron=agenda, titel="2024", slug="2024", on=DAG)
    services.kwestie_merge(
        kwestie=kwestie("Sociaal isolement"), into=kwestie("Eenzaamheid"), on=DAG
    )

    merged = kwestie("Sociaal isolement")
    assert merged.status == KwestieStatus.SAMENGEVOEGD
    assert merged.samengevoegd_in == kwestie("Eenzaamheid")
    assert merged.leeratelier.titel == "Eenzaamheid en betekenisvol contact"
    assert "Sociaal isolement" in [p.kwestie.naam for p in agenda.punten.all()]
    assert [p.kwestie.naam for p in concept.punten.all()] == ["Eenzaamheid", "Armoede"]
    assert merged.history.count() == 2  # created, then merged


def test_a_merged_or_lapsed_kwestie_cannot_be_merged_again(agenda):
    services.kwestie_lapse(kwestie=kwestie("Armoede"), on=DAG)
    with pytest.raises(ValidationError, match="al vervallen"):
        services.kwestie_merge(kwestie=kwestie("Armoede"), into=kwestie("Eenzaamheid"))
    with pytest.raises(ValidationError, match="niet in zichzelf"):
        services.kwestie_merge(kwestie=kwestie("Eenzaamheid"), into=kwestie("Eenzaamheid"))


def test_the_database_refuses_a_merge_without_target(agenda):
    with pytest.raises(IntegrityError), transaction.atomic():
        Kwestie.objects.filter(naam="Armoede").update(status=KwestieStatus.SAMENGEVOEGD)


def test_adopting_a_concept_archives_the_previous_agenda(agenda):
    concept = services.kennisagenda_start_concept(bron=agenda, titel="2024", slug="2024", on=DAG)
    services.kennisagenda_adopt(
        agenda=concept, on=DAG, toelichting="Vastgesteld in de vergadering."
    )
    agenda.refresh_from_db()
    concept.refresh_from_db()
    assert (agenda.status, agenda.periode_tot) == (
        AgendaStatus.GEARCHIVEERD,
        DAG - datetime.timedelta(days=1),
    )
    assert (concept.status, concept.vastgesteld_on) == (AgendaStatus.VASTGESTELD, DAG)
    with pytest.raises(ValidationError, match="geen concept"):
        services.kennisagenda_adopt(agenda=concept, on=DAG)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel transactions")
@pytest.mark.django_db(transaction=True)
def test_concurrent_adoptions_leave_exactly_one_current_agenda(agenda):
    concepts = [
        services.kennisagenda_start_concept(bron=agenda, titel=f"Concept {n}", slug=f"c{n}")
        for n in range(2)
    ]
    barrier = threading.Barrier(2)
    outcomes = []

    def adopt(concept):
        from django.db import connections

        try:
            barrier.wait()
            services.kennisagenda_adopt(agenda=concept, on=DAG)
            outcomes.append("vastgesteld")
        except ValidationError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=adopt, args=(concept,)) for concept in concepts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Kennisagenda.objects.filter(status=AgendaStatus.VASTGESTELD).count() == 1
    # Serialised by the lock: the second adoption archives the first instead of failing.
    assert outcomes == ["vastgesteld", "vastgesteld"]


def test_history_page_shows_merged_and_lapsed_kwesties_with_their_decisions(client, agenda):
    services.kwestie_merge(
        kwestie=kwestie("Sociaal isolement"), into=kwestie("Eenzaamheid"), on=DAG,
        toelichting="Eén leeratelier voor beide.",
    )  # fmt: skip
    services.kwestie_lapse(kwestie=kwestie("Armoede"), on=DAG)
    html = client.get("/kennisagenda/geschiedenis/").content.decode()
    content = " ".join(strip_tags(html).split())
    assert "“Sociaal isolement” is opgegaan in “Eenzaamheid”." in content
    assert "Eén leeratelier voor beide." in content
    assert "Kwestie vervallen: “Armoede”." in content
    assert 'id="kwestie-sociaal-isolement"' in html
    assert "1 mei 2024" in content


def test_public_pages_show_the_current_version_and_archived_ones_but_not_concepts(client, agenda):
    concept = services.kennisagenda_start_concept(bron=agenda, titel="Geheim concept", slug="c")
    current = client.get("/kennisagenda/")
    assert current.context["agenda"] == agenda
    assert "Geheim concept" not in current.content.decode()
    assert client.get(f"/kennisagenda/{concept.slug}/").status_code == 404
    assert "Geheim concept" not in client.get("/kennisagenda/geschiedenis/").content.decode()
    services.kennisagenda_adopt(agenda=concept, on=DAG)
    assert client.get("/kennisagenda/2020/").status_code == 200
    assert client.get("/kennisagenda/").context["agenda"] == concept


def test_matrix_shows_where_the_agenda_is_thin(client, agenda):
    from werkplaats.models import Voorwaarde

    cohesie = Voorwaarde.objects.get(slug="sociale-cohesie")
    kwestie("Eenzaamheid").voorwaarden.set([cohesie])
    kwestie("Sociaal isolement").voorwaarden.set([cohesie])
    matrix = client.get("/kennisagenda/").context["matrix"]
    assert matrix["totals"] == [0, 0, 2, 0]
    first_row = matrix["rows"][0][1]
    assert first_row == [False, False, True, False]


# --- permissions -------------------------------------------------------------------------


@pytest.fixture
def people():
    run_command("setup_roles")
    member = User.objects.create_user("pc@example.nl", "x", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    return {
        "anoniem": None,
        "gebruiker": User.objects.create_user("iemand@example.nl", "x"),
        "medewerker": User.objects.create_user("staf@example.nl", "x", is_staff=True),
        "programmacommissie": member,
        "beheerder": User.objects.create_superuser("root@example.nl", "x"),
    }


def action_post(client, url, action, pks, **data):
    return client.post(url, {"action": action, "_selected_action": pks, "bevestigd": "ja", **data})


STEPS = [
    ("start_concept", "/beheer/kennisagenda/kennisagenda/",
     {"titel": "Versie 2024", "slug": "v2024", "on": "2024-05-01"}),
    ("adopt", "/beheer/kennisagenda/kennisagenda/", {"on": "2024-05-01"}),
    ("merge", "/beheer/kennisagenda/kwestie/", {"on": "2024-05-01"}),
    ("lapse", "/beheer/kennisagenda/kwestie/", {"on": "2024-05-01"}),
]  # fmt: skip


@pytest.mark.parametrize(
    "who", ["anoniem", "gebruiker", "medewerker", "programmacommissie", "beheerder"]
)
@pytest.mark.parametrize(("action", "url", "data"), STEPS)
def test_only_the_programmacommissie_and_superusers_take_the_steps(
    client, agenda, people, who, action, url, data
):
    if people[who]:
        client.force_login(people[who])
    concept = services.kennisagenda_start_concept(bron=agenda, titel="Concept", slug="concept")
    before = (Besluit.objects.count(), Kennisagenda.objects.count())
    if action == "adopt":
        pks = [concept.pk]
    elif action == "start_concept":
        pks = [agenda.pk]
    elif action == "merge":
        pks = [kwestie("Sociaal isolement").pk]
        data = {**data, "into": kwestie("Eenzaamheid").pk}
    else:
        pks = [kwestie("Armoede").pk]
    response = action_post(client, url, action, pks, **data)
    allowed = who in {"programmacommissie", "beheerder"}
    if allowed:
        assert response.status_code == 302
        assert Besluit.objects.count() == before[0] + 1
    else:
        if people[who] is None or not people[who].is_staff:
            # Not admin users at all: the admin sends them to its login page.
            assert response.status_code == 302
            assert response["Location"].startswith("/beheer/login/")
        else:
            assert response.status_code == 403
        assert (Besluit.objects.count(), Kennisagenda.objects.count()) == before


def test_the_steps_ask_for_confirmation_and_the_decision_first(client, agenda, people):
    client.force_login(people["programmacommissie"])
    response = client.post(
        "/beheer/kennisagenda/kwestie/",
        {"action": "lapse", "_selected_action": [kwestie("Armoede").pk]},
    )
    assert response.status_code == 200
    assert "Datum van het besluit" in response.content.decode()
    assert kwestie("Armoede").status == KwestieStatus.ACTIEF


def test_a_refused_step_is_a_dutch_message_not_a_500(client, agenda, people):
    client.force_login(people["programmacommissie"])
    response = action_post(
        client, "/beheer/kennisagenda/kennisagenda/", "adopt", [agenda.pk], on="2024-05-01"
    )
    assert response.status_code == 200
    assert "geen concept (meer)" in response.content.decode()


def test_changes_are_recorded_with_who_and_when_in_the_admin(client, agenda, people):
    client.force_login(people["programmacommissie"])
    action_post(
        client, "/beheer/kennisagenda/kwestie/", "lapse", [kwestie("Armoede").pk], on="2024-05-01"
    )
    record = kwestie("Armoede").history.first()
    assert record.history_user == people["programmacommissie"]
    history_page = client.get(f"/beheer/kennisagenda/kwestie/{kwestie('Armoede').pk}/history/")
    assert history_page.status_code == 200
    content = history_page.content.decode()
    assert "pc@example.nl" in content and "vervallen" in content.lower()


def test_setup_roles_is_idempotent():
    first = run_command("setup_roles")
    second = run_command("setup_roles")
    assert first == second
    group = Group.objects.get(name="Programmacommissie")
    assert group.permissions.filter(codename="change_kwestie").exists()
    # Content, not accounts: users and groups stay with the beheerder.
    assert not group.permissions.filter(codename__in=["change_user", "change_group"]).exists()


@pytest.mark.parametrize(
    "path", ["/kennisagenda/", "/kennisagenda/2020/", "/kennisagenda/geschiedenis/"]
)
def test_agenda_pages_use_the_same_number_of_queries_with_more_kwesties(
    path, agenda, django_assert_num_queries
):
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kennisagenda.models import Commissielid
    from werkplaats.models import Organisatie, Persoon, Voorwaarde

    concept = services.kennisagenda_start_concept(bron=agenda, titel="Volgende", slug="volgende")
    services.kennisagenda_adopt(agenda=concept, on=DAG)  # 2020 becomes an archived version

    def grow(count):
        for number in range(count):
            extra = Kwestie.objects.create(naam=f"Kwestie {count}-{number}")
            extra.voorwaarden.set(Voorwaarde.objects.all())
            Agendapunt.objects.create(agenda=concept, kwestie=extra, volgorde=10 + number)
            Agendapunt.objects.create(agenda=agenda, kwestie=extra, volgorde=10 + number)
            services.kwestie_lapse(kwestie=extra, on=DAG)
            Commissielid.objects.create(
                vertegenwoordigt="gemeente",
                persoon=Persoon.objects.create(naam=f"Lid {count}-{number}"),
                organisatie=Organisatie.objects.create(
                    naam=f"Gemeente {count}-{number}", soort="gemeente"
                ),
            )

    client = Client()
    grow(2)
    client.get("/")  # the site profile, read once and then cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(20)
    with django_assert_num_queries(len(few)):
        assert client.get(path).status_code == 200


def test_a_step_on_several_rows_changes_all_or_nothing(client, agenda, people):
    client.force_login(people["programmacommissie"])
    services.kwestie_lapse(kwestie=kwestie("Sociaal isolement"), on=DAG)
    selection = [kwestie("Armoede").pk, kwestie("Sociaal isolement").pk]
    response = action_post(
        client, "/beheer/kennisagenda/kwestie/", "merge", selection,
        into=kwestie("Eenzaamheid").pk, on="2024-05-01",
    )  # fmt: skip
    assert response.status_code == 200
    assert "al vervallen" in response.content.decode()
    assert kwestie("Armoede").status == KwestieStatus.ACTIEF


def test_adopted_and_archived_versions_cannot_be_edited_or_deleted(client, agenda, people):
    client.force_login(people["programmacommissie"])
    change = client.post(f"/beheer/kennisagenda/kennisagenda/{agenda.pk}/change/", {"titel": "X"})
    delete = client.post(f"/beheer/kennisagenda/kennisagenda/{agenda.pk}/delete/", {"post": "yes"})
    assert (change.status_code, delete.status_code) == (403, 403)
    agenda.refresh_from_db()
    assert agenda.titel == "Kennisagenda 2020"


def test_setup_roles_removes_permissions_that_were_added_by_hand():
    run_command("setup_roles")
    group = Group.objects.get(name="Programmacommissie")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="delete_user"))
    run_command("setup_roles")
    assert not group.permissions.filter(codename="delete_user").exists()


def test_the_agenda_never_contradicts_the_leeratelier_silently(client, agenda, voorwaarden):
    eenzaamheid = kwestie("Eenzaamheid")
    atelier = eenzaamheid.leeratelier  # also that of "Sociaal isolement"
    for row in (eenzaamheid, kwestie("Sociaal isolement"), atelier):
        row.voorwaarden.set([voorwaarden["sociale-cohesie"]])

    def item(page, slug):
        return page.split(f'id="kwestie-{slug}"')[1].split('<li class="item"')[0]

    page = client.get("/kennisagenda/").content.decode()
    assert "werkt inmiddels aan" not in page  # agenda and leeratelier agree

    atelier.voorwaarden.add(voorwaarden["sociale-inclusie"])
    page = client.get("/kennisagenda/").content.decode()
    for slug in ("eenzaamheid", "sociaal-isolement"):
        said = item(page, slug)
        agenda_part, atelier_part = said.split("Het leeratelier werkt inmiddels aan:")
        assert "Voorwaarden van de kwestie:" in agenda_part
        assert "Sociale cohesie" in agenda_part and "Sociale inclusie" not in agenda_part
        assert "Sociale cohesie" in atelier_part and "Sociale inclusie" in atelier_part
    assert "werkt inmiddels aan" not in item(page, "armoede")  # no leeratelier
