"""Pages of education (/onderwijs/) and of the 4 O's (/de-4-os/)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView
from django_filters.views import FilterView

from publicaties.models import Activiteit, Publicatie
from publicaties.models import Status as PublicatieStatus

from . import metadata
from .filters import OnderwijsactiviteitFilter
from .models import ONDERWIJS, Onderwijsactiviteit, Opleiding, Status, praktijken_van

# Publicaties shown on the page of an O; the rest are one click away in the filtered list.
PUBLICATIES_PER_O = 10


class OnderwijsView(FilterView):
    """/onderwijs/: how the knowledge of the werkplaats reaches education: the activities
    (with filters), the opleidingen whose students take part, and the publicaties for it."""

    filterset_class = OnderwijsactiviteitFilter
    template_name = "onderwijs/index.html"

    def get_queryset(self):
        return Onderwijsactiviteit.objects.for_list()

    def get_context_data(self, **kwargs):
        opleidingen = Opleiding.objects.for_list().annotate(
            aantal=Count(
                "onderwijsactiviteiten",
                filter=Q(onderwijsactiviteiten__status=Status.GEPUBLICEERD),
            )
        )
        publicaties = (
            Publicatie.objects.for_list()
            .filter(activiteiten__slug=ONDERWIJS)
            .order_by("-gepubliceerd_on", "titel")[:5]
        )
        return super().get_context_data(
            opleidingen=opleidingen,
            publicaties=publicaties,
            onderwijs_o=ONDERWIJS,
            **kwargs,
        )


class OnderwijsactiviteitDetailView(DetailView):
    template_name = "onderwijs/detail.html"
    context_object_name = "activiteit"

    def get_queryset(self):
        return Onderwijsactiviteit.objects.for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            json_ld=metadata.course(self.object, self.request), **kwargs
        )


def os_list(request):
    """/de-4-os/: onderzoek, ontwikkeling, onderwijs en ondersteuning, each with how many
    publicaties carry it."""
    published = Q(publicaties__status=PublicatieStatus.GEPUBLICEERD)
    os = Activiteit.objects.annotate(
        aantal_publicaties=Count("publicaties", filter=published)
    ).order_by("volgorde")
    return render(request, "onderwijs/o_list.html", {"os": os})


def o_detail(request, slug):
    """/de-4-os/<slug>/: the publicaties, lerende praktijken and (for onderwijs) the
    onderwijsactiviteiten of one O."""
    o = get_object_or_404(Activiteit, slug=slug)
    publicaties = list(
        Publicatie.objects.for_list()
        .filter(activiteiten=o)
        .order_by("-gepubliceerd_on", "titel")[: PUBLICATIES_PER_O + 1]
    )
    context = {
        "o": o,
        "publicaties": publicaties[:PUBLICATIES_PER_O],
        "meer_publicaties": len(publicaties) > PUBLICATIES_PER_O,
        "praktijken": praktijken_van(o),
        "is_onderwijs": o.slug == ONDERWIJS,
        "onderwijsactiviteiten": (
            Onderwijsactiviteit.objects.for_list() if o.slug == ONDERWIJS else []
        ),
        "andere_os": Activiteit.objects.exclude(pk=o.pk).order_by("volgorde"),
    }
    return render(request, "onderwijs/o_detail.html", context)
