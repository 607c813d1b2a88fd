"""The leerateliers in the read-only API: the ateliers with their current arena and tribune,
their lerende praktijken, the geleerde lessen and the history of deelnames, as the public
pages show them (never a contact address, follower or account)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from werkplaats.api import (
    GemeenteRefSerializer,
    OptionalUrlField,
    OrganisatieRefSerializer,
    PageUrlField,
    PersoonRefSerializer,
    ThemaRefSerializer,
    VoorwaardeRefSerializer,
    WerkplaatsRefSerializer,
    api_link,
    file_url,
)
from werkplaats.filters import slug_choice_filter
from werkplaats.models import Gemeente, Organisatie, Thema, Voorwaarde
from werkplaats.rest import ApiViewSet, documented

from .filters import LeeratelierFilter
from .models import (
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LerendePraktijk,
    Niveau,
    PraktijkStatus,
    Rol,
    Trekkerschap,
)

TAG = "Leerateliers"


# --- Related objects, nested small --------------------------------------------------------------


class LeeratelierRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    titel = serializers.CharField(read_only=True)
    url = PageUrlField()


class PraktijkRefSerializer(serializers.Serializer):
    """A praktijk's slug is unique within its leeratelier only: the API knows it by its id."""

    id = serializers.IntegerField(read_only=True)
    api_url = api_link("lerende-praktijk", "pk")
    slug = serializers.SlugField(read_only=True)
    titel = serializers.CharField(read_only=True)
    url = PageUrlField()


class TrekkerSerializer(serializers.ModelSerializer):
    persoon = PersoonRefSerializer(read_only=True)
    rol_naam = serializers.CharField(source="get_rol_display", read_only=True)
    organisatie = OrganisatieRefSerializer(
        source="persoon.organisatie", read_only=True, allow_null=True
    )

    class Meta:
        model = Trekkerschap
        fields = ["persoon", "rol", "rol_naam", "organisatie"]
        read_only_fields = fields


class PlaatsSerializer(serializers.ModelSerializer):
    """An organisation in the arena or on the tribune now, since when."""

    organisatie = OrganisatieRefSerializer(read_only=True)

    class Meta:
        model = Deelname
        fields = ["organisatie", "sinds"]
        read_only_fields = fields


# --- The rows themselves ------------------------------------------------------------------------


class LeeratelierSerializer(serializers.ModelSerializer):
    api_url = api_link("leeratelier")
    url = PageUrlField()
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    afbeelding = file_url("De afbeelding, of null; afbeelding_alt beschrijft hem.")
    voorwaarden = VoorwaardeRefSerializer(many=True, read_only=True)
    themas = ThemaRefSerializer(many=True, read_only=True)
    gemeenten = GemeenteRefSerializer(many=True, read_only=True)
    vraagstukken = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="tekst", help_text="De vraagstukken, op volgorde."
    )
    trekkers = TrekkerSerializer(
        source="trekkerschappen",
        many=True,
        read_only=True,
        help_text="Trekkers, co-trekkers, onderzoekers en promovendi.",
    )
    arena = PlaatsSerializer(
        many=True, read_only=True, help_text="De organisaties die nu in de arena zitten."
    )
    tribune = PlaatsSerializer(
        many=True, read_only=True, help_text="De organisaties die nu op de tribune zitten."
    )
    praktijken = PraktijkRefSerializer(many=True, read_only=True)

    class Meta:
        model = Leeratelier
        fields = [
            "api_url",
            "url",
            "slug",
            "titel",
            "samenvatting",
            "beschrijving",
            "status",
            "status_naam",
            "start_on",
            "end_on",
            "afbeelding",
            "afbeelding_alt",
            "voorwaarden",
            "themas",
            "gemeenten",
            "vraagstukken",
            "trekkers",
            "arena",
            "tribune",
            "praktijken",
        ]
        read_only_fields = fields


