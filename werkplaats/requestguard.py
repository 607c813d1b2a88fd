"""Requests the portal refuses before anything reads them, each with a Dutch page:

- a form post (``application/x-www-form-urlencoded``) that says it is not UTF-8: Django
  refuses to read such a body, and would do so again while making the error page (400);
  ``charset=utf8`` is UTF-8 by another name and is read as such;
- a NUL character in the query string of the admin (its searches, list filters and
  autocomplete pass it to the database, and PostgreSQL cannot hold one in a text value: 400;
  the site's own filters and searches refuse it in their forms);
- a body larger than the largest upload allows, or, for a visitor without a session (who can
  upload nothing), larger than a form needs: refused by its ``Content-Length`` before a byte is
  read, so nobody fills the disk with one request (413). The reverse proxy should refuse the
  same sizes (README, Deployment).
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse_lazy

FORM = "application/x-www-form-urlencoded"
UTF_8 = {"utf-8", "utf8"}
ADMIN = reverse_lazy("admin:index")


def refuse(request, status, melding):
    return render(request, "400.html", {"melding": melding}, status=status)


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _is, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self.check(request)
        return refused if refused is not None else self.get_response(request)

    @staticmethod
    def check(request):
        if request.path.startswith(str(ADMIN)) and any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            return refuse(request, 400, "Het adres bevat een teken dat niet is toegestaan.")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refuse(request, 400, "Het verzoek geeft een ongeldige lengte op.")
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        limit = settings.MAX_REQUEST_BYTES if signed_in else settings.MAX_ANONYMOUS_REQUEST_BYTES
        if length > limit:
            return refuse(
                request,
                413,
                f"Wat je verstuurt is te groot: hoogstens {limit // (1024 * 1024)} MB.",
            )
        content_type = request.META.get("CONTENT_TYPE", "")
        charset = _charset(content_type)
        if content_type.split(";")[0].strip().lower() == FORM and charset is not None:
            if charset not in UTF_8:
                return refuse(request, 400, "Het formulier is niet als UTF-8 verstuurd.")
            request.encoding = "utf-8"
        return None
