"""How easy a Dutch text reads: the Flesch-Douma reading ease, as advice to those who write.

Douma (1960) fitted Flesch's formula to Dutch:

    206.84 − 0.77 × (syllables per 100 words) − 0.93 × (average words per sentence)

Syllables are counted with the Dutch hyphenation dictionary of ``pyphen`` (each place a word may
be hyphenated starts a syllable), words and sentences on the text with its Markdown and HTML
taken away. A list item, a heading or a paragraph without a full stop is a sentence of its own;
a web or email address counts as one short word; a number counts a syllable per digit; a full
stop after an abbreviation (``bijv.``, ``o.a.``, an initial) ends no sentence. It is a rough
measure of sentence and word length, not of whether a reader understands the text.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html import unescape

import pyphen
from django.utils.translation import gettext_lazy as _

from .text import strip_control_characters

# A sentence with more words than this is long (B1 guides advise 15 to 20 at most).
MAX_WOORDEN_PER_ZIN = 20
# Below this many words the number says little; the indication says so.
WEINIG_WOORDEN = 15
# Longer texts get no indication (the work grows with the text; no summary comes near).
MAX_TEKENS = 20_000


@dataclass(frozen=True)
class Niveau:
    """One band of Douma's table: from which score, how it reads, and who can read it."""

    vanaf: int
    naam: str
    lezers: str


# Douma's bands, with today's school years for the ones he named (4e–7e klas lagere school,
# mulo, hbs, universiteit).
NIVEAUS = (
    Niveau(90, _("zeer makkelijk"), _("te lezen vanaf groep 6 van de basisschool")),
    Niveau(80, _("makkelijk"), _("te lezen vanaf groep 7 van de basisschool")),
    Niveau(70, _("redelijk makkelijk"), _("te lezen vanaf groep 8 van de basisschool")),
    Niveau(60, _("normaal"), _("te lezen na de eerste klas van het voortgezet onderwijs")),
    Niveau(45, _("redelijk moeilijk"), _("voor lezers met een mavo- of vmbo-t-diploma")),
    Niveau(30, _("moeilijk"), _("voor lezers met een havo- of vwo-diploma")),
    Niveau(0, _("zeer moeilijk"), _("voor lezers met een universitaire opleiding")),
)


@dataclass(frozen=True)
class Zin:
    tekst: str
    woorden: int


@dataclass(frozen=True)
class Leesbaarheid:
    """The indication of one text. ``score`` is None for a text without words or one longer
    than ``MAX_TEKENS`` (``te_lang``)."""

    woorden: int = 0
    zinnen: int = 0
    lettergrepen: int = 0
    lange_zinnen: tuple[Zin, ...] = ()
    te_lang: bool = False

    @property
    def score(self) -> float | None:
        if not self.woorden:
            return None
        return (
            206.84
            - 0.77 * (100 * self.lettergrepen / self.woorden)
            - 0.93 * (self.woorden / self.zinnen)
        )

    @property
    def getal(self) -> int | None:
        """The score as shown: rounded, and within Douma's scale of 0 to 100."""
        score = self.score
        return None if score is None else min(100, max(0, round(score)))

    @property
    def niveau(self) -> Niveau | None:
        getal = self.getal
        if getal is None:
            return None
        return next(niveau for niveau in NIVEAUS if getal >= niveau.vanaf)

    @property
    def is_kort(self) -> bool:
        return 0 < self.woorden < WEINIG_WOORDEN


def leesbaarheid(tekst: str | None) -> Leesbaarheid:
    """The Flesch-Douma indication of ``tekst`` (Markdown, HTML or plain), with its long
    sentences. Any text gives an answer; none raises."""
    tekst = strip_control_characters(tekst)
    if len(tekst) > MAX_TEKENS:
        return Leesbaarheid(te_lang=True)
    zinnen = [zin for zin in _zinnen(_platte_tekst(tekst)) if zin.woorden]
    woorden = sum(zin.woorden for zin in zinnen)
    return Leesbaarheid(
        woorden=woorden,
        zinnen=len(zinnen),
        lettergrepen=sum(_lettergrepen_van_woord(w) for zin in zinnen for w in _woorden(zin.tekst)),
        lange_zinnen=tuple(zin for zin in zinnen if zin.woorden > MAX_WOORDEN_PER_ZIN),
    )


# --- From Markdown to blocks of plain text ------------------------------------------------------
# Regular expressions of bounded length rather than the Markdown renderer: they take linear time
# on any input (Python-Markdown takes seconds on some), and only the words and the ends of
# sentences and blocks matter here.

