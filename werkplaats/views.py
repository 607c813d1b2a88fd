"""The project's own endpoints: the health check, robots.txt, security.txt and the page on
reporting vulnerabilities, the favicon, the 500 page, and the pages every footer links: the
privacyverklaring, the toegankelijkheidsverklaring, the colofon and the cookies."""

import sys
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from . import cookies as cookie_list
from .models import (
    PROFIEL_CACHE_KEY,
    Nalevingsstatus,
    Privacyverklaring,
    Profiel,
    Toegankelijkheidsverklaring,
)

# When the database is unreachable (or a statement ran out of time), the answer is 503 with
# the time after which to try again.
RETRY_AFTER_SECONDS = 30


@never_cache
@require_GET
def healthz(request):
    """200 ``ok`` when the database answers with the portal's tables in it, 503 when it does
    not (for load balancers): a SQLite file that went missing opens as a new, empty one."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except DatabaseError:
        response = HttpResponse("database onbereikbaar", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /accounts/",
        "Disallow: /mijn/",
        "Disallow: /en/accounts/",
        "Disallow: /en/mijn/",
        # The language switcher (each page names its twin in the other language itself).
        "Disallow: /taal/",
        "",
        # Absolute, as the sitemaps protocol asks.
        f"Sitemap: {request.build_absolute_uri(reverse('portaal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _security_contact():
    """Where vulnerabilities are reported: ``SECURITY_CONTACT`` (an address or a web page), or
    else the werkplaats' own address from its profile."""
    contact = settings.SECURITY_CONTACT or Profiel.objects.current().email
    if contact and "@" in contact and not contact.startswith(("https://", "mailto:")):
        return f"mailto:{contact}"
    return contact


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): who to tell of a vulnerability, in which
    languages, and the policy page. It expires SECURITY_TXT_DAYS after it is served, so a copy
    kept elsewhere goes stale while the site itself stays current."""
    expires = timezone.now() + timedelta(days=settings.SECURITY_TXT_DAYS)
    lines = [
        f"Contact: {_security_contact()}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri(reverse('werkplaats:security_txt'))}",
        f"Policy: {request.build_absolute_uri(reverse('werkplaats:beveiliging'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def beveiliging(request):
    """/beveiliging/: how to report a vulnerability, and what the werkplaats promises."""
    contact = _security_contact()
    return render(
        request,
        "werkplaats/beveiliging.html",
        {"contact": contact, "contact_email": contact.removeprefix("mailto:")},
    )


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""
    return HttpResponsePermanentRedirect(static("img/logo.svg"))


def bad_request(request, exception):
    """The 400 page in Dutch, for what Django itself refuses (a form it cannot read, a
    suspicious request); werkplaats.requestguard refuses the known cases earlier."""
    return render(request, "400.html", status=400)


def server_error(request):
    """The 500 page in the site's style, or the 503 page when the database could not be
    reached. Like Django's own, it renders without the request's context processors (they
    may be what failed); it names the werkplaats when it can."""
    unreachable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    try:
        # With the database away, asking it again would wait a connect timeout once more.
        profiel = cache.get(PROFIEL_CACHE_KEY) if unreachable else Profiel.objects.current()
    except Exception:  # the database or the cache may be what failed: the page still shows
        profiel = None
    profiel = profiel or Profiel()
    if unreachable:
        page = loader.get_template("503.html").render({"profiel": profiel})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({"profiel": profiel}))


@require_safe
def privacy(request, versie=None):
    """/privacy/: the privacyverklaring in force; /privacy/<versie>/: a version that was in
    force (consent records name the version they were given under), with the other versions
    listed. A version whose date has not come is not shown yet."""
    versies = list(
        Privacyverklaring.objects.filter(geldig_vanaf__lte=timezone.localdate())
        .order_by("-versie")
        .only("versie", "geldig_vanaf")
    )
    geldend = versies[0] if versies else None
    if versie is None:
        getoond = geldend
    else:
        getoond = next((v for v in versies if v.versie == versie), None)
        if getoond is None:
            raise Http404
    if getoond is None:
        return render(request, "werkplaats/privacy.html", {}, status=404)
    getoond = Privacyverklaring.objects.get(pk=getoond.pk)  # now with its text
    context = {
        "verklaring": getoond,
        "is_geldend": getoond.pk == geldend.pk,
        "geldend": geldend,
        "andere_versies": [v for v in versies if v.pk != getoond.pk],
    }
    return render(request, "werkplaats/privacy.html", context)


@require_safe
def toegankelijkheid(request):
    """/toegankelijkheid/: the newest toegankelijkheidsverklaring with its known problems, or,
    while there is none, a page that says so and where to report a problem."""
    verklaring = Toegankelijkheidsverklaring.objects.geldend()
    profiel = Profiel.objects.current()
    context = {"verklaring": verklaring, "statussen": list(Nalevingsstatus)}
    if verklaring is not None:
        context["meldadres"], context["meldadres_tekst"] = verklaring.meldadres(profiel)
    return render(request, "werkplaats/toegankelijkheid.html", context)


@require_safe
def colofon(request):
    """/colofon/: who publishes and maintains the portal (from the profile), its licence and
    source code, and where its fonts and images come from."""
    return render(request, "werkplaats/colofon.html", {"broncode": settings.SOURCE_CODE_URL})


@require_safe
def cookies(request):
    """/cookies/: every cookie the portal can set (werkplaats/cookies.py)."""
    return render(request, "werkplaats/cookies.html", {"cookies": cookie_list.cookies()})
