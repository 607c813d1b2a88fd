from django.shortcuts import get_object_or_404, render

from werkplaats.models import Voorwaarde

from .models import Besluit, Commissielid, Kennisagenda, Kwestie, KwestieStatus


def _agenda_page(request, agenda, template, **extra):
    voorwaarden = list(Voorwaarde.objects.all())
    context = {
        "agenda": agenda,
        "matrix": agenda.matrix(voorwaarden) if agenda else None,
        "versies": Kennisagenda.objects.public(),
        **extra,
    }
    return render(request, template, context)


def current(request):
    """The adopted agenda with its kwesties, the coverage matrix and the programmacommissie."""
    return _agenda_page(
        request,
        Kennisagenda.objects.for_detail().current(),
        "kennisagenda/current.html",
        commissie=Commissielid.objects.current().for_list(),
    )


def version(request, slug):
    """An earlier (archived) version; concepts are not public."""
    agenda = get_object_or_404(Kennisagenda.objects.for_detail().public(), slug=slug)
    return _agenda_page(request, agenda, "kennisagenda/version.html")


def history(request):
    """How the agenda changed: versions, new, merged and lapsed kwesties, with the decisions."""
    return render(
        request,
        "kennisagenda/history.html",
        {
            "besluiten": Besluit.objects.for_timeline(),
            "versies": Kennisagenda.objects.public(),
            "veranderd": Kwestie.objects.exclude(status=KwestieStatus.ACTIEF)
            .select_related("samengevoegd_in", "leeratelier")
            .order_by("naam"),
        },
    )
