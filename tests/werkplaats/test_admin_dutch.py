"""The admin at /beheer/ is Dutch throughout: the site's "Uitloggen", Dutch history pages and
dates, and no English in what screen readers announce."""

import re

import pytest
from django.utils import formats, translation

from tests.helpers import posted_back
from tests.werkplaats.test_address import formal_words
from tests.werkplaats.visible_text import visible_text
from werkplaats.models import User

pytestmark = pytest.mark.django_db

# English the Dutch catalogues of Django 5.2 and its libraries leave in the admin, or that
# Django writes in plain English.
ENGLISH = [
    "Skip to main content",
    "Model name",
    "Add link",
    "Change or view list link",
    "Start typing to filter",
    "Filter navigation items",
    "Toggle navigation",
    "Toggle theme",
    "Breadcrumbs",
    "Sidebar",
    "Welcome",
    "View site",
    "Change password",
    "Log out",
    "Log in",
    "Recent actions",
    "History",
    "Date/time",
    "Action",
    "Search",
    "Run the selected action",
    "Select all",
    "Show counts",
    "View history",
    "Changed by",
    "Change reason",
    "Changes",
    "Comment",
    "Created",
    "entries",
    "Tasks Database Backend",
    "Task Results",
    "After you’ve created a user",
]
ENGLISH_MONTHS = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
DUTCH_DATE = (
    r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december) \d{4}\b"
)


@pytest.fixture
def beheerder(client):
    user = User.objects.create_superuser("beheer@example.nl", "geheim-en-lang")
    client.force_login(user)
    return user


@pytest.fixture
def gemeente(beheerder, client, make_gemeente):
    """A gemeente renamed twice in the admin, so its history has entries."""
    gemeente = make_gemeente("Heumen")
    url = f"/beheer/werkplaats/gemeente/{gemeente.pk}/change/"
    for naam in ("Heumen-Malden", "Heumen"):
        data = posted_back(client.get(url))
        response = client.post(url, {**data, "naam": naam})
        assert response.status_code == 302
    return gemeente


@pytest.fixture
def kwestie(beheerder, client):
    """A kwestie with the history django-simple-history keeps, changed once in the admin."""
    from kennisagenda.models import Kwestie

    kwestie = Kwestie.objects.create(naam="Eenzaamheid")
    url = f"/beheer/kennisagenda/kwestie/{kwestie.pk}/change/"
    response = client.post(url, {**posted_back(client.get(url)), "naam": "Eenzaamheid in de wijk"})
    assert response.status_code == 302
    return kwestie


def english_in(text):
    return [
        phrase for phrase in ENGLISH if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    ] + re.findall(ENGLISH_MONTHS, text)


def admin_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return visible_text(response.content.decode())


def test_admin_pages_say_uitloggen_and_no_english(client, gemeente, kwestie, make_thema):
    thema = make_thema("Armoede")
    urls = [
        "/beheer/",
        "/beheer/werkplaats/gemeente/",
        "/beheer/werkplaats/gemeente/?q=heumen",
        f"/beheer/werkplaats/gemeente/{gemeente.pk}/change/",
        f"/beheer/werkplaats/gemeente/{gemeente.pk}/history/",
        f"/beheer/werkplaats/gemeente/{gemeente.pk}/delete/",
        f"/beheer/werkplaats/thema/{thema.pk}/change/",
        "/beheer/werkplaats/user/",
        "/beheer/werkplaats/user/add/",
        "/beheer/kennisagenda/kwestie/",
        f"/beheer/kennisagenda/kwestie/{kwestie.pk}/history/",
        "/beheer/django_tasks_database/dbtaskresult/",
        "/beheer/password_change/",
    ]
    pages = {url: admin_page(client, url) for url in urls}

    assert not {url: "Uitloggen" for url, text in pages.items() if "Uitloggen" not in text}
    assert not {url: "Afmelden" for url, text in pages.items() if "Afmelden" in text}
    found = {url: words for url, text in pages.items() if (words := english_in(text))}
    assert not found
    formal = {url: words for url, text in pages.items() if (words := formal_words(text))}
    assert not formal


def test_history_shows_dutch_change_messages_and_dates(client, gemeente):
    text = admin_page(client, f"/beheer/werkplaats/gemeente/{gemeente.pk}/history/")
    assert "Wijzigingsgeschiedenis: Heumen" in text
    assert "Datum/tijd" in text and "Gebruiker" in text and "Actie" in text
    # Django stores the change message as JSON and renders it in the reader's language.
    assert text.count("Naam gewijzigd.") == 2
    assert re.search(DUTCH_DATE, text)
    assert not re.search(r"\bChanged\b", text)


