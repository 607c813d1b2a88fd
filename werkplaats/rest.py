"""The conventions of the read-only API at ``/api/v1/`` (Django REST framework), shared by the
``api.py`` of every app; ``portaal/openapi.py`` puts the apps' endpoints together.

Following the Dutch API Design Rules where they fit: the version in the path and in an
``API-Version`` header, errors as ``application/problem+json`` with a Dutch title, pages with
``next`` links and a largest page size, an ``ETag`` on every answer (``If-None-Match`` gives
304), GET from any origin, and a rate limit per client that all app servers share (the cache).
Everything is public: the querysets give only what the public pages show.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import exception_handler
from rest_framework.viewsets import ReadOnlyModelViewSet

from .http import allow_any_origin
from .ratelimit import client_key

PROBLEM_JSON = "application/problem+json"


class Pagination(PageNumberPagination):
    """``?page=2&page_size=50``; at most 100 rows a page, with ``next`` and ``previous``."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = "Deze pagina bestaat niet."


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per client address (an IPv6 /64 as one), counted in the shared cache."""

    scope = "api"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_key(request)}


TITLES = {
    status.HTTP_400_BAD_REQUEST: "Ongeldige vraag",
    status.HTTP_401_UNAUTHORIZED: "Niet aangemeld",
    status.HTTP_403_FORBIDDEN: "Geen toegang",
    status.HTTP_404_NOT_FOUND: "Niet gevonden",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Methode niet toegestaan",
    status.HTTP_406_NOT_ACCEPTABLE: "Dit formaat kan niet worden geleverd",
    status.HTTP_429_TOO_MANY_REQUESTS: "Te veel verzoeken",
}

DETAILS = {
    exceptions.NotFound: "Dit adres of dit object bestaat niet (of is niet openbaar).",
    exceptions.MethodNotAllowed: "Deze API kan alleen gelezen worden: gebruik GET.",
    exceptions.NotAcceptable: "Deze API levert alleen JSON (application/json).",
}


def problem(status_code: int, detail: str, instance: str = "", **extra) -> dict:
    """An RFC 9457 problem: what went wrong, in Dutch."""
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, _("Fout")),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    return body | extra


def problem_exception_handler(exc, context):
    """DRF's handler, with every answer turned into ``application/problem+json``."""
    if isinstance(exc, Http404):  # get_object() and filters raise Django's own
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 page and the error report
    request = context["request"]
    extra = {}
    if isinstance(exc, exceptions.Throttled):
        detail = (
            f"Je hebt te veel verzoeken gedaan. Probeer het over {exc.wait:.0f} seconden opnieuw."
            if exc.wait
            else "Je hebt te veel verzoeken gedaan. Probeer het straks opnieuw."
        )
    elif isinstance(exc, exceptions.ValidationError):
        detail = "Een of meer parameters kloppen niet; zie invalidParams."
        extra["invalidParams"] = _invalid_params(exc.detail)
    else:
        detail = next(
            (text for kind, text in DETAILS.items() if isinstance(exc, kind)), str(exc.detail)
        )
    response.data = problem(response.status_code, detail, request.path, **extra)
    response.content_type = PROBLEM_JSON
    return response


def _invalid_params(detail):
    if isinstance(detail, dict):
        return [
            {"name": name, "reason": " ".join(str(message) for message in messages)}
            for name, messages in detail.items()
        ]
    return [{"name": "", "reason": " ".join(str(message) for message in detail)}]


class ApiViewSet(ReadOnlyModelViewSet):
    """Read-only endpoints of one kind of row, by slug or id as ``lookup_field`` says."""

    pagination_class = Pagination
    throttle_classes = [ClientRateThrottle]

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        return allow_any_origin(super().as_view(actions, **initkwargs))

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        return with_etag(request, response)

    def filter_queryset(self, queryset):
        """Filters narrow a list; one object is found by its slug or id whatever the query
        string says (a past bijeenkomst too, which the list leaves out by default)."""
        return super().filter_queryset(queryset) if self.action == "list" else queryset


def documented(tag: str, summary: str, one: str, description: str):
    """The Dutch words of a collection in the OpenAPI document and on /api/: its heading, the
    heading of one object, and what the list holds and how to filter it."""
    return extend_schema_view(
        list=extend_schema(summary=summary, description=description, tags=[tag]),
        retrieve=extend_schema(summary=one, tags=[tag]),
    )


def with_etag(request, response):
    """The answer with its ``ETag`` and ``API-Version``; 304 Not Modified when the client has
    this version already (``If-None-Match``)."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        set_response_etag(response)
        response = get_conditional_response(request, etag=response["ETag"], response=response)
    response["API-Version"] = settings.API_VERSION
    return response


PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string", "description": "Wat er misging, in het Nederlands."},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
PROBLEM_RESPONSES = {
    "400": "Een parameter klopt niet (bijvoorbeeld een onbekende waarde van een filter).",
    "404": "Dit object bestaat niet of is niet openbaar.",
    "429": "Te veel verzoeken; Retry-After zegt na hoeveel seconden het weer kan.",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation can answer with a problem."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEM_RESPONSES.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {PROBLEM_JSON: {"schema": reference}}},
                )
    return result
