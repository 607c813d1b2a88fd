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
