from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import CheckboxesAdmin, LeesbaarheidAdmin, confirmed_action

from .models import (
    Onderwijsactiviteit,
    Opleiding,
    PraktijkActiviteit,
    Status,
    Studentwerk,
)
from .services import (
    onderwijsactiviteit_complete_leerateliers,
    studentwerk_erase,
    studentwerk_publish,
    studentwerk_save,
    studentwerk_unpublish,
)


@admin.register(Opleiding)
class OpleidingAdmin(admin.ModelAdmin):
    list_display = ["naam", "afkorting", "organisatie", "niveau"]
    list_filter = ["niveau", "organisatie"]
    list_select_related = ["organisatie"]
    search_fields = ["naam", "afkorting", "organisatie__naam"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["organisatie"]
    fields = ["naam", "slug", "afkorting", "organisatie", "niveau", "url"]


class StudentwerkInline(admin.StackedInline):
    """What is in the expositie, at a glance; the work itself is edited on its own page."""

    model = Studentwerk
    extra = 0
    fields = ["titel", "soort", "status", "toestemming", "volgorde"]
    readonly_fields = ["titel", "soort", "status", "toestemming"]
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("werk van studenten in de expositie")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("toestemming"), boolean=True)
    def toestemming(self, obj):
        return obj.heeft_toestemming


@admin.register(Onderwijsactiviteit)
class OnderwijsactiviteitAdmin(CheckboxesAdmin, LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("samenvatting",)
    list_display = ["titel", "soort", "start_on", "end_on", "status"]
    list_filter = ["status", "soort", "opleidingen", "leerateliers"]
    search_fields = ["titel", "samenvatting", "beschrijving"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["organisaties", "leerateliers", "praktijken"]
    checkbox_velden = ("opleidingen", "themas")
    inlines = [StudentwerkInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "soort", "status"]}),
        (_("Inhoud"), {"fields": ["samenvatting", "beschrijving"]}),
        (
            _("Studenten en periode"),
            {
                "fields": ["opleidingen", "deelnemers", "aantal_studenten", "start_on", "end_on"],
                "description": _(
                    "Vul alleen in wat bekend is. Namen van studenten staan hier nooit: die "
                    "horen bij hun werk, met hun toestemming."
                ),
            },
        ),
        (
            _("Waar de kennis vandaan komt"),
            {"fields": ["leerateliers", "praktijken", "organisaties", "themas"]},
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        onderwijsactiviteit_complete_leerateliers(activiteit=form.instance)

    def delete_model(self, request, obj):
        # Its student work goes with its files and the log's memory of it.
        studentwerk_erase(werken=obj.studentwerk.all())
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        studentwerk_erase(werken=Studentwerk.objects.filter(activiteit__in=queryset))
        super().delete_queryset(request, queryset)

    @confirmed_action(
        _("Geselecteerde onderwijsactiviteiten publiceren"),
        _(
            "Deze onderwijsactiviteiten komen op /onderwijs/, met het werk van studenten dat al "
            "gepubliceerd is:"
        ),
    )
    def publish(self, request, queryset):
        count = queryset.filter(status=Status.CONCEPT).update(status=Status.GEPUBLICEERD)
        self.message_user(
            request, _("%(count)d onderwijsactiviteit(en) gepubliceerd.") % {"count": count}
        )

    @confirmed_action(
        _("Geselecteerde onderwijsactiviteiten terugzetten naar concept"),
        _("Deze onderwijsactiviteiten en hun expositie verdwijnen van de site:"),
    )
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Status.GEPUBLICEERD).update(status=Status.CONCEPT)
        self.message_user(
            request,
            _("%(count)d onderwijsactiviteit(en) teruggezet naar concept.") % {"count": count},
        )


class ToestemmingFilter(admin.SimpleListFilter):
    title = _("toestemming")
    parameter_name = "toestemming"

    def lookups(self, request, model_admin):
        return [("ja", _("Vastgelegd")), ("nee", _("Niet vastgelegd"))]

    def queryset(self, request, queryset):
        met = Studentwerk.objects.met_toestemming().values("pk")
        if self.value() == "ja":
            return queryset.filter(pk__in=met)
        if self.value() == "nee":
            return queryset.exclude(pk__in=met)
        return queryset


