import datetime
import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from leerateliers.models import Leeratelier
from werkplaats.models import Profiel
from werkplaats.text import strip_control_characters

from .models import Publicatie, Soort

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,150}")


class PublicatiesAtomFeed(Feed):
    """The newest published publicaties; ``?soort=`` or ``?leeratelier=`` narrows them."""

    feed_type = Atom1Feed
    item_count = 30

    def author_name(self, selection):
        return Profiel.objects.current().volledige_naam

    def get_object(self, request):
        soort = request.GET.get("soort", "")
        if soort and soort not in Soort.values:
            raise Http404(_("Onbekende soort publicatie."))
        leeratelier = None
        if slug := request.GET.get("leeratelier", ""):
            if not SLUG.fullmatch(slug):
                raise Http404(_("Onbekend leeratelier."))
            leeratelier = Leeratelier.objects.filter(slug=slug).first()
            if leeratelier is None:
                raise Http404(_("Onbekend leeratelier."))
        return {"soort": soort, "leeratelier": leeratelier}

    def title(self, selection):
        naam = Profiel.objects.current().volledige_naam
        parts = [_("Publicaties van de %(naam)s") % {"naam": naam}]
        if selection["soort"]:
            parts.append(Soort(selection["soort"]).label)
        if selection["leeratelier"]:
            parts.append(selection["leeratelier"].titel)
        return strip_control_characters(" — ".join(str(part) for part in parts))

    def link(self, selection):
        return "/publicaties/"

    def description(self, selection):
        return _("Rapporten, methodieken, podcasts, essays en meer uit de leerateliers.")

    subtitle = description

    def items(self, selection):
        items = Publicatie.objects.for_feed()
        if selection["soort"]:
            items = items.filter(soort=selection["soort"])
        if selection["leeratelier"]:
            items = items.filter(leerateliers=selection["leeratelier"])
        return items[: self.item_count]

    def item_title(self, publicatie):
        return strip_control_characters(publicatie.titel)

    def item_description(self, publicatie):
        return strip_control_characters(publicatie.samenvatting)

    def item_pubdate(self, publicatie):
        midnight = datetime.datetime.combine(publicatie.gepubliceerd_on, datetime.time())
        return timezone.make_aware(midnight)

    def item_author_name(self, publicatie):
        return strip_control_characters(", ".join(publicatie.auteurs)) or None

    def item_categories(self, publicatie):
        return [publicatie.get_soort_display()]


class PublicatiesRssFeed(PublicatiesAtomFeed):
    feed_type = Rss201rev2Feed
