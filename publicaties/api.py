"""Publicaties in the read-only API (``/api/v1/publicaties/``): the published ones, with what
their pages show (authors in order, the file, links, relations) and the ways to cite them."""

import copy
from html import unescape

from django.urls import reverse
from django.utils.html import strip_tags
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leerateliers.api import LeeratelierRefSerializer
from werkplaats.api import (
    OrganisatieRefSerializer,
    PageUrlField,
    PersoonRefSerializer,
    ThemaRefSerializer,
    VoorwaardeRefSerializer,
    api_link,
    file_url,
)
from werkplaats.rest import ApiViewSet, documented

from . import citation
from .filters import PublicatieFilter
from .models import Activiteit, Auteurschap, Licentie, Link, Publicatie

TAG = "Publicaties"


# Serializer docstrings become descriptions in the OpenAPI document: help_text says it instead.


class ActiviteitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Activiteit
        fields = ["slug", "naam"]
        read_only_fields = fields


class AuteurSerializer(serializers.ModelSerializer):
    persoon = PersoonRefSerializer(
        read_only=True, allow_null=True, help_text="De persoon in het netwerk, of null."
    )

    class Meta:
        model = Auteurschap
        fields = ["naam", "voornaam", "tussenvoegsel", "achternaam", "groep", "persoon"]
        read_only_fields = fields


class PublicatieLinkSerializer(serializers.ModelSerializer):
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)

    class Meta:
        model = Link
        fields = ["soort", "soort_naam", "url"]
        read_only_fields = fields


class PublicatieBestandSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True)
    mime_type = serializers.CharField(
        read_only=True, help_text="Bijvoorbeeld application/pdf of audio/mpeg."
    )
    grootte = serializers.IntegerField(read_only=True, allow_null=True, help_text="In bytes.")
    duur = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Van audio en video: de duur in seconden."
    )


class CiterenSerializer(serializers.Serializer):
    apa = serializers.CharField(
        read_only=True, help_text="De verwijzing in APA-stijl, als platte tekst."
    )
    bibtex = serializers.URLField(read_only=True, help_text="De verwijzing als BibTeX (.bib).")
    ris = serializers.URLField(read_only=True, help_text="De verwijzing als RIS (.ris).")


class PublicatieRefSerializer(serializers.ModelSerializer):
    api_url = api_link("publicatie")
    url = PageUrlField()

    class Meta:
        model = Publicatie
        fields = ["api_url", "url", "slug", "titel"]
        read_only_fields = fields


