"""Pages that compose several apps: the home page, the network core with what runs in it
(sociale kwaliteit, thema's, gemeenten, partners, personen), a leeratelier's page with its
publicaties and bijeenkomsten, site search, and the signed-in user's /mijn/ with the data
download and account deletion."""

import json
import unicodedata

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from accounts.models import Koppeling
from bijeenkomsten.models import Aanmelding, Bijeenkomst
from landelijk.plekken import per_leeratelier as werkgroepen_per_leeratelier
from leerateliers import metadata as leeratelier_metadata
from leerateliers import permissions
from leerateliers.matrix import (
    dekking_per_jaar,
    praktijken_per_gemeente,
    voorwaarde_matrix,
    voorwaarden_per_praktijk,
    werkgebied,
)
from leerateliers.models import (
    Abonnement,
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LeeratelierStatus,
    LerendePraktijk,
    TribuneUpdate,
)
from netwerk.graph import gemeente_graph, leerateliers_for_graph
from nieuwsbrief.consent import TOESTEMMING_TEKST
from nieuwsbrief.models import Inschrijving
from publicaties.models import Auteurschap, Publicatie, split_naam
from quickscan import charts as quickscan_charts
from quickscan import scores as quickscan_scores
from reacties.services import met_nieuwe_reacties
from werkplaats import audit, metadata
from werkplaats.filters import OrganisatieFilter
from werkplaats.forms import posted
from werkplaats.models import (
    Gemeente,
    Organisatie,
    Persoon,
    Profiel,
    Soort,
    Thema,
    Voorwaarde,
)
from werkplaats.search import clean_query

from . import openapi, services
from .forms import DekkingForm, DeleteAccountForm
from .search import site_search


class HomeView(TemplateView):
    template_name = "portaal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            voorwaarden=Voorwaarde.objects.all(),
            gemeenten=Gemeente.objects.deelnemend(),
            landelijke_themas=Thema.objects.landelijk(),
            aantal_partners=Organisatie.objects.count(),
            leerateliers=Leeratelier.objects.for_home(),
            publicaties=Publicatie.objects.for_list()[:3],
            bijeenkomsten=Bijeenkomst.objects.for_list().upcoming()[:3],
            **kwargs,
        )


class VoorwaardeListView(ListView):
    queryset = Voorwaarde.objects.for_list()
    template_name = "portaal/voorwaarde_list.html"

    def get_context_data(self, **kwargs):
        voorwaarden, rows, totals = voorwaarde_matrix(list(self.object_list))
        per_praktijk = voorwaarden_per_praktijk()
        _voorwaarden, gemeenten = praktijken_per_gemeente(voorwaarden, per_praktijk)
        dekking = DekkingForm(
            self.request.GET or None, gemeenten=werkgebied(), auto_id="dekking_%s"
        )
        return super().get_context_data(
            matrix_voorwaarden=voorwaarden,
            matrix_rows=rows,
            matrix_totals=totals,
            gemeente_rows=gemeenten,
            dekking_form=dekking,
            jaren=dekking_per_jaar(
                voorwaarden, gemeente=dekking.gekozen(), per_praktijk=per_praktijk
            ),
            quickscan=quickscan_scores.over_gemeenten(),
            **kwargs,
        )


class VoorwaardeDetailView(DetailView):
    queryset = Voorwaarde.objects.for_detail().prefetch_related("leerateliers")
    template_name = "portaal/voorwaarde_detail.html"
    publicaties_shown = 10  # the newest; the page links to all of them in /publicaties/
    lessen_shown = 20  # the newest

    def get_context_data(self, **kwargs):
        term_set = self.request.build_absolute_uri(reverse("portaal:voorwaarde_list"))
        return super().get_context_data(
            json_ld=metadata.defined_term(
                self.object, self.request, term_set, self.object.samenvatting
            ),
            voorwaarden=Voorwaarde.objects.all(),
            publicaties=Publicatie.objects.for_voorwaarde(self.object)[: self.publicaties_shown],
            lessen=GeleerdeLes.objects.for_voorwaarde(self.object)[: self.lessen_shown],
            **kwargs,
        )


class ThemaListView(ListView):
    queryset = Thema.objects.for_list()
    template_name = "portaal/thema_list.html"


class ThemaDetailView(DetailView):
    queryset = Thema.objects.for_detail().prefetch_related("leerateliers")
    template_name = "portaal/thema_detail.html"
    publicaties_shown = 10  # the newest; the page links to all of them in /publicaties/
    lessen_shown = 20  # the newest

    def get_context_data(self, **kwargs):
        term_set = self.request.build_absolute_uri(reverse("portaal:thema_list"))
        return super().get_context_data(
            json_ld=metadata.defined_term(self.object, self.request, term_set),
            publicaties=Publicatie.objects.for_thema(self.object)[: self.publicaties_shown],
            lessen=GeleerdeLes.objects.for_thema(self.object)[: self.lessen_shown],
            **kwargs,
        )


