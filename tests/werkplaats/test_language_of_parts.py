"""WCAG 3.1.2, language of parts: on a page whose interface is English, the Dutch content of the
demo (titles, summaries, names) sits in an element with ``lang="nl"``; the four voorwaarden
show their English names, in English. The same page in Dutch has no such attribute: the html
element says it all, except where a text says its own language (a publicatie's ``taal``, a
voorwaarde or the profile read through ``taal_van``)."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import translation

from bijeenkomsten.models import Bijeenkomst
from kennisagenda.models import Kennisagenda
from leerateliers.models import Leeratelier, LerendePraktijk
from publicaties.models import Publicatie
from werkplaats.models import Gemeente, Organisatie, Persoon, Profiel, Thema, Voorwaarde
from werkplaats.text import plain_text

pytestmark = pytest.mark.django_db

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def normal(text):
    return re.sub(r"\s+", " ", text or "").strip()


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # elements and strings, in order

    @property
    def text(self):
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def lang_element(self):
        """The element that says which language this one is in: itself or an ancestor."""
        element = self
        while element is not None and "lang" not in element.attrs:
            element = element.parent
        return element

    @property
    def lang(self):
        element = self.lang_element
        return element.attrs["lang"] if element is not None else None

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()


class Tree(HTMLParser):
    """The page as elements (the standard library parses; the test needs no other package)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        element = self.current
        while element is not None and element.tag != tag:
            element = element.parent
        if element is not None and element.parent is not None:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)

    def find(self, tag):
        return next(e for e in self.root.walk() if e.tag == tag)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, Tree(response.content.decode())


def holders(tree, text):
    """The innermost elements of <body> whose text contains ``text``."""
    text = normal(text)
    found = []

    def visit(element):
        inner = [c for c in element.children if isinstance(c, Element) and text in normal(c.text)]
        if not inner and text in normal(element.text):
            found.append(element)
        for child in inner:
            visit(child)

    visit(tree.find("body"))
    return found


def assert_in_dutch(tree, *texts):
    """Each text is on the page, and wherever it is, it is marked Dutch: never left to the
    language of the html element (a name may also stand in a text with an English version
    of its own, which says so)."""
    for text in texts:
        found = holders(tree, text)
        assert found, f"{text!r} is not on the page"
        for element in found:
            marked = element.lang == "nl" or element.lang_element.tag != "html"
            assert marked, f"{text!r} in <{element.tag} {element.attrs}>"
        assert any(element.lang == "nl" for element in found), f"{text!r} nowhere in Dutch"


def en(obj_or_path):
    """The English address of an object (or of a path on the Dutch site)."""
    with translation.override("en"):
        if isinstance(obj_or_path, str):
            return f"/en{obj_or_path}"
        return obj_or_path.get_absolute_url()


def nl(obj):
    with translation.override("nl"):
        return obj.get_absolute_url()


def own_language_texts():
    """The texts whose element says their own language on a Dutch page too: publicaties
    (their ``taal``), the voorwaarden and the profile (``taal_van``), as plain text."""
    texts = []
    for voorwaarde in Voorwaarde.objects.all():
        texts += [voorwaarde.naam, voorwaarde.samenvatting, voorwaarde.beschrijving]
    profiel = Profiel.objects.current()
    texts += [profiel.omschrijving, plain_text(profiel.introductie), plain_text(profiel.over)]
    for publicatie in Publicatie.objects.all():
        texts += [publicatie.titel, publicatie.samenvatting, plain_text(publicatie.inhoud)]
        texts.append(plain_text(publicatie.transcript))
    return [normal(text) for text in texts if normal(text)]


def assert_no_marked_content(tree, allowed):
    """A Dutch page: no lang="nl" below the html element, but on the texts that carry their
    own language."""
    for element in tree.root.walk():
        if element.tag == "html" or element.attrs.get("lang") != "nl":
            continue
        text = normal(element.text).lstrip(": ")
        assert any(t.startswith(text[:30]) or text.startswith(t[:30]) for t in allowed), (
            f"lang=nl on a Dutch page: <{element.tag} {element.attrs}> {text[:60]!r}"
        )


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def check_dutch_twin(client):
    """Fetches the Dutch version of each English page checked, and checks it."""
    checked = []

    def check(english_url):
        checked.append(english_url)

    yield check
    allowed = own_language_texts()
    for english_url in checked:
        dutch_url = english_url.removeprefix("/en")
        _response, tree = page(client, dutch_url)
        assert tree.find("html").attrs["lang"] == "nl"
        assert_no_marked_content(tree, allowed)


def test_home(client, demo, check_dutch_twin):
    response, tree = page(client, "/en/")
    assert tree.find("html").attrs["lang"] == "en"
    leeratelier = response.context["leerateliers"][0]
    assert_in_dutch(tree, leeratelier.titel, leeratelier.samenvatting)
    gemeente = response.context["gemeenten"][0]
    assert_in_dutch(tree, gemeente.naam)
    check_dutch_twin("/en/")


def test_leeratelier(client, demo, check_dutch_twin):
    leeratelier = Leeratelier.objects.filter(trekkerschappen__isnull=False).first()
    url = en(leeratelier)
    assert url.startswith("/en/leerateliers/")
    _response, tree = page(client, url)
    trekkers = [t.persoon.naam for t in leeratelier.trekkerschappen.all()]
    praktijken = [p.titel for p in leeratelier.praktijken.all()]
    assert_in_dutch(tree, leeratelier.titel, leeratelier.samenvatting, *trekkers, *praktijken)
    check_dutch_twin(url)


def test_publicatie(client, demo, check_dutch_twin):
    publicatie = Publicatie.objects.published().filter(taal="nl").first()
    url = en(publicatie)
    _response, tree = page(client, url)
    assert_in_dutch(tree, publicatie.titel, *publicatie.auteurs)
    check_dutch_twin(url)


