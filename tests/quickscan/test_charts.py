"""The chart drawn on the server: bars on the scale 1 to 5 with a whisker for the spread, an
accessible name, no script; and the same figures as the table beside it."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from quickscan import charts, services
from quickscan.models import Waarde
from quickscan.scores import Score, VoorwaardeScore
from werkplaats.models import Voorwaarde

W = Waarde.WEET_NIET


def score(*waarden):
    """The answers of as many respondents, one each."""
    result = Score()
    for respondent, waarde in enumerate(waarden):
        result.add(waarde, respondent)
    return result


@pytest.fixture
def rows(db):
    eerste, tweede, *_ = Voorwaarde.objects.all()
    return charts.rijen(
        [
            VoorwaardeScore(eerste, score(1, 2, 4, 5, W), respondenten=5),
            VoorwaardeScore(tweede, score(W, W), respondenten=2),
        ]
    )


def test_figures_have_one_decimal_and_a_decimal_comma():
    assert charts.getal(3.25) == "3,3"
    assert charts.getal(2) == "2,0"
    assert charts.getal(1.4142) == "1,4"
    assert charts.getal(None) == "–"


def test_the_scale_runs_along_the_whole_axis_and_values_outside_it_stay_on_it():
    assert charts.x(1) == charts.MARGE
    assert charts.x(5) == charts.BREEDTE - charts.MARGE
    assert charts.x(3) == charts.BREEDTE / 2
    assert charts.x(-0.5) == charts.x(1) and charts.x(6.2) == charts.x(5)


def test_the_chart_is_an_image_with_a_name_a_description_and_no_script(rows):
    svg = charts.grafiek(rows, prefix="test", titel="Score per voorwaarde in Heumen")
    assert svg.count("<svg") == 1 and "<script" not in svg and "style=" not in svg
    assert 'role="img"' in svg and 'aria-labelledby="test-titel test-beschrijving"' in svg
    assert '<title id="test-titel">Score per voorwaarde in Heumen</title>' in svg
    description = re.search(r'<desc id="test-beschrijving">(.*?)</desc>', svg, re.S).group(1)
    assert "3,0, spreiding 1,6, 4 antwoorden" in description  # 1, 2, 4, 5
    assert "geen score" in description  # only "weet niet"
    for label in ("1", "2", "3", "4", "5"):
        assert f">{label}</text>" in svg
    assert "helemaal oneens" in svg and "helemaal eens" in svg


def test_a_bar_reaches_the_score_and_its_whisker_the_spread_within_the_scale(rows):
    svg = charts.grafiek(rows, prefix="t", titel="t")
    bar = re.search(r'<rect class="qs-grafiek__balk" x="([\d.]+)"[^>]* width="([\d.]+)"', svg)
    start, width = float(bar.group(1)), float(bar.group(2))
    assert start == charts.x(1)
    assert start + width == pytest.approx(charts.x(3.0), abs=0.2)
    whisker = re.search(r'qs-grafiek__spreiding[^>]*>\s*<line x1="([\d.]+)" x2="([\d.]+)"', svg)
    spread = rows[0].spreiding  # 1.58
    assert float(whisker.group(1)) == pytest.approx(charts.x(3.0 - spread), abs=0.1)
    assert float(whisker.group(2)) == pytest.approx(charts.x(3.0 + spread), abs=0.1)
    assert svg.count('class="qs-grafiek__balk"') == 1  # no bar without a score


def test_a_wide_spread_is_cut_off_at_the_ends_of_the_scale(db):
    voorwaarde = Voorwaarde.objects.first()
    rows = charts.rijen([VoorwaardeScore(voorwaarde, score(1, 1, 5, 5), respondenten=4)])
    svg = charts.grafiek(rows, prefix="t", titel="t")
    whisker = re.search(r'qs-grafiek__spreiding[^>]*>\s*<line x1="([\d.]+)" x2="([\d.]+)"', svg)
    assert (float(whisker.group(1)), float(whisker.group(2))) == (charts.x(1), charts.x(5))


def test_a_distribution_counts_each_answer_and_scales_its_bars_to_the_largest():
    staven = charts.verdeling(score(1, 4, 4, 4, 5, W))
    assert [staaf.label for staaf in staven][-1] == "Weet niet"
    assert [staaf.aantal for staaf in staven] == [1, 0, 0, 3, 1, 1]
    assert [staaf.lengte for staaf in staven] == [33, 0, 0, 100, 33, 33]
    assert charts.verdeling(Score())[0].lengte == 0


class _Figures(HTMLParser):
    """The figures per voorwaarde in the chart (its data attributes and texts) and in the
    table (its cells)."""

    def __init__(self):
        super().__init__()
        self.chart, self.table = {}, {}
        self._row = self._cells = None
        self._in_svg = self._in_cijfer = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "qs-grafiek" in (attrs.get("class") or ""):
            self._in_svg = True
        elif self._in_svg and tag == "g" and "data-voorwaarde" in attrs:
            self._row = attrs["data-voorwaarde"]
            self.chart[self._row] = {
                "gemiddelde": attrs["data-gemiddelde"],
                "spreiding": attrs["data-spreiding"],
                "aantal": attrs["data-aantal"],
                "tekst": "",
            }
        elif self._in_svg and tag == "text" and attrs.get("class") == "qs-grafiek__cijfer":
            self._in_cijfer = True
        elif tag == "tr" and "data-voorwaarde" in attrs:
            self._row, self._cells = attrs["data-voorwaarde"], []
            self.table[self._row] = self._cells
        elif tag == "td" and self._cells is not None:
            self._in_cell = True
            self._cells.append("")

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        elif tag == "text":
            self._in_cijfer = False
        elif tag == "td":
            self._in_cell = False
        elif tag == "tr":
            self._cells = None

    def handle_data(self, data):
        if self._in_cijfer:
            self.chart[self._row]["tekst"] += data
        elif self._in_cell:
            self._cells[-1] += data.strip()


def dutch(value):
    return f"{float(value):.1f}".replace(".", ",")


def test_chart_and_table_on_the_results_page_show_the_same_numbers(client, qs, answer):
    zekerheid, inclusie, cohesie, empowerment = (v.slug for v in Voorwaarde.objects.all())
    answer(qs.scan, "A", waarden={zekerheid: [1, 2], inclusie: [W, W], cohesie: [4, 5]})
    answer(qs.scan, "B", waarden={zekerheid: [5, W], inclusie: [W, W], cohesie: [4, 4]})
    answer(qs.scan, "C", waarden={zekerheid: [2, 3], inclusie: [W, W], empowerment: [5, 1]})
    services.scan_publiceren(scan=services.scan_sluiten(scan=qs.scan))

    html = client.get(reverse("quickscan:resultaten", kwargs={"pk": qs.scan.pk})).content
    figures = _Figures()
    figures.feed(html.decode())

    assert set(figures.chart) == set(figures.table) == {zekerheid, inclusie, cohesie, empowerment}
    for slug, drawn in figures.chart.items():
        score_cell, spread_cell, aantal_cell, *_ = figures.table[slug]
        assert drawn["aantal"] == aantal_cell
        if drawn["gemiddelde"]:
            assert dutch(drawn["gemiddelde"]) == score_cell
            assert dutch(drawn["spreiding"]) == spread_cell
            assert drawn["tekst"] == f"{score_cell} ± {spread_cell}"
        else:  # only "weet niet": no score in either
            assert (score_cell, spread_cell, aantal_cell) == ("–", "–", "0")
    assert figures.table[zekerheid][:3] == ["2,6", "1,4", "5"]  # 1, 2, 5, 2, 3
