"""What every page knows: the werkplaats' profile (read once per page, when a template uses
it)."""

from django.utils.functional import SimpleLazyObject

from . import i18n
from .models import Profiel


def profiel(request):
    return {"profiel": SimpleLazyObject(Profiel.objects.current)}


def taal(request):
    """The switcher's other languages, and ``nl_inhoud``: the attribute marking Dutch content
    on a page whose interface is in another language."""
    return {
        "andere_talen": SimpleLazyObject(lambda: i18n.switcher(request)),
        "nl_inhoud": i18n.nl_inhoud(),
    }
