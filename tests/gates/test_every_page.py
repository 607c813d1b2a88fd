"""Every public page, found by following links from the home page, passes the gates.

New pages are picked up without changing this test: link to them and they are checked.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from bijeenkomsten.models import Bijeenkomst, Status
from bijeenkomsten.notifications import confirm_token

from .quality import browser_failures, crawl, vnu_errors

# A ceiling for every page, whatever it shows. That a page's count does not grow with the
# data is pinned per page in the app tests (same count with 5 and with 50 rows).
MAX_QUERIES_PER_PAGE = 15
MIN_PAGES = 30


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_passes_the_quality_gates(client, live_server, page):
    call_command("load_demo", verbosity=0)
    # Pages reached from an email or a form rather than a link: a guest confirming a
    # registration, and search results.
    bijeenkomst = Bijeenkomst.objects.upcoming().filter(status=Status.GEPLAND).first()
    token = confirm_token(
        bijeenkomst=bijeenkomst, naam="Anna de Boer", email="anna@example.nl", organisatie=""
    )
    confirm = reverse("bijeenkomsten:confirm", kwargs={"token": token})
    pages = crawl(client, also=[confirm, "/zoeken/?q=eenzaamheid", "/zoeken/?q=fort+lent"])
    html_pages = [crawled for crawled in pages if crawled.html]
    print(f"\ncrawler: {len(pages)} pages, {len(html_pages)} HTML")

    assert len(html_pages) >= MIN_PAGES, [crawled.path for crawled in pages]
    failing_status = {crawled.path: crawled.status for crawled in pages if crawled.status != 200}
    assert not failing_status, failing_status
    too_many_queries = {
        crawled.path: crawled.queries for crawled in pages if crawled.queries > MAX_QUERIES_PER_PAGE
    }
    assert not too_many_queries, too_many_queries
    print(f"crawler: at most {max(crawled.queries for crawled in pages)} queries on a page")

    invalid = vnu_errors(html_pages)
    assert not invalid, invalid

    violations, overflowing, csp_messages = browser_failures(page, live_server.url, html_pages)
    assert not violations, violations
    assert not overflowing, f"wider than 320 px: {overflowing}"
    assert not csp_messages, csp_messages
