"""Searching publicaties: the stored, weighted vector on PostgreSQL, substrings elsewhere."""

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

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
    """Other published publicaties that share leerateliers or thema's, most shared first.

    Counted from the link tables for the publicaties that share anything (some hundreds even
    in a large network), not by grouping every publicatie with its leerateliers and thema's
    (at 50,000 publicaties 151 -> a few ms)."""
    model = queryset.model
    links = [
        (model.leerateliers.through, "leeratelier_id", publicatie.leerateliers.all()),
        (model.themas.through, "thema_id", publicatie.themas.all()),
    ]
    shared = []
    for through, column, rows in links:
        pks = [row.pk for row in rows]
        if pks:
            shared.append(through.objects.filter(**{f"{column}__in": pks}))
    if not shared:
        return queryset.none()
    sharing = [rows.values("publicatie_id") for rows in shared]
    counts = [
        Coalesce(
            Subquery(
                rows.filter(publicatie_id=OuterRef("pk"))
                .values("publicatie_id")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )
        for rows in shared
    ]
    return (
        queryset.published()
        .filter(pk__in=sharing[0].union(*sharing[1:]))
        .exclude(pk=publicatie.pk)
        .annotate(gedeeld=sum(counts[1:], start=counts[0]))
        .order_by("-gedeeld", "-gepubliceerd_on")[:limit]
    )
