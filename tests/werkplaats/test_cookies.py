"""Only functional cookies, each on /cookies/: a visitor who reads gets none, a page with a form
that posts gets the CSRF cookie and nothing else, and every cookie the settings name (and every
cookie that signing in, sending a form or choosing a language sets) is explained on the page."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from tests.conftest import PASSWORD
from tests.gates.test_every_page import crawl_public_pages
from werkplaats.models import Privacyverklaring

pytestmark = pytest.mark.django_db


def cookie_names_from_settings():
    """Every cookie the portal can set, by the settings, not by the page: each ``*_COOKIE_NAME``
    setting (the language cookie once there is a language to choose), the messages cookie when
    messages travel in one, and allauth's cookie for trusted browsers when it is on."""
    names = {getattr(settings, name) for name in dir(settings) if name.endswith("_COOKIE_NAME")}
    if len(settings.LANGUAGES) < 2:
        names.discard(settings.LANGUAGE_COOKIE_NAME)
    if issubclass(import_string(settings.MESSAGE_STORAGE), CookieStorage | FallbackStorage):
        names.add(CookieStorage.cookie_name)
    from allauth.mfa import app_settings

    if app_settings.TRUST_ENABLED:
        names.add(app_settings.TRUST_COOKIE_NAME)
    return names


def cookies_page(client):
    response = client.get("/cookies/")
    assert response.status_code == 200
    return response.content.decode()


class NewVisitor:
    """The test client, coming to every page as someone who was never there (no cookies), and
    noting the cookies each answer sets."""

    def __init__(self, client):
        self.client = client
        self.set = {}

    def get(self, path, *args, **kwargs):
        self.client.cookies.clear()
        response = self.client.get(path, *args, **kwargs)
        self.set[path] = set(response.cookies)
        return response


def is_language_switcher(path):
    try:
        return resolve(path.split("?", 1)[0]).url_name == "taal"
    except Exception:  # a path of another host or a 404: not the switcher
        return False


def test_reading_sets_no_cookie_and_a_form_that_posts_at_most_the_csrf_cookie(client):
    visitor = NewVisitor(client)
    pages = crawl_public_pages(visitor)
    with_token, wrong = [], {}
    for page in pages:
        cookies = visitor.set[page.path]
        if "csrfmiddlewaretoken" in page.html:
            with_token.append(page.path)
            allowed = {settings.CSRF_COOKIE_NAME}
        elif is_language_switcher(page.path):
            allowed = {settings.LANGUAGE_COOKIE_NAME}
        else:
            allowed = set()
        if cookies - allowed:
            wrong[page.path] = sorted(cookies)
    assert not wrong
    # The check saw both kinds: pages with a form that posts (a bijeenkomst's registration, the
    # sign-in), and the many that only show something, the footer's nieuwsbrief form and all.
    assert with_token and any(visitor.set[path] for path in with_token)
    readers = [p for p in pages if p.html and "csrfmiddlewaretoken" not in p.html]
    assert sum('method="post" action="/nieuwsbrief/"' in p.html for p in readers) > 20


def test_every_cookie_the_settings_name_is_explained_on_the_cookie_page(client):
    html = cookies_page(client)
    names = cookie_names_from_settings()
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"} <= names
    missing = [name for name in names if f"<code>{name}</code>" not in html]
    assert not missing
    assert "alleen functionele cookies" in html
    assert "geen cookies voor statistieken of advertenties" in html


def test_signing_in_sending_a_form_and_choosing_a_language_set_only_cookies_on_the_page(
    client, make_user
):
    Privacyverklaring.objects.create(versie=1, geldig_vanaf=timezone.localdate(), tekst="Tekst.")
    explained = {
        name
        for name in cookie_names_from_settings()
        if f"<code>{name}</code>" in cookies_page(client)
    }
    seen = set()
    # The footer's nieuwsbrief form: a message for the next page.
    response = client.post(
        "/nieuwsbrief/", {"email": "lezer@example.nl", "toestemming": "on", "pagina": "/"}
    )
    assert response.status_code == 302
    seen |= set(response.cookies)
    # Signing in: the session, and the CSRF cookie of the sign-in form.
    user = make_user()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.cookies.clear()
    seen |= set(client.get("/accounts/login/").cookies)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    seen |= set(response.cookies)
    try:
        switcher = reverse("taal", args=["en"])
    except NoReverseMatch:  # one language: nothing to choose
        switcher = None
    if switcher:
        seen |= set(client.get(switcher, {"next": "/"}).cookies)
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"} <= seen
    assert seen <= explained


def test_how_long_a_cookie_lasts_follows_the_settings(client, settings):
    settings.CSRF_COOKIE_AGE = 7 * 24 * 60 * 60
    settings.SESSION_COOKIE_AGE = 3 * 60 * 60
    settings.SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60
    settings.LANGUAGE_COOKIE_AGE = None
    html = cookies_page(client)
    assert "1 week" in html
    assert "3 uur na je laatste bezoek" in html and "altijd 10 uur na het inloggen" in html
    if len(settings.LANGUAGES) > 1:
        assert "Tot je de browser sluit" in html
