from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from publicaties.models import Publicatie

from .filters import LeeratelierFilter
from .models import Leeratelier, LerendePraktijk, TribuneUpdate


class LeeratelierListView(FilterView):
    filterset_class = LeeratelierFilter
    template_name = "leerateliers/leeratelier_list.html"

    def get_queryset(self):
        return Leeratelier.objects.for_list()


class LeeratelierDetailView(DetailView):
    template_name = "leerateliers/leeratelier_detail.html"

    def get_queryset(self):
        publicaties = Publicatie.objects.newest()
        return Leeratelier.objects.for_detail().prefetch_related(
            Prefetch("publicaties", queryset=publicaties, to_attr="gepubliceerde_publicaties")
        )


class LeeratelierChildMixin:
    """Pages below /leerateliers/<leeratelier_slug>/: the object must belong to that atelier."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset().filter(leeratelier__slug=self.kwargs["leeratelier_slug"])
        return get_object_or_404(queryset, **self.object_lookup())


class PraktijkDetailView(LeeratelierChildMixin, DetailView):
    template_name = "leerateliers/praktijk_detail.html"
    context_object_name = "praktijk"

    def get_queryset(self):
        return LerendePraktijk.objects.for_detail()

    def object_lookup(self):
        return {"slug": self.kwargs["slug"]}


class UpdateDetailView(LeeratelierChildMixin, DetailView):
    template_name = "leerateliers/update_detail.html"
    context_object_name = "update"

    def get_queryset(self):
        return TribuneUpdate.objects.for_detail()

    def object_lookup(self):
        return {"pk": self.kwargs["pk"]}
