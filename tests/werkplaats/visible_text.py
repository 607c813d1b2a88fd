"""What a visitor reads on a page: its text and the labels screen readers announce, without
markup, scripts or code in attributes."""

import html
import re

# Attributes whose values are read (by screen readers) or shown as text; other attributes hold
# code, addresses or what a visitor typed.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")

_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_READ_ATTRIBUTE = re.compile(
    r"\s(?:" + "|".join(READ_ATTRIBUTES) + r""")\s*=\s*(?:"([^"]*)"|'([^']*)')"""
)
_BUTTON_VALUE = re.compile(
    r"""<input\b(?=[^>]*\btype\s*=\s*["'](?:submit|button|reset)["'])[^>]*\bvalue\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)')""",
    re.I,
)


def visible_text(page):
    """The lines of text of an HTML page, then the values of its read attributes and buttons."""
    page = _HIDDEN.sub(" ", page)
    said = [a or b for a, b in _BUTTON_VALUE.findall(page)]
    for tag in re.findall(r"<[^>]*>", page):
        said += [a or b for a, b in _READ_ATTRIBUTE.findall(tag)]
    text = _TAG.sub("\n", page)
    lines = [html.unescape(line).strip() for line in [*text.splitlines(), *said]]
    return "\n".join(line for line in lines if line)
