"""Public pages from the shared cache for visitors without a session, current at every request:
a committed change to anything they show renders them anew, whoever makes it (admin, service,
bulk update). These tests commit, as the site does, so they use transactional databases."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone

from publicaties.models import Publicatie
from tests.helpers import posted_back
from werkplaats import pagecache
from werkplaats.models import Gemeente, Profiel, UitgaandeMail, User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def publicatie(make_publicatie):
    return make_publicatie("Eenzaamheid in Heumen")


def title_on(client, path):
    found = re.search(r"<h1[^>]*>(.*?)</h1>", client.get(path).content.decode(), re.S)
    return found.group(1).strip()


def test_a_page_comes_from_the_cache_without_a_query(client, publicatie, django_assert_num_queries):
    path = publicatie.get_absolute_url()
    first = client.get(path)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        again = Client().get(path)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Set-Cookie" not in again


def test_a_change_through_the_orm_or_a_bulk_update_shows_at_once(client, publicatie):
    path = publicatie.get_absolute_url()
    assert title_on(client, path) == "Eenzaamheid in Heumen"

    publicatie.titel = "Eenzaamheid in Heumen, tweede druk"
    publicatie.save()
    assert title_on(client, path) == "Eenzaamheid in Heumen, tweede druk"

    Publicatie.objects.filter(pk=publicatie.pk).update(titel="Eenzaamheid in Mook")
    assert title_on(client, path) == "Eenzaamheid in Mook"


def test_a_change_in_a_transaction_shows_once_it_commits_and_nothing_is_kept_before(
    client, publicatie
):
    path = publicatie.get_absolute_url()
    client.get(path)
    with transaction.atomic():
        Publicatie.objects.filter(pk=publicatie.pk).update(titel="Nog niet vastgelegd")
        before = pagecache.generation()
        # This connection sees its own change: the cache steps aside rather than keep it.
        assert title_on(client, path) == "Nog niet vastgelegd"
        assert pagecache.generation() == before
    assert pagecache.generation() != before
    assert title_on(client, path) == "Nog niet vastgelegd"


def test_a_change_in_the_admin_shows_on_every_page_at_once(client, make_gemeente):
    """The profile's name is on every page: after the beheerder renames it, each page a visitor
    saw before shows the new name on the next request."""
    profiel = Profiel.objects.create(naam="Werkplaats Sociaal Domein", regio="Arnhem en Nijmegen")
    gemeente = make_gemeente("Heumen")
    pages = ["/", "/gemeenten/", gemeente.get_absolute_url(), "/sociale-kwaliteit/"]
    for path in pages:
        assert "Arnhem en Nijmegen" in client.get(path).content.decode()

    beheerder = Client()
    beheerder.force_login(User.objects.create_superuser("beheer@example.nl", "lang-en-geheim"))
    change = f"/beheer/werkplaats/profiel/{profiel.pk}/change/"
    data = posted_back(beheerder.get(change))
    data["regio"] = "Rijk van Nijmegen"
    assert beheerder.post(change, data).status_code == 302

    for path in pages:
        content = client.get(path).content.decode()
        assert "Rijk van Nijmegen" in content and "Arnhem en Nijmegen" not in content, path


def test_writes_no_public_page_shows_leave_the_cached_pages_alone(client, publicatie):
    client.get(publicatie.get_absolute_url())
    before = pagecache.generation()

    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    UitgaandeMail.objects.create(sleutel="voorbeeld", aan="a@example.nl", onderwerp="Hallo")
    User.objects.create_user("iemand@example.nl", "lang-en-geheim")

    assert pagecache.generation() == before
    Gemeente.objects.create(
        naam="Mook en Middelaar", subregio="rijk-van-nijmegen", cbs_code="GM0944"
    )
    assert pagecache.generation() != before


def test_signed_in_pages_are_never_stored_and_say_private_no_store(client, publicatie):
    path = publicatie.get_absolute_url()
    client.force_login(User.objects.create_user("lid@example.nl", "lang-en-geheim"))

    response = client.get(path)

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "private" in client.get("/mijn/")["Cache-Control"]
    assert cache.get(pagecache._key(response.wsgi_request)) is None


def test_a_page_with_a_form_token_is_never_stored_so_no_visitor_gets_anothers(
    make_bijeenkomst,
):
    """A bijeenkomst's page carries the guest registration form with its CSRF token."""
    path = make_bijeenkomst("Arenabijeenkomst armoede").get_absolute_url()
    anna, bert = Client(), Client()
    first = anna.get(path)
    second = bert.get(path)

    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(first.content.decode()) and token.search(second.content.decode())
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert cache.get(pagecache._key(second.wsgi_request)) is None


def test_two_visitors_subscribe_from_a_cached_page_and_each_sees_only_their_own_message(
    publicatie,
):
    path = publicatie.get_absolute_url()
    anna, bert = Client(), Client()
    anna.get(path)
    bert.get(path)  # from the cache
    for visitor, email in ((anna, "anna@example.nl"), (bert, "bert@example.nl")):
        response = visitor.post(
            "/nieuwsbrief/", {"email": email, "toestemming": "on", "pagina": path}, follow=True
        )
        assert response.status_code == 200
        assert email in response.content.decode()

    # The page with the message was for one visitor: another does not get it.
    page = Client().get("/nieuwsbrief/").content.decode()
    assert "anna@example.nl" not in page and "bert@example.nl" not in page


@pytest.mark.parametrize(
    "path",
    [
        "PAGE",
        "/sitemap.xml",
        "/feeds/publicaties/",
        "/feeds/bijeenkomsten.ics",
        "/oai?verb=Identify",
    ],
)
def test_a_browser_that_has_the_page_gets_304(client, publicatie, path):
    path = publicatie.get_absolute_url() if path == "PAGE" else path
    response = client.get(path)
    assert response.status_code == 200 and response["ETag"]

    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    changed = client.get(path, HTTP_IF_NONE_MATCH='"iets-anders"')
    assert changed.status_code == 200
