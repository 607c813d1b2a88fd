"""The Atom feed of the archive's editions (editions for a segment only are not in it)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from werkplaats.models import Profiel
from werkplaats.text import render_markdown, strip_control_characters

from .models import Editie


class EditieFeed(Feed):
    feed_type = Atom1Feed
    item_count = 20

    def title(self):
        naam = Profiel.objects.current().volledige_naam
        return strip_control_characters(_("Nieuwsbrief van de %(naam)s") % {"naam": naam})

    def link(self):
        return reverse("nieuwsbrief:index")

    def subtitle(self):
        return _("De edities van de nieuwsbrief, nieuwste eerst.")

    def author_name(self):
        return strip_control_characters(Profiel.objects.current().volledige_naam)

    def items(self):
        return Editie.objects.archief()[: self.item_count]

    def item_title(self, editie):
        return strip_control_characters(editie.titel)

    def item_description(self, editie):
        return strip_control_characters(render_markdown(editie.voorwoord))

    def item_pubdate(self, editie):
        return editie.verzonden_at

    def item_updateddate(self, editie):
        return editie.verzonden_at
