"""The network core in the read-only API: organisaties, gemeenten, personen, thema's and
voorwaarden, as their public pages show them (never an email address or an account).

Also the pieces the other apps' ``api.py`` build on: the absolute address of an object's page
(``PageUrlField``) and the small nested form of a related object (``slug``, name, ``url``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .filters import OrganisatieFilter
from .models import Gemeente, Organisatie, Persoon, Subregio, Thema, Voorwaarde
from .rest import ApiViewSet, documented

TAG = "Netwerk"


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's public page (or of the page ``source`` names)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("help_text", "De openbare pagina.")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


def api_link(basename: str, lookup_field: str = "slug") -> serializers.HyperlinkedIdentityField:
    """The object's own address in the API."""
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{basename}-detail",
        lookup_field=lookup_field,
        help_text="Dit object in de API.",
    )


class OptionalUrlField(serializers.URLField):
    """An address somewhere else, or null when there is none (not an empty string)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


def file_url(help_text: str) -> serializers.FileField:
    """The absolute address of an uploaded file, or null when there is none."""
    return serializers.FileField(read_only=True, allow_null=True, help_text=help_text)


# --- Related objects, nested small --------------------------------------------------------------


class NaamRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    naam = serializers.CharField(read_only=True)
    url = PageUrlField()


class VoorwaardeRefSerializer(NaamRefSerializer):
    pass


class ThemaRefSerializer(NaamRefSerializer):
    pass


class GemeenteRefSerializer(NaamRefSerializer):
    pass


class OrganisatieRefSerializer(NaamRefSerializer):
    pass


class PersoonRefSerializer(NaamRefSerializer):
    pass


@extend_schema_field(OpenApiTypes.URI)
class WerkplaatsUrlField(serializers.Field):
    """The absolute address of a Werkplaats Sociaal Domein's page under /werkplaatsen/."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("help_text", "De pagina van de werkplaats onder /werkplaatsen/.")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_werkplaats_url())


class WerkplaatsRefSerializer(serializers.Serializer):
    """A Werkplaats Sociaal Domein, nested small, at its page under /werkplaatsen/."""

    slug = serializers.SlugField(read_only=True)
    naam = serializers.CharField(read_only=True)
    url = WerkplaatsUrlField()


# --- The rows themselves ------------------------------------------------------------------------


class VoorwaardeSerializer(serializers.ModelSerializer):
    api_url = api_link("voorwaarde")
    url = PageUrlField()
    themas = ThemaRefSerializer(many=True, read_only=True)

    class Meta:
        model = Voorwaarde
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "volgorde",
            "samenvatting",
            "beschrijving",
            "themas",
        ]
        read_only_fields = fields


class ThemaSerializer(serializers.ModelSerializer):
    api_url = api_link("thema")
    url = PageUrlField()
    voorwaarden = VoorwaardeRefSerializer(many=True, read_only=True)

    class Meta:
        model = Thema
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "beschrijving",
            "is_landelijk_hoofdthema",
            "voorwaarden",
        ]
        read_only_fields = fields


class GemeenteSerializer(serializers.ModelSerializer):
    api_url = api_link("gemeente")
    url = PageUrlField()
    subregio = serializers.ChoiceField(
        choices=Subregio.choices,
        allow_blank=True,
        read_only=True,
        help_text="De subregio; leeg bij een gemeente buiten het werkgebied.",
    )
    subregio_naam = serializers.CharField(source="get_subregio_display", read_only=True)
    aantal_partners = serializers.IntegerField(
        read_only=True, help_text="Het aantal netwerkpartners dat in deze gemeente gevestigd is."
    )

    class Meta:
        model = Gemeente
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "cbs_code",
            "subregio",
            "subregio_naam",
            "is_deelnemer",
            "in_werkgebied",
            "toelichting",
            "aantal_partners",
        ]
        read_only_fields = fields


class WerkplaatsGegevensSerializer(serializers.Serializer):
    """What /werkplaatsen/ shows of a Werkplaats Sociaal Domein."""

    url = WerkplaatsUrlField()
    regio = serializers.CharField(
        read_only=True, help_text="De regio; leeg bij het landelijke netwerk."
    )
    hogeschool = OrganisatieRefSerializer(read_only=True, allow_null=True)
    lectoraat = OrganisatieRefSerializer(read_only=True, allow_null=True)
    gemeenten = GemeenteRefSerializer(
        source="regio_gemeenten",
        many=True,
        read_only=True,
        help_text="De gemeenten van de regio, voor zover bekend.",
    )
    is_deze_werkplaats = serializers.BooleanField(
        source="is_eigen", read_only=True, help_text="Of dit de werkplaats van deze site is."
    )


