"""The pages of education pass the page gates with the demo content: 200 within the query
ceiling, valid HTML, no axe violations, reflow at 320 px (as tests/gates does for every page
the crawler reaches from the home page)."""

import pytest
from django.core.management import call_command

from tests.gates.quality import (
    MAX_QUERIES_PUBLIC,
    assert_pages_answer,
    assert_pages_pass_in_browser,
    crawl,
)

OURS = ("/onderwijs/", "/de-4-os/")


def crawl_education(client):
    call_command("load_demo", verbosity=0)
    pages = crawl(
        client,
        start="/onderwijs/",
        also=["/de-4-os/", "/onderwijs/?soort=%3Cscript%3E", "/onderwijs/?opleiding=onzin"],
        within=lambda path: path.startswith(OURS),
    )
    paths = {page.path for page in pages}
    assert "/onderwijs/verhalenkamer-semesterprogramma-armoede/" in paths
    assert {
        f"/de-4-os/{o}/" for o in ("onderzoek", "ontwikkeling", "onderwijs", "ondersteuning")
    } <= paths
    return pages


@pytest.mark.django_db
def test_the_pages_of_education_answer_within_the_query_ceiling(client):
    assert_pages_answer(crawl_education(client), label="onderwijs", ceiling=MAX_QUERIES_PUBLIC)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pages_of_education_are_valid_accessible_and_fit_a_phone(client, live_server, page):
    html_pages = [crawled for crawled in crawl_education(client) if crawled.html]
    assert_pages_pass_in_browser(page, live_server.url, html_pages)
