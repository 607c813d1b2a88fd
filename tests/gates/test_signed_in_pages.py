"""The pages behind a login pass the same gates, for each role of the demo accounts."""

import re
from urllib.parse import urlsplit

import pytest

from accounts.demo import BEHEERDER, COMMISSIE, DEMO_PASSWORD, PARTNERCONTACT_EMAIL, TREKKER
from accounts.notifications import unsubscribe_url
from leerateliers.models import Leeratelier
from tests.helpers import sign_in
from werkplaats.models import User

from .helpers import load_demo_with_accounts
from .quality import browser_failures, crawl, vnu_errors
from .test_every_page import MAX_QUERIES_PER_PAGE

# Everything of one's own: the dashboard and its pages, the account pages, the update forms,
# the leeratelier pages, which show a signed-in user the follow and write buttons, and the
# bijeenkomsten one is registered for, with the page that cancels a registration.
SIGNED_IN = re.compile(
    r"^/(mijn/|accounts/(?!logout)|leerateliers/[^/?]+/(updates/.*)?$"
    r"|bijeenkomsten/([^/?]+|afmelden/[^/?]+)/$)"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("email", [TREKKER, PARTNERCONTACT_EMAIL, COMMISSIE, BEHEERDER])
def test_every_signed_in_page_passes_the_quality_gates(client, live_server, page, email, settings):
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
    html_pages = [crawled for crawled in pages if crawled.html]
    print(f"\n{email}: {len(pages)} pages, {len(html_pages)} HTML")

    failing_status = {crawled.path: crawled.status for crawled in pages if crawled.status != 200}
    assert not failing_status, failing_status
    assert any(crawled.path.startswith("/accounts/") for crawled in pages)
    too_many = {c.path: c.queries for c in pages if c.queries > MAX_QUERIES_PER_PAGE}
    assert not too_many, too_many
    print(f"{email}: at most {max(crawled.queries for crawled in pages)} queries on a page")
    invalid = vnu_errors(html_pages)
    assert not invalid, invalid

    page.context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    violations, overflowing, csp_messages = browser_failures(page, live_server.url, html_pages)
    assert not violations, violations
    assert not overflowing, f"wider than 320 px: {overflowing}"
    assert not csp_messages, csp_messages
