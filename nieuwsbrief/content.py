"""What an edition says, ready to show: the voorwoord and its items grouped per leeratelier
(the rubrieken of the October 2020 edition), the same for the web page, the emails (text and
HTML) and the feed. Linked items show what they link to as it is now; an item whose source is
no longer public (a publicatie or update taken back) is left out."""

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from bijeenkomsten.models import Status as BijeenkomstStatus
from bijeenkomsten.templatetags.bijeenkomsten_tags import wanneer
from leerateliers.models import Leeratelier, UpdateStatus
from publicaties.models import Status as PublicatieStatus
from werkplaats.links import absolute_url
from werkplaats.text import render_markdown

from .models import Editie, Item, ItemSoort


@dataclass
class Onderdeel:
    titel: str
    soort: str
    tekst: str  # Markdown, for the text email
    tekst_html: SafeString
    url: str = ""
    meta: str = ""


@dataclass
class Rubriek:
    """A leeratelier's section, or (``leeratelier`` None) one general section."""

    leeratelier: Leeratelier | None
    url: str = ""
    onderdelen: list[Onderdeel] = field(default_factory=list)

    @property
    def titel(self) -> str:
        return self.leeratelier.titel if self.leeratelier else ""


def items_for_edition(editie: Editie) -> QuerySet[Item]:
    """The included items with everything they show, in the editor's order (one query)."""
    return (
        Item.objects.filter(editie=editie, is_opgenomen=True)
        .select_related(
            "leeratelier",
            "publicatie",
            "update__leeratelier",
            "bijeenkomst",
            "les__leeratelier",
            "les__praktijk__leeratelier",
        )
        .order_by("volgorde", "pk")
    )


def _is_public(item: Item) -> bool:
    if item.soort == ItemSoort.PUBLICATIE:
        return item.publicatie.status == PublicatieStatus.GEPUBLICEERD
    if item.soort == ItemSoort.UPDATE:
        update = item.update
        return update.status == UpdateStatus.GEPUBLICEERD and (
            update.gepubliceerd_at is not None and update.gepubliceerd_at <= timezone.now()
        )
    return True


def _absolute_links(text: str, html: str) -> tuple[str, SafeString]:
    """Site paths in Markdown links (``](/kennisagenda/)``) and in the rendered ``href``s made
    into full addresses, for emails, which have no site to be relative to."""
    base = absolute_url("")
    text = re.sub(r"\]\(/(?!/)", f"]({base}/", text)
    html = re.sub(r'href="/(?!/)', f'href="{base}/', str(html))
    return text, mark_safe(html)  # only hrefs changed in HTML that was sanitised already


def _onderdeel(item: Item, link) -> Onderdeel:
    """One item as shown; ``link`` makes a path into the address the reader follows."""
    titel, tekst, url, meta = item.titel, item.tekst, "", ""
    if item.soort == ItemSoort.PUBLICATIE:
        bron = item.publicatie
        titel = titel or bron.titel
        tekst = tekst or bron.samenvatting
        url = link(bron.get_absolute_url())
        meta = f"{bron.get_soort_display()} · {date_format(bron.gepubliceerd_on, 'j F Y')}"
    elif item.soort == ItemSoort.UPDATE:
        bron = item.update
        titel = titel or bron.titel
        tekst = tekst or bron.tekst
        url = link(bron.get_absolute_url())
        meta = date_format(timezone.localtime(bron.gepubliceerd_at), "j F Y")
    elif item.soort == ItemSoort.BIJEENKOMST:
        bron = item.bijeenkomst
        titel = titel or bron.titel
        tekst = tekst or bron.samenvatting
        url = link(bron.get_absolute_url())
        meta = wanneer(bron)
        if bron.status == BijeenkomstStatus.GEANNULEERD:
            meta = f"{meta} · {BijeenkomstStatus.GEANNULEERD.label}"
    elif item.soort == ItemSoort.LES:
        bron = item.les
        # A regional les may stand above the praktijken: then it is its leeratelier's.
        titel = titel or (bron.praktijk or bron.leeratelier).titel
        tekst = tekst or bron.tekst
        url = link(bron.get_absolute_url())
        meta = str(ItemSoort.LES.label)
    tekst_html = render_markdown(tekst)
    if link is absolute_url:
        tekst, tekst_html = _absolute_links(tekst, tekst_html)
    return Onderdeel(
        titel=titel,
        soort=item.get_soort_display(),
        tekst=tekst,
        tekst_html=tekst_html,
        url=url,
        meta=meta,
    )


def rubrieken(editie: Editie, *, absolute: bool = False) -> list[Rubriek]:
    """The items grouped per leeratelier, in the order the editor gave the first item of each
    group; items without a leeratelier each make a general section of their own."""
    link = absolute_url if absolute else str
    found: list[Rubriek] = []
    by_leeratelier: dict[int, Rubriek] = {}
    for item in items_for_edition(editie):
        if not _is_public(item):
            continue
        onderdeel = _onderdeel(item, link)
        if item.leeratelier_id is None:
            found.append(Rubriek(None, onderdelen=[onderdeel]))
            continue
        rubriek = by_leeratelier.get(item.leeratelier_id)
        if rubriek is None:
            rubriek = Rubriek(item.leeratelier, url=link(item.leeratelier.get_absolute_url()))
            by_leeratelier[item.leeratelier_id] = rubriek
            found.append(rubriek)
        rubriek.onderdelen.append(onderdeel)
    return found


def context(editie: Editie, *, absolute: bool = False) -> dict:
    """What the edition's templates (page, emails) show; ``absolute``: for an email."""
    voorwoord, voorwoord_html = editie.voorwoord, render_markdown(editie.voorwoord)
    if absolute:
        voorwoord, voorwoord_html = _absolute_links(voorwoord, voorwoord_html)
    return {
        "editie": editie,
        "voorwoord": voorwoord,
        "voorwoord_html": voorwoord_html,
        "rubrieken": rubrieken(editie, absolute=absolute),
        "editie_url": absolute_url(editie.get_absolute_url())
        if absolute
        else editie.get_absolute_url(),
    }


def is_empty(editie: Editie) -> bool:
    """Nothing to read: no voorwoord and no included item."""
    return not editie.voorwoord.strip() and not editie.items.filter(is_opgenomen=True).exists()
