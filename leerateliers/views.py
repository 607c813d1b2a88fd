from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from accounts import permissions
from bijeenkomsten.models import Bijeenkomst
from publicaties.models import Publicatie
from werkplaats.forms import posted
from werkplaats.models import Persoon

from . import services
from .filters import LeeratelierFilter
from .forms import TribuneUpdateForm
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
        return (
            Leeratelier.objects.for_detail()
            .prefetch_related(
                Prefetch("publicaties", queryset=publicaties, to_attr="gepubliceerde_publicaties"),
                Prefetch(
                    "bijeenkomsten",
                    queryset=Bijeenkomst.objects.for_list().upcoming(),
                    to_attr="komende_bijeenkomsten",
                ),
            )
            .with_following(self.request.user)
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


class UpdateAction(models.TextChoices):
    PREVIEW = "voorbeeld"
    SAVE = "opslaan"
    PUBLISH = "publiceren"


@login_required
def update_edit(request, leeratelier_slug, pk=None):
    """Write or change a tribune update: preview, save as concept, publish. Only the atelier's
    trekkers may; an update of another atelier is refused whatever the URL says."""
    if pk is None:
        leeratelier = get_object_or_404(Leeratelier, slug=leeratelier_slug)
        update = TribuneUpdate(
            leeratelier=leeratelier, auteur=Persoon.objects.filter(user=request.user).first()
        )
    else:
        update = get_object_or_404(TribuneUpdate.objects.select_related("leeratelier"), pk=pk)
        leeratelier = update.leeratelier
    allowed = (
        permissions.can_edit_update(request.user, update)
        if update.pk
        else permissions.can_write_updates(request.user, leeratelier)
    )
    if not allowed:
        raise PermissionDenied(_("Alleen de trekkers van dit leeratelier schrijven hier updates."))
    if leeratelier.slug != leeratelier_slug:
        raise Http404(_("Deze update hoort bij een ander leeratelier."))

    was_published = update.is_published
    form = TribuneUpdateForm(posted(request), posted(request, "FILES"), instance=update)
    preview = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("actie")
        if action == UpdateAction.PREVIEW:
            preview = form.cleaned_data["tekst"]
        else:
            try:
                services.update_save(update=form.instance, publish=action == UpdateAction.PUBLISH)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if update.is_published and not was_published:
                    messages.success(request, _("De update is gepubliceerd."))
                elif update.is_published:
                    messages.success(request, _("De wijzigingen zijn gepubliceerd."))
                else:
                    messages.success(request, _("De update is opgeslagen als concept."))
                return redirect("leerateliers:update_edit", leeratelier.slug, update.pk)
    context = {
        "form": form,
        "leeratelier": leeratelier,
        "update": update,
        "preview": preview,
        "actions": UpdateAction,
    }
    return render(request, "leerateliers/update_form.html", context)
