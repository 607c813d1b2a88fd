"""The kennisagenda in the read-only API: its public versions (``/api/v1/kennisagendas/``)
with their kwesties, and the public kwesties (``/api/v1/kwesties/``) with the versions they are
on and the besluiten that name them. Concept versions and the besluiten about them never."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leerateliers.api import LeeratelierRefSerializer
from werkplaats.api import PageUrlField, VoorwaardeRefSerializer, api_link
from werkplaats.rest import ApiViewSet, documented

from .models import AgendaStatus, Besluit, Kennisagenda, Kwestie

TAG = "Kennisagenda"


def kwestie_anchor(agenda, kwestie):
    """Where ``agenda``'s page shows ``kwestie``."""
    return f"{agenda.get_absolute_url()}#kwestie-{kwestie.slug}"


class KennisagendaRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    titel = serializers.CharField(read_only=True)
    url = PageUrlField()


class KwestieRefSerializer(serializers.Serializer):
    # On kwesties from with_place(): their url without a query.
    slug = serializers.SlugField(read_only=True)
    naam = serializers.CharField(read_only=True)
    url = PageUrlField()


class BesluitSerializer(serializers.ModelSerializer):
    # On rows from Besluit.objects.for_api().
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)
    agenda = KennisagendaRefSerializer(read_only=True, allow_null=True)
    kwestie = KwestieRefSerializer(read_only=True, allow_null=True)
    doel = KwestieRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="Bij samenvoegen: de kwestie waarin de kwestie is opgegaan.",
    )

    class Meta:
        model = Besluit
        fields = ["soort", "soort_naam", "genomen_on", "toelichting", "agenda", "kwestie", "doel"]
        read_only_fields = fields


class AgendaKwestieSerializer(serializers.Serializer):
    # Given an Agendapunt: its kwestie as this version of the agenda shows it.
    api_url = serializers.HyperlinkedRelatedField(
        source="kwestie", view_name="api:kwestie-detail", lookup_field="slug", read_only=True
    )
    url = serializers.SerializerMethodField(help_text="De kwestie op de pagina van deze versie.")
    slug = serializers.SlugField(source="kwestie.slug", read_only=True)
    naam = serializers.CharField(source="kwestie.naam", read_only=True)
    beschrijving = serializers.CharField(source="kwestie.beschrijving", read_only=True)
    leeratelier = LeeratelierRefSerializer(
        source="kwestie.leeratelier", read_only=True, allow_null=True
    )
    voorwaarden = VoorwaardeRefSerializer(source="kwestie.voorwaarden", many=True, read_only=True)
    voorwaarden_van_leeratelier = VoorwaardeRefSerializer(
        source="kwestie.voorwaarden_van_leeratelier_als_anders",
        many=True,
        read_only=True,
        help_text=(
            "De voorwaarden waaraan het leeratelier inmiddels werkt, als die verschillen van "
            "die van de kwestie; anders leeg."
        ),
    )

    @extend_schema_field(serializers.URLField())
    def get_url(self, punt):
        return self.context["request"].build_absolute_uri(kwestie_anchor(punt.agenda, punt.kwestie))


class AgendapuntSerializer(serializers.Serializer):
    volgorde = serializers.IntegerField(read_only=True)
    toelichting = serializers.CharField(
        read_only=True, help_text="De toelichting bij de kwestie in deze versie."
    )
    kwestie = AgendaKwestieSerializer(source="*", read_only=True)


class KennisagendaSerializer(serializers.ModelSerializer):
    # On rows from Kennisagenda.objects.for_api(): no further queries.
    api_url = api_link("kennisagenda")
    url = PageUrlField()
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    vorige = serializers.SerializerMethodField(help_text="De versie hiervoor, of null.")
    agendapunten = AgendapuntSerializer(source="punten", many=True, read_only=True)
    besluiten = BesluitSerializer(
        many=True, read_only=True, help_text="De besluiten over deze versie, de nieuwste eerst."
    )

    class Meta:
        model = Kennisagenda
        fields = [
            "api_url",
            "url",
            "slug",
            "titel",
            "status",
            "status_naam",
            "periode_van",
            "periode_tot",
            "vastgesteld_on",
            "introductie",
            "vorige",
            "agendapunten",
            "besluiten",
        ]
        read_only_fields = fields

    @extend_schema_field(KennisagendaRefSerializer(allow_null=True))
    def get_vorige(self, agenda):
        vorige = agenda.vorige
        if vorige is None or vorige.status == AgendaStatus.CONCEPT:
            return None
        return KennisagendaRefSerializer(vorige, context=self.context).data


