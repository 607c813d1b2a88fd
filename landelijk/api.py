"""The landelijke werkgroepen in the read-only API (``/api/v1/werkgroepen/``), as their pages
show them: members (never an email address), werkplaatsen, leerateliers, activities, and the
published publicaties only."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leerateliers.api import LeeratelierRefSerializer
from leerateliers.models import Leeratelier
from werkplaats.api import (
    OptionalUrlField,
    OrganisatieRefSerializer,
    PageUrlField,
    PersoonRefSerializer,
    ThemaRefSerializer,
    api_link,
)
from werkplaats.filters import slug_choice_filter
from werkplaats.models import Organisatie, Thema
from werkplaats.rest import ApiViewSet, documented

from .models import Lidmaatschap, Werkgroep, WerkgroepActiviteit, WerkgroepStatus

TAG = "Landelijk netwerk"


class WerkgroepPublicatieRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    titel = serializers.CharField(read_only=True)
    url = PageUrlField()


class WerkgroepBijeenkomstRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    titel = serializers.CharField(read_only=True)
    start_at = serializers.DateTimeField(read_only=True)
    url = PageUrlField()


class WerkgroepLidSerializer(serializers.ModelSerializer):
    persoon = PersoonRefSerializer(read_only=True)
    werkplaats = OrganisatieRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="De werkplaats (of organisatie) waar het lid vandaan komt, of null.",
    )

    class Meta:
        model = Lidmaatschap
        fields = ["persoon", "werkplaats", "rol"]
        read_only_fields = fields


class WerkgroepActiviteitSerializer(serializers.ModelSerializer):
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    publicatie = WerkgroepPublicatieRefSerializer(
        source="openbare_publicatie",
        read_only=True,
        allow_null=True,
        help_text="De gepubliceerde publicatie die eruit voortkwam, of null.",
    )

    class Meta:
        model = WerkgroepActiviteit
        fields = [
            "titel",
            "beschrijving",
            "status",
            "status_naam",
            "start_on",
            "end_on",
            "publicatie",
        ]
        read_only_fields = fields


class WerkgroepSerializer(serializers.ModelSerializer):
    # On rows from Werkgroep.objects.for_api(): no further queries.
    api_url = api_link("werkgroep")
    url = PageUrlField()
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    hoofdthema = ThemaRefSerializer(read_only=True, allow_null=True)
    thema = ThemaRefSerializer(read_only=True, allow_null=True)
    website = OptionalUrlField(help_text="De pagina van de werkgroep elders, of null.")
    leden = WerkgroepLidSerializer(source="lidmaatschappen", many=True, read_only=True)
    werkplaatsen = OrganisatieRefSerializer(many=True, read_only=True)
    leerateliers = LeeratelierRefSerializer(
        many=True, read_only=True, help_text="De leerateliers die kennis inbrengen."
    )
    activiteiten = WerkgroepActiviteitSerializer(many=True, read_only=True)
    publicaties = serializers.SerializerMethodField(
        help_text="De gepubliceerde publicaties van de werkgroep, de nieuwste eerst."
    )
    bijeenkomsten = WerkgroepBijeenkomstRefSerializer(many=True, read_only=True)

    class Meta:
        model = Werkgroep
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "volledige_naam",
            "samenvatting",
            "beschrijving",
            "status",
            "status_naam",
            "hoofdthema",
            "thema",
            "website",
            "leden",
            "werkplaatsen",
            "leerateliers",
            "activiteiten",
            "publicaties",
            "bijeenkomsten",
        ]
        read_only_fields = fields

    @extend_schema_field(WerkgroepPublicatieRefSerializer(many=True))
    def get_publicaties(self, werkgroep):
        return WerkgroepPublicatieRefSerializer(
            werkgroep.gepubliceerde_publicaties, many=True, context=self.context
        ).data


class WerkgroepFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=WerkgroepStatus.choices)
    hoofdthema = slug_choice_filter(
        _("Landelijk hoofdthema"), Thema.objects.landelijk(), _("Alle hoofdthema's")
    )
    leeratelier = slug_choice_filter(
        _("Leeratelier"), Leeratelier.objects.all(), _("Alle leerateliers"), "leerateliers"
    )
    werkplaats = slug_choice_filter(
        _("Werkplaats"),
        Organisatie.objects.all(),
        _("Alle werkplaatsen"),
        method="filter_werkplaats",
    )

    class Meta:
        model = Werkgroep
        fields = ["status", "hoofdthema", "leeratelier", "werkplaats"]

    @extend_schema_field(OpenApiTypes.STR)  # the werkplaats' slug
    def filter_werkplaats(self, queryset, name, value):
        return queryset.met_werkplaats(value) if value else queryset


@documented(
    TAG,
    "Landelijke werkgroepen",
    "Eén landelijke werkgroep",
    (
        "De landelijke werkgroepen van de Werkplaatsen Sociaal Domein waarin de werkplaats "
        "meedoet, op naam: hoofdthema, leden met hun werkplaats, deelnemende werkplaatsen, "
        "leerateliers die kennis inbrengen, activiteiten, gepubliceerde publicaties en "
        "bijeenkomsten. Filters: `status`, `hoofdthema`, `leeratelier` en `werkplaats` (slugs)."
    ),
)
class WerkgroepViewSet(ApiViewSet):
    queryset = Werkgroep.objects.for_api()
    serializer_class = WerkgroepSerializer
    filterset_class = WerkgroepFilter
    lookup_field = "slug"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # met_werkplaats() orders by name: keep the tiebreaker of for_api().
        return queryset.order_by("naam", "pk") if self.action == "list" else queryset


API_ROUTES = [("werkgroepen", WerkgroepViewSet, "werkgroep")]