def test_bijeenkomst(client, demo, check_dutch_twin):
    bijeenkomst = Bijeenkomst.objects.exclude(samenvatting="").first()
    url = en(bijeenkomst)
    _response, tree = page(client, url)
    assert_in_dutch(tree, bijeenkomst.titel, bijeenkomst.samenvatting)
    check_dutch_twin(url)


def test_kennisagenda(client, demo, check_dutch_twin):
    agenda = Kennisagenda.objects.current()
    _response, tree = page(client, "/en/kennisagenda/")
    kwesties = [punt.kwestie.naam for punt in agenda.punten.all()]
    assert kwesties
    assert_in_dutch(tree, agenda.titel, *kwesties)
    check_dutch_twin("/en/kennisagenda/")


def test_sociale_kwaliteit_in_english_names(client, demo, check_dutch_twin):
    _response, tree = page(client, "/en/sociale-kwaliteit/")
    for voorwaarde in Voorwaarde.objects.all():
        assert voorwaarde.naam_en
        for element in holders(tree, voorwaarde.naam_en):
            assert element.lang == "en", voorwaarde.naam_en
        assert not holders(tree, voorwaarde.naam), f"{voorwaarde.naam!r} shown in Dutch"
    titels = Leeratelier.objects.values_list("titel", flat=True)
    assert_in_dutch(tree, *[titel for titel in titels if holders(tree, titel)][:5])
    check_dutch_twin("/en/sociale-kwaliteit/")


def test_voorwaarde(client, demo, check_dutch_twin):
    voorwaarde = Voorwaarde.objects.get(slug="sociale-cohesie")
    url = en(voorwaarde)
    _response, tree = page(client, url)
    h1 = tree.find("h1")
    assert normal(h1.text) == voorwaarde.naam_en
    assert h1.lang == "en"
    for element in holders(tree, voorwaarde.samenvatting_en):
        assert element.lang == "en"
    assert not holders(tree, voorwaarde.naam)
    leerateliers = [leeratelier.titel for leeratelier in voorwaarde.leerateliers.all()]
    assert_in_dutch(tree, *leerateliers)
    check_dutch_twin(url)

    _response, dutch = page(client, nl(voorwaarde))
    assert normal(dutch.find("h1").text) == voorwaarde.naam
    assert dutch.find("h1").lang == "nl"
    assert not holders(dutch, voorwaarde.naam_en)


def test_voorwaarde_without_english_version_is_marked_dutch(client, demo):
    voorwaarde = Voorwaarde.objects.get(slug="sociale-inclusie")
    voorwaarde.naam_en = voorwaarde.samenvatting_en = ""
    voorwaarde.save()
    _response, tree = page(client, en(voorwaarde))
    assert normal(tree.find("h1").text) == voorwaarde.naam
    assert_in_dutch(tree, voorwaarde.naam, voorwaarde.samenvatting)


def test_organisatie(client, demo, check_dutch_twin):
    organisatie = Organisatie.objects.filter(personen__isnull=False).first()
    url = en(organisatie)
    _response, tree = page(client, url)
    personen = [persoon.naam for persoon in organisatie.personen.all()]
    assert_in_dutch(tree, organisatie.naam, *personen)
    check_dutch_twin(url)


def test_gemeente(client, demo, check_dutch_twin):
    gemeente = Gemeente.objects.filter(praktijken__isnull=False).first()
    url = en(gemeente)
    _response, tree = page(client, url)
    praktijken = [praktijk.titel for praktijk in gemeente.praktijken.all()]
    assert_in_dutch(tree, gemeente.naam, *praktijken)
    check_dutch_twin(url)


def test_persoon(client, demo, check_dutch_twin):
    persoon = Persoon.objects.exclude(functie="").filter(trekkerschappen__isnull=False).first()
    url = en(persoon)
    _response, tree = page(client, url)
    leerateliers = [t.leeratelier.titel for t in persoon.trekkerschappen.all()]
    assert_in_dutch(tree, persoon.naam, persoon.functie, *leerateliers)
    check_dutch_twin(url)


def test_thema(client, demo, check_dutch_twin):
    thema = Thema.objects.filter(leerateliers__isnull=False).first()
    url = en(thema)
    _response, tree = page(client, url)
    leerateliers = [leeratelier.titel for leeratelier in thema.leerateliers.all()]
    assert_in_dutch(tree, thema.naam, *leerateliers)
    for voorwaarde in thema.voorwaarden.all():
        for element in holders(tree, voorwaarde.naam_en):
            assert element.lang == "en"
    check_dutch_twin(url)


def test_praktijk(client, demo, check_dutch_twin):
    praktijk = LerendePraktijk.objects.filter(lessen__isnull=False).first()
    url = en(praktijk)
    _response, tree = page(client, url)
    lessen = [les.tekst for les in praktijk.lessen.all()]
    assert_in_dutch(tree, praktijk.titel, praktijk.leeratelier.titel, *lessen)
    check_dutch_twin(url)


def test_search_results(client, demo, check_dutch_twin):
    leeratelier = Leeratelier.objects.first()
    woord = max(leeratelier.titel.split(), key=len)
    url = f"/en/zoeken/?q={woord}"
    _response, tree = page(client, url)
    assert_in_dutch(tree, leeratelier.titel)
    check_dutch_twin(url)


def test_site_name_and_footer(client, demo):
    profiel = Profiel.objects.current()
    _response, tree = page(client, "/en/partners/")
    assert_in_dutch(tree, profiel.volledige_naam)
    assert profiel.omschrijving_en
    for element in holders(tree, profiel.omschrijving_en):
        assert element.lang == "en"
