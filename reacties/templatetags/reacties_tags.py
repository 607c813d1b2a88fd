"""``{% reageren doel %}``: the invitation to answer on a leeratelier, praktijk or publicatie
page, with a link to the form per kind of message; nothing where visitors cannot answer."""

from django import template

from ..models import Soort, reageren_url

register = template.Library()


@register.inclusion_tag("reacties/includes/reageren.html")
def reageren(doel, kop=""):
    """``kop``: a heading of its own (for a page without a box to put it in)."""
    soorten = Soort.voor(doel)
    url = reageren_url(doel) if soorten else ""
    return {
        "kop": kop,
        "acties": [(soort, f"{url}?soort={soort.value}") for soort in soorten],
    }
