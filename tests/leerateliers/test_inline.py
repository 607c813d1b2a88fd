"""``werkplaats.inline`` on a leeratelier: its short lists come in its own query, in their order,
typed as if read from the database, and the relations still behave as relations."""

import datetime

import pytest

from leerateliers.models import Leeratelier, LerendePraktijk, Vraagstuk
from werkplaats.inline import fetch_together, inline
from werkplaats.models import Gemeente, Thema

pytestmark = pytest.mark.django_db


@pytest.fixture
def atelier(make_leeratelier, make_gemeente, make_thema, make_praktijk):
    heumen = make_gemeente("Heumen", is_deelnemer=True)
    mook = make_gemeente("Mook en Middelaar", is_deelnemer=False)
    atelier = make_leeratelier(
        "Eenzaamheid",
        themas=[make_thema("Zingeving"), make_thema("Armoede")],
        gemeenten=[mook, heumen],
    )
    for volgorde, tekst in [(2, "Tweede vraag"), (1, "Eerste vraag")]:
        Vraagstuk.objects.create(leeratelier=atelier, tekst=tekst, volgorde=volgorde)
    make_praktijk(atelier, "Buurtkamer", start_on=datetime.date(2021, 3, 1))
    make_leeratelier("Zonder iets")
    return atelier


def test_the_lists_come_in_one_query_in_their_order_and_typed(atelier, django_assert_num_queries):
    queryset = inline(
        Leeratelier.objects.order_by("titel"),
        "vraagstukken",
        "praktijken",
        themas=Thema.objects.order_by("naam"),
        gemeenten=Gemeente.objects.order_by("naam"),
    )
    with django_assert_num_queries(1):
        first, empty = list(queryset)
        assert [v.tekst for v in first.vraagstukken.all()] == ["Eerste vraag", "Tweede vraag"]
        assert [t.naam for t in first.themas.all()] == ["Armoede", "Zingeving"]
        assert [(g.naam, g.is_deelnemer) for g in first.gemeenten.all()] == [
            ("Heumen", True),
            ("Mook en Middelaar", False),
        ]
        assert all(type(g.is_deelnemer) is bool for g in first.gemeenten.all())  # not 1 and 0
        praktijk = first.praktijken.all()[0]
        assert praktijk.start_on == datetime.date(2021, 3, 1)
        assert praktijk.leeratelier is first  # the reverse side knows its parent
        assert list(empty.vraagstukken.all()) == list(empty.themas.all()) == []

    # Still relations: a filter on one asks the database, within this leeratelier.
    assert list(first.themas.filter(naam="Armoede")) == [Thema.objects.get(naam="Armoede")]
    assert not empty.themas.filter(naam="Armoede").exists()


def test_only_names_the_columns_and_the_rest_is_read_when_asked(atelier):
    (found,) = inline(
        Leeratelier.objects.filter(pk=atelier.pk), gemeenten=Gemeente.objects.only("naam")
    )
    gemeente = found.gemeenten.all()[0]
    assert gemeente.get_deferred_fields() >= {"slug", "cbs_code"}
    assert gemeente.slug == Gemeente.objects.get(pk=gemeente.pk).slug


def test_fetch_together_reads_several_lists_in_one_query(atelier, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = fetch_together(
            ateliers=Leeratelier.objects.order_by("titel")[:1],
            praktijken=LerendePraktijk.objects.all(),
            geen=Thema.objects.none(),
        )
    assert [a.titel for a in found["ateliers"]] == ["Eenzaamheid"]
    assert [p.titel for p in found["praktijken"]] == ["Buurtkamer"]
    assert found["geen"] == []


def test_values_together_reads_flat_rows_beyond_the_limit_of_short_lists(
    atelier, django_assert_num_queries
):
    from django.db.models import F

    from werkplaats import inline as inline_module

    Thema.objects.bulk_create(Thema(naam=f"Thema {n:04d}", slug=f"t-{n}") for n in range(600))
    assert Thema.objects.count() > inline_module.LIMIT
    with django_assert_num_queries(1):
        found = inline_module.values_together(
            themas=Thema.objects.order_by("naam").values("slug"),
            gemeenten=Leeratelier.gemeenten.through.objects.filter(leeratelier=atelier)
            .order_by("gemeente__naam")
            .values("leeratelier_id", naam=F("gemeente__naam")),
        )
    assert len(found["themas"]) == Thema.objects.count()
    assert found["themas"][0] == {"slug": "armoede"}
    assert found["gemeenten"] == [
        {"leeratelier_id": atelier.pk, "naam": "Heumen"},
        {"leeratelier_id": atelier.pk, "naam": "Mook en Middelaar"},
    ]
