"""The project's own endpoints: the health check, robots.txt, the favicon and the 500 page."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Profiel


@never_cache
@require_GET
def healthz(request):
    """200 ``ok`` when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database onbereikbaar", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /accounts/",
        "Disallow: /mijn/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""
    return HttpResponsePermanentRedirect(static("img/logo.svg"))


def server_error(request):
    """The 500 page in the site's style. Like Django's own, it renders without the request's
    context processors (they may be what failed); it names the werkplaats when it can."""
    try:
        profiel = Profiel.objects.current()
    except Exception:  # the database or the cache may be what failed: the page still shows
        profiel = Profiel()
    return HttpResponseServerError(loader.get_template("500.html").render({"profiel": profiel}))
