"""The pages behind a login pass the same gates, for each role of the demo accounts."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

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
from .quality import (
    DESKTOP_WIDTH,
    assert_pages_answer,
    assert_pages_pass_in_browser,
    crawl,
    english_twins,
    fetch,
    once_per_kind,
    vnu_errors,
)

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


# --- The admin (/beheer/), for the programmacommissie and the beheerder ------------------------

ADMIN_ACCOUNTS = [COMMISSIE, BEHEERDER]

# The admin's own ceiling: a change form with its inlines, autocompletes and history counts
# the user, session and second factor, the permissions, the object, each inline's rows and
# each select's choices, which the public pages never do. A list's count must not grow with
# its rows (list_select_related, or a get_queryset that annotates): the ceiling is a bound,
# not an allowance for one query per row.
MAX_QUERIES_ADMIN = 30


def admin_pages_of(user):
    """What a member reaches in the admin without following links, for each model they may
    see: its app's index, its list, its add form (where they may add) and the change form of
    one row they may see."""
    request = RequestFactory().get("/beheer/")
    request.user = user
    paths = [reverse("admin:index"), reverse("admin:gebeurd"), reverse("admin:cijfers")]
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        app_index = reverse("admin:app_list", kwargs={"app_label": model._meta.app_label})
        if app_index not in paths:
            paths.append(app_index)
        paths.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            paths.append(reverse(f"{info}_add"))
        rows = model_admin.get_queryset(request)[:20]
        row = next((row for row in rows if model_admin.has_view_permission(request, row)), None)
        if row is not None:
            paths.append(reverse(f"{info}_change", args=[row.pk]))
    return paths


def crawl_admin_pages(client, settings, email):
    """Signed in as ``email``: one page of each kind in the admin (each model's list, add and
    change form; the history, app index and the admin's own pages linked from them), GET only:
    no delete pages, no actions."""
    load_demo_with_accounts(settings)
    sign_in(client, email, DEMO_PASSWORD)
    start, *also = admin_pages_of(User.objects.get(email=email))
    within = once_per_kind(lambda path: path.startswith("/beheer/"), crawled=[start, *also])
    pages = crawl(client, start=start, also=also, within=within)
    assert any(crawled.path.endswith("/history/") for crawled in pages)
    assert not any("/delete/" in crawled.path for crawled in pages)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("email", ADMIN_ACCOUNTS)
def test_every_admin_page_answers_within_the_query_ceiling(client, settings, email):
    assert_pages_answer(
        crawl_admin_pages(client, settings, email), label=email, ceiling=MAX_QUERIES_ADMIN
    )


# In the browser, the admin as the programmacommissie (the members the workbench is for) has
# it: one page of each kind they reach, about 140. The beheerder reaches the same kinds and
# some 40 more (accounts, groups, authenticators, the site's texts and logs) built from the
# same templates and widgets; opening all of them again would cost CI minutes it does not
# have, so the beheerder's pages are crawled (status, queries) and their HTML checked, but
# they are not opened in the browser.


@pytest.mark.django_db
def test_every_admin_page_of_the_beheerder_is_valid_html(client, settings):
    pages = [crawled for crawled in crawl_admin_pages(client, settings, BEHEERDER) if crawled.html]
    assert any(crawled.path.endswith("/password/") for crawled in pages)
    invalid = vnu_errors(pages)
    assert not invalid, invalid


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_admin_page_is_valid_accessible_and_fits_a_laptop(
    client, live_server, page, settings
):
    """Including each list with the demo's rows: at 1280 px no list scrolls sideways."""
    pages = crawl_admin_pages(client, settings, COMMISSIE)
    html_pages = [crawled for crawled in pages if crawled.html]
    print(f"\n{COMMISSIE}: {len(html_pages)} admin pages")
    page.context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    assert_pages_pass_in_browser(page, live_server.url, html_pages, width=DESKTOP_WIDTH)