class LerendePraktijkSerializer(serializers.ModelSerializer):
    api_url = api_link("lerende-praktijk", "pk")
    url = PageUrlField()
    leeratelier = LeeratelierRefSerializer(read_only=True)
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    gemeenten = GemeenteRefSerializer(many=True, read_only=True)
    partners = OrganisatieRefSerializer(many=True, read_only=True)
    werkplaatsen = WerkplaatsRefSerializer(
        many=True,
        read_only=True,
        help_text="De andere Werkplaatsen Sociaal Domein waarmee de praktijk loopt.",
    )
    externe_link = OptionalUrlField(help_text="Meer over de praktijk elders, of null.")

    class Meta:
        model = LerendePraktijk
        fields = [
            "api_url",
            "url",
            "id",
            "slug",
            "titel",
            "leeratelier",
            "status",
            "status_naam",
            "start_on",
            "end_on",
            "gemeenten",
            "partners",
            "werkplaatsen",
            "beschrijving",
            "externe_link",
        ]
        read_only_fields = fields


class GeleerdeLesSerializer(serializers.ModelSerializer):
    api_url = api_link("les", "pk")
    url = PageUrlField(help_text="Waar de les staat: op de pagina van haar praktijk of atelier.")
    niveau_naam = serializers.CharField(source="get_niveau_display", read_only=True)
    leeratelier = LeeratelierRefSerializer(read_only=True)
    praktijk = PraktijkRefSerializer(read_only=True, allow_null=True)
    voorwaarden = VoorwaardeRefSerializer(many=True, read_only=True)
    bronnen = serializers.HyperlinkedRelatedField(
        view_name="api:les-detail",
        many=True,
        read_only=True,
        help_text="De lokale lessen die deze regionale les samenbrengt.",
    )
    opgepakt_in = serializers.HyperlinkedRelatedField(
        view_name="api:les-detail",
        many=True,
        read_only=True,
        help_text="De regionale lessen die deze lokale les opnamen.",
    )

    class Meta:
        model = GeleerdeLes
        fields = [
            "api_url",
            "url",
            "id",
            "tekst",
            "niveau",
            "niveau_naam",
            "geleerd_on",
            "leeratelier",
            "praktijk",
            "voorwaarden",
            "bronnen",
            "opgepakt_in",
        ]
        read_only_fields = fields


class DeelnameSerializer(serializers.ModelSerializer):
    api_url = api_link("deelname", "pk")
    url = PageUrlField(
        source="organisatie", help_text="De pagina van de organisatie, met al haar deelnames."
    )
    organisatie = OrganisatieRefSerializer(read_only=True)
    leeratelier = LeeratelierRefSerializer(read_only=True)
    rol_naam = serializers.CharField(source="get_rol_display", read_only=True)
    is_huidig = serializers.BooleanField(
        source="is_current", read_only=True, help_text="Loopt nog: `tot` is leeg."
    )

    class Meta:
        model = Deelname
        fields = [
            "api_url",
            "url",
            "id",
            "organisatie",
            "leeratelier",
            "rol",
            "rol_naam",
            "sinds",
            "tot",
            "is_huidig",
        ]
        read_only_fields = fields


# --- Filters of the endpoints without a page of their own (named as on the pages) ------------


def leeratelier_filter():
    return slug_choice_filter(
        _("Leeratelier"),
        Leeratelier.objects.all(),
        _("Alle leerateliers"),
        field_name="leeratelier",
    )


class LerendePraktijkFilter(django_filters.FilterSet):
    leeratelier = leeratelier_filter()
    gemeente = slug_choice_filter(
        _("Gemeente"), Gemeente.objects.all(), _("Alle gemeenten"), field_name="gemeenten"
    )
    partner = slug_choice_filter(
        _("Partner"), Organisatie.objects.all(), _("Alle partners"), field_name="partners"
    )
    werkplaats = slug_choice_filter(
        _("Werkplaats"),
        Organisatie.objects.werkplaatsen(),
        _("Alle werkplaatsen"),
        field_name="werkplaatsen",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PraktijkStatus.choices)

    class Meta:
        model = LerendePraktijk
        fields = ["leeratelier", "gemeente", "partner", "werkplaats", "status"]


class GeleerdeLesFilter(django_filters.FilterSet):
    leeratelier = leeratelier_filter()
    praktijk = django_filters.ModelChoiceFilter(
        label=_("Lerende praktijk (id)"), queryset=LerendePraktijk.objects.all()
    )
    niveau = django_filters.ChoiceFilter(label=_("Niveau"), choices=Niveau.choices)
    voorwaarde = slug_choice_filter(
        _("Voorwaarde"), Voorwaarde.objects.all(), _("Alle voorwaarden"), field_name="voorwaarden"
    )
    thema = slug_choice_filter(
        _("Thema"), Thema.objects.all(), _("Alle thema's"), field_name="leeratelier__themas"
    )

    class Meta:
        model = GeleerdeLes
        fields = ["leeratelier", "praktijk", "niveau", "voorwaarde", "thema"]