class GemeenteListView(ListView):
    queryset = Gemeente.objects.werkgebied().for_list()
    template_name = "portaal/gemeente_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subregios"] = context["object_list"].grouped_by_subregio()
        return context


class GemeenteDetailView(DetailView):
    """What runs in a gemeente; one outside the werkgebied (where a joint praktijk runs) says
    so."""

    # Its praktijken with their leeratelier in one query.
    queryset = Gemeente.objects.for_detail().prefetch_related(
        Prefetch("praktijken", queryset=LerendePraktijk.objects.select_related("leeratelier"))
    )
    template_name = "portaal/gemeente_detail.html"
    bijeenkomsten_shown = 10  # the page links to all of them in /bijeenkomsten/

    def get_context_data(self, **kwargs):
        leerateliers = leerateliers_for_graph(
            Leeratelier.objects.in_gemeente(self.object), beyond=False, whole=False
        )
        scan, scores = quickscan_scores.laatste_openbare_uitslag(self.object)
        return super().get_context_data(
            quickscan_scan=scan,
            quickscan_rijen=quickscan_charts.rijen(scores),
            json_ld=metadata.administrative_area(self.object, self.request),
            leerateliers=sorted(leerateliers, key=lambda leeratelier: leeratelier.titel),
            deelnames=Deelname.objects.for_gemeente(self.object),
            bijeenkomsten=Bijeenkomst.objects.in_gemeente(self.object)[: self.bijeenkomsten_shown],
            netwerk=gemeente_graph(self.object, leerateliers),
            **kwargs,
        )


class OrganisatieListView(FilterView):
    queryset = Organisatie.objects.for_list()
    filterset_class = OrganisatieFilter
    template_name = "portaal/organisatie_list.html"
    paginate_by = 30

    def get_context_data(self, **kwargs):
        return super().get_context_data(soorten=Soort, **kwargs)


class OrganisatieDetailView(DetailView):
    queryset = Organisatie.objects.for_detail().prefetch_related(
        "deelnames__leeratelier", "praktijken__leeratelier"
    )
    template_name = "portaal/organisatie_detail.html"

    def get_context_data(self, **kwargs):
        data = metadata.organization(self.object, self.request, full=True)
        return super().get_context_data(json_ld=metadata.with_context(data), **kwargs)


def _sort_key(text):
    """Case- and accent-insensitive, for sorting names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum() or char == " ")


def by_achternaam(personen):
    """Personen as a Dutch list of names orders them: by achternaam without tussenvoegsel
    ("Jan van der Berg" under B), then by voornaam."""

    def key(persoon):
        voornamen, _tussenvoegsel, achternaam = split_naam(persoon.naam)
        return (_sort_key(achternaam), _sort_key(voornamen), persoon.pk)

    return sorted(personen, key=key)


class PersoonListView(ListView):
    """/personen/: the public contacts of the network, by achternaam."""

    queryset = Persoon.objects.for_list()
    template_name = "portaal/persoon_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["personen"] = by_achternaam(context["object_list"])
        return context


class PersoonDetailView(DetailView):
    template_name = "portaal/persoon_detail.html"

    def get_context_data(self, **kwargs):
        data = metadata.person(self.object, self.request, full=True)
        return super().get_context_data(json_ld=metadata.with_context(data), **kwargs)

    def get_queryset(self):
        auteurschappen = (
            Auteurschap.objects.filter(publicatie__in=Publicatie.objects.published())
            .select_related("publicatie")
            .order_by("-publicatie__gepubliceerd_on")
        )
        updates = TribuneUpdate.objects.published().select_related("leeratelier")
        bijeenkomsten = Bijeenkomst.objects.for_list()
        return Persoon.objects.for_detail().prefetch_related(
            "trekkerschappen__leeratelier__praktijken",
            Prefetch("auteurschappen", queryset=auteurschappen, to_attr="publicaties"),
            Prefetch("tribune_updates", queryset=updates, to_attr="gepubliceerde_updates"),
            Prefetch(
                "bijeenkomsten", queryset=bijeenkomsten.upcoming(), to_attr="komende_bijeenkomsten"
            ),
            Prefetch(
                "bijeenkomsten", queryset=bijeenkomsten.past(), to_attr="eerdere_bijeenkomsten"
            ),
        )


def contact(request):
    """/contact/: who the werkplaats is and how to reach it, from its profile."""
    profiel = Profiel.objects.current()
    links = list(profiel.links.all()) if profiel.pk else []
    return render(request, "portaal/contact.html", {"profiel": profiel, "links": links})


class SearchView(TemplateView):
    """/zoeken/?q=: leerateliers, praktijken, publicaties, tribune-updates, bijeenkomsten,
    personen, netwerkpartners, gemeenten, thema's and the kwesties of the kennisagenda."""

    template_name = "portaal/zoeken.html"
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


