"""Searching publicaties: the stored, weighted vector on PostgreSQL, substrings elsewhere."""

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import Case, Count, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat

from werkplaats.search import (
    CONFIG,
    START,
    STOP,
    search_query,
    substring_condition,
    uses_postgresql,
    words,
)

# Weights of the stored vector (migration 0003): titel A, samenvatting B, inhoud and auteurs C.
FALLBACK_FIELDS = [
    "titel",
    "samenvatting",
    "inhoud",
    "auteurschappen__naam",
    "auteurschappen__persoon__naam",
]


def search_publicaties(queryset, text):
    """Matches for ``text``, annotated with ``rank`` and a ``fragment`` to show, best first."""
    if not words(text):
        return queryset.none()
    body = Concat("samenvatting", Value(" "), "inhoud", output_field=TextField())
    if uses_postgresql(queryset):
        query = search_query(text)
        return (
            queryset.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                fragment=SearchHeadline(
                    body,
                    query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "-gepubliceerd_on", "titel")
        )
    in_title = [When(titel__icontains=word, then=Value(1)) for word in words(text)]
    title_hits = sum(
        (Case(when, default=Value(0), output_field=IntegerField()) for when in in_title),
        start=Value(0),
    )
    matching = queryset.filter(substring_condition(text, FALLBACK_FIELDS)).values("pk")
    return (
        queryset.filter(pk__in=matching)
        .annotate(rank=title_hits, fragment=body)
        .order_by("-rank", "-gepubliceerd_on", "titel")
    )


def related_publicaties(queryset, publicatie, limit):
    """Other published publicaties that share leerateliers or thema's, most shared first."""
    ateliers = [leeratelier.pk for leeratelier in publicatie.leerateliers.all()]
    themas = [thema.pk for thema in publicatie.themas.all()]
    # A count filtered on an empty list is no count at all (the sum would be NULL): only what
    # the publicatie has.
    counts = [
        Count(field, filter=Q(**{f"{field}__in": pks}), distinct=True)
        for field, pks in (("leerateliers", ateliers), ("themas", themas))
        if pks
    ]
    if not counts:
        return queryset.none()
    shared = sum(counts[1:], start=counts[0])
    return (
        queryset.published()
        .exclude(pk=publicatie.pk)
        .annotate(gedeeld=shared)
        .filter(gedeeld__gt=0)
        .order_by("-gedeeld", "-gepubliceerd_on")[:limit]
    )
