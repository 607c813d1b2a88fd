"""Scoring: per voorwaarde the mean of the answers on the scale, their spread and their number;
"weet niet" is counted apart and never scored; only sent answers count."""

import statistics

import pytest

from quickscan.models import Waarde
from quickscan.scores import uitslag
from werkplaats.models import Voorwaarde

W = Waarde.WEET_NIET


@pytest.fixture
def alle_voorwaarden(db):
    return list(Voorwaarde.objects.all())


def by_slug(result):
    return {score.voorwaarde.slug: score for score in result.voorwaarden}


def test_score_is_mean_and_spread_of_the_answers_without_weet_niet(qs, answer, alle_voorwaarden):
    slug = alle_voorwaarden[0].slug
    answer(qs.scan, "A", waarden={slug: [5, W]})
    answer(qs.scan, "B", waarden={slug: [1, 3]})
    answer(qs.scan, "C", waarden={slug: [W, 2]})
    answer(qs.scan, "D", waarden={slug: [W, W]})

    score = by_slug(uitslag(qs.scan, alle_voorwaarden))[slug]

    assert score.score.aantal == 4  # 5, 1, 3 and 2; four times "weet niet" left out
    assert score.score.weet_niet == 4
    assert score.gemiddelde == pytest.approx(2.75)
    assert score.score.spreiding == pytest.approx(statistics.pstdev([5, 1, 3, 2]))  # 1.479
    assert score.respondenten == 4


def test_no_figure_rests_on_fewer_than_three_partners_with_a_position(qs, answer, alle_voorwaarden):
    slug = alle_voorwaarden[0].slug
    answer(qs.scan, "A", waarden={slug: [5, 4]})
    answer(qs.scan, "B", waarden={slug: [1, W]})
    for name in "CDE":  # they sent, but took no position on this voorwaarde
        answer(qs.scan, name, waarden={slug: W})

    result = uitslag(qs.scan, alle_voorwaarden)
    score = by_slug(result)[slug]

    assert score.score.aantal == 3 and score.respondenten == 5
    assert score.gemiddelde is None and score.score.spreiding is None
    assert slug not in [zwak.voorwaarde.slug for zwak in result.zwakste(4)]
    assert all(vraag.vraag.voorwaarde.slug != slug for vraag in result.verschillen())


def test_the_same_answers_have_no_spread_and_a_voorwaarde_of_only_weet_niet_no_score(
    qs, answer, alle_voorwaarden
):
    first, second = alle_voorwaarden[0].slug, alle_voorwaarden[1].slug
    for name in "ABC":
        answer(qs.scan, name, waarden={first: 4, second: W})

    scores = by_slug(uitslag(qs.scan, alle_voorwaarden))

    assert scores[first].gemiddelde == 4 and scores[first].score.spreiding == 0
    assert scores[second].gemiddelde is None and scores[second].score.weet_niet == 6
    assert second not in [
        score.voorwaarde.slug for score in uitslag(qs.scan, alle_voorwaarden).zwakste(4)
    ]


def test_answers_not_yet_sent_do_not_count(qs, answer, alle_voorwaarden):
    slug = alle_voorwaarden[0].slug
    for name in "ABC":
        answer(qs.scan, name, waarden={slug: 2})
    answer(qs.scan, "Nog bezig", waarden={slug: 5}, send=False)

    result = uitslag(qs.scan, alle_voorwaarden)

    assert result.respondenten == 3
    assert by_slug(result)[slug].gemiddelde == 2


def test_where_partners_differ_most_comes_first_and_the_weakest_voorwaarden_lowest_first(
    qs, answer, alle_voorwaarden
):
    eerste, tweede, derde, vierde = (v.slug for v in alle_voorwaarden)
    answer(qs.scan, "A", waarden={eerste: [1, 3], tweede: 2, derde: 4, vierde: 5})
    answer(qs.scan, "B", waarden={eerste: [5, 3], tweede: 2, derde: 4, vierde: 5})
    answer(qs.scan, "C", waarden={eerste: [1, 4], tweede: 1, derde: 4, vierde: 4})

    result = uitslag(qs.scan, alle_voorwaarden)

    verschillen = result.verschillen()
    assert verschillen[0].vraag.stelling.startswith("Stelling 1 over")
    assert verschillen[0].vraag.voorwaarde.slug == eerste
    assert all(v.score.spreiding > 0 for v in verschillen)
    assert [score.voorwaarde.slug for score in result.zwakste()] == [tweede, eerste]