# [tekst](adres "titel"), ![beschrijving](adres) and [tekst][verwijzing]: the text stays.
LINK = re.compile(
    r"!?\[([^\[\]\n]{0,500})\](?:\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)|\[[^\[\]\n]{0,100}\])"
)
VERWIJZING = re.compile(r"^ {0,3}\[[^\[\]\n]{1,100}\]:.*$", re.M)  # [1]: https://…
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]{0,2000}>", re.I)
# An HTML element that ends a block (paragraph, list item, heading, line break, cell …).
BLOKELEMENT = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|blockquote|pre|hr|br|div|section|table|tr|td|th|dd|dt)\b[^<>]{0,500}>",
    re.I,
)
ELEMENT = re.compile(r"<!--.{0,5000}?-->|</?[a-z][^<>]{0,500}>", re.I | re.S)
ADRES = re.compile(
    r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]\"'’”]|"
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}",
    re.I,
)
# A line that starts a block of its own: a list item or a heading; the marks of a quote go.
BLOKREGEL = re.compile(r"^\s{0,8}(?:[-*+]\s+|\d{1,9}[.)]\s+|#{1,6}\s+)")
CITAAT = re.compile(r"^\s{0,3}>[>\s]*")
# A line with only markup (a rule, a heading's underline, a table's divider, a code fence).
MARKUPREGEL = re.compile(r"^[\s\-=*_|:`~]*$")
OPMAAK = re.compile(r"(?<![^\W_])[*_~`]+|[*_~`]+(?![^\W_])")  # **vet**, _cursief_, `code`


def _platte_tekst(tekst: str) -> list[str]:
    """The blocks of ``tekst`` (Markdown, HTML or plain) as plain text, each on one line;
    web and email addresses become the word "link"."""
    tekst = VERWIJZING.sub("", tekst.replace("\r\n", "\n").replace("\r", "\n"))
    tekst = AUTOLINK.sub(" link ", LINK.sub(r"\1", tekst))
    tekst = ELEMENT.sub(" ", BLOKELEMENT.sub("\n\n", tekst))
    tekst = ADRES.sub("link", unescape(tekst))
    blokken, blok = [], []
    for regel in tekst.split("\n"):
        regel = CITAAT.sub("", regel)
        nieuw = BLOKREGEL.match(regel)
        if nieuw or MARKUPREGEL.match(regel):
            blokken.append(blok)
            blok = []
        if not MARKUPREGEL.match(regel):
            blok.append(regel[nieuw.end() :] if nieuw else regel)
    blokken.append(blok)
    return [b for b in (" ".join(OPMAAK.sub("", " ".join(blok)).split()) for blok in blokken) if b]


# --- Sentences ----------------------------------------------------------------------------------

# Abbreviations whose full stop ends no sentence (lower case, without their last full stop).
# Those with a full stop inside (o.a., d.w.z.) and initials (J.) are recognised by their form.
AFKORTINGEN = {
    "afd", "art", "bijl", "bijv", "blz", "bv", "ca", "cf", "dhr", "dr", "drs", "enz", "etc",
    "evt", "excl", "fig", "gem", "hr", "incl", "ing", "ir", "jl", "jr", "max", "min", "mevr",
    "mld", "mln", "mr", "mrd", "mw", "nr", "ong", "pag", "prof", "red", "resp", "sr", "st",
    "tel", "vgl", "vs", "zgn",
    "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
}  # fmt: skip
# A place where a sentence may end: . ! ? or … (with closing quotes or brackets) before a space.
EINDE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
INTERPUNCTIE_VOOR = "\"'“‘([«"


def _is_afkorting(woord: str) -> bool:
    kaal = woord.lstrip(INTERPUNCTIE_VOOR).lower()
    if not kaal.endswith(".") or kaal.endswith(".."):
        return False
    kaal = kaal[:-1]
    return (
        kaal in AFKORTINGEN
        or (len(kaal) == 1 and kaal.isalpha())
        or re.fullmatch(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}", kaal) is not None
    )


def _zinnen(blokken: list[str]):
    """The sentences of each block; a block is at least one sentence."""
    for blok in blokken:
        begin = 0
        for einde in EINDE.finditer(blok):
            volgende = blok[einde.end() :].lstrip()[:1]
            woord = blok[begin : einde.end()].rsplit(None, 1)[-1]
            if volgende.islower() or (woord.endswith(".") and _is_afkorting(woord)):
                continue
            yield _zin(blok[begin : einde.end()])
            begin = einde.end()
        if blok[begin:].strip():
            yield _zin(blok[begin:])


def _zin(tekst: str) -> Zin:
    tekst = tekst.strip()
    return Zin(tekst=tekst, woorden=len(_woorden(tekst)))


# --- Words and syllables ------------------------------------------------------------------------

# A word: letters or digits, joined by a hyphen, apostrophe, full stop, comma or slash
# (e-mail, zo'n, o.a, 3,5, en/of).
WOORD = re.compile(r"[^\W_]+(?:[-'’.,/][^\W_]+)*")
DEEL = re.compile(r"[^\W\d_]+|\d+")


def _woorden(tekst: str) -> list[str]:
    return WOORD.findall(tekst)


@cache
def _woordenboek() -> pyphen.Pyphen:
    # left and right 1: every place counts, also one letter from the start or the end (a-pen).
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


# Longer runs of letters are no Dutch word (the dictionary would take long on them): their
# syllables are their groups of vowels.
LANGSTE_WOORD = 60
KLINKERS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", re.I)


@lru_cache(maxsize=20_000)
def _lettergrepen_van_woord(woord: str) -> int:
    """Syllables of a word: per part of letters, one more than its hyphenation points; per
    number, one per digit (2024 reads as tweeduizendvierentwintig)."""
    totaal = 0
    for deel in DEEL.findall(woord):
        if deel.isdigit():
            totaal += len(deel)
        elif len(deel) > LANGSTE_WOORD:
            totaal += len(KLINKERS.findall(deel))
        else:
            totaal += len(_woordenboek().positions(deel.lower())) + 1
    return max(totaal, 1)
