import datetime
import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from leerateliers.models import Leeratelier
from werkplaats.media import clock_duration
from werkplaats.models import Profiel
from werkplaats.text import strip_control_characters

from .citation import image_url
from .models import PODCAST_FEEDS, Publicatie, Soort

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


ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class PodcastRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the iTunes tags that podcast apps read (Apple's podcast RSS format)."""

    # Apple's list has no category for social work. Education fits: the episodes share what
    # research and practice learned with professionals and students; Government is meant for
    # shows about government itself.
    itunes_category = "Education"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["itunes_author"])
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", self.feed["itunes_author"])
        if self.feed["itunes_email"]:
            handler.addQuickElement("itunes:email", self.feed["itunes_email"])
        handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:image", None, {"href": self.feed["itunes_image"]})
        handler.addQuickElement("itunes:category", None, {"text": self.itunes_category})
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["itunes_duration"]:
            handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:episodeType", "full")
        if item["itunes_image"]:
            handler.addQuickElement("itunes:image", None, {"href": item["itunes_image"]})


@dataclass(frozen=True)
class Reeks:
    """A podcast feed as one request asks for it: the soort it plays, and the request that
    makes the addresses of files and images absolute."""

    soort: str
    request: HttpRequest


class PodcastFeed(PublicatiesRssFeed):
    """The published publicaties of one soort with an uploaded audio or video file, for
    podcast apps: ``/feeds/podcast/`` (soort podcast) and ``/feeds/kennisclips/``."""

    feed_type = PodcastRssFeed
    language = "nl"
    item_count = 300

    def get_object(self, request, soort):
        if soort not in PODCAST_FEEDS:
            raise Http404(_("Van deze soort publicatie is er geen podcast."))
        return Reeks(soort=soort, request=request)

    def title(self, reeks):
        naam = Profiel.objects.current().volledige_naam
        if reeks.soort == Soort.KENNISCLIP:
            title = _("Kennisclips van de %(naam)s") % {"naam": naam}
        else:
            title = _("Podcasts van de %(naam)s") % {"naam": naam}
        return strip_control_characters(title)

    def link(self, reeks):
        return f"{reverse('publicaties:list')}?soort={reeks.soort}"

    def description(self, reeks):
        if reeks.soort == Soort.KENNISCLIP:
            return _("Kennisclips en video's uit de leerateliers, nieuwste eerst.")
        return _("Podcasts uit de leerateliers, nieuwste eerst.")

    def feed_extra_kwargs(self, reeks):
        profiel = Profiel.objects.current()
        return {
            "itunes_author": strip_control_characters(profiel.volledige_naam),
            "itunes_email": profiel.email,
            "itunes_image": reeks.request.build_absolute_uri(static("img/podcast.png")),
        }

    def items(self, reeks):
        publicaties = list(
            Publicatie.objects.for_podcast(reeks.soort).defer("transcript")[: self.item_count]
        )
        for publicatie in publicaties:
            # Item methods see only the item: it carries its addresses, made absolute for
            # this request (a file on a storage with its own domain keeps that domain).
            publicatie.bestand_absolute_url = reeks.request.build_absolute_uri(
                publicatie.bestand.url
            )
            publicatie.omslag_absolute_url = image_url(publicatie, reeks.request)
        return publicaties

    def item_guid_is_permalink(self, publicatie):
        return True

    def item_enclosure_url(self, publicatie):
        return publicatie.bestand_absolute_url

    def item_enclosure_length(self, publicatie):
        return publicatie.bestand_grootte

    def item_enclosure_mime_type(self, publicatie):
        return publicatie.media[1]

    def item_extra_kwargs(self, publicatie):
        return {
            "itunes_duration": clock_duration(publicatie.duur) if publicatie.duur else None,
            "itunes_image": publicatie.omslag_absolute_url or None,
        }
