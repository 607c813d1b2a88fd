"""/werkgroepen/: the landelijke werkgroepen the werkplaats takes part in, and one werkgroep."""

from django.views.generic import DetailView, ListView

from . import metadata
from .models import Werkgroep


class WerkgroepListView(ListView):
    template_name = "landelijk/werkgroep_list.html"
    context_object_name = "werkgroepen"

    def get_queryset(self):
        return Werkgroep.objects.for_list()


class WerkgroepDetailView(DetailView):
    template_name = "landelijk/werkgroep_detail.html"
    context_object_name = "werkgroep"

    def get_queryset(self):
        return Werkgroep.objects.for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            json_ld=metadata.project(self.object, self.request), **kwargs
        )
