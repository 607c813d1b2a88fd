"""Text search that reads Dutch on PostgreSQL and degrades to substring matching elsewhere.

On PostgreSQL the configuration ``dutch_unaccent`` (Dutch stemming, accents folded; created by
publicaties migration 0003) makes ``eenzaam`` find ``eenzaamheid`` and ``clienten`` find
``cliënten``. Other databases match every typed word as a substring of one of the fields.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "dutch_unaccent"
# Markers around matches in snippets; escaped text never contains them.
START, STOP = "\x02", "\x03"
MAX_QUERY_LENGTH = 200


def clean_query(text):
    """What a person typed, trimmed, without control characters, of bounded length."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def words(text):
    return [word for word in re.split(r"[^\w-]+", clean_query(text)) if word]


def uses_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def search_query(text):
    return SearchQuery(clean_query(text), config=CONFIG, search_type="websearch")


def substring_condition(text, fields):
    """Every word must occur in at least one of the fields (case-insensitive)."""
    condition = Q()
    for word in words(text):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def text_search(queryset, text, fields):
    """Rows matching ``text`` in ``fields`` (weighted in order on PostgreSQL), best first."""
    if not words(text):
        return queryset.none()
    if uses_postgresql(queryset):
        weights = "ABCD"
        vector = SearchVector(fields[0], config=CONFIG, weight="A")
        for position, field in enumerate(fields[1:], start=1):
            vector += SearchVector(field, config=CONFIG, weight=weights[min(position, 3)])
        query = search_query(text)
        return (
            queryset.annotate(zoekvector=vector)
            .filter(zoekvector=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank")
        )
    matching = queryset.filter(substring_condition(text, fields)).values("pk")
    return queryset.filter(pk__in=matching)


def _fold(text):
    return "".join(
        char
        for char in unicodedata.normalize("NFKD", text.lower())
        if not unicodedata.combining(char)
    )


def highlight(fragment, text, around=30):
    """Safe HTML of a snippet with the matches in ``<mark>``.

    A fragment from PostgreSQL's ts_headline carries START/STOP markers already; otherwise the
    words are looked up here (accent- and case-insensitive, as prefixes) and a window of
    about ``around`` words around the first match is kept.
    """
    fragment = fragment or ""
    if START in fragment:
        html = escape(fragment).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(html)  # escaped above; only our own tags added
    tokens = fragment.split()
    wanted = [_fold(word) for word in words(text)]

    def matches(token):
        folded = _fold(token)
        return any(word and word in folded for word in wanted)

    first = next((index for index, token in enumerate(tokens) if matches(token)), 0)
    start = max(0, first - around // 3)
    window = tokens[start : start + around]
    parts = [f"<mark>{escape(t)}</mark>" if matches(t) else escape(t) for t in window]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + around < len(tokens) else ""
    return mark_safe(prefix + " ".join(parts) + suffix)  # every token escaped above
