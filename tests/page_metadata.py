"""What a harvester reads in a page's head: the JSON-LD blocks (parsed as JSON), the meta tags
by name or property, and the scripts that are not data."""

import json
from html.parser import HTMLParser


class _HeadReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.json_ld, self.meta, self.scripts = [], [], []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta.append((attrs.get("name") or attrs.get("property"), attrs.get("content")))
        if tag == "script":
            self._in_script = attrs.get("type", "")
            self.scripts.append(self._in_script)
            if self._in_script == "application/ld+json":
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script == "application/ld+json":
            self.json_ld[-1] += data


def read(response):
    reader = _HeadReader()
    reader.feed(response.content.decode())
    return reader


def json_ld(response):
    """The page's one JSON-LD block, parsed."""
    blocks = read(response).json_ld
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def meta(response):
    """Meta tags as a dict of name or property to its contents (a list when repeated)."""
    found = {}
    for name, content in read(response).meta:
        found.setdefault(name, []).append(content)
    return {name: values[0] if len(values) == 1 else values for name, values in found.items()}