class OrganisatieSerializer(serializers.ModelSerializer):
    api_url = api_link("organisatie")
    url = PageUrlField()
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)
    gemeente = GemeenteRefSerializer(read_only=True, allow_null=True)
    onderdeel_van = OrganisatieRefSerializer(read_only=True, allow_null=True)
    onderdelen = OrganisatieRefSerializer(many=True, read_only=True)
    website = OptionalUrlField(help_text="De eigen website, of null.")
    logo = file_url("Het logo, of null.")
    personen = PersoonRefSerializer(
        many=True, read_only=True, help_text="De contactpersonen, zoals de pagina ze noemt."
    )
    werkplaats = WerkplaatsGegevensSerializer(
        source="*",
        read_only=True,
        allow_null=True,
        help_text=(
            "Alleen bij een Werkplaats Sociaal Domein (soort `werkplaats-sociaal-domein`): "
            "haar pagina, regio, hogeschool, lectoraat en gemeenten; anders null."
        ),
    )

    class Meta:
        model = Organisatie
        fields = [
            "api_url",
            "url",
            "slug",
            "naam",
            "afkorting",
            "soort",
            "soort_naam",
            "gemeente",
            "onderdeel_van",
            "onderdelen",
            "website",
            "logo",
            "beschrijving",
            "personen",
            "werkplaats",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.is_werkplaats_sociaal_domein:
            data["werkplaats"] = None
        return data


class PersoonSerializer(serializers.ModelSerializer):
    """Only what the persoon's page shows of them; never an email address or an account."""

    api_url = api_link("persoon")
    url = PageUrlField()
    organisatie = OrganisatieRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Persoon
        fields = ["api_url", "url", "slug", "naam", "functie", "organisatie", "bio"]
        read_only_fields = fields


# --- Endpoints ----------------------------------------------------------------------------------


@documented(
    TAG,
    "Organisaties",
    "Eén organisatie",
    (
        "De netwerkpartners, op naam, met hun gemeente, moederorganisatie, onderdelen en "
        "contactpersonen, en bij een Werkplaats Sociaal Domein haar regio, hogeschool, "
        "lectoraat en gemeenten (`werkplaats`). Filters zoals op /partners/: `soort` en "
        "`gemeente` (slug); de werkplaatsen met `soort=werkplaats-sociaal-domein`. Waar een "
        "organisatie meedoet staat in /api/v1/deelnames/?organisatie=<slug>."
    ),
)
class OrganisatieViewSet(ApiViewSet):
    queryset = Organisatie.objects.for_api()
    serializer_class = OrganisatieSerializer
    filterset_class = OrganisatieFilter
    lookup_field = "slug"


@documented(
    TAG,
    "Gemeenten",
    "Eén gemeente",
    (
        "De gemeenten van het werkgebied, op naam, ook die eerder betrokken waren "
        "(`is_deelnemer` is dan false), met hun CBS-code en subregio; en de gemeenten buiten "
        "het werkgebied waar een praktijk samen met een andere werkplaats loopt "
        "(`in_werkgebied` is dan false, zonder subregio)."
    ),
)
class GemeenteViewSet(ApiViewSet):
    queryset = Gemeente.objects.for_api()
    serializer_class = GemeenteSerializer
    lookup_field = "slug"


@documented(
    TAG,
    "Personen",
    "Eén persoon",
    (
        "Trekkers, onderzoekers, lectoren en contactpersonen, op naam: naam, functie, "
        "organisatie en wie ze zijn. Nooit een e-mailadres of account."
    ),
)
class PersoonViewSet(ApiViewSet):
    queryset = Persoon.objects.for_api()
    serializer_class = PersoonSerializer
    lookup_field = "slug"


@documented(
    TAG,
    "Thema's",
    "Eén thema",
    "De thema's van de werkplaats, op naam, met de voorwaarden die ze raken.",
)
class ThemaViewSet(ApiViewSet):
    queryset = Thema.objects.for_api()
    serializer_class = ThemaSerializer
    lookup_field = "slug"


@documented(
    TAG,
    "Voorwaarden",
    "Eén voorwaarde",
    "De vier voorwaarden van sociale kwaliteit, op volgorde, met hun thema's.",
)
class VoorwaardeViewSet(ApiViewSet):
    queryset = Voorwaarde.objects.for_api()
    serializer_class = VoorwaardeSerializer
    lookup_field = "slug"


API_ROUTES = [
    ("organisaties", OrganisatieViewSet, "organisatie"),
    ("gemeenten", GemeenteViewSet, "gemeente"),
    ("personen", PersoonViewSet, "persoon"),
    ("themas", ThemaViewSet, "thema"),
    ("voorwaarden", VoorwaardeViewSet, "voorwaarde"),
]
