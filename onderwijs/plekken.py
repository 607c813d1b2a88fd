"""What education puts in the pages of lower floors (see ``werkplaats.plekken``): on a
leeratelier's or praktijk's page, the onderwijsactiviteiten that draw on it, and on a praktijk's
page the 4 O's it stands for. ``OnderwijsConfig.ready`` registers it as ``{% plek "onderwijs"
leeratelier %}`` or ``{% plek "onderwijs" praktijk %}``."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from leerateliers.models import Leeratelier, LerendePraktijk
from publicaties.models import Activiteit

from .models import ONDERWIJS, Onderwijsactiviteit, PraktijkActiviteit


def os_van_praktijk(praktijk: LerendePraktijk, *, in_onderwijs: bool) -> list[Activiteit]:
    """The O's of ``praktijk``, in their order: those given in the admin, and onderwijs when
    students work in it (``in_onderwijs``)."""
    os = {
        koppeling.activiteit.pk: koppeling.activiteit
        for koppeling in PraktijkActiviteit.objects.filter(praktijk=praktijk).select_related(
            "activiteit"
        )
    }
    if in_onderwijs and not any(o.slug == ONDERWIJS for o in os.values()):
        onderwijs = Activiteit.objects.filter(slug=ONDERWIJS).first()
        if onderwijs is not None:
            os[onderwijs.pk] = onderwijs
    return sorted(os.values(), key=lambda o: o.volgorde)


def onderwijs(doel) -> SafeString:
    """The onderwijsactiviteiten of a leeratelier or praktijk (and a praktijk's O's); nothing
    where there is nothing to say."""
    if isinstance(doel, LerendePraktijk):
        activiteiten = list(Onderwijsactiviteit.objects.for_praktijk(doel))
        os = os_van_praktijk(doel, in_onderwijs=bool(activiteiten))
    elif isinstance(doel, Leeratelier):
        activiteiten, os = list(Onderwijsactiviteit.objects.for_leeratelier(doel)), []
    else:
        return mark_safe("")
    if not activiteiten and not os:
        return mark_safe("")
    context = {"activiteiten": activiteiten, "os": os}
    return mark_safe(render_to_string("onderwijs/includes/plek.html", context))  # a template
