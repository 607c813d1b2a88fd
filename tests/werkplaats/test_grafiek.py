"""The server-drawn charts: an image with a name, one bar or point per value with its own
title, colours that keep their contrast, and text that stays text."""

import xml.etree.ElementTree as ET

import pytest

from werkplaats import grafiek
from werkplaats.grafiek import Reeks, lijndiagram, staafdiagram

LABELS = ["2021", "2022", "2023"]
REEKSEN = [Reeks("Arena", (3, 5, 8)), Reeks("Tribune", (0, 2, 2))]
# One per value, series after series: label, series, value.
TITLES = [
    "2021, Arena: 3",
    "2022, Arena: 5",
    "2023, Arena: 8",
    "2021, Tribune: 0",
    "2022, Tribune: 2",
    "2023, Tribune: 2",
]


def parse(svg):
    return ET.fromstring(str(svg))


def titles(elements):
    return [element.find("title").text for element in elements]


def test_a_bar_chart_draws_one_bar_per_value_each_with_its_title():
    svg = parse(staafdiagram("Deelnames per jaar", LABELS, REEKSEN))
    bars = svg.findall(".//rect[@class='waarde']")
    assert titles(bars) == TITLES
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[3] == 0
    assert heights[0] < heights[1] < heights[2]
    assert heights[4] == heights[5]


def test_a_line_chart_draws_one_point_per_value_and_a_line_per_series():
    svg = parse(lijndiagram("Abonnees", LABELS, REEKSEN))
    assert titles(svg.findall(".//circle[@class='waarde']")) == TITLES
    lines = svg.findall(".//polyline")
    assert len(lines) == 2
    # The second series differs in more than colour.
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray")


def test_a_single_series_needs_no_legend_and_its_titles_no_series_name():
    svg = parse(staafdiagram("Publicaties per jaar", LABELS, [Reeks("Publicaties", (1, 0, 4))]))
    assert titles(svg.findall(".//rect[@class='waarde']")) == ["2021: 1", "2022: 0", "2023: 4"]
    assert "Publicaties" not in [text.text for text in svg.iter("text")]


def test_the_chart_is_an_image_named_by_its_title():
    svg = parse(lijndiagram("Abonnees van de nieuwsbrief", LABELS, REEKSEN))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Abonnees van de nieuwsbrief"
    assert svg.find("title").text == "Abonnees van de nieuwsbrief"
    assert svg.get("viewBox") == f"0 0 {grafiek.BREEDTE} {grafiek.HOOGTE}"


def test_the_axes_carry_round_values_up_to_the_highest_and_every_label():
    svg = parse(staafdiagram("Deelnames", LABELS, REEKSEN))
    texts = ["".join(text.itertext()) for text in svg.iter("text")]
    assert [t for t in texts if t.isdigit() and len(t) == 1] == ["0", "2", "4", "6", "8"]
    for label in LABELS:
        assert label in texts


def test_a_long_label_wraps_between_words():
    labels = ["Sociaaleconomische zekerheid", "Sociale inclusie", "Sociale cohesie", "Kort"]
    svg = parse(staafdiagram("Per voorwaarde", labels, [Reeks("Publicaties", (1, 2, 3, 4))]))
    first = next(
        text for text in svg.iter("text") if "Sociaaleconomische" in "".join(text.itertext())
    )
    assert [tspan.text for tspan in first.findall("tspan")] == ["Sociaaleconomische", "zekerheid"]


def test_text_in_labels_and_names_is_escaped():
    svg = staafdiagram("<b>titel</b>", ["<script>"], [Reeks("a & b", (1,))])
    assert "<script>" not in str(svg) and "<b>" not in str(svg)
    assert parse(svg).get("aria-label") == "<b>titel</b>"


@pytest.mark.parametrize(
    ("hoogste", "stap"), [(0, 1), (1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (26, 10), (480, 100)]
)
def test_the_value_axis_steps_roundly_in_at_most_five_steps(hoogste, stap):
    assert grafiek.schaalstap(hoogste) == stap
    assert stap * 5 >= hoogste


def test_every_series_needs_a_value_per_label():
    with pytest.raises(ValueError):
        staafdiagram("Scheef", LABELS, [Reeks("Te kort", (1, 2))])


def contrast(one, other):
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_bars_lines_and_axes_reach_3_to_1_and_text_4_5_to_1_against_the_card():
    for colour in (*grafiek.KLEUREN, grafiek.AS):
        assert contrast(colour, grafiek.ACHTERGROND) >= 3, colour
    assert contrast(grafiek.TEKST, grafiek.ACHTERGROND) >= 4.5
    svg = str(staafdiagram("Deelnames", LABELS, REEKSEN))
    assert f'fill="{grafiek.ACHTERGROND}"' in svg  # drawn on its own card, in either theme
