"""/werkplaatsen/: the Werkplaatsen Sociaal Domein, this one among them, and per werkplaats
what it shares with us: the lerende praktijken we run together, the landelijke werkgroepen
(filled in by ``landelijk``) and the publicaties it was involved in."""

from django.db.models import Count
from django.views.generic import DetailView, ListView

from leerateliers.models import LerendePraktijk
from publicaties.models import Publicatie
from werkplaats import metadata
from werkplaats.models import Organisatie, Profiel


def eigen_werkplaats():
    """This werkplaats' own organisation (the profile names it), or None."""
    return Profiel.objects.current().organisatie


class WerkplaatsListView(ListView):
    """The regional werkplaatsen (ours marked) and, apart, the national network."""

    template_name = "portaal/werkplaats_list.html"
    context_object_name = "werkplaatsen"

    def get_queryset(self):
        return Organisatie.objects.for_werkplaatsen().annotate(
            aantal_praktijken=Count("gezamenlijke_praktijken", distinct=True)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        werkplaatsen = list(context["werkplaatsen"])
        context.update(
            eigen=eigen_werkplaats(),
            regionaal=[werkplaats for werkplaats in werkplaatsen if werkplaats.regio],
            landelijk=[werkplaats for werkplaats in werkplaatsen if not werkplaats.regio],
        )
        return context


class WerkplaatsDetailView(DetailView):
    """One werkplaats and what it shares with us; on our own page, what we share with all
    the other werkplaatsen."""

    template_name = "portaal/werkplaats_detail.html"
    context_object_name = "werkplaats"
    publicaties_shown = 20  # the newest

    def get_queryset(self):
        return Organisatie.objects.for_werkplaatsen()

    def get_context_data(self, **kwargs):
        eigen = eigen_werkplaats()
        is_eigen = eigen is not None and eigen.pk == self.object.pk
        return super().get_context_data(
            json_ld=self.json_ld(),
            is_eigen=is_eigen,
            praktijken=LerendePraktijk.objects.for_werkplaats(self.object, eigen=eigen),
            publicaties=self.gedeelde_publicaties(eigen if is_eigen else None),
            **kwargs,
        )

    def gedeelde_publicaties(self, eigen):
        """The published publicaties the werkplaats worked on, newest first; on our own page
        those of any other werkplaats."""
        if eigen is None:
            gedeeld = Publicatie.objects.filter(organisaties=self.object)
        else:
            anderen = Organisatie.objects.werkplaatsen().exclude(pk=eigen.pk)
            gedeeld = Publicatie.objects.filter(organisaties__in=anderen)
        return (
            Publicatie.objects.for_list()
            .filter(pk__in=gedeeld.values("pk"))
            .order_by("-gepubliceerd_on", "titel")[: self.publicaties_shown]
        )

    def json_ld(self):
        """The werkplaats as a schema.org Organization at this page, with its region."""
        request = self.request
        data = metadata.organization(self.object, request, full=True)
        data["url"] = request.build_absolute_uri(self.object.get_werkplaats_url())
        gemeenten = list(self.object.regio_gemeenten.all())
        if gemeenten:
            data["areaServed"] = [metadata.place(gemeente, request) for gemeente in gemeenten]
        return metadata.with_context(data)
