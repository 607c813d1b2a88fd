"""The nieuwsbrief's pages: subscribing and the archive (/nieuwsbrief/), confirming and
withdrawing by the emailed links, subscribing from /mijn/, and one edition as a web page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from werkplaats.forms import posted

from . import content, services
from .forms import InschrijvingForm
from .links import read_confirm_token, read_unsubscribe_token
from .models import Editie, Inschrijving

# --- Subscriptions ---------------------------------------------------------------------------


def requested_message(email: str) -> str:
    """The one answer to a subscription, whether or not the address is subscribed already."""
    return _(
        "Dank je. Was %(email)s nog niet ingeschreven, dan krijg je nu een e-mail met een link "
        "om je inschrijving te bevestigen; pas daarna ontvang je de nieuwsbrief. Was het adres "
        "al ingeschreven, dan blijft alles zoals het was."
    ) % {"email": email}


# No CSRF token: the form is on every page, and a token would set a cookie on every visit.
# Nothing here acts for the signed-in user (that is /nieuwsbrief/inschrijven/mijn/); a forged
# request can only ask for a confirmation email, which is rate-limited and needs the link.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def index(request):
    """Subscribing (also the footer's form posts here) and the archive of sent editions."""
    form = InschrijvingForm(posted(request), request=request, initial={"pagina": request.path})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.inschrijving_aanvragen(
                email=data["email"],
                pagina=data["pagina"] or request.path,
                naam=data["naam"],
                organisatie=data["organisatie"],
                leerateliers=data["leerateliers"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, requested_message(data["email"]))
            return redirect("nieuwsbrief:index")
    context = {
        "form": form,
        "edities": Editie.objects.archief(),
        "zonder_nieuwsbrief_in_voettekst": True,
    }
    return render(request, "nieuwsbrief/index.html", context)


@login_required
@require_POST
def mijn_inschrijving(request):
    """Subscribing from /mijn/ with one click (the consent shown there is recorded), or
    withdrawing the account's subscription."""
    if request.POST.get("actie") == "afmelden":
        inschrijving = Inschrijving.objects.open_van(request.user).first()
        if inschrijving is not None:
            services.inschrijving_intrekken(email=inschrijving.email)
        messages.success(request, _("Je bent afgemeld voor de nieuwsbrief."))
        return redirect("portaal:dashboard")
    services.inschrijving_account(user=request.user, pagina=reverse("portaal:dashboard"))
    messages.success(
        request,
        _("Je bent ingeschreven voor de nieuwsbrief. Afmelden kan hier en in elke nieuwsbrief."),
    )
    return redirect("portaal:dashboard")


def _confirmed(token: str) -> Inschrijving | None:
    pk = read_confirm_token(token)
    if pk is None:
        return None
    return Inschrijving.objects.prefetch_related("leerateliers").filter(pk=pk).first()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def bevestigen(request, token):
    """The emailed link: GET shows what it confirms (mail scanners follow links), POST
    confirms."""
    inschrijving = _confirmed(token)
    if inschrijving is None:
        return render(request, "nieuwsbrief/bevestigen.html", {"ongeldig": True}, status=404)
    if request.method == "POST":
        try:
            services.inschrijving_bevestigen(inschrijving=inschrijving)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Je inschrijving is bevestigd. Je ontvangt voortaan de nieuwsbrief op %(email)s.")
                % {"email": inschrijving.email},
            )
        return redirect("nieuwsbrief:index")
    return render(request, "nieuwsbrief/bevestigen.html", {"inschrijving": inschrijving})


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a session
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def afmelden(request, token):
    """The link in every edition and on /mijn/: GET asks, POST withdraws, with one click and
    without signing in; the link's key is the authority."""
    email = read_unsubscribe_token(token)
    if email is None:
        return render(request, "nieuwsbrief/afmelden.html", {"ongeldig": True}, status=404)
    if request.method == "POST":
        services.inschrijving_intrekken(email=email)
        return render(request, "nieuwsbrief/afmelden.html", {"email": email, "afgemeld": True})
    return render(request, "nieuwsbrief/afmelden.html", {"email": email})


# --- Editions --------------------------------------------------------------------------------


def editie(request, slug):
    """One edition of the archive as a web page; an edition for a segment only is not public."""
    found = Editie.objects.archief().filter(slug=slug).first()
    if found is None:
        raise Http404(_("Deze nieuwsbrief bestaat niet of staat niet in het archief."))
    return render(request, "nieuwsbrief/editie.html", content.context(found))
