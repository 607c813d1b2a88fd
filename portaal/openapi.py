"""The read-only API at ``/api/v1/``: every app's endpoints (``API_ROUTES`` in its ``api.py``,
lowest floor first), the OpenAPI document and the page that explains them."""

from functools import cache

from django.http import JsonResponse
from django.urls import include, path, re_path, reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from werkplaats.discovery import app_modules
from werkplaats.http import allow_any_origin
from werkplaats.rest import PROBLEM_JSON, ClientRateThrottle, problem, with_etag


def router() -> SimpleRouter:
    routes = SimpleRouter()
    seen = set()
    for module in app_modules("api"):
        for prefix, viewset, basename in getattr(module, "API_ROUTES", ()):
            if prefix in seen:
                raise ValueError(f"Two API endpoints are called {prefix!r}.")
            seen.add(prefix)
            routes.register(prefix, viewset, basename=basename)
    return routes


ROUTER = router()


class ApiRoot(APIView):
    """``/api/v1/``: where each collection is, the OpenAPI document and the documentation."""

    throttle_classes = [ClientRateThrottle]

    @classmethod
    def as_view(cls, **initkwargs):
        return allow_any_origin(super().as_view(**initkwargs))

    @extend_schema(exclude=True)  # the OpenAPI document describes the collections themselves
    def get(self, request):
        collections = {
            prefix: request.build_absolute_uri(reverse(f"api:{basename}-list"))
            for prefix, _viewset, basename in ROUTER.registry
        }
        return Response(
            {
                "collections": collections,
                "openapi": request.build_absolute_uri(reverse("api:openapi")),
                "documentation": request.build_absolute_uri(reverse("portaal:api_docs")),
            }
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return with_etag(request, response)


class OpenApiDocument(SpectacularJSONAPIView):
    throttle_classes = [ClientRateThrottle]

    @classmethod
    def as_view(cls, **initkwargs):
        return allow_any_origin(super().as_view(**initkwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return with_etag(request, response)


def not_found(request, rest=""):
    """Any other address under /api/v1/: a problem, not the site's HTML 404 page."""
    body = problem(404, "Dit adres bestaat niet in de API; /api/v1/ zegt wat er is.", request.path)
    return JsonResponse(
        body, status=404, content_type=PROBLEM_JSON, json_dumps_params={"ensure_ascii": False}
    )


@cache
def openapi_document() -> dict:
    """The OpenAPI document as a dict, for the documentation page (made once per process, in
    Dutch like the API itself, whichever language the page that first asks for it is in)."""
    with translation.override("nl"):
        return SchemaGenerator().get_schema(request=None, public=True)


urlpatterns = [
    path("", ApiRoot.as_view(), name="root"),
    path("openapi.json", OpenApiDocument.as_view(), name="openapi"),
    path("", include(ROUTER.urls)),
    re_path(r"^(?P<rest>[\s\S]*)\Z", allow_any_origin(not_found), name="not_found"),
]


def endpoints() -> list[dict]:
    """The GET operations of the OpenAPI document, in its order, for people to read."""
    document = openapi_document()
    found = []
    for api_path, operations in document.get("paths", {}).items():
        operation = operations.get("get")
        if operation is None:
            continue
        found.append(
            {
                "path": api_path,
                "tag": (operation.get("tags") or [""])[0],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "where": parameter["in"],
                        "required": parameter.get("required", False),
                        "type": parameter.get("schema", {}).get("type", ""),
                        "choices": parameter.get("schema", {}).get("enum", []),
                        "description": parameter.get("description", ""),
                    }
                    for parameter in operation.get("parameters", [])
                ],
            }
        )
    return found
