"""The admin at /beheer/ answers for a superuser on every registered model."""

import re

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from tests.helpers import posted_back
from werkplaats.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    call_command("load_demo", verbosity=0)
    client.force_login(User.objects.create_superuser("beheer@example.nl", "geheim-en-lang"))
    return client


def admin_urls(request=None):
    """Every list, add and change page of the admin; add only where the admin offers it."""
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info))
        if request is None or model_admin.has_add_permission(request):
            yield reverse("admin:{}_{}_add".format(*info))
        instance = model._default_manager.first()
        if instance is not None:
            yield reverse("admin:{}_{}_change".format(*info), args=[instance.pk])


def test_every_changelist_add_and_change_form_answers(admin_client, rf):
    """... and no field points a screen reader at a help text or error that is not there
    (aria-describedby naming an id the page lacks)."""
    request = rf.get("/beheer/")
    request.user = User.objects.get(email="beheer@example.nl")
    failures, dangling = {}, {}
    for url in admin_urls(request):
        response = admin_client.get(url)
        if response.status_code != 200:
            failures[url] = response.status_code
            continue
        html = response.content.decode()
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        described_by = " ".join(re.findall(r'aria-describedby="([^"]*)"', html)).split()
        if missing := sorted(set(described_by) - ids):
            dangling[url] = missing
    assert not failures
    assert not dangling
    assert len(list(admin_urls())) >= 15


def test_admin_search_and_filters_work(admin_client):
    response = admin_client.get("/beheer/werkplaats/organisatie/", {"q": "Movisie"})
    assert [o.naam for o in response.context["cl"].result_list] == ["Movisie"]
    response = admin_client.get("/beheer/werkplaats/gemeente/", {"subregio__exact": "de-liemers"})
    assert sorted(g.naam for g in response.context["cl"].result_list) == [
        "Duiven",
        "Westervoort",
        "Zevenaar",
    ]


def test_autocomplete_finds_gemeenten_for_the_organisatie_form(admin_client):
    response = admin_client.get(
        "/beheer/autocomplete/",
        {
            "term": "nijm",
            "app_label": "werkplaats",
            "model_name": "organisatie",
            "field_name": "gemeente",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Nijmegen"]


def test_admin_is_closed_to_visitors(client):
    response = client.get("/beheer/werkplaats/organisatie/")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_every_change_form_saves_unchanged_without_errors(admin_client):
    """Posting a change form back as it is shows no error and no 500, for every model."""
    failures, posted = {}, 0
    request = RequestFactory().get("/beheer/")
    request.user = User.objects.get(email="beheer@example.nl")
    for model, model_admin in admin.site._registry.items():
        # The first row that may be changed (adopted kennisagenda's, for one, are read-only).
        instance = next(
            (
                row
                for row in model._default_manager.all()[:20]
                if model_admin.has_change_permission(request, row)
            ),
            None,
        )
        if instance is None or model is User:
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[instance.pk]
        )
        response = admin_client.post(url, posted_back(admin_client.get(url)))
        posted += 1
        if response.status_code != 302:
            errors = response.context["adminform"].form.errors if response.context else ""
            failures[url] = (response.status_code, str(errors)[:300])
    assert not failures
    assert posted >= 10


def test_no_history_page_saves_an_old_version_back(client, world, make_user):
    """A member who may only view an adopted kennisagenda cannot change it by posting to one
    of its history pages (django-simple-history would save the posted form)."""
    from django.contrib.auth.models import Group
    from simple_history.admin import SimpleHistoryAdmin

    from kennisagenda.models import Kennisagenda
    from kennisagenda.services import kennisagenda_adopt
    from werkplaats.admin_tools import HistoryAdmin

    with_history = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert with_history and all(
        isinstance(model_admin, HistoryAdmin)
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ), with_history

    agenda = kennisagenda_adopt(
        agenda=Kennisagenda.objects.create(titel="Agenda 2026", slug="2026")
    )
    member = make_user("lid@example.nl", is_staff=True)
    member.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(member)
    record = agenda.history.first()
    url = f"/beheer/kennisagenda/kennisagenda/{agenda.pk}/history/{record.history_id}/"

    assert client.get(url).status_code == 200
    response = client.post(url, {"titel": "Overschreven", "slug": "2026", "status": "concept"})

    assert response.status_code == 403
    agenda.refresh_from_db()
    assert agenda.titel == "Agenda 2026"
