"""The invitation to answer, for the ``{% plek "reageren" doel %}`` on a leeratelier, praktijk
or publicatie page (see ``werkplaats.plekken``; ``ReactiesConfig.ready`` puts it there): a
link to the form per kind of message; nothing where visitors cannot answer."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .models import Soort, reageren_url


def reageren(doel, kop="") -> SafeString:
    """``kop``: a heading of its own (for a page without a box to put it in)."""
    soorten = Soort.voor(doel)
    if not soorten:
        return mark_safe("")
    url = reageren_url(doel)
    context = {"kop": kop, "acties": [(soort, f"{url}?soort={soort.value}") for soort in soorten]}
    return mark_safe(render_to_string("reacties/includes/reageren.html", context))  # a template
