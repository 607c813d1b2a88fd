from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import (
    CheckboxesAdmin,
    LeesbaarheidAdmin,
    ReadOnlyAdmin,
    confirmed_action,
)
from werkplaats.media import format_duration

from .models import Activiteit, Auteurschap, Grafsteen, Link, Publicatie
from .services import (
    publicatie_fetch_video_still_later,
    publicatie_save,
    publicaties_delete,
    publicaties_publish,
    publicaties_unpublish,
)


class AuteurschapInline(admin.StackedInline):
    model = Auteurschap
    extra = 0
    autocomplete_fields = ["persoon"]
    fields = ["volgorde", "persoon", "voornaam", "tussenvoegsel", "achternaam", "groep"]


class LinkFormSet(BaseInlineFormSet):
    def clean(self):
        """A video link on a publicatie about to be public needs its transcript (the links are
        only known here, after the publicatie's own fields were checked)."""
        super().clean()
        urls = [
            form.cleaned_data["url"]
            for form in self.forms
            if form.cleaned_data.get("url") and not form.cleaned_data.get("DELETE")
        ]
        blocker = self.instance.publish_blockers(video_urls=urls).get("transcript")
        if blocker:
            raise ValidationError(blocker)


class LinkInline(admin.StackedInline):
    model = Link
    formset = LinkFormSet
    extra = 0
    fields = ["volgorde", "soort", "url"]


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
class PublicatieAdmin(CheckboxesAdmin, LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("samenvatting",)
    list_display = ["titel", "soort", "gepubliceerd_on", "status", "deel_van", "omslag_klein"]
    list_select_related = ["deel_van"]
    list_filter = ["status", "soort", JaarFilter, "leerateliers", "activiteiten"]
    search_fields = [
        "titel",
        "samenvatting",
        "auteurschappen__naam",
        "auteurschappen__persoon__naam",
    ]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["organisaties", "leerateliers", "deel_van"]
    checkbox_velden = ("themas", "voorwaarden", "activiteiten")
    readonly_fields = [
        "omslag_voorbeeld",
        "bestand_type",
        "bestand_grootte",
        "duur_weergave",
        "onderdelen_lijst",
    ]
    inlines = [AuteurschapInline, LinkInline]
    actions = ["publish", "unpublish"]
    date_hierarchy = "gepubliceerd_on"
    fieldsets = [
        (None, {"fields": ["titel", "slug", "soort", "status", "gepubliceerd_on"]}),
        (_("Inhoud"), {"fields": ["samenvatting", "inhoud"]}),
        (
            _("Bestand, audio en video"),
            {
                "fields": [
                    "bestand",
                    "bestand_type",
                    "bestand_grootte",
                    "duur_weergave",
                    "transcript",
                    "ondertiteling",
                    "doi",
                    "handle",
                ],
                "description": _(
                    "Audio en video spelen op de pagina af. Ze worden pas gepubliceerd met een "
                    "uitgeschreven tekst; een video ook met ondertiteling (WebVTT). Links naar "
                    "elders, ook naar YouTube of Vimeo, staan onder Externe links."
                ),
            },
        ),
        (_("Omslag"), {"fields": ["omslag", "omslag_alt", "omslag_voorbeeld"]}),
        (
            _("Onderdelen en geheel"),
            {
                "fields": [
                    "deel_van",
                    "volgorde",
                    ("eerste_pagina", "laatste_pagina"),
                    "onderdelen_lijst",
                ],
                "description": _(
                    "Een bijdrage aan een magazine of een hoofdstuk van een boek is een "
                    "publicatie met eigen auteurs en organisaties, en hoort bij het geheel. "
                    "Kies bij het onderdeel het geheel; het geheel toont dan zijn onderdelen. "
                    "Eén niveau: een geheel is zelf geen onderdeel."
                ),
            },
        ),
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        publicatie_fetch_video_still_later(publicatie=form.instance)

    def get_search_results(self, request, queryset, search_term):
        """Choosing the whole of a part offers only publicaties that are no part themselves."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "deel_van" and request.GET.get("model_name") == (
            Publicatie._meta.model_name
        ):
            queryset = queryset.filter(deel_van__isnull=True)
        return queryset, may_have_duplicates

    @admin.display(description=_("onderdelen"))
    def onderdelen_lijst(self, obj):
        """The parts of this whole, published or not, in order, each linking to its page here."""
        if obj.pk is None:
            return "—"
        parts = obj.delen.order_by(F("volgorde").asc(nulls_last=True), "titel")
        parts = parts.prefetch_related("auteurschappen")
        rows = [
            (
                reverse("admin:publicaties_publicatie_change", args=[part.pk]),
                part.titel,
                ", ".join(part.auteurs) or "—",
                part.get_status_display(),
            )
            for part in parts
        ]
        if not rows:
            return "—"
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", '<li><a href="{}">{}</a> ({}; {})</li>', rows),
        )

    @admin.display(description=_("duur"))
    def duur_weergave(self, obj):
        return format_duration(obj.duur) if obj.duur else "—"

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
        count, held_back = publicaties_publish(publicaties=queryset)
        self.message_user(request, _("%(count)d publicatie(s) gepubliceerd.") % {"count": count})
        if held_back:
            self.message_user(
                request,
                _(
                    "Niet gepubliceerd, want audio of video zonder uitgeschreven tekst of "
                    "ondertiteling: %(titels)s."
                )
                % {"titels": ", ".join(publicatie.titel for publicatie in held_back)},
                messages.WARNING,
            )

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


@admin.register(Grafsteen)
class GrafsteenAdmin(ReadOnlyAdmin):
    """What harvesters are told of publicaties that were public: read only, kept for ever."""

    list_display = ["publicatie_id", "titel", "verwijderd_at"]
    search_fields = ["titel"]
    date_hierarchy = "verwijderd_at"
    readonly_fields = ["publicatie_id", "titel", "sets", "verwijderd_at"]
