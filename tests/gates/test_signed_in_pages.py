"""The pages behind a login pass the same gates, for each role of the demo accounts."""

import re
from urllib.parse import urlsplit

import pytest

from accounts.demo import (
    BEHEERDER,
    COMMISSIE,
    DEMO_PASSWORD,
    GEMEENTECONTACT_EMAIL,
    PARTNERCONTACT_EMAIL,
    TREKKER,
)
from leerateliers.models import Leeratelier
from leerateliers.notifications import unsubscribe_url
from tests.helpers import sign_in
from werkplaats.models import User

from .helpers import load_demo_with_accounts
from .quality import assert_pages_answer, assert_pages_pass_in_browser, crawl, english_twins, fetch

# Everything of one's own: the dashboard and its pages, the account pages, the update forms,
# the leeratelier pages, which show a signed-in user the follow and write buttons, and the
# bijeenkomsten one is registered for, with the page that cancels a registration, and the
# quick scans one runs or may see.
SIGNED_IN = re.compile(
    r"^/(mijn/|accounts/(?!logout)|leerateliers/[^/?]+/(updates/.*)?$"
    r"|bijeenkomsten/([^/?]+|afmelden/[^/?]+)/$|quickscan/)"
)


ACCOUNTS = [TREKKER, PARTNERCONTACT_EMAIL, GEMEENTECONTACT_EMAIL, COMMISSIE, BEHEERDER]


def crawl_signed_in_pages(client, settings, email):
    """Signed in as ``email``: every page of one's own reached from /mijn/ and from ``also``."""
    load_demo_with_accounts(settings)
    sign_in(client, email, DEMO_PASSWORD)
    # Pages reached from an email rather than a link: the unsubscribe page.
    user = User.objects.get(email=email)
    unsubscribe = urlsplit(unsubscribe_url(user, Leeratelier.objects.first())).path
    pages = crawl(
        client,
        start="/mijn/",
        within=lambda path: bool(SIGNED_IN.match(path)),
        also=[unsubscribe],
    )
    assert any(crawled.path.startswith("/accounts/") for crawled in pages)
    if email == TREKKER:  # keeping up their atelier: the overview, new and edit pages
        kept_up = {crawled.path for crawled in pages if crawled.path.startswith("/mijn/leer")}
        for page in ("praktijken/nieuw/", "praktijken/", "lessen/nieuw/", "lessen/"):
            assert any(page in path for path in kept_up), page
        assert any(path.endswith("/bewerken/") and "/lessen/" in path for path in kept_up)
    if email == GEMEENTECONTACT_EMAIL:  # running the quick scan of Heumen, and its results
        paths = {crawled.path for crawled in pages}
        for path in ("/quickscan/", "/quickscan/nieuw/"):
            assert path in paths, path
        for page in (
            r"/quickscan/\d+/$",
            r"/quickscan/\d+/resultaten/$",
            r"/quickscan/\d+/rapport/$",
        ):
            assert any(re.match(page, path) for path in paths), page
    # The same kinds of page with the English interface.
    return pages + fetch(client, english_twins(pages, per_kind=1))


@pytest.mark.django_db
@pytest.mark.parametrize("email", ACCOUNTS)
def test_every_signed_in_page_answers_within_the_query_ceiling(client, settings, email):
    assert_pages_answer(crawl_signed_in_pages(client, settings, email), label=email)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("email", ACCOUNTS)
def test_every_signed_in_page_is_valid_accessible_and_fits_a_phone(
    client, live_server, page, email, settings
):
    pages = crawl_signed_in_pages(client, settings, email)
    html_pages = [crawled for crawled in pages if crawled.html]
    print(f"\n{email}: {len(html_pages)} HTML pages")
    page.context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    assert_pages_pass_in_browser(page, live_server.url, html_pages)
