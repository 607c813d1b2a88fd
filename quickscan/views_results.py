"""The public side of the quick scan and its results: the overview, a version of the set, a
scan's results for the three uses and its printable report.

Who may see a scan's results is decided in ``permissions``; what they show is computed in
``scores`` and drawn in ``charts``."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import charts, permissions, scores
from .models import (
    Scan,
    Vraag,
    Vragenset,
    Waarde,
)


def overzicht(request):
    """What the quick scan is for, the current set, the published scans and, for those who
    run or see scans, theirs."""
    user = request.user
    gerund = {gemeente.pk for gemeente in permissions.gemeenten_run_by(user)}
    eigen = []
    if gerund or permissions.sees_every_scan(user):
        eigen = list(permissions.private_scans(user).for_list())
        for scan in eigen:
            scan.wordt_gerund = scan.gemeente_id in gerund
    return render(
        request,
        "quickscan/overzicht.html",
        {
            "versies": list(Vragenset.objects.public()),
            "openbaar": list(Scan.objects.published().for_list()),
            "eigen": eigen,
            "kan_starten": bool(gerund),
        },
    )


def vragenset(request, slug):
    """One version of the set: its statements per voorwaarde with their level, and the scale.
    A concept only for those who keep the set."""
    versie = get_object_or_404(
        Vragenset.objects.select_related("vorige").prefetch_related(
            Prefetch(
                "volgende",
                queryset=Vragenset.objects.public(),
                to_attr="opvolgers",
            )
        ),
        slug=slug,
    )
    if not permissions.can_see_vragenset(request.user, versie):
        raise Http404(_("Deze versie van de vragenset is nog niet vastgesteld."))
    vragen = list(Vraag.objects.filter(vragenset=versie).in_order())
    groepen = {}
    for vraag in vragen:
        groepen.setdefault(vraag.voorwaarde_id, (vraag.voorwaarde, []))[1].append(vraag)
    return render(
        request,
        "quickscan/vragenset.html",
        {
            "vragenset": versie,
            "groepen": list(groepen.values()),
            "aantal_vragen": len(vragen),
            "schaal": Waarde.schaal(),
            "weet_niet": Waarde.WEET_NIET,
            "opvolger": versie.opvolgers[0] if versie.opvolgers else None,
        },
    )


def _scan_for(request, pk):
    """The scan and whether the user runs it and sees its private side; a 404 for an unknown
    scan and a 403 for unpublished results of someone else's gemeente."""
    scan = get_object_or_404(Scan.objects.select_related("gemeente", "vragenset"), pk=pk)
    runs = permissions.can_run(request.user, scan)
    if not (runs or permissions.can_see_results(request.user, scan)):
        raise PermissionDenied(
            _(
                "De uitkomsten van deze scan zijn niet openbaar. Alleen de contactpersonen "
                "van de gemeente en de programmacommissie zien ze; log in als je een van hen "
                "bent."
            )
        )
    return scan, runs, runs or permissions.sees_every_scan(request.user)


def _vergelijkbaar(scan, prive):
    """The scans to set beside ``scan`` that the user may see: all of them for those who see
    its private side, the published ones for everyone else."""
    andere = Scan.objects.comparable_with(scan)
    return andere if prive else andere.published()


def _uitkomsten(request, pk, template, *, rapport=False):
    scan, runs, prive = _scan_for(request, pk)
    andere = list(_vergelijkbaar(scan, prive))
    vergelijking = scores.vergelijking([scan, *andere])
    uitslag = next(u for u in vergelijking.uitslagen if u.scan.pk == scan.pk)
    rijen = charts.rijen(uitslag.voorwaarden)
    zwakste = uitslag.zwakste()
    context = {
        "scan": scan,
        "uitslag": uitslag,
        "rijen": rijen,
        "grafiek": charts.grafiek(
            rijen,
            prefix="rapport-grafiek" if rapport else "grafiek",
            titel=_("Score per voorwaarde, %(plek)s") % {"plek": scan.naam},
        ),
        "verschillen": [(vraag, charts.verdeling(vraag.score)) for vraag in uitslag.verschillen()],
        "afwegingen": list(
            zip(zwakste, scores.suggesties(score.voorwaarde for score in zwakste), strict=True)
        ),
        "vergelijking": vergelijking if andere else None,
        "runs": runs,
        "prive": prive and not rapport,
        "gemaakt_at": timezone.now(),
    }
    if prive and not rapport:
        context["deelnemers"] = scores.deelnemers(
            scan, [score.voorwaarde for score in uitslag.voorwaarden]
        )
    return render(request, template, context)


def resultaten(request, pk):
    """A scan's results for the three uses: verantwoorden, het gesprek and afwegingen, and
    over time. Its contactpersonen and the programmacommissie also see who answered and the
    remarks; everyone else sees published results only, and only the figures."""
    return _uitkomsten(request, pk, "quickscan/resultaten.html")


def rapport(request, pk):
    """The results on one printable page, the same for everyone who may see them."""
    return _uitkomsten(request, pk, "quickscan/rapport.html", rapport=True)
