"""The workbench's "Wat er gebeurde": the latest changes from django-simple-history and the
admin's log (never the same edit twice), who/what/when/link, per app, for what a member may
view, in a bounded number of queries."""

import datetime
import re

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Koppeling
from kennisagenda.models import Besluit, BesluitSoort, Kennisagenda, Kwestie
from portaal import werkbank
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissie(world, make_user):
    user = make_user("pc@example.nl", is_staff=True)
    user.groups.add(Group.objects.get(name="Programmacommissie"))
    return User.objects.get(pk=user.pk)


def by(user, model, obj):
    """Make the latest version of ``obj`` the work of ``user``."""
    latest = model.history.filter(id=obj.pk).latest("history_date")
    model.history.filter(history_id=latest.history_id).update(history_user=user)


def logged(user, obj, flag=CHANGE):
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
        action_flag=flag,
        change_message="[]",
    )


@pytest.fixture
def changes(world):
    """A kennisagenda drafted by the trekker's account (a history version), a koppeling
    changed in the admin (a log entry) and an account changed in the admin."""
    agenda = Kennisagenda.objects.create(titel="Concept 2026", slug="2026")
    by(world.trekker, Kennisagenda, agenda)
    koppeling = Koppeling.objects.filter(user=world.partner).get()
    logged(world.beheerder, koppeling)
    logged(world.beheerder, world.stranger)
    return agenda, koppeling


def test_entries_say_who_what_when_with_a_link(changes, world):
    agenda, koppeling = changes
    wijzigingen = werkbank.gebeurd(world.beheerder, limit=10)
    van_agenda = next(w for w in wijzigingen if w.soort == "kennisagenda")
    assert van_agenda.wie == "Carinda Jansen"  # the account's profile, not its address
    assert van_agenda.object == "Concept 2026"
    assert van_agenda.actie == "toegevoegd"
    assert van_agenda.url == f"/beheer/kennisagenda/kennisagenda/{agenda.pk}/change/"
    assert van_agenda.wanneer.date() == datetime.date.today()
    van_koppeling = next(w for w in wijzigingen if w.soort == "koppeling van een account")
    assert van_koppeling.wie == "beheer@example.nl"
    assert van_koppeling.actie == "gewijzigd"
    assert van_koppeling.url == f"/beheer/accounts/koppeling/{koppeling.pk}/change/"
    assert [w.wanneer for w in wijzigingen] == sorted(
        (w.wanneer for w in wijzigingen), reverse=True
    )


def test_an_admin_edit_of_a_model_with_history_is_shown_once(world):
    kwestie = Kwestie.objects.create(naam="Eenzaamheid", slug="eenzaamheid")
    logged(world.beheerder, kwestie, ADDITION)  # the admin logs what the history also holds
    about = [w for w in werkbank.gebeurd(world.beheerder, limit=10) if w.soort == "kwestie"]
    assert len(about) == 1


def test_a_deleted_object_has_no_link(world):
    agenda = Kennisagenda.objects.create(titel="Weg", slug="weg")
    koppeling = Koppeling.objects.filter(user=world.partner).get()
    logged(world.beheerder, koppeling)
    agenda.delete()
    koppeling.delete()
    wijzigingen = werkbank.gebeurd(world.beheerder, limit=10)
    assert [w.actie for w in wijzigingen if w.object == "Weg"] == ["verwijderd", "toegevoegd"]
    assert all(w.url is None for w in wijzigingen if w.object in ("Weg", str(koppeling)))


def test_a_member_sees_only_models_they_may_view(changes, world, commissie, make_user):
    soorten = {w.soort for w in werkbank.gebeurd(commissie, limit=10)}
    assert "gebruiker" not in soorten  # accounts stay with the beheerder
    assert {"kennisagenda", "koppeling van een account"} <= soorten
    assert "gebruiker" in {w.soort for w in werkbank.gebeurd(world.beheerder, limit=10)}

    reader = make_user(is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_koppeling"))
    reader = User.objects.get(pk=reader.pk)
    assert {w.soort for w in werkbank.gebeurd(reader, limit=10)} == {"koppeling van een account"}
    assert werkbank.gebeurd_apps(reader) == [("accounts", "Accounts en deelname")]


def test_the_front_page_shows_the_latest_ten_and_links_to_all(client, world, commissie):
    for number in range(werkbank.OP_VOORPAGINA + 2):
        Kennisagenda.objects.create(titel=f"Versie {number}", slug=f"v{number}")
    client.force_login(commissie)
    page = client.get("/beheer/").content.decode()
    section = page.split('id="gebeurd-kop"')[1].split("</section>")[0]
    assert section.count("<tr>") == 1 + werkbank.OP_VOORPAGINA  # the header row and ten
    assert "Versie 11" in section and "Versie 1<" not in section
    assert "<caption>De laatste wijzigingen</caption>" in section
    assert '<a href="/beheer/gebeurd/">Alle wijzigingen, per onderdeel</a>' in section


def test_each_change_has_a_machine_readable_time_in_whole_seconds(client, changes, commissie):
    """HTML allows at most three digits of a second; the history keeps six."""
    client.force_login(commissie)
    page = client.get("/beheer/gebeurd/").content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)">', page)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp), stamp


def test_the_history_page_filters_by_app(client, changes, commissie):
    client.force_login(commissie)
    response = client.get("/beheer/gebeurd/", {"app": "kennisagenda"})
    assert response.status_code == 200
    assert {w.app_label for w in response.context["gebeurd"]} == {"kennisagenda"}
    page = response.content.decode()
    assert '<label for="werkbank-app">Onderdeel</label>' in page
    assert '<option value="kennisagenda" selected>Kennisagenda</option>' in page
    assert "De laatste 100 wijzigingen in Kennisagenda" in page

    alles = client.get("/beheer/gebeurd/").context["gebeurd"]
    assert {w.app_label for w in alles} == {"kennisagenda", "accounts"}


@pytest.mark.parametrize("app", ["bestaatniet", "werkplaats' OR 1=1", "auth"])
def test_an_unknown_app_is_said_and_ignored(client, changes, commissie, app):
    client.force_login(commissie)
    response = client.get("/beheer/gebeurd/", {"app": app})
    assert response.status_code == 200
    assert "Er is geen onderdeel" in response.content.decode()
    assert {w.app_label for w in response.context["gebeurd"]} == {"kennisagenda", "accounts"}


def test_queries_do_not_grow_with_entries(world, commissie):
    def count():
        with CaptureQueriesContext(connection) as queries:
            werkbank.gebeurd(commissie, limit=werkbank.OP_VOORPAGINA)
        return len(queries)

    agenda = Kennisagenda.objects.create(titel="Eerst", slug="eerst")
    Besluit.objects.create(soort=BesluitSoort.NIEUWE_VERSIE, agenda=agenda)
    logged(world.beheerder, Koppeling.objects.filter(user=world.partner).get())
    count()  # fills the content types' cache
    few = count()
    for number in range(15):
        agenda = Kennisagenda.objects.create(titel=f"Versie {number}", slug=f"v{number}")
        Besluit.objects.create(soort=BesluitSoort.NIEUWE_VERSIE, agenda=agenda)
        logged(world.beheerder, Koppeling.objects.filter(user=world.trekker).get())
    assert count() == few


def test_the_pages_answer_in_bounded_queries(
    client, changes, commissie, django_assert_max_num_queries
):
    client.force_login(commissie)
    with django_assert_max_num_queries(45):
        assert client.get("/beheer/").status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get("/beheer/gebeurd/").status_code == 200
