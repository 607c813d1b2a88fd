"""What every page knows: the werkplaats' profile (read once per page, when a template uses
it)."""

from django.utils.functional import SimpleLazyObject

from .models import Profiel


def profiel(request):
    return {"profiel": SimpleLazyObject(Profiel.objects.current)}