@admin.register(Studentwerk)
class StudentwerkAdmin(admin.ModelAdmin):
    list_display = ["titel", "soort", "activiteit", "status", "toestemming", "naam_tonen"]
    list_filter = ["status", ToestemmingFilter, "soort", "naam_tonen", "is_voorbeeld", "activiteit"]
    list_select_related = ["activiteit"]
    search_fields = ["titel", "naam", "activiteit__titel"]
    readonly_fields = ["afbeelding_voorbeeld", "aangemaakt_at"]
    actions = ["publish", "unpublish", "erase"]
    fieldsets = [
        (None, {"fields": ["activiteit", "titel", "soort", "status", "volgorde", "is_voorbeeld"]}),
        (
            _("Het werk"),
            {
                "fields": [
                    "tekst",
                    "afbeelding",
                    "afbeelding_alt",
                    "afbeelding_voorbeeld",
                    "bestand",
                ],
                "description": _(
                    "Een tekst, een afbeelding of een bestand (of meer). Een afbeelding heeft een "
                    "beschrijving nodig; gegevens in de foto (camera, plaats) worden verwijderd."
                ),
            },
        ),
        (
            _("De student en de toestemming"),
            {
                "fields": [
                    "naam",
                    "naam_tonen",
                    "toestemming_at",
                    "toestemming_wijze",
                    "toestemming_toelichting",
                    "aangemaakt_at",
                ],
                "description": _(
                    "Werk wordt pas gepubliceerd als is vastgelegd wanneer en hoe de student "
                    "toestemming gaf. De naam staat alleen op de site als de student dat wil. "
                    "Trekt een student de toestemming in, verwijder het werk dan met de actie "
                    "“Toestemming ingetrokken”: het werk, de bestanden en de naam verdwijnen. "
                    "Een concept zonder toestemming wordt na een jaar verwijderd."
                ),
            },
        ),
    ]

    @admin.display(description=_("toestemming"), boolean=True)
    def toestemming(self, obj):
        return obj.heeft_toestemming

    @admin.display(description=_("voorbeeld van de afbeelding"))
    def afbeelding_voorbeeld(self, obj):
        if not obj.afbeelding_varianten:
            return "—"
        variant = obj.afbeelding_varianten[0]
        return format_html(
            '<img src="{}" width="200" alt="{}">',
            obj.afbeelding.storage.url(variant["jpeg"]),
            obj.afbeelding_alt,
        )

    def save_model(self, request, obj, form, change):
        studentwerk_save(werk=obj, image_changed="afbeelding" in form.changed_data)

    def delete_model(self, request, obj):
        studentwerk_erase(werken=Studentwerk.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        studentwerk_erase(werken=queryset)

    @confirmed_action(
        _("Geselecteerd werk publiceren"),
        _("Dit werk komt in de expositie, als de toestemming van de student is vastgelegd:"),
    )
    def publish(self, request, queryset):
        count, held_back = studentwerk_publish(werken=queryset)
        self.message_user(request, _("%(count)d werk(en) gepubliceerd.") % {"count": count})
        if held_back:
            self.message_user(
                request,
                _("Niet gepubliceerd, want de toestemming is niet vastgelegd: %(titels)s.")
                % {"titels": ", ".join(werk.titel for werk in held_back)},
                messages.WARNING,
            )

    @confirmed_action(
        _("Geselecteerd werk terugzetten naar concept"),
        _("Dit werk verdwijnt uit de expositie:"),
    )
    def unpublish(self, request, queryset):
        count = studentwerk_unpublish(werken=queryset)
        self.message_user(
            request, _("%(count)d werk(en) teruggezet naar concept.") % {"count": count}
        )

    @confirmed_action(
        _("Toestemming ingetrokken: werk verwijderen"),
        _(
            "De student trok de toestemming in. Dit werk wordt voorgoed verwijderd, met de "
            "afbeeldingen, het bestand en de naam van de student:"
        ),
    )
    def erase(self, request, queryset):
        count = studentwerk_erase(werken=queryset)
        self.message_user(request, _("%(count)d werk(en) verwijderd.") % {"count": count})


@admin.register(PraktijkActiviteit)
class PraktijkActiviteitAdmin(admin.ModelAdmin):
    """Which of the 4 O's a lerende praktijk stands for, for the pages per O. A praktijk in
    which students work (linked to a public onderwijsactiviteit) counts for onderwijs without
    a row here."""

    list_display = ["praktijk", "leeratelier", "activiteit"]
    list_filter = ["activiteit", "praktijk__leeratelier"]
    search_fields = ["praktijk__titel", "praktijk__leeratelier__titel"]
    autocomplete_fields = ["praktijk"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin()

    @admin.display(description=_("leeratelier"), ordering="praktijk__leeratelier__titel")
    def leeratelier(self, obj):
        return obj.praktijk.leeratelier
