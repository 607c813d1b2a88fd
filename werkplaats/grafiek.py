"""Small charts drawn on the server: a function takes labels and series of whole numbers and
returns an inline SVG, with no JavaScript and no chart library.

The SVG is an image with a name (``role="img"``, ``aria-label`` and a ``<title>``); every bar
or point carries its own ``<title>`` (label, series, value) as a tooltip. The figures
themselves belong in a table beside the chart: the chart shows the shape, the table the
numbers. It draws on a white card of its own, so its colours keep their contrast in the
admin's dark theme too: bars, lines and axes at least 3:1, text at least 4.5:1 against it
(WCAG 1.4.11 and 1.4.3). Series of a line chart also differ in dash pattern, not only in
colour (1.4.1).
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

BREEDTE, HOOGTE = 640, 300
LINKS, RECHTS, BOVEN, ONDER = 48, 16, 40, 52  # room for the axes' labels and the legend
ACHTERGROND = "#ffffff"
TEKST = "#1f1f1f"  # 16:1 against white
AS = "#595959"  # 7:1
RASTER = "#d9d9d9"  # the grid only helps the eye; the axis labels carry its values
KLEUREN = ("#1d4f91", "#a34700", "#2e6b30", "#6b3fa0")  # each 6:1 or more against white
STREEPJES = ("", "8 4", "3 3", "10 4 3 4")
LETTER = 12  # font size of the labels, in SVG units
LETTERBREEDTE = 0.6 * LETTER  # a rough average, to wrap labels


@dataclass(frozen=True)
class Reeks:
    """One series: its name (in the legend and the tooltips) and a value per label."""

    naam: str
    waarden: tuple[int, ...]


def staafdiagram(titel: str, labels: list[str], reeksen: list[Reeks]) -> SafeString:
    """Bars: per label one bar for each series, side by side."""
    return _diagram(titel, labels, reeksen, _staven)


def lijndiagram(titel: str, labels: list[str], reeksen: list[Reeks]) -> SafeString:
    """Lines: per series a line through a point for each label."""
    return _diagram(titel, labels, reeksen, _lijnen)


def schaalstap(hoogste: int) -> int:
    """A round step for the value axis (1, 2 or 5 times a power of ten) that reaches
    ``hoogste`` in at most five steps."""
    macht = 10 ** max(0, math.floor(math.log10(max(hoogste, 1) / 5)))
    for factor in (1, 2, 5, 10):
        if factor * macht * 5 >= hoogste:
            return factor * macht
    return 10 * macht  # pragma: no cover (10 × macht × 5 always reaches it)


@dataclass(frozen=True)
class _Vlak:
    """The plot area: where a label's slot and a value sit."""

    aantal: int  # labels
    top: int  # the value at the top of the axis

    @property
    def breedte(self):
        return BREEDTE - LINKS - RECHTS

    @property
    def hoogte(self):
        return HOOGTE - BOVEN - ONDER

    @property
    def vak(self):
        return self.breedte / self.aantal

    def midden(self, index):
        return LINKS + self.vak * (index + 0.5)

    def y(self, waarde):
        return BOVEN + self.hoogte * (1 - waarde / self.top)


def _diagram(titel, labels, reeksen, tekenen) -> SafeString:
    if not labels or any(len(reeks.waarden) != len(labels) for reeks in reeksen):
        raise ValueError("Elke reeks heeft één waarde per label.")
    hoogste = max((max(reeks.waarden, default=0) for reeks in reeksen), default=0)
    stap = schaalstap(hoogste)
    vlak = _Vlak(len(labels), top=stap * max(1, math.ceil(hoogste / stap)))
    delen = [
        format_html(
            '<rect x="0" y="0" width="{}" height="{}" fill="{}" stroke="{}"/>',
            BREEDTE,
            HOOGTE,
            ACHTERGROND,
            RASTER,
        ),
        _waardeas(vlak, stap),
        _labelas(vlak, labels),
        tekenen(vlak, labels, reeksen),
        _legenda(reeksen, lijn=tekenen is _lijnen),
    ]
    return format_html(
        '<svg class="grafiek" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}" font-family="sans-serif" font-size="{}">'
        "<title>{}</title>{}</svg>",
        BREEDTE,
        HOOGTE,
        BREEDTE,
        HOOGTE,
        titel,
        LETTER,
        titel,
        mark_safe("".join(delen)),  # each part built by format_html
    )


def _getal(waarde: float) -> str:
    return f"{waarde:.1f}".removesuffix(".0")


