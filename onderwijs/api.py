"""Education in the read-only API: the opleidingen and the published onderwijsactiviteiten with
the public work of their students, as the pages show them. A student's name is given only
where the student chose to show it (and consent is recorded); otherwise ``naam`` is null."""

from django.core.files.storage import default_storage
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leerateliers.api import LeeratelierRefSerializer, PraktijkRefSerializer
from werkplaats.api import (
    OptionalUrlField,
    OrganisatieRefSerializer,
    PageUrlField,
    ThemaRefSerializer,
    api_link,
    file_url,
)
from werkplaats.rest import ApiViewSet, documented

from .filters import OnderwijsactiviteitFilter
from .models import Onderwijsactiviteit, Opleiding, Studentwerk

TAG = "Onderwijs"


class OpleidingRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    naam = serializers.CharField(read_only=True)
    url = PageUrlField(help_text="De onderwijsactiviteiten van deze opleiding op /onderwijs/.")


class OpleidingSerializer(serializers.ModelSerializer):
    api_url = api_link("opleiding")
    url = PageUrlField(help_text="De onderwijsactiviteiten van deze opleiding op /onderwijs/.")
    niveau_naam = serializers.CharField(source="get_niveau_display", read_only=True)
    hogeschool = OrganisatieRefSerializer(source="organisatie", read_only=True)
    website = OptionalUrlField(source="url", help_text="De website van de opleiding, of null.")

    class Meta:
        model = Opleiding
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "afkorting",
            "niveau",
            "niveau_naam",
            "hogeschool",
            "website",
        ]
        read_only_fields = fields


class StudentwerkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Het werk in de expositie op de pagina.")
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)
    naam = serializers.CharField(
        source="openbare_naam",
        read_only=True,
        allow_null=True,
        help_text="De naam van de student, alleen als die daarvoor koos; anders null.",
    )
    afbeelding = serializers.SerializerMethodField(
        help_text="De afbeelding (JPEG, de grootste, zonder fotogegevens), of null."
    )
    bestand = file_url("Het verslag of rapport, of null.")
    is_voorbeeld = serializers.BooleanField(
        read_only=True, help_text="Een voorbeeld, geen werk van een echte student."
    )

    class Meta:
        model = Studentwerk
        fields = [
            "url",
            "soort",
            "soort_naam",
            "titel",
            "tekst",
            "afbeelding",
            "afbeelding_alt",
            "bestand",
            "naam",
            "is_voorbeeld",
        ]
        read_only_fields = fields

    def get_url(self, werk) -> str:
        page = self.context["request"].build_absolute_uri(werk.activiteit.get_absolute_url())
        return f"{page}#werk-{werk.pk}"

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_afbeelding(self, werk):
        if not werk.afbeelding_varianten:
            return None
        largest = werk.afbeelding_varianten[-1]["jpeg"]
        return self.context["request"].build_absolute_uri(default_storage.url(largest))


class OnderwijsactiviteitSerializer(serializers.ModelSerializer):
    # On rows from Onderwijsactiviteit.objects.for_api(): no further queries.
    api_url = api_link("onderwijsactiviteit")
    url = PageUrlField()
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)
    opleidingen = OpleidingRefSerializer(many=True, read_only=True)
    organisaties = OrganisatieRefSerializer(
        many=True, read_only=True, help_text="De hogeschool en de partners."
    )
    leerateliers = LeeratelierRefSerializer(many=True, read_only=True)
    praktijken = PraktijkRefSerializer(many=True, read_only=True)
    themas = ThemaRefSerializer(many=True, read_only=True)
    studentwerk = StudentwerkSerializer(
        source="expositie",
        many=True,
        read_only=True,
        help_text="De expositie: gepubliceerd werk, met toestemming van de student.",
    )

    class Meta:
        model = Onderwijsactiviteit
        fields = [
            "api_url",
            "url",
            "slug",
            "titel",
            "soort",
            "soort_naam",
            "samenvatting",
            "beschrijving",
            "start_on",
            "end_on",
            "deelnemers",
            "aantal_studenten",
            "opleidingen",
            "organisaties",
            "leerateliers",
            "praktijken",
            "themas",
            "studentwerk",
            "gewijzigd_at",
        ]
        read_only_fields = fields

    def to_representation(self, activiteit):
        # The work's link names its activity: hand it the row at hand instead of a query.
        for werk in activiteit.expositie:
            werk.activiteit = activiteit
        return super().to_representation(activiteit)


@documented(
    TAG,
    "Onderwijsactiviteiten",
    "Eén onderwijsactiviteit",
    (
        "De gepubliceerde onderwijsactiviteiten (semesterprogramma's, evaluaties, "
        "praktijkonderzoek …), de nieuwste eerst, met hun opleidingen, leerateliers, praktijken "
        "en de expositie van het werk van studenten. Namen van studenten alleen als zij daarvoor "
        "kozen. Filters zoals op /onderwijs/: `soort`, `opleiding`, `leeratelier` en `thema` "
        "(slugs)."
    ),
)
class OnderwijsactiviteitViewSet(ApiViewSet):
    queryset = Onderwijsactiviteit.objects.for_api()
    serializer_class = OnderwijsactiviteitSerializer
    filterset_class = OnderwijsactiviteitFilter
    lookup_field = "slug"


@documented(
    TAG,
    "Opleidingen",
    "Eén opleiding",
    "De opleidingen waarvan studenten meedoen, op naam, met hun hogeschool en niveau.",
)
class OpleidingViewSet(ApiViewSet):
    queryset = Opleiding.objects.for_list().order_by("naam", "pk")
    serializer_class = OpleidingSerializer
    lookup_field = "slug"


API_ROUTES = [
    ("onderwijsactiviteiten", OnderwijsactiviteitViewSet, "onderwijsactiviteit"),
    ("opleidingen", OpleidingViewSet, "opleiding"),
]
