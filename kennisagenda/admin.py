from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import (
    CheckboxesAdmin,
    ConstraintCheckingFormSet,
    HistoryAdmin,
    QuerySetFilter,
    confirmed_action,
)

from . import services
from .forms import BesluitForm, MergeForm, StartConceptForm
from .models import Agendapunt, AgendaStatus, Besluit, Commissielid, Kennisagenda, Kwestie


def is_concept(agenda):
    return agenda is None or agenda.status == AgendaStatus.CONCEPT


class AgendapuntInline(admin.StackedInline):
    model = Agendapunt
    formset = ConstraintCheckingFormSet
    extra = 0
    fields = ["volgorde", "kwestie", "toelichting"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and is_concept(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_concept(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_concept(obj)


@admin.register(Kennisagenda)
class KennisagendaAdmin(HistoryAdmin):
    list_display = ["titel", "slug", "status", "periode_van", "periode_tot", "vastgesteld_on"]
    list_filter = ["status"]
    search_fields = ["titel", "introductie"]
    readonly_fields = ["status", "vastgesteld_on"]
    inlines = [AgendapuntInline]
    actions = ["start_concept", "adopt"]
    history_list_display = ["status"]

    # The status changes only through the steps below, each with its decision. Adopted and
    # archived versions are the record of what was decided: only concepts can be edited.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_concept(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_concept(obj)

    @confirmed_action(
        _("Nieuwe conceptversie maken"),
        _("Een nieuwe conceptversie begint als kopie van de actieve kwesties van:"),
        form_class=StartConceptForm,
        single=True,
    )
    def start_concept(self, request, queryset, **data):
        concept = services.kennisagenda_start_concept(bron=queryset.get(), **data)
        self.message_user(
            request, _("Conceptversie “%(titel)s” gemaakt.") % {"titel": concept.titel}
        )

    @confirmed_action(
        _("Conceptversie vaststellen"),
        _("Deze versie wordt de geldende kennisagenda; de huidige wordt gearchiveerd:"),
        form_class=BesluitForm,
        single=True,
    )
    def adopt(self, request, queryset, **data):
        agenda = services.kennisagenda_adopt(agenda=queryset.get(), **data)
        self.message_user(request, _("“%(titel)s” is vastgesteld.") % {"titel": agenda.titel})


@admin.register(Kwestie)
class KwestieAdmin(CheckboxesAdmin, HistoryAdmin):
    list_display = ["naam", "status", "samengevoegd_in", "leeratelier"]
    list_filter = ["status", "voorwaarden"]
    list_select_related = ["samengevoegd_in", "leeratelier"]
    search_fields = ["naam", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    checkbox_velden = ("voorwaarden",)
    readonly_fields = ["status", "samengevoegd_in"]
    actions = ["merge", "lapse"]
    history_list_display = ["status", "samengevoegd_in"]

    @confirmed_action(
        _("Samenvoegen met een andere kwestie"),
        _("Deze kwesties gaan op in de kwestie die je hieronder kiest:"),
        form_class=MergeForm,
    )
    def merge(self, request, queryset, into, **data):
        for kwestie in queryset:
            services.kwestie_merge(kwestie=kwestie, into=into, **data)
        self.message_user(
            request, _("Samengevoegd in “%(naam)s”.") % {"naam": into.naam}, messages.SUCCESS
        )

    @confirmed_action(
        _("Laten vervallen"),
        _("Deze kwesties vervallen; in vastgestelde versies blijven ze zichtbaar:"),
        form_class=BesluitForm,
    )
    def lapse(self, request, queryset, **data):
        for kwestie in queryset:
            services.kwestie_lapse(kwestie=kwestie, **data)
        self.message_user(
            request, _("%(count)d kwestie(s) vervallen.") % {"count": queryset.count()}
        )


@admin.register(Commissielid)
class CommissielidAdmin(HistoryAdmin):
    list_display = ["__str__", "vertegenwoordigt", "rol", "van", "tot"]
    list_filter = ["vertegenwoordigt", "rol"]
    list_select_related = ["persoon", "organisatie"]
    search_fields = ["persoon__naam", "organisatie__naam"]
    autocomplete_fields = ["persoon", "organisatie"]


class BesluitVersieFilter(QuerySetFilter):
    title = _("openbaar")
    parameter_name = "versie"
    methods = {"concept": (_("Over een conceptversie (nog niet openbaar)"), "about_concepts")}


@admin.register(Besluit)
class BesluitAdmin(HistoryAdmin):
    list_display = ["genomen_on", "soort", "agenda", "kwestie", "doel"]
    list_filter = ["soort", BesluitVersieFilter]
    list_select_related = ["agenda", "kwestie", "doel"]
    search_fields = ["toelichting", "kwestie__naam", "agenda__titel"]
    date_hierarchy = "genomen_on"
