"""Pages of the bijeenkomsten: list and archive, detail with registration, .ics and feeds."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_filters.views import FilterView

from leerateliers.models import Leeratelier
from werkplaats.forms import posted
from werkplaats.models import Profiel

from . import ical, metadata, services, tasks
from .filters import BijeenkomstFilter
from .forms import GuestRegistrationForm
from .models import Aanmelding, Bijeenkomst
from .notifications import cancel_path, read_cancel_token, read_confirm_token


class BijeenkomstListView(FilterView):
    filterset_class = BijeenkomstFilter
    template_name = "bijeenkomsten/bijeenkomst_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Bijeenkomst.objects.for_list()


def registered_message(aanmelding: Aanmelding) -> str:
    if aanmelding.is_seated:
        return _(
            "Je bent aangemeld. De bevestiging, met de bijeenkomst voor je agenda, komt per e-mail."
        )
    return _(
        "De bijeenkomst is vol; je staat op de wachtlijst. Komt er een plaats vrij, dan krijg je "
        "die vanzelf en laten we het je weten."
    )


def _register(request, bijeenkomst: Bijeenkomst, **person):
    """Register ``person`` (a user, or a guest's naam, email and organisatie) and say how it
    went on the bijeenkomst's page."""
    try:
        aanmelding = services.aanmelding_create(bijeenkomst=bijeenkomst, **person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except IntegrityError:  # a second click while the first was being saved
        messages.error(request, _("Je bent al aangemeld voor deze bijeenkomst."))
    else:
        messages.success(request, registered_message(aanmelding))
    return redirect(bijeenkomst)


@require_http_methods(["GET", "HEAD", "POST"])
def bijeenkomst_detail(request, slug):
    """The bijeenkomst, and registering for it: signed-in users with one click, guests with
    their name and an email address they confirm through a link."""
    bijeenkomst = get_object_or_404(Bijeenkomst.objects.for_detail(), slug=slug)
    user = request.user
    eigen = None
    if user.is_authenticated:
        eigen = Aanmelding.objects.with_position().filter(bijeenkomst=bijeenkomst).of(user).first()
    form = (
        None if user.is_authenticated else GuestRegistrationForm(posted(request), request=request)
    )
    refusal = bijeenkomst.registration_refusal()

    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
            return redirect(bijeenkomst)
        if user.is_authenticated:
            return _register(request, bijeenkomst, user=user)
        if form.is_valid():
            tasks.send_guest_confirmation.enqueue(bijeenkomst.pk, **form.cleaned_data)
            messages.success(
                request,
                _(
                    "Bijna klaar: we hebben een e-mail gestuurd naar %(email)s. Volg de link "
                    "daarin om je aanmelding te bevestigen."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(bijeenkomst)

    context = {
        "bijeenkomst": bijeenkomst,
        "json_ld": metadata.event(bijeenkomst, request),
        "eigen": eigen,
        "form": form,
        "refusal": refusal,
        "cancel_url": cancel_path(eigen)
        if eigen is not None and eigen.is_active and not bijeenkomst.is_started
        else None,
    }
    return render(request, "bijeenkomsten/bijeenkomst_detail.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A guest's link: GET shows what it confirms (mail scanners follow links), POST registers."""
    found = read_confirm_token(token)
    if found is None:
        return render(request, "bijeenkomsten/confirm.html", {"ongeldig": True}, status=404)
    bijeenkomst = found["bijeenkomst"]
    if request.method == "POST":
        return _register(
            request,
            bijeenkomst,
            naam=found["naam"],
            email=found["email"],
            organisatie=found["organisatie"],
        )
    context = {**found, "refusal": bijeenkomst.registration_refusal()}
    return render(request, "bijeenkomsten/confirm.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    """The link in every email (and the button for signed-in users): GET asks, POST cancels."""
    aanmelding = read_cancel_token(token)
    if aanmelding is None:
        return render(request, "bijeenkomsten/cancel.html", {"ongeldig": True}, status=404)
    bijeenkomst = aanmelding.bijeenkomst
    if request.method == "POST":
        try:
            services.aanmelding_cancel(aanmelding=aanmelding, confirm=True)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Je bent afgemeld voor %(titel)s.") % {"titel": bijeenkomst.titel},
            )
        return redirect(bijeenkomst)
    return render(
        request, "bijeenkomsten/cancel.html", {"aanmelding": aanmelding, "bijeenkomst": bijeenkomst}
    )


def _ics_response(content: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def bijeenkomst_ics(request, slug):
    """'Zet in mijn agenda': the one bijeenkomst as an .ics file."""
    bijeenkomst = get_object_or_404(Bijeenkomst, slug=slug)
    # Whoever has a seat gets the online link in their copy too.
    seated = request.user.is_authenticated and (
        bijeenkomst.aanmeldingen.seated().of(request.user).exists()
    )
    content = ical.calendar([bijeenkomst], name=bijeenkomst.titel, with_link=seated)
    return _ics_response(content, ical.filename(bijeenkomst), download=True)


@require_safe
def feed(request):
    """Every bijeenkomst of the werkplaats, as a calendar to subscribe to."""
    content = ical.calendar(
        Bijeenkomst.objects.for_calendar(),
        name=_("Bijeenkomsten van de %(naam)s")
        % {"naam": Profiel.objects.current().volledige_naam},
    )
    return _ics_response(content, "bijeenkomsten.ics", download=False)


@require_safe
def leeratelier_feed(request, slug):
    """The bijeenkomsten of one leeratelier, as a calendar to subscribe to."""
    leeratelier = get_object_or_404(Leeratelier, slug=slug)
    content = ical.calendar(
        Bijeenkomst.objects.for_calendar().filter(leeratelier=leeratelier),
        name=_("Bijeenkomsten van %(titel)s") % {"titel": leeratelier.titel},
    )
    return _ics_response(content, f"bijeenkomsten-{leeratelier.slug}.ics", download=False)