class KwestieAgendaSerializer(serializers.Serializer):
    # Given an Agendapunt on a public version: where the kwestie stands in it.
    agenda = KennisagendaRefSerializer(read_only=True)
    volgorde = serializers.IntegerField(read_only=True)
    toelichting = serializers.CharField(read_only=True)


class KwestieSerializer(serializers.ModelSerializer):
    # On rows from Kwestie.objects.for_api(): no further queries. The pages show what a
    # kwestie is about (beschrijving, voorwaarden) only on the versions that carry it.
    api_url = api_link("kwestie")
    url = PageUrlField()
    status_naam = serializers.CharField(source="get_status_display", read_only=True)
    beschrijving = serializers.SerializerMethodField()
    voorwaarden = serializers.SerializerMethodField()
    leeratelier = LeeratelierRefSerializer(read_only=True, allow_null=True)
    samengevoegd_in = KwestieRefSerializer(read_only=True, allow_null=True)
    agendas = KwestieAgendaSerializer(
        source="openbare_punten",
        many=True,
        read_only=True,
        help_text="De openbare versies van de kennisagenda met deze kwestie, de nieuwste eerst.",
    )
    besluiten = serializers.SerializerMethodField(
        help_text="De besluiten over deze kwestie, de nieuwste eerst."
    )

    class Meta:
        model = Kwestie
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "status",
            "status_naam",
            "beschrijving",
            "voorwaarden",
            "leeratelier",
            "samengevoegd_in",
            "agendas",
            "besluiten",
        ]
        read_only_fields = fields

    def get_beschrijving(self, kwestie) -> str:
        return kwestie.beschrijving if kwestie.op_openbare_versie else ""

    @extend_schema_field(VoorwaardeRefSerializer(many=True))
    def get_voorwaarden(self, kwestie):
        voorwaarden = kwestie.voorwaarden.all() if kwestie.op_openbare_versie else []
        return VoorwaardeRefSerializer(voorwaarden, many=True, context=self.context).data

    @extend_schema_field(BesluitSerializer(many=True))
    def get_besluiten(self, kwestie):
        besluiten = sorted(
            {*kwestie.openbare_besluiten, *kwestie.openbare_besluiten_als_doel},
            key=lambda besluit: (besluit.genomen_on, besluit.pk),
            reverse=True,
        )
        return BesluitSerializer(besluiten, many=True, context=self.context).data


@documented(
    TAG,
    "Versies van de kennisagenda",
    "Eén versie van de kennisagenda",
    (
        "De vastgestelde en de gearchiveerde versies van de regionale kennisagenda, de "
        "nieuwste eerst, met hun kwesties en de besluiten erover. Concepten nooit."
    ),
)
class KennisagendaViewSet(ApiViewSet):
    queryset = Kennisagenda.objects.for_api()
    serializer_class = KennisagendaSerializer
    lookup_field = "slug"


@documented(
    TAG,
    "Kwesties",
    "Eén kwestie",
    (
        "De sociale kwesties van de openbare versies van de kennisagenda en de "
        "samengevoegde en vervallen kwesties, op naam, met de versies waarop ze staan en "
        "de besluiten van de programmacommissie erover."
    ),
)
class KwestieViewSet(ApiViewSet):
    queryset = Kwestie.objects.for_api()
    serializer_class = KwestieSerializer
    lookup_field = "slug"


API_ROUTES = [
    ("kennisagendas", KennisagendaViewSet, "kennisagenda"),
    ("kwesties", KwestieViewSet, "kwestie"),
]
