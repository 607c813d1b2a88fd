"""Answering from a leeratelier, praktijk or publicatie (``…/reageren/``), the thank-you page,
and the trekkers' list of reactions at /mijn/reacties/ with its status form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from leerateliers.models import Leeratelier, LerendePraktijk, Trekkerschap
from leerateliers.permissions import leerateliers_led_by
from publicaties.models import Publicatie
from werkplaats.forms import posted

from . import services
from .forms import ReactieForm, StatusForm, soort_from
from .models import Soort, Status

# --- The targets -----------------------------------------------------------------------------


def _leeratelier(leeratelier_slug):
    return get_object_or_404(Leeratelier, slug=leeratelier_slug)


def _praktijk(leeratelier_slug, slug):
    return get_object_or_404(
        LerendePraktijk.objects.select_related("leeratelier"),
        leeratelier__slug=leeratelier_slug,
        slug=slug,
    )


def _publicatie(slug):
    return get_object_or_404(Publicatie.objects.published(), slug=slug)


TARGETS = {
    "leeratelier": _leeratelier,
    "praktijk": _praktijk,
    "publicatie": _publicatie,
}


def _doel(kind, kwargs):
    """The object of the URL, if visitors can answer it (404 otherwise), and what they can
    send about it."""
    doel = TARGETS[kind](**kwargs)
    soorten = Soort.voor(doel)
    if not soorten:
        raise Http404(_("Op deze pagina kun je niet reageren."))
    return doel, soorten


def _doel_soort(doel) -> str:
    """What kind of page the target is, for above its name."""
    if isinstance(doel, Leeratelier):
        return _("Leeratelier")
    if isinstance(doel, LerendePraktijk):
        return _("Lerende praktijk")
    return doel.get_soort_display()


# --- A visitor answers -----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def reageren(request, kind, **kwargs):
    """The form: ``?soort=`` picks what the visitor wants. A filled-in honeypot is thanked
    like anyone else and nothing is stored or sent; too many messages are refused with 429,
    the text kept."""
    doel, soorten = _doel(kind, kwargs)
    bedankt = reverse(f"reacties:{kind}_bedankt", kwargs=kwargs)
    initial = {"soort": soort_from(request.GET.get("soort", ""), soorten)}
    form = ReactieForm(posted(request), soorten=soorten, request=request, initial=initial)
    if request.method == "POST":
        if form.is_spam:
            return redirect(bedankt)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.reactie_create(
                    doel=doel,
                    soort=data["soort"],
                    naam=data["naam"],
                    email=data["email"],
                    organisatie=data["organisatie"],
                    gemeente=data["gemeente"],
                    bericht=data["bericht"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return redirect(bedankt)
    leerateliers = services.leerateliers_van(doel)
    trekkers = list(
        Trekkerschap.objects.leidend()
        .filter(leeratelier__in=leerateliers)
        .order_by("persoon__naam")
        .values_list("persoon__naam", flat=True)
        .distinct()
    )
    context = {
        "doel": doel,
        "doel_soort": _doel_soort(doel),
        "form": form,
        "soorten": soorten,
        "soort": next((s for s in soorten if s.value == form["soort"].value()), None),
        "leerateliers": leerateliers,
        "zonder_nieuwsbrief_in_voettekst": True,  # one form with an address per page
        "trekkers": trekkers,
        "trekker_namen": get_text_list(trekkers, _("en")),
    }
    status = 429 if form.is_flood else 200
    return render(request, "reacties/reageren.html", context, status=status)


@require_safe
def bedankt(request, kind, **kwargs):
    """After sending (or after a bot's try): the same thanks for everyone, naming nobody."""
    doel, _soorten = _doel(kind, kwargs)
    return render(request, "reacties/bedankt.html", {"doel": doel, "doel_soort": _doel_soort(doel)})


# --- Trekkers deal with them -----------------------------------------------------------------

PER_PAGE = 20


@login_required
@require_safe
def lijst(request):
    """The reactions about the leerateliers the user leads (with their praktijken and
    publicaties), newest first, by status."""
    alle = services.reacties_voor(request.user)
    counts = alle.aggregate(
        alle=Count("pk"),
        **{status.value: Count("pk", filter=Q(status=status)) for status in Status},
    )
    gekozen = request.GET.get("status", "")
    reacties = alle.for_list()
    if gekozen in Status.values:
        reacties = reacties.filter(status=gekozen)
        total = counts[gekozen]
    else:
        gekozen, total = "", counts["alle"]
    paginator = Paginator(reacties, PER_PAGE)
    paginator.count = total  # known from the counts above: no query of its own
    page = paginator.get_page(request.GET.get("page"))
    filters = [("", _("Alle"), counts["alle"])] + [
        (status.value, status.label, counts[status.value]) for status in Status
    ]
    context = {
        "page_obj": page,
        "reacties": page.object_list,
        "filters": filters,
        "gekozen": gekozen,
        "statussen": Status.choices,
        "leidt": leerateliers_led_by(request.user).exists() if not counts["alle"] else True,
    }
    return render(request, "reacties/lijst.html", context)


@login_required
@require_POST
def status(request, pk):
    """Change the status of one reaction, only of one the user may see (404 otherwise)."""
    reactie = get_object_or_404(services.reacties_voor(request.user), pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.reactie_status_set(
            reactie=reactie, status=form.cleaned_data["status"], door=request.user
        )
        messages.success(
            request,
            _("De reactie van %(naam)s staat nu op ‘%(status)s’.")
            % {"naam": reactie.naam, "status": Status(form.cleaned_data["status"]).label.lower()},
        )
    else:
        messages.error(request, _("Kies een status uit de lijst."))
    lijst_url = reverse("reacties:lijst")
    terug = request.POST.get("next", "")
    if not (
        terug.startswith(lijst_url)
        and url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()})
    ):
        terug = lijst_url
    return redirect(f"{terug.split('#')[0]}#reactie-{reactie.pk}")
