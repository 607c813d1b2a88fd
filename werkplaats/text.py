"""Text that people type: Markdown rendered safely, control characters kept out."""

import re
from html import unescape

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p",
    "pre", "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# C0 controls except tab, newline and carriage return; DEL and the C1 range.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def render_markdown(text):
    """Markdown to HTML with only harmless tags, attributes and link schemes left."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    # The page has its own <h1>: text headings start at <h2> and stop at <h4>.
    html = re.sub(
        r"<(/?)h([1-6])>", lambda match: f"<{match[1]}h{min(int(match[2]) + 1, 4)}>", html
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # sanitised by nh3 just above


def plain_text(markdown_text):
    """Markdown as plain text: what is left of the rendered HTML without its tags."""
    return unescape(strip_tags(render_markdown(markdown_text))).strip()


def strip_control_characters(text):
    return CONTROL_CHARACTERS.sub("", text or "")


def validate_no_control_characters(value):
    """Refuse invisible control characters (a pasted vertical tab breaks feeds and XML)."""
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _(
                "De tekst bevat een onzichtbaar stuurteken (bijvoorbeeld uit een geplakte tekst). "
                "Haal het weg of typ de tekst opnieuw."
            ),
            code="control_character",
        )


def validate_one_line(value):
    """Refuse line breaks and control characters in a field of one line (a name): in an
    email they would start lines of their own."""
    if re.search(r"[\x00-\x1f\x7f]", value or ""):
        raise ValidationError(
            _("Gebruik één regel, zonder regeleinden of onzichtbare stuurtekens."),
            code="not_one_line",
        )


def validate_plain_email(value):
    """Refuse what Django's address check lets through in a quoted local part but no
    one types: control characters, quotes and spaces (they could break an email's headers)."""
    if re.search(r'[\x00-\x20\x7f"]', value or ""):
        raise ValidationError(
            _("Vul een e-mailadres in zonder spaties, aanhalingstekens of onzichtbare tekens."),
            code="not_plain",
        )


def normalise_email(email: str) -> str:
    """One spelling per address, for keys, records and comparisons."""
    return email.strip().lower()
