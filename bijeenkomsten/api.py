"""Bijeenkomsten in the read-only API (``/api/v1/bijeenkomsten/``): what their public pages
show. Never the registrations or who registered, and never the online link, which the page
gives only to those with a seat: the API says whether there is one (``is_online``)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leerateliers.api import LeeratelierRefSerializer
from werkplaats.api import GemeenteRefSerializer, PageUrlField, PersoonRefSerializer, api_link
from werkplaats.rest import ApiViewSet, documented

from .filters import BijeenkomstFilter
from .models import Bijeenkomst, VerslagBijlage

TAG = "Bijeenkomsten"


class AanmeldenSerializer(serializers.Serializer):
    # On a row from with_counts() (plaatsen_vrij, aantal_wachtlijst).
    capaciteit = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Het aantal plaatsen; null: geen maximum."
    )
    plaatsen_vrij = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Nog vrije plaatsen; null: geen maximum."
    )
    is_vol = serializers.BooleanField(read_only=True)
    aantal_wachtlijst = serializers.SerializerMethodField(
        help_text="Hoeveel mensen op de wachtlijst staan als de bijeenkomst vol is; anders null."
    )
    kan_tot = serializers.DateTimeField(
        source="registration_closes_at", read_only=True, help_text="Tot wanneer aanmelden kan."
    )
    is_open = serializers.SerializerMethodField(help_text="Of aanmelden nu kan.")

    def get_aantal_wachtlijst(self, bijeenkomst) -> int | None:
        return bijeenkomst.aantal_wachtlijst if bijeenkomst.is_vol else None

    def get_is_open(self, bijeenkomst) -> bool:
        return bijeenkomst.registration_refusal() is None


class VerslagBijlageSerializer(serializers.ModelSerializer):
    bestand = serializers.FileField(read_only=True)
    soort = serializers.CharField(read_only=True, help_text="PDF, DOCX, …")

    class Meta:
        model = VerslagBijlage
        fields = ["titel", "bestand", "soort"]
        read_only_fields = fields


class BijeenkomstSerializer(serializers.ModelSerializer):
    # On rows from Bijeenkomst.objects.for_detail(): no further queries. What a page shows
    # only at some moment (places before, the verslag after) is null or empty otherwise.
    api_url = api_link("bijeenkomst")
    url = PageUrlField()
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)
    leeratelier = LeeratelierRefSerializer(read_only=True, allow_null=True)
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    annulering_reden = serializers.SerializerMethodField(
        help_text="Waarom de bijeenkomst niet doorgaat (als ze geannuleerd is)."
    )
    is_voorbij = serializers.BooleanField(source="is_over", read_only=True)
    gemeente = GemeenteRefSerializer(read_only=True, allow_null=True)
    is_online = serializers.SerializerMethodField(
        help_text=(
            "Of de bijeenkomst (ook) online is. De link zelf krijgt alleen wie een plaats "
            "heeft, in de bevestiging."
        )
    )
    sprekers = PersoonRefSerializer(many=True, read_only=True)
    aanmelden = serializers.SerializerMethodField(
        help_text=(
            "Plaatsen en aanmelden, voor een komende bijeenkomst die niet geannuleerd is; "
            "anders null."
        )
    )
    ics = serializers.SerializerMethodField(
        help_text="De bijeenkomst voor je agenda, als iCalendar-bestand."
    )
    verslag = serializers.SerializerMethodField(
        help_text="Na afloop: wat er besproken en geleerd is (Markdown); anders leeg."
    )
    bijlagen = serializers.SerializerMethodField(help_text="De bijlagen bij het verslag.")

    class Meta:
        model = Bijeenkomst
        fields = [
            "api_url",
            "url",
            "slug",
            "titel",
            "soort",
            "soort_naam",
            "leeratelier",
            "samenvatting",
            "beschrijving",
            "start_at",
            "end_at",
            "status",
            "status_naam",
            "annulering_reden",
            "is_voorbij",
            "locatie",
            "adres",
            "gemeente",
            "is_online",
            "sprekers",
            "aanmelden",
            "ics",
            "verslag",
            "bijlagen",
            "gewijzigd_at",
        ]
        read_only_fields = fields

    def get_annulering_reden(self, bijeenkomst) -> str:
        return bijeenkomst.annulering_reden if bijeenkomst.is_cancelled else ""

    def get_is_online(self, bijeenkomst) -> bool:
        return bool(bijeenkomst.online_link)

    @extend_schema_field(AanmeldenSerializer(allow_null=True))
    def get_aanmelden(self, bijeenkomst):
        if bijeenkomst.is_over or bijeenkomst.is_cancelled:
            return None
        return AanmeldenSerializer(bijeenkomst, context=self.context).data

    @extend_schema_field(serializers.URLField())
    def get_ics(self, bijeenkomst):
        return self.context["request"].build_absolute_uri(
            reverse("bijeenkomsten:ics", kwargs={"slug": bijeenkomst.slug})
        )

    def shows_verslag(self, bijeenkomst):
        return bijeenkomst.is_over and not bijeenkomst.is_cancelled and bijeenkomst.verslag

    def get_verslag(self, bijeenkomst) -> str:
        return bijeenkomst.verslag if self.shows_verslag(bijeenkomst) else ""

    @extend_schema_field(VerslagBijlageSerializer(many=True))
    def get_bijlagen(self, bijeenkomst):
        if not self.shows_verslag(bijeenkomst):
            return []
        return VerslagBijlageSerializer(
            bijeenkomst.bijlagen.all(), many=True, context=self.context
        ).data


@documented(
    TAG,
    "Bijeenkomsten",
    "Eén bijeenkomst, komend of voorbij",
    (
        "De komende bijeenkomsten, de eerste eerst; met `periode=archief` de voorbije, de "
        "laatste eerst. Filters zoals op /bijeenkomsten/: `periode`, `soort`, "
        "`leeratelier` en `gemeente` (slugs). Nooit de aanmeldingen of wie zich aanmeldde."
    ),
)
class BijeenkomstViewSet(ApiViewSet):
    queryset = Bijeenkomst.objects.for_detail()
    serializer_class = BijeenkomstSerializer
    filterset_class = BijeenkomstFilter
    lookup_field = "slug"


API_ROUTES = [("bijeenkomsten", BijeenkomstViewSet, "bijeenkomst")]
