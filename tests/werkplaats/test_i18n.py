"""The interface in two languages: Dutch at the usual addresses, English under /en/, chosen
with the switcher and remembered; the admin and the API stay Dutch."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from werkplaats.models import Voorwaarde

pytestmark = pytest.mark.django_db

SWITCHER = re.compile(r'<p class="language-link">\s*<a href="([^"]+)"[^>]*>([^<]+)</a>')


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def test_the_address_decides_the_language_of_the_page(client):
    dutch, english = client.get("/leerateliers/"), client.get("/en/leerateliers/")
    assert (dutch.status_code, english.status_code) == (200, 200)
    assert (html_lang(dutch), dutch["Content-Language"]) == ("nl", "nl")
    assert (html_lang(english), english["Content-Language"]) == ("en", "en")
    # A browser asking for English still gets Dutch at a Dutch address: the address decides.
    assert html_lang(client.get("/leerateliers/", HTTP_ACCEPT_LANGUAGE="en")) == "nl"


def test_each_page_names_its_twin_for_search_engines(client):
    content = client.get("/publicaties/?q=armoede").content.decode()
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/publicaties/?q=armoede">'
        in content
    )
    english = client.get("/en/publicaties/").content.decode()
    assert '<link rel="alternate" hreflang="nl" href="http://testserver/publicaties/">' in english


def test_the_switcher_goes_to_the_same_page_in_english_and_remembers_the_choice(client):
    href, label = SWITCHER.search(
        client.get("/bijeenkomsten/?tijd=voorbij").content.decode()
    ).groups()
    assert label == "English"
    response = client.get(href.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == "/en/bijeenkomsten/?tijd=voorbij"
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax" and cookie["httponly"]

    # Coming back later to a Dutch address (a bookmark, a link in an email): English.
    later = client.get("/publicaties/")
    assert (later.status_code, later["Location"]) == (302, "/en/publicaties/")

    # And back to Dutch with the switcher, which is remembered too.
    href, label = SWITCHER.search(client.get("/en/publicaties/").content.decode()).groups()
    assert label == "Nederlands"
    back = client.get(href)
    assert back["Location"] == "/publicaties/"
    assert client.get("/publicaties/").status_code == 200


def test_a_remembered_choice_is_never_answered_from_the_dutch_page_cache(client, settings):
    settings.PAGE_CACHE = True
    cache.clear()
    assert html_lang(client.get("/leerateliers/")) == "nl"  # now in the page cache
    client.cookies["django_language"] = "en"
    assert client.get("/leerateliers/")["Location"] == "/en/leerateliers/"


def test_the_switcher_only_goes_to_pages_of_this_site(client):
    for unsafe in (
        "https://example.org/",
        "//example.org/x",
        "/\\example.org",
        "javascript:alert(1)",
    ):
        response = client.get("/taal/en/", {"next": unsafe})
        assert response["Location"] == "/en/", unsafe
    # An unknown language is Dutch; a page without a twin is kept as it is.
    assert client.get("/taal/xx/", {"next": "/partners/"})["Location"] == "/partners/"
    assert client.get("/taal/en/", {"next": "/beheer/"})["Location"] == "/beheer/"


def test_the_admin_and_the_api_stay_dutch_for_an_english_visitor(client, admin_user):
    client.cookies["django_language"] = "en"
    client.force_login(admin_user)
    admin = client.get("/beheer/", HTTP_ACCEPT_LANGUAGE="en")
    assert admin.status_code == 200
    assert html_lang(admin) == "nl"
    assert client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "nl"


def test_the_voorwaarden_have_english_versions_and_dutch_content_is_marked(client):
    call_command("load_demo", verbosity=0)
    voorwaarde = Voorwaarde.objects.get(slug="sociale-cohesie")
    english = client.get(voorwaarde.get_absolute_url().replace("/", "/en/", 1)).content.decode()
    assert voorwaarde.naam_en == "Social cohesion"
    assert voorwaarde.naam_en in english and voorwaarde.beschrijving_en[:40] in english
    dutch = client.get(voorwaarde.get_absolute_url()).content.decode()
    assert voorwaarde.naam in dutch and voorwaarde.naam_en not in dutch
    # The profile's own name is Dutch content on an English page.
    assert re.search(r'<h2 class="site-footer__title" lang="nl">', english)
    assert '<h2 class="site-footer__title">' in dutch
