from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import CheckboxesAdmin, ConstraintCheckingFormSet, LeesbaarheidAdmin

from .models import Lidmaatschap, Werkgroep, WerkgroepActiviteit


class LidmaatschapInline(admin.StackedInline):
    model = Lidmaatschap
    formset = ConstraintCheckingFormSet
    extra = 0
    autocomplete_fields = ["persoon"]
    fields = ["persoon", "werkplaats", "rol"]


class WerkgroepActiviteitInline(admin.StackedInline):
    model = WerkgroepActiviteit
    extra = 0
    autocomplete_fields = ["publicatie"]
    fields = [
        ("titel", "status"),
        ("start_on", "end_on", "volgorde"),
        "beschrijving",
        "publicatie",
    ]


@admin.register(Werkgroep)
class WerkgroepAdmin(CheckboxesAdmin, LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("samenvatting",)
    list_display = ["naam", "hoofdthema", "status", "aantal_leden", "gewijzigd_at"]
    list_filter = ["status", "hoofdthema"]
    list_select_related = ["hoofdthema"]
    search_fields = ["naam", "volledige_naam", "samenvatting", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["leerateliers", "publicaties", "bijeenkomsten"]
    checkbox_velden = ("werkplaatsen",)
    ordering = ["naam"]
    inlines = [LidmaatschapInline, WerkgroepActiviteitInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "naam",
                    "slug",
                    "volledige_naam",
                    "status",
                    "samenvatting",
                    "beschrijving",
                ]
            },
        ),
        (_("Thema"), {"fields": ["hoofdthema", "thema", "website"]}),
        (
            _("Wie doet mee"),
            {
                "fields": ["werkplaatsen", "leerateliers"],
                "description": _(
                    "De leden zelf staan onderaan, met de werkplaats waar ze vandaan komen."
                ),
            },
        ),
        (_("Wat eruit voortkomt"), {"fields": ["publicaties", "bijeenkomsten"]}),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(aantal=Count("lidmaatschappen", distinct=True))
        )

    @admin.display(description=_("leden"), ordering="aantal")
    def aantal_leden(self, obj):
        return obj.aantal