def _waardeas(vlak, stap) -> SafeString:
    """Grid lines with their values on the left, and the axis itself."""
    lijnen = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" fill="{}">{}</text>',
        (
            (
                LINKS,
                BREEDTE - RECHTS,
                _getal(vlak.y(waarde)),
                _getal(vlak.y(waarde)),
                RASTER if waarde else AS,
                LINKS - 6,
                _getal(vlak.y(waarde)),
                TEKST,
                waarde,
            )
            for waarde in range(0, vlak.top + 1, stap)
        ),
    )
    return format_html(
        '{}<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>',
        lijnen,
        LINKS,
        LINKS,
        BOVEN,
        HOOGTE - ONDER,
        AS,
    )


def _regels(label: str, ruimte: float) -> list[str]:
    """A label broken between words into lines that fit ``ruimte`` (at most two)."""
    per_regel = max(4, int(ruimte / LETTERBREEDTE))
    regels = []
    for woord in label.split():
        if regels and len(regels[-1]) + 1 + len(woord) <= per_regel:
            regels[-1] += " " + woord
        else:
            regels.append(woord)
    if len(regels) > 2:
        regels = [regels[0], " ".join(regels[1:])]
    return regels


def _labelas(vlak, labels) -> SafeString:
    """The labels under their slots; with many labels only every so many is written out
    (the table has them all)."""
    elke = max(1, math.ceil(len(labels) * 4 * LETTERBREEDTE / vlak.breedte))
    teksten = []
    for index, label in enumerate(labels):
        if index % elke:
            continue
        regels = format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            (
                (_getal(vlak.midden(index)), "0" if n == 0 else "1.2em", regel)
                for n, regel in enumerate(_regels(label, vlak.vak * elke - 4))
            ),
        )
        teksten.append(
            format_html(
                '<text y="{}" text-anchor="middle" fill="{}">{}</text>',
                HOOGTE - ONDER + LETTER + 6,
                TEKST,
                regels,
            )
        )
    return mark_safe("".join(teksten))  # parts built by format_html


def _staven(vlak, labels, reeksen) -> SafeString:
    groep = vlak.vak * 0.8
    breedte = groep / len(reeksen)
    staven = []
    for nummer, reeks in enumerate(reeksen):
        for index, (label, waarde) in enumerate(zip(labels, reeks.waarden, strict=True)):
            x = vlak.midden(index) - groep / 2 + nummer * breedte + 1
            staven.append(
                format_html(
                    '<rect class="waarde" x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}</title></rect>",
                    _getal(x),
                    _getal(vlak.y(waarde)),
                    _getal(max(breedte - 2, 1)),
                    _getal(vlak.y(0) - vlak.y(waarde)),
                    KLEUREN[nummer % len(KLEUREN)],
                    _tooltip(label, reeks, reeksen, waarde),
                )
            )
    return mark_safe("".join(staven))  # parts built by format_html


def _lijnen(vlak, labels, reeksen) -> SafeString:
    delen = []
    for nummer, reeks in enumerate(reeksen):
        kleur = KLEUREN[nummer % len(KLEUREN)]
        punten = [
            (_getal(vlak.midden(index)), _getal(vlak.y(waarde)))
            for index, waarde in enumerate(reeks.waarden)
        ]
        delen.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                " ".join(f"{x},{y}" for x, y in punten),
                kleur,
                _streepjes(nummer),
            )
        )
        delen.extend(
            format_html(
                '<circle class="waarde" cx="{}" cy="{}" r="4" fill="{}"><title>{}</title></circle>',
                x,
                y,
                kleur,
                _tooltip(label, reeks, reeksen, waarde),
            )
            for (x, y), label, waarde in zip(punten, labels, reeks.waarden, strict=True)
        )
    return mark_safe("".join(delen))  # parts built by format_html


def _streepjes(nummer) -> SafeString:
    patroon = STREEPJES[nummer % len(STREEPJES)]
    return format_html(' stroke-dasharray="{}"', patroon) if patroon else mark_safe("")


def _tooltip(label, reeks, reeksen, waarde) -> str:
    return f"{label}, {reeks.naam}: {waarde}" if len(reeksen) > 1 else f"{label}: {waarde}"


def _legenda(reeksen, *, lijn) -> SafeString:
    """Above the plot, one swatch (a block, or a piece of the line) and name per series;
    none for a single series, which the chart's title names."""
    if len(reeksen) < 2:
        return mark_safe("")
    delen, x = [], LINKS
    for nummer, reeks in enumerate(reeksen):
        kleur = KLEUREN[nummer % len(KLEUREN)]
        delen.append(
            format_html(
                '<line x1="{}" x2="{}" y1="16" y2="16" stroke="{}" stroke-width="{}"{}/>'
                '<text x="{}" y="16" dominant-baseline="middle" fill="{}">{}</text>',
                x,
                x + 24,
                kleur,
                3 if lijn else 12,
                _streepjes(nummer) if lijn else mark_safe(""),
                x + 30,
                TEKST,
                reeks.naam,
            )
        )
        x += 30 + len(reeks.naam) * LETTERBREEDTE + 24
    return mark_safe("".join(delen))  # parts built by format_html
