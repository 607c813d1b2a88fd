"""Requests refused before anything reads them, each with a Dutch page and never a 500: a form
that is not UTF-8, a NUL character in the admin's address, a body larger than the site accepts."""

import re

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def csrf_client(path):
    """A visitor as a browser is: CSRF enforced, with the cookie and the form's token."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client, token


@pytest.mark.parametrize("charset", ["utf-16", "iso-8859-1", "windows-1252"])
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/"])
def test_a_form_sent_in_another_charset_gets_a_dutch_400(path, charset, make_user):
    client, token = csrf_client(path)
    body = f"csrfmiddlewaretoken={token}&login=a%40b.nl&email=a%40b.nl&password=x"
    response = client.generic(
        "POST",
        path,
        body.encode("utf-16" if charset == "utf-16" else "ascii"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert "niet als UTF-8 verstuurd" in response.content.decode()


def test_a_form_that_says_utf8_is_read_as_utf_8(make_user):
    make_user("lid@example.nl")
    client, token = csrf_client("/accounts/login/")
    body = f"csrfmiddlewaretoken={token}&login=lid%40example.nl&password={PASSWORD}"
    response = client.generic(
        "POST",
        "/accounts/login/",
        body.encode(),
        content_type="application/x-www-form-urlencoded; charset=utf8",
    )
    assert response.status_code == 302  # signed in (the address needs no verification here)


def test_nul_characters_in_the_admin_lists_and_autocomplete_get_a_400(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get("/publicaties/?q=%00").status_code == 200  # the site's forms refuse it
    for path in (
        "/beheer/publicaties/publicatie/?q=%00",
        "/beheer/werkplaats/organisatie/?soort=%00",
        "/beheer/autocomplete/?term=%00&app_label=publicaties&model_name=publicatie"
        "&field_name=organisaties",
    ):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "teken dat niet is toegestaan" in response.content.decode()


def test_a_large_body_is_refused_by_its_length_before_it_is_read(client, make_user, settings):
    huge = str(150 * 1024 * 1024)
    response = client.generic(
        "POST", "/accounts/login/", b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=huge,
    )  # fmt: skip
    assert response.status_code == 413
    assert "te groot" in response.content.decode()

    # A visitor without a session uploads nothing: a form needs far less than the uploads do.
    just_over = str(settings.MAX_ANONYMOUS_REQUEST_BYTES + 1)
    assert client.generic("POST", "/nieuwsbrief/", b"", CONTENT_LENGTH=just_over).status_code == 413

    client.force_login(make_user())
    response = client.generic("POST", "/mijn/", b"", CONTENT_LENGTH=just_over)
    assert response.status_code != 413
    too_big = str(settings.MAX_REQUEST_BYTES + 1)
    assert client.generic("POST", "/mijn/", b"", CONTENT_LENGTH=too_big).status_code == 413


# --- A bad day: the database away ----------------------------------------------------------


def test_with_the_database_away_pages_answer_503_in_dutch_and_healthz_says_so(
    client, monkeypatch, make_user
):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    signed_in = Client()
    signed_in.force_login(make_user())

    def away(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", away)
    for visitor in (Client(raise_request_exception=False), signed_in):
        visitor.raise_request_exception = False
        for path in ("/leerateliers/", "/healthz"):
            response = visitor.get(path)
            assert response.status_code == 503, path
            assert response["Retry-After"] == "30"
    assert "even niet bereikbaar" in Client(raise_request_exception=False).get("/").content.decode()
    tries = []
    monkeypatch.setattr(CursorWrapper, "execute", lambda *args, **kwargs: tries.append(1) or away())
    Client(raise_request_exception=False).get("/leerateliers/")
    assert len(tries) == 1  # the 503 page does not ask the database again (a second wait)

    monkeypatch.undo()  # back: the next request is answered as always, without a restart
    assert client.get("/leerateliers/").status_code == 200
    assert client.get("/healthz").content == b"ok"


def test_healthz_is_503_on_a_database_without_the_portals_tables(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    real = CursorWrapper.execute

    def without_tables(self, sql, params=None):
        return real(self, sql.replace("django_migrations", "geen_tabel"), params)

    monkeypatch.setattr(CursorWrapper, "execute", without_tables)
    assert client.get("/healthz").status_code == 503
