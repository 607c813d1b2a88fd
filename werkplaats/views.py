from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from bijeenkomsten.models import Bijeenkomst
from leerateliers.matrix import praktijken_per_gemeente, voorwaarde_matrix
from leerateliers.models import Leeratelier, TribuneUpdate
from netwerk.graph import gemeente_graph
from publicaties.models import Auteurschap, Publicatie

from .filters import OrganisatieFilter
from .models import Gemeente, Organisatie, Persoon, Soort, Thema, Voorwaarde
from .search import clean_query, site_search


class HomeView(TemplateView):
    template_name = "werkplaats/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            voorwaarden=Voorwaarde.objects.all(),
            gemeenten=Gemeente.objects.deelnemend(),
            landelijke_themas=Thema.objects.landelijk(),
            aantal_partners=Organisatie.objects.count(),
            leerateliers=Leeratelier.objects.for_home(),
            publicaties=Publicatie.objects.for_list()[:3],
            bijeenkomsten=Bijeenkomst.objects.for_list().upcoming()[:3],
            lector=Persoon.objects.for_contact().filter(slug="lisbeth-verharen").first(),
            **kwargs,
        )


class VoorwaardeListView(ListView):
    queryset = Voorwaarde.objects.for_list()
    template_name = "werkplaats/voorwaarde_list.html"

    def get_context_data(self, **kwargs):
        voorwaarden, rows, totals = voorwaarde_matrix(list(self.object_list))
        _voorwaarden, gemeenten = praktijken_per_gemeente(voorwaarden)
        return super().get_context_data(
            matrix_voorwaarden=voorwaarden,
            matrix_rows=rows,
            matrix_totals=totals,
            gemeente_rows=gemeenten,
            **kwargs,
        )


class VoorwaardeDetailView(DetailView):
    queryset = Voorwaarde.objects.for_detail()
    template_name = "werkplaats/voorwaarde_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(voorwaarden=Voorwaarde.objects.all(), **kwargs)


class ThemaListView(ListView):
    queryset = Thema.objects.for_list()
    template_name = "werkplaats/thema_list.html"


class ThemaDetailView(DetailView):
    queryset = Thema.objects.for_detail()
    template_name = "werkplaats/thema_detail.html"


class GemeenteListView(ListView):
    queryset = Gemeente.objects.for_list()
    template_name = "werkplaats/gemeente_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subregios"] = context["object_list"].grouped_by_subregio()
        return context


class GemeenteDetailView(DetailView):
    queryset = Gemeente.objects.for_detail()
    template_name = "werkplaats/gemeente_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(netwerk=gemeente_graph(self.object), **kwargs)


class OrganisatieListView(FilterView):
    queryset = Organisatie.objects.for_list()
    filterset_class = OrganisatieFilter
    template_name = "werkplaats/organisatie_list.html"
    paginate_by = 30

    def get_context_data(self, **kwargs):
        return super().get_context_data(soorten=Soort, **kwargs)


class OrganisatieDetailView(DetailView):
    queryset = Organisatie.objects.for_detail()
    template_name = "werkplaats/organisatie_detail.html"


class PersoonDetailView(DetailView):
    template_name = "werkplaats/persoon_detail.html"

    def get_queryset(self):
        auteurschappen = (
            Auteurschap.objects.filter(publicatie__in=Publicatie.objects.published())
            .select_related("publicatie")
            .order_by("-publicatie__gepubliceerd_on")
        )
        updates = TribuneUpdate.objects.published().select_related("leeratelier")
        bijeenkomsten = Bijeenkomst.objects.for_list()
        return Persoon.objects.for_detail().prefetch_related(
            Prefetch("auteurschappen", queryset=auteurschappen, to_attr="publicaties"),
            Prefetch("tribune_updates", queryset=updates, to_attr="gepubliceerde_updates"),
            Prefetch(
                "bijeenkomsten", queryset=bijeenkomsten.upcoming(), to_attr="komende_bijeenkomsten"
            ),
            Prefetch(
                "bijeenkomsten", queryset=bijeenkomsten.past(), to_attr="eerdere_bijeenkomsten"
            ),
        )


class SearchView(TemplateView):
    """/zoeken/?q=: leerateliers, praktijken, publicaties, tribune-updates, bijeenkomsten and
    personen."""

    template_name = "werkplaats/zoeken.html"
    per_kind = 10

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        groups = site_search(query, limit=self.per_kind) if query else []
        return super().get_context_data(
            query=query,
            groups=groups,
            per_kind=self.per_kind,
            **kwargs,
        )


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
