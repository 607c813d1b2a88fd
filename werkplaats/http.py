"""HTTP helpers shared by the apps' views."""

from functools import wraps

from django.http import HttpResponse

# Browsers cap how long they keep a preflight's answer (Chromium at 2 hours); a day is the
# longest any of them honours.
PREFLIGHT_MAX_AGE = 60 * 60 * 24


def allow_any_origin(view):
    """Let scripts on any site read what ``view`` answers to GET and HEAD: the open data,
    feeds and calendars, which hold nothing that is not public anyway.

    Reads only and never with credentials: with ``*`` and no ``Allow-Credentials`` a browser
    does not show another site's script a response made with the visitor's cookies, so no
    other site reads a page as the signed-in visitor sees it. A preflight (OPTIONS) is answered
    here with 204, before the view, which may refuse the method. Works on function views and
    on callable instances such as syndication feeds; apply it outermost (in urls.py).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            return response
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper
