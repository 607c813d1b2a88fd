"""The pages of a respondent, who has no account: the shared link of a scan, where someone
says for which organisation they answer and gets a personal link (/quickscan/deelnemen/…/),
and the personal link itself (/quickscan/invullen/…/), one step per voorwaarde and a last step
to send. The link opens only its own answers, and once sent, none at all.

These pages carry a secret in their address: they are not indexed, send no referrer to other
sites, are not cached, and leave out the footer's subscription form (which records the page it
was on)."""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from werkplaats.forms import add_errors, posted
from werkplaats.i18n import vertaald
from werkplaats.models import Voorwaarde

from . import services
from .forms import AntwoordenForm, DeelnemenForm
from .models import Respondent, Scan, Vraag
from .notifications import MINUTEN


def _secret_page(view):
    """No index, no cache, and no referrer to other sites: the address is the respondent's
    key. (Not "no-referrer": a browser then sends its forms with "Origin: null", which the
    CSRF check refuses.)"""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def _render(request, template, context, status=200):
    context = {"zonder_nieuwsbrief_in_voettekst": True, **context}
    return render(request, template, context, status=status)


# --- The shared link -------------------------------------------------------------------------


@_secret_page
@require_http_methods(["GET", "HEAD", "POST"])
def deelnemen(request, sleutel):
    """Say for which organisation you answer (a name and address if you like) and get a
    personal link. A bot that fills in the honeypot gets the page again and nothing is made;
    too many at once are refused with 429, the input kept."""
    scan = Scan.objects.by_deelsleutel(sleutel).select_related("gemeente", "vragenset").first()
    if scan is None:
        return _render(request, "quickscan/ongeldig.html", {"deellink": True}, status=404)
    if not scan.is_open:
        return _render(request, "quickscan/gesloten.html", {"scan": scan})
    form = DeelnemenForm(posted(request), request=request)
    if request.method == "POST":
        if form.is_spam:
            return redirect("quickscan:deelnemen", sleutel=sleutel)
        if form.is_valid():
            try:
                respondent, persoonlijk = services.respondent_aanmelden(
                    scan=scan, **form.respondent()
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                welkom = _(
                    "Je doet mee namens %(organisatie)s. Dit is je persoonlijke link: bewaar "
                    "deze link om later verder te gaan."
                ) % {"organisatie": respondent.organisatie_label}
                if respondent.email:
                    welkom += " " + _("We hebben hem ook naar %(email)s gestuurd.") % {
                        "email": respondent.email
                    }
                messages.success(request, welkom)
                return redirect("quickscan:invullen", sleutel=persoonlijk)
    status = 429 if form.is_flood else 200
    context = {"scan": scan, "form": form, "minuten": MINUTEN}
    return _render(request, "quickscan/deelnemen.html", context, status)


# --- The personal link -----------------------------------------------------------------------


@dataclass
class Stap:
    """One step of the form: the statements of one voorwaarde (``voorwaarde`` None: the last
    step, to check and send)."""

    nummer: int
    voorwaarde: Voorwaarde | None
    vragen: list[Vraag] = field(default_factory=list)
    beantwoord: int = 0

    @property
    def aantal(self) -> int:
        return len(self.vragen)

    @property
    def open(self) -> int:
        return self.aantal - self.beantwoord

    @property
    def is_controle(self) -> bool:
        return self.voorwaarde is None


def _stappen(vragen: list[Vraag], antwoorden: dict[int, int]) -> list[Stap]:
    """The voorwaarden of the set in their order (only those with statements), then the last
    step."""
    stappen: list[Stap] = []
    for vraag in vragen:
        if not stappen or stappen[-1].voorwaarde.pk != vraag.voorwaarde_id:
            stappen.append(Stap(nummer=len(stappen) + 1, voorwaarde=vraag.voorwaarde))
        stap = stappen[-1]
        stap.vragen.append(vraag)
        stap.beantwoord += vraag.pk in antwoorden
    stappen.append(Stap(nummer=len(stappen) + 1, voorwaarde=None))
    return stappen


def _stap_url(sleutel: str, nummer: int) -> str:
    return reverse("quickscan:invullen_stap", kwargs={"sleutel": sleutel, "stap": nummer})


@_secret_page
@require_http_methods(["GET", "HEAD", "POST"])
def invullen(request, sleutel, stap=1):
    """One step of the respondent's form: the statements of a voorwaarde with the answers
    given so far and a remark, saved with "Opslaan" (stay) or "Opslaan en verder"; the last
    step lists what is still open and sends. After sending, only thanks."""
    respondent = (
        Respondent.objects.by_sleutel(sleutel)
        .select_related("scan__gemeente", "scan__vragenset", "organisatie")
        .first()
    )
    if respondent is None:
        return _render(request, "quickscan/ongeldig.html", {}, status=404)
    scan = respondent.scan
    if respondent.ingediend_at is not None:
        return _render(request, "quickscan/invullen_bedankt.html", {"scan": scan})
    if not scan.is_open:
        context = {"scan": scan, "persoonlijk": True}
        return _render(request, "quickscan/gesloten.html", context)

    vragen = list(Vraag.objects.filter(vragenset=scan.vragenset_id).in_order())
    antwoorden = dict(respondent.antwoorden.values_list("vraag_id", "waarde"))
    stappen = _stappen(vragen, antwoorden)
    if not 1 <= stap <= len(stappen):
        context = {"stap_onbekend": True, "sleutel": sleutel}
        return _render(request, "quickscan/ongeldig.html", context, status=404)
    huidige = stappen[stap - 1]
    context = {
        "respondent": respondent,
        "scan": scan,
        "stappen": stappen,
        "stap": huidige,
        "vorige": stappen[stap - 2] if stap > 1 else None,
        "volgende": stappen[stap] if stap < len(stappen) else None,
        "aantal_vragen": len(vragen),
        "aantal_beantwoord": len(antwoorden),
        "persoonlijke_link": request.build_absolute_uri(
            reverse("quickscan:invullen", kwargs={"sleutel": sleutel})
        ),
        "sleutel": sleutel,
    }
    if huidige.is_controle:
        return _controle(request, respondent, sleutel, context)

    opmerking = (
        respondent.opmerkingen.filter(voorwaarde=huidige.voorwaarde)
        .values_list("tekst", flat=True)
        .first()
    )
    initial = {
        f"vraag-{vraag.pk}": antwoorden[vraag.pk]
        for vraag in huidige.vragen
        if vraag.pk in antwoorden
    }
    initial["opmerking"] = opmerking or ""
    form = AntwoordenForm(posted(request), vragen=huidige.vragen, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.antwoorden_opslaan(
                respondent=respondent,
                voorwaarde=huidige.voorwaarde,
                antwoorden=form.antwoorden(),
                opmerking=form.cleaned_data["opmerking"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Je antwoorden bij ‘%(voorwaarde)s’ zijn opgeslagen.")
                % {"voorwaarde": vertaald(huidige.voorwaarde, "naam")},
            )
            if request.POST.get("actie") == "verder":
                return redirect(_stap_url(sleutel, stap + 1))
            return redirect(_stap_url(sleutel, stap))
    context["form"] = form
    return _render(request, "quickscan/invullen.html", context)


def _controle(request, respondent, sleutel, context):
    """The last step: what is still open per voorwaarde, and sending."""
    fout = None
    if request.method == "POST":
        try:
            services.respondent_indienen(respondent=respondent)
        except ValidationError as error:
            fout = " ".join(error.messages)
        else:
            return redirect("quickscan:invullen", sleutel=sleutel)
    context["fout"] = fout
    context["alles_beantwoord"] = context["aantal_beantwoord"] >= context["aantal_vragen"]
    return _render(request, "quickscan/invullen_controle.html", context)
