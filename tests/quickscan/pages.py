"""What the quick-scan tests read from a page: its text, its links, what it costs."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def text(response):
    """The page's text without tags or runs of white space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def links_to(response, path):
    return f'href="{path}"' in response.content.decode()


def queries(client, path):
    """The queries of a second visit to ``path`` (the site profile is cached after the first
    page)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)
