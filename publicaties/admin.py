from django.contrib import admin
from django.db.models.functions import ExtractYear
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import confirmed_action

from .models import Activiteit, Auteurschap, Publicatie
from .services import (
    publicatie_save,
    publicaties_delete,
    publicaties_publish,
    publicaties_unpublish,
)


class AuteurschapInline(admin.TabularInline):
    model = Auteurschap
    extra = 0
    autocomplete_fields = ["persoon"]
    fields = ["volgorde", "persoon", "voornaam", "tussenvoegsel", "achternaam", "groep"]


class JaarFilter(admin.SimpleListFilter):
    title = _("jaar")
    parameter_name = "jaar"

    def lookups(self, request, model_admin):
        years = (
            Publicatie.objects.annotate(jaar=ExtractYear("gepubliceerd_on"))
            .values_list("jaar", flat=True)
            .distinct()
            .order_by("-jaar")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(gepubliceerd_on__year=int(self.value()))
        return queryset


@admin.register(Publicatie)
class PublicatieAdmin(admin.ModelAdmin):
    list_display = ["titel", "soort", "gepubliceerd_on", "status", "omslag_klein"]
    list_filter = ["status", "soort", JaarFilter, "leerateliers", "activiteiten"]
    search_fields = [
        "titel",
        "samenvatting",
        "auteurschappen__naam",
        "auteurschappen__persoon__naam",
    ]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["organisaties", "leerateliers", "themas", "voorwaarden"]
    filter_horizontal = ["activiteiten"]
    readonly_fields = ["omslag_voorbeeld", "bestand_type", "bestand_grootte"]
    inlines = [AuteurschapInline]
    actions = ["publish", "unpublish"]
    date_hierarchy = "gepubliceerd_on"
    fieldsets = [
        (None, {"fields": ["titel", "slug", "soort", "status", "gepubliceerd_on"]}),
        (_("Inhoud"), {"fields": ["samenvatting", "inhoud"]}),
        (
            _("Bestand en links"),
            {
                "fields": [
                    "bestand",
                    "bestand_type",
                    "bestand_grootte",
                    "externe_url",
                    "doi",
                    "handle",
                ]
            },
        ),
        (_("Omslag"), {"fields": ["omslag", "omslag_alt", "omslag_voorbeeld"]}),
        (
            _("Ordening"),
            {
                "fields": [
                    "organisaties",
                    "leerateliers",
                    "themas",
                    "voorwaarden",
                    "activiteiten",
                    "taal",
                    "licentie",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        publicatie_save(publicatie=obj, cover_changed="omslag" in form.changed_data)

    def delete_model(self, request, obj):
        # Through the service: a public publicatie leaves a grafsteen for harvesters.
        publicaties_delete(publicaties=Publicatie.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        publicaties_delete(publicaties=queryset)

    def _thumbnail(self, obj, width):
        if not obj.omslag_varianten:
            return "—"
        variant = obj.omslag_varianten[0]
        return format_html(
            '<img src="{}" width="{}" alt="">',
            obj.omslag.storage.url(variant["jpeg"]),
            width,
        )

    @admin.display(description=_("omslag"))
    def omslag_klein(self, obj):
        return self._thumbnail(obj, 48)

    @admin.display(description=_("voorbeeld"))
    def omslag_voorbeeld(self, obj):
        return self._thumbnail(obj, 200)

    @confirmed_action(
        _("Geselecteerde publicaties publiceren"),
        _("Deze publicaties worden openbaar, in de lijst, de zoekresultaten en de feeds:"),
    )
    def publish(self, request, queryset):
        count = publicaties_publish(publicaties=queryset)
        self.message_user(request, _("%(count)d publicatie(s) gepubliceerd.") % {"count": count})

    @confirmed_action(
        _("Geselecteerde publicaties terugzetten naar concept"),
        _(
            "Deze publicaties verdwijnen van de site, uit de zoekresultaten en de feeds; "
            "harvesters zien ze als verwijderd:"
        ),
    )
    def unpublish(self, request, queryset):
        count = publicaties_unpublish(publicaties=queryset)
        self.message_user(
            request, _("%(count)d publicatie(s) teruggezet naar concept.") % {"count": count}
        )


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    list_display = ["naam", "volgorde"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
