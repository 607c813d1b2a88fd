from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from werkplaats.models import Profiel
from werkplaats.text import render_markdown, strip_control_characters

from .models import Leeratelier, TribuneUpdate


class LeeratelierUpdatesFeed(Feed):
    """Atom feed of a leeratelier's published tribune updates."""

    feed_type = Atom1Feed
    item_count = 20

    def author_name(self, leeratelier):
        """Atom needs an author for every entry; entries without one fall back to this."""
        return Profiel.objects.current().volledige_naam

    def get_object(self, request, slug):
        return get_object_or_404(Leeratelier, slug=slug)

    def title(self, leeratelier):
        return strip_control_characters(
            _("Tribune-updates van het leeratelier %(titel)s") % {"titel": leeratelier.titel}
        )

    def subtitle(self, leeratelier):
        return strip_control_characters(leeratelier.samenvatting)

    def link(self, leeratelier):
        return leeratelier.get_absolute_url()

    def items(self, leeratelier):
        return (
            TribuneUpdate.objects.published()
            .filter(leeratelier=leeratelier)
            .select_related("leeratelier", "auteur")[: self.item_count]
        )

    # Text that was pasted with control characters must not break the XML of the feed.
    def item_title(self, update):
        return strip_control_characters(update.titel)

    def item_description(self, update):
        return strip_control_characters(str(render_markdown(update.tekst)))

    def item_pubdate(self, update):
        return update.gepubliceerd_at

    def item_updateddate(self, update):
        return update.gepubliceerd_at

    def item_author_name(self, update):
        return strip_control_characters(update.auteur.naam) if update.auteur else None
