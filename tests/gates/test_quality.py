"""The gates themselves: a page that breaks the rules is reported, not waved through."""

import pytest

from .quality import CrawledPage, browser_failures, vnu_errors

BROKEN = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Kapot</title></head>
<body><main>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <div style="width: 2000px">Deze regel is breder dan een telefoon.</div>
  <script>document.title = "inline";</script>
</main></body>
</html>"""


@pytest.mark.browser
def test_a_broken_page_fails_the_browser_and_html_checks(page):
    page.route(
        "http://gate.test/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
            body=BROKEN,
        ),
    )
    broken = CrawledPage("/kapot/", 200, "text/html", 0, BROKEN)

    violations, overflowing, csp_messages = browser_failures(page, "http://gate.test", [broken])

    assert any(found.startswith("image-alt") for found in violations["/kapot/"])
    assert overflowing["/kapot/"] > 1000
    assert csp_messages  # the inline script was refused, and that was noticed
    assert any("alt" in error for error in vnu_errors([broken])["/kapot/"])


STYLED = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Opgemaakt</title>
<link rel="stylesheet" href="/css/forms.css">{inline}</head>
<body><main><p>Een stylesheet die een andere importeert, zoals Django's forms.css.</p></main></body>
</html>"""


@pytest.mark.browser
@pytest.mark.parametrize(("inline", "refused"), [("", False), ("<style>p {}</style>", True)])
def test_the_pages_own_styles_are_refused_and_the_checker_adds_none(page, inline, refused):
    """Every refused style counts, and the checker adds none of its own: axe, which could
    rebuild an @import-ed stylesheet as a <style> element, runs without that preload."""
    files = {
        "/styled/": ("text/html", STYLED.format(inline=inline)),
        "/css/forms.css": ("text/css", "@import url('widgets.css');\np { color: #222; }"),
        "/css/widgets.css": ("text/css", "p { margin: 0; }"),
    }

    def serve(route):  # axe asks for /styled/widgets.css too: not found, as in the admin
        path = route.request.url.removeprefix("http://gate.test")
        content_type, body = files.get(path, ("text/html", "<!DOCTYPE html><title>404</title>"))
        headers = {"Content-Security-Policy": "style-src 'self'"}
        status = 200 if path in files else 404
        route.fulfill(status=status, content_type=content_type, headers=headers, body=body)

    page.route("http://gate.test/**", serve)
    styled = CrawledPage("/styled/", 200, "text/html", 0, STYLED.format(inline=inline))

    _violations, _overflowing, csp_messages = browser_failures(page, "http://gate.test", [styled])

    assert bool(csp_messages) is refused, csp_messages
