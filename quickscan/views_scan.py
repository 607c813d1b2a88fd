"""Running a scan, for the gemeente's contactpersonen: start one (/quickscan/nieuw/), invite
respondents and follow who answered (/quickscan/<pk>/), close it and publish its results.
Everyone else gets 403, also with another scan's number."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from werkplaats.forms import add_errors, posted

from . import permissions, services
from .forms import ScanStartForm, UitnodigingForm, uitnodigingen_over_limit
from .models import Scan, Vragenset

ONBEKENDE_ACTIE = gettext_lazy("Deze actie kent de pagina niet; er is niets veranderd.")


def _run_scan(request, pk) -> Scan:
    """The scan of ``pk`` (404 when there is none) if the user runs it (else 403)."""
    scan = get_object_or_404(Scan.objects.select_related("gemeente", "vragenset"), pk=pk)
    if not permissions.can_run(request.user, scan):
        raise PermissionDenied(
            _("Alleen de contactpersonen van de gemeente %(gemeente)s beheren deze scan.")
            % {"gemeente": scan.gemeente.naam}
        )
    return scan


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def starten(request):
    """A contactpersoon of one or more gemeenten starts a scan on the current set."""
    gemeenten = permissions.gemeenten_run_by(request.user).order_by("naam")
    keuzes = list(gemeenten)
    if not keuzes:
        raise PermissionDenied(
            _("Een quick scan starten kan de contactpersoon van een gemeente in het netwerk.")
        )
    vragenset = Vragenset.objects.current()
    form = ScanStartForm(posted(request), gemeenten=gemeenten, initial={"gemeente": keuzes[0]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scan = services.scan_start(
                gemeente=data["gemeente"],
                wijk=data["wijk"],
                periode_van=data["periode_van"],
                periode_tot=data["periode_tot"],
                door=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("De scan van %(plek)s is gestart. Nodig nu de partners uit.")
                % {"plek": scan.plek},
            )
            return redirect("quickscan:scan", pk=scan.pk)
    context = {"form": form, "vragenset": vragenset, "gemeenten": keuzes}
    return render(request, "quickscan/starten.html", context)


def _per_organisatie(respondenten):
    """The respondents grouped by the organisation they answer for, by its name."""
    ordered = sorted(respondenten, key=lambda r: (r.organisatie_label.lower(), r.pk))
    return [
        (label, list(rows)) for label, rows in groupby(ordered, key=lambda r: r.organisatie_label)
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scan(request, pk):
    """The contactpersoon's page of a scan: invite someone (or send an invited respondent a
    new link), the link to share, who answered by organisation (never what), close, publish."""
    scan = _run_scan(request, pk)
    form = UitnodigingForm(
        posted(request) if request.POST.get("actie") == "uitnodigen" else None,
        user=request.user,
    )
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "opnieuw":
            return _opnieuw(request, scan)
        if actie != "uitnodigen":
            messages.error(request, ONBEKENDE_ACTIE)
            return redirect("quickscan:scan", pk=scan.pk)
        if form.is_valid():
            try:
                respondent, _sleutel = services.respondent_uitnodigen(
                    scan=scan, **form.respondent()
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("De uitnodiging voor %(organisatie)s gaat naar %(email)s.")
                    % {"organisatie": respondent.organisatie_label, "email": respondent.email},
                )
                return _naar_respondenten(scan)
    respondenten = list(scan.respondenten.for_list())
    aantal_vragen = scan.vragenset.vragen.count()
    for respondent in respondenten:
        respondent.is_ingediend = respondent.ingediend_at is not None
        respondent.is_bezig = not respondent.is_ingediend and respondent.aantal_antwoorden > 0
    ingediend = sum(r.is_ingediend for r in respondenten)
    context = {
        "scan": scan,
        "form": form,
        "per_organisatie": _per_organisatie(respondenten),
        "aantal_respondenten": len(respondenten),
        "aantal_ingediend": ingediend,
        "aantal_bezig": sum(r.is_bezig for r in respondenten),
        "aantal_vragen": aantal_vragen,
        "min_openbaar": services.MIN_RESPONDENTEN_OPENBAAR,
        "deellink": request.build_absolute_uri(
            reverse("quickscan:deelnemen", kwargs={"sleutel": scan.deelsleutel})
        ),
    }
    status = 429 if form.is_flood else 200
    return render(request, "quickscan/scan_detail.html", context, status=status)


def _opnieuw(request, scan):
    """A new personal link for an invited respondent who has not sent the scan."""
    respondent = scan.respondenten.filter(pk=_pk(request.POST.get("respondent"))).first()
    if respondent is None:
        messages.error(request, _("Deze respondent hoort niet bij deze scan."))
    elif uitnodigingen_over_limit(request.user):
        messages.error(
            request,
            _(
                "Je hebt het afgelopen uur al veel uitnodigingen verstuurd; probeer het over "
                "een uur opnieuw."
            ),
        )
    elif gelukt := _stap(request, services.respondent_opnieuw_uitnodigen, respondent=respondent):
        respondent, _sleutel = gelukt
        messages.success(
            request,
            _(
                "Een nieuwe link voor %(organisatie)s gaat naar %(email)s; de vorige link "
                "werkt niet meer."
            )
            % {"organisatie": respondent.organisatie_label, "email": respondent.email},
        )
    return _naar_respondenten(scan)


def _stap(request, service, **kwargs):
    """Take a step of ``services``; a refusal becomes an error message on the next page.
    Returns what the step returns, or None when it was refused."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None


def _naar_respondenten(scan):
    return redirect(f"{reverse('quickscan:scan', kwargs={'pk': scan.pk})}#respondenten")


def _pk(value) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**63 else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sluiten(request, pk):
    """GET asks (closing cannot be undone and clears names and addresses), POST closes."""
    scan = _run_scan(request, pk)
    if not scan.is_open:
        messages.info(request, _("Deze scan is al gesloten."))
        return redirect("quickscan:scan", pk=scan.pk)
    if request.method == "POST":
        services.scan_sluiten(scan=scan)
        messages.success(
            request,
            _(
                "De scan is gesloten: er kunnen geen antwoorden meer bij, en de namen en "
                "e-mailadressen van de respondenten zijn gewist."
            ),
        )
        return redirect("quickscan:scan", pk=scan.pk)
    context = {
        "scan": scan,
        "aantal_ingediend": scan.respondenten.ingediend().count(),
        "min_openbaar": services.MIN_RESPONDENTEN_OPENBAAR,
    }
    return render(request, "quickscan/scan_sluiten.html", context)


@login_required
@require_POST
def publiceren(request, pk):
    """Publish the results (``actie=publiceren``) or take them back (``depubliceren``)."""
    scan = _run_scan(request, pk)
    actie = request.POST.get("actie")
    if actie == "depubliceren":
        services.scan_depubliceren(scan=scan)
        messages.success(request, _("De uitkomsten zijn niet meer openbaar."))
    elif actie != "publiceren":
        messages.error(request, ONBEKENDE_ACTIE)
    elif _stap(request, services.scan_publiceren, scan=scan):
        messages.success(
            request,
            _(
                "De uitkomsten zijn openbaar: op de pagina van de gemeente en in het overzicht "
                "van alle gemeenten, nooit per respondent."
            ),
        )
    return redirect("quickscan:scan", pk=scan.pk)