class PublicatieSerializer(serializers.ModelSerializer):
    # On rows from Publicatie.objects.for_api(): no further queries.
    api_url = api_link("publicatie")
    url = PageUrlField()
    soort_naam = serializers.CharField(source="get_soort_display", read_only=True)
    auteurs = AuteurSerializer(
        source="auteurschappen", many=True, read_only=True, help_text="In volgorde."
    )
    organisaties = OrganisatieRefSerializer(many=True, read_only=True)
    bestand = serializers.SerializerMethodField(help_text="Het bestand om te downloaden, of null.")
    ondertiteling = file_url("De ondertiteling van de video (WebVTT), of null.")
    omslag = serializers.SerializerMethodField(
        help_text="De omslagafbeelding (JPEG, de grootste), of null."
    )
    links = PublicatieLinkSerializer(many=True, read_only=True)
    leerateliers = LeeratelierRefSerializer(many=True, read_only=True)
    themas = ThemaRefSerializer(many=True, read_only=True)
    voorwaarden = VoorwaardeRefSerializer(many=True, read_only=True)
    activiteiten = ActiviteitSerializer(many=True, read_only=True, help_text="De 4 O's.")
    taal_naam = serializers.CharField(source="get_taal_display", read_only=True)
    # Read-only model fields lose allow_blank, and the document would then refuse "".
    licentie = serializers.ChoiceField(
        choices=Licentie.choices, allow_blank=True, read_only=True, help_text="Leeg: niet vermeld."
    )
    licentie_naam = serializers.CharField(source="get_licentie_display", read_only=True)
    licentie_url = serializers.SerializerMethodField(
        help_text="De tekst van de Creative Commons-licentie, of null."
    )
    citeren = serializers.SerializerMethodField()
    deel_van = PublicatieRefSerializer(
        source="geheel",
        read_only=True,
        allow_null=True,
        help_text="Het geheel (een magazine, een boek) waarvan dit een onderdeel is, of null.",
    )
    delen = PublicatieRefSerializer(
        source="onderdelen",
        many=True,
        read_only=True,
        help_text="De onderdelen (bijdragen, hoofdstukken), in volgorde; leeg als er geen zijn.",
    )

    class Meta:
        model = Publicatie
        fields = [
            "api_url",
            "url",
            "slug",
            "titel",
            "soort",
            "soort_naam",
            "gepubliceerd_on",
            "auteurs",
            "organisaties",
            "samenvatting",
            "inhoud",
            "transcript",
            "bestand",
            "ondertiteling",
            "omslag",
            "omslag_alt",
            "links",
            "leerateliers",
            "themas",
            "voorwaarden",
            "activiteiten",
            "taal",
            "taal_naam",
            "licentie",
            "licentie_naam",
            "licentie_url",
            "doi",
            "handle",
            "deel_van",
            "eerste_pagina",
            "laatste_pagina",
            "delen",
            "citeren",
            "gewijzigd_at",
        ]
        read_only_fields = fields

    def absolute(self, url):
        return self.context["request"].build_absolute_uri(url)

    @extend_schema_field(PublicatieBestandSerializer(allow_null=True))
    def get_bestand(self, publicatie):
        if not publicatie.bestand:
            return None
        return {
            "url": self.absolute(publicatie.bestand.url),
            "mime_type": citation.mime_type(publicatie),
            "grootte": publicatie.bestand_grootte,
            "duur": publicatie.duur,
        }

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_omslag(self, publicatie):
        return citation.image_url(publicatie, self.context["request"]) or None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_licentie_url(self, publicatie):
        return citation.LICENSE_URL.get(publicatie.licentie)

    @extend_schema_field(CiterenSerializer)
    def get_citeren(self, publicatie):
        url = self.absolute(publicatie.get_absolute_url())
        return {
            "apa": unescape(strip_tags(citation.apa(publicatie, url))),
            "bibtex": self.absolute(reverse("publicaties:bibtex", args=[publicatie.slug])),
            "ris": self.absolute(reverse("publicaties:ris", args=[publicatie.slug])),
        }


class PublicatieApiFilter(PublicatieFilter):
    """The page's filters. ``jaar`` is documented as a year: its choices are the years with
    publicaties, which the OpenAPI document cannot list without asking the database."""

    jaar = extend_schema_field(
        {"type": "integer", "description": "Het jaar van verschijnen, bijvoorbeeld 2021."}
    )(copy.deepcopy(PublicatieFilter.base_filters["jaar"]))


@documented(
    TAG,
    "Publicaties",
    "Eén publicatie",
    (
        "De gepubliceerde publicaties, de nieuwste eerst, met auteurs, bestand, links en "
        "citeergegevens. Filters zoals op /publicaties/: `q` (zoeken; de beste treffers "
        "eerst, tenzij `sortering=nieuwste`), `soort`, `leeratelier`, `thema`, "
        "`voorwaarde` en `o` (slugs) en `jaar`."
    ),
)
class PublicatieViewSet(ApiViewSet):
    queryset = Publicatie.objects.for_api()
    serializer_class = PublicatieSerializer
    filterset_class = PublicatieApiFilter
    lookup_field = "slug"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        # The page's order (newest first, or best match first) and a tiebreaker.
        return queryset.order_by(*queryset.query.order_by, "pk")


API_ROUTES = [("publicaties", PublicatieViewSet, "publicatie")]