def test_simple_history_pages_are_dutch(client, kwestie):
    text = admin_page(client, f"/beheer/kennisagenda/kwestie/{kwestie.pk}/history/")
    for dutch in ("Geschiedenis: Eenzaamheid in de wijk", "Gewijzigd door", "Wijzigingen"):
        assert dutch in text
    assert "Aangemaakt" in text and "Gewijzigd" in text
    assert "samengevoegd in" in text and "samengevoegd_in" not in text
    assert re.search(DUTCH_DATE, text)


def test_change_lists_show_dates_in_dutch(client, beheerder):
    text = admin_page(client, "/beheer/werkplaats/user/")
    assert re.search(DUTCH_DATE, text)  # the beheerder's last login
    assert not re.findall(ENGLISH_MONTHS, text)
    with translation.override("nl"):
        assert formats.get_format("DATE_FORMAT") == "j F Y"
        assert formats.get_format("DATETIME_FORMAT") == "j F Y H:i"


def test_admin_confirms_deleting_with_je(client, gemeente):
    text = admin_page(client, f"/beheer/werkplaats/gemeente/{gemeente.pk}/delete/")
    assert "Weet je zeker dat je gemeente 'Heumen' wilt verwijderen?" in text
    response = client.post(
        "/beheer/werkplaats/gemeente/",
        {"action": "delete_selected", "_selected_action": [gemeente.pk]},
    )
    text = visible_text(response.content.decode())
    assert "Weet je zeker dat je de geselecteerde gemeente wilt verwijderen?" in text
    assert not formal_words(text)


def test_admin_saves_with_a_je_message(client, gemeente):
    url = f"/beheer/werkplaats/gemeente/{gemeente.pk}/change/"
    response = client.post(url, {**posted_back(client.get(url)), "_continue": "1"}, follow=True)
    text = visible_text(response.content.decode())
    assert "Je kunt het hieronder opnieuw bewerken." in text
    assert not formal_words(text)


def test_signing_out_of_the_admin_says_uitloggen_and_inloggen(client, beheerder):
    text = visible_text(client.post("/beheer/logout/").content.decode())
    assert "Uitgelogd" in text and "Opnieuw inloggen" in text
    assert not re.search(r"[Aa]anmeld|[Aa]fmeld|[Aa]fgemeld|Log in|Logged out", text)


def test_admin_scripts_speak_dutch_with_je(client, beheerder):
    catalogue = client.get("/beheer/jsi18n/").content.decode()
    assert '"Choose all %s": "Alle %s kiezen"' in catalogue
    assert '"(click to clear)": "(klik om te wissen)"' in catalogue
    for english in (
        "You have unsaved changes on individual editable fields",
        "You have selected an action, but you haven",
        "You have selected an action, and you haven",
    ):
        translated = re.search(rf'"{english}[^"]*": "([^"]*)"', catalogue).group(1)
        assert translated.startswith("Je hebt"), translated
        assert not formal_words(translated)


def test_permissions_are_named_in_dutch_in_the_admin(admin_client):
    from django.contrib.auth.models import Permission

    from tests.helpers import run_command

    run_command("setup_roles")
    names = set(Permission.objects.values_list("name", flat=True))
    assert "Kan gemeente wijzigen" in names and "Kan publicatie toevoegen" in names
    assert not [name for name in names if name.startswith("Can ")]
    page = admin_client.get("/beheer/auth/group/add/").content.decode()
    assert "Kan organisatie bekijken" in page and "Can view" not in page


def test_setting_up_the_roles_again_costs_a_few_queries_and_renames_nothing(
    db, django_assert_max_num_queries
):
    """``setup_roles`` runs after every migrate and before many tests: it reads the
    permissions at once instead of asking for each one."""
    from django.contrib.auth.models import Group, Permission

    from werkplaats.management.commands.setup_roles import apply_roles

    counts = apply_roles()
    names = dict(Permission.objects.values_list("pk", "name"))
    with django_assert_max_num_queries(80):
        assert apply_roles() == counts
    assert dict(Permission.objects.values_list("pk", "name")) == names
    for group, count in counts.items():
        assert Group.objects.get(name=group).permissions.count() == count


def test_a_role_naming_a_permission_that_does_not_exist_is_refused(db, monkeypatch):
    from django.core.management.base import CommandError

    from werkplaats.management.commands import setup_roles

    monkeypatch.setattr(
        setup_roles, "declared_roles", lambda: {"Redactie": {"publicaties.fly_publicatie"}}
    )
    with pytest.raises(CommandError, match=r"Onbekende permissie publicaties\.fly_publicatie"):
        setup_roles.apply_roles()