class LeeratelierDetailView(DetailView):
    template_name = "portaal/leeratelier_detail.html"

    def get_queryset(self):
        return (
            Leeratelier.objects.for_detail()
            .prefetch_related(
                Prefetch(
                    "publicaties",
                    queryset=Publicatie.objects.newest(),
                    to_attr="gepubliceerde_publicaties",
                ),
                # Coming ones for the agenda, held ones for the timeline: one query.
                Prefetch(
                    "bijeenkomsten",
                    queryset=Bijeenkomst.objects.for_list().order_by("start_at", "pk"),
                    to_attr="alle_bijeenkomsten",
                ),
            )
            .with_following(self.request.user)
        )

    def get_context_data(self, **kwargs):
        now = timezone.now()
        bijeenkomsten = self.object.alle_bijeenkomsten
        gebeurtenissen = services.leeratelier_tijdlijn(
            self.object,
            gehouden=[b for b in bijeenkomsten if b.is_past(now) and not b.is_cancelled],
        )
        return super().get_context_data(
            json_ld=leeratelier_metadata.research_project(self.object, self.request),
            komende_bijeenkomsten=[b for b in bijeenkomsten if not b.is_past(now)],
            tijdlijn=gebeurtenissen[: services.TIJDLIJN_KORT],
            tijdlijn_eerder=gebeurtenissen[services.TIJDLIJN_KORT :],
            werkgroepen=werkgroepen_per_leeratelier(self.object),
            **kwargs,
        )


@login_required
def dashboard(request):
    user = request.user
    led = met_nieuwe_reacties(permissions.leerateliers_led_by(user), user).prefetch_related(
        Prefetch("updates", queryset=TribuneUpdate.objects.order_by("-gepubliceerd_at", "-id"))
    )
    organisaties = permissions.organisaties_managed_by(user).prefetch_related(
        Prefetch(
            "deelnames",
            queryset=Deelname.objects.current().select_related("leeratelier"),
            to_attr="huidige_deelnames",
        )
    )
    open_leerateliers = list(
        Leeratelier.objects.exclude(status=LeeratelierStatus.AFGEROND).order_by("titel")
    )
    deelname_rows = []
    for organisatie in organisaties:
        rollen = {d.leeratelier_id: d for d in organisatie.huidige_deelnames}
        deelname_rows.append(
            (organisatie, [(atelier, rollen.get(atelier.pk)) for atelier in open_leerateliers])
        )
    inschrijving = Inschrijving.objects.open_van(user).first()
    # The user's approved and pending claims in one query (the user is active: signed in).
    koppelingen = list(Koppeling.objects.approved_or_pending().filter(user=user))
    context = {
        "inschrijving": inschrijving,
        "nieuwsbrief_afmelden": inschrijving is not None and inschrijving.is_actief,
        "toestemming": TOESTEMMING_TEKST,
        "persoon": Persoon.objects.filter(user=user).select_related("organisatie").first(),
        "open_koppeling": next((k for k in koppelingen if k.is_pending), None),
        "is_gekoppeld": any(k.is_approved for k in koppelingen),
        "leerateliers_geleid": led,
        "deelname_rows": deelname_rows,
        "gevolgd": Abonnement.objects.following().filter(user=user).select_related("leeratelier"),
        "aanmeldingen": Aanmelding.objects.for_user(user)
        .active()
        .filter(bijeenkomst__end_at__gte=timezone.now()),
    }
    return render(request, "portaal/dashboard.html", context)


@login_required
def personal_data(request):
    data = services.personal_data(request.user)
    audit.record("data.downloaded", user=request.user, download="persoonsgegevens")
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mijn-gegevens-werkplaats-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
def account_delete(request):
    form = DeleteAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Je account en je persoonsgegevens zijn verwijderd."))
        return redirect("portaal:home")
    return render(request, "portaal/delete.html", {"form": form})


def api_docs(request):
    """/api/: what the read-only API offers and how to use it, made from its OpenAPI document."""
    return render(
        request,
        "portaal/api_docs.html",
        {"endpoints": openapi.endpoints(), "version": settings.API_VERSION},
    )