class DeelnameFilter(django_filters.FilterSet):
    leeratelier = leeratelier_filter()
    organisatie = slug_choice_filter(
        _("Organisatie"),
        Organisatie.objects.all(),
        _("Alle organisaties"),
        field_name="organisatie",
    )
    gemeente = slug_choice_filter(
        _("Gemeente van de organisatie"),
        Gemeente.objects.all(),
        _("Alle gemeenten"),
        field_name="organisatie__gemeente",
    )
    rol = django_filters.ChoiceFilter(label=_("Rol"), choices=Rol.choices)
    huidig = django_filters.BooleanFilter(
        label=_("Alleen de lopende (true) of alleen de beëindigde (false)"),
        field_name="tot",
        lookup_expr="isnull",
    )

    class Meta:
        model = Deelname
        fields = ["leeratelier", "organisatie", "gemeente", "rol", "huidig"]


# --- Endpoints ----------------------------------------------------------------------------------


@documented(
    TAG,
    "Leerateliers",
    "Eén leeratelier",
    (
        "De leerateliers, op titel, met hun vraagstukken, voorwaarden, thema's, gemeenten, "
        "trekkers en onderzoekers, de organisaties die nu in de arena en op de tribune "
        "zitten en hun lerende praktijken. Filters zoals op /leerateliers/: `voorwaarde`, "
        "`thema` en `gemeente` (slugs) en `status`."
    ),
)
class LeeratelierViewSet(ApiViewSet):
    queryset = Leeratelier.objects.for_api()
    serializer_class = LeeratelierSerializer
    filterset_class = LeeratelierFilter
    lookup_field = "slug"


@documented(
    TAG,
    "Lerende praktijken",
    "Eén lerende praktijk",
    (
        "De lokale praktijken waar de leerateliers aan hun vraagstukken werken, per "
        "leeratelier op titel, met gemeenten (ook die buiten het werkgebied), partners, de "
        "andere werkplaatsen waarmee ze loopt, periode en status. Filters: `leeratelier`, "
        "`gemeente`, `partner` en `werkplaats` (slugs) en `status`."
    ),
)
class LerendePraktijkViewSet(ApiViewSet):
    queryset = LerendePraktijk.objects.for_api()
    serializer_class = LerendePraktijkSerializer
    filterset_class = LerendePraktijkFilter


@documented(
    TAG,
    "Geleerde lessen",
    "Eén geleerde les",
    (
        "De lessen van de leerateliers, de nieuwste eerst: lokale lessen uit een praktijk "
        "en regionale lessen die lokale lessen samenbrengen (`bronnen`, en omgekeerd "
        "`opgepakt_in`). Filters: `leeratelier`, `voorwaarde` en `thema` (slugs), "
        "`praktijk` (id) en `niveau`."
    ),
)
class GeleerdeLesViewSet(ApiViewSet):
    queryset = GeleerdeLes.objects.for_api()
    serializer_class = GeleerdeLesSerializer
    filterset_class = GeleerdeLesFilter


@documented(
    TAG,
    "Deelnames",
    "Eén deelname",
    (
        "Welke organisatie wanneer in de arena of op de tribune van welk leeratelier zat: "
        "de hele geschiedenis, per leeratelier en organisatie, de nieuwste eerst. Een "
        "wissel van rol beëindigt de ene deelname en begint een nieuwe; `tot` is leeg "
        "zolang een deelname loopt. Filters: `leeratelier`, `organisatie` en `gemeente` "
        "(slugs), `rol` en `huidig`."
    ),
)
class DeelnameViewSet(ApiViewSet):
    queryset = Deelname.objects.for_api()
    serializer_class = DeelnameSerializer
    filterset_class = DeelnameFilter


API_ROUTES = [
    ("leerateliers", LeeratelierViewSet, "leeratelier"),
    ("lerende-praktijken", LerendePraktijkViewSet, "lerende-praktijk"),
    ("lessen", GeleerdeLesViewSet, "les"),
    ("deelnames", DeelnameViewSet, "deelname"),
]
