"""The programmacommissie's admin of the quick scan: the versions of the question set with
their statements, and the scans (to look at: a scan starts and runs on the site).

An adopted version is what scans were answered on, so only concepts can be edited or deleted;
a change starts as a new concept version ("Nieuwe conceptversie maken") and becomes the set
new scans use when it is adopted ("Vaststellen"). Answers are never shown per respondent."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import (
    ConstraintCheckingFormSet,
    HistoryAdmin,
    account_text,
    confirmed_action,
)

from . import services
from .admin_forms import StartConceptForm, VaststellenForm
from .models import Respondent, Scan, SetStatus, Vraag, Vragenset


def is_concept(vragenset):
    return vragenset is None or vragenset.status == SetStatus.CONCEPT


class VraagInline(admin.StackedInline):
    model = Vraag
    formset = ConstraintCheckingFormSet
    extra = 0
    fields = ["voorwaarde", "niveau", "stelling", "toelichting", "volgorde"]
    ordering = ["voorwaarde__volgorde", "volgorde", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("voorwaarde")

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and is_concept(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_concept(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_concept(obj)


@admin.register(Vragenset)
class VragensetAdmin(HistoryAdmin):
    list_display = [
        "titel",
        "slug",
        "status",
        "is_voorbeeld",
        "vastgesteld_on",
        "aantal_vragen",
        "aantal_scans",
    ]
    list_filter = ["status", "is_voorbeeld"]
    search_fields = ["titel", "toelichting"]
    readonly_fields = ["status", "vastgesteld_on", "vorige"]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "is_voorbeeld", "toelichting"]}),
        (_("Versie"), {"fields": ["status", "vastgesteld_on", "vorige"]}),
    ]
    inlines = [VraagInline]
    actions = ["start_concept", "adopt"]
    history_list_display = ["status"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("vorige")
            .annotate(
                _aantal_vragen=Count("vragen", distinct=True),
                _aantal_scans=Count("scans", distinct=True),
            )
        )

    # The status changes only through the steps below. An adopted or replaced version is
    # what scans were answered on: only concepts can be edited or deleted.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_concept(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_concept(obj)

    @admin.display(description=_("stellingen"), ordering="_aantal_vragen")
    def aantal_vragen(self, obj):
        return obj._aantal_vragen

    @admin.display(description=_("scans"), ordering="_aantal_scans")
    def aantal_scans(self, obj):
        return obj._aantal_scans

    @confirmed_action(
        _("Nieuwe conceptversie maken"),
        _("Een nieuwe conceptversie begint als kopie van de stellingen van:"),
        form_class=StartConceptForm,
        single=True,
    )
    def start_concept(self, request, queryset, **data):
        concept = services.vragenset_start_concept(bron=queryset.get(), **data)
        self.message_user(
            request, _("Conceptversie “%(titel)s” gemaakt.") % {"titel": concept.titel}
        )

    @confirmed_action(
        _("Vaststellen"),
        _(
            "Nieuwe scans gebruiken voortaan deze versie; de huidige vastgestelde versie wordt "
            "vervangen (scans die ermee zijn ingevuld houden haar):"
        ),
        form_class=VaststellenForm,
        single=True,
    )
    def adopt(self, request, queryset, **data):
        vragenset = services.vragenset_adopt(vragenset=queryset.get(), **data)
        self.message_user(request, _("“%(titel)s” is vastgesteld.") % {"titel": vragenset.titel})


class RespondentInline(admin.TabularInline):
    """Who took part, by organisation, with the dates: never their answers, and not the name
    or address an invitation went to."""

    model = Respondent
    extra = 0
    fields = ["organisatie_getoond", "uitgenodigd_at", "gewijzigd_at", "ingediend_at"]
    readonly_fields = fields
    ordering = ["organisatie__naam", "organisatie_naam", "pk"]
    verbose_name_plural = _("respondenten (per organisatie; antwoorden alleen samen)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisatie")

    @admin.display(description=_("organisatie"))
    def organisatie_getoond(self, obj):
        return obj.organisatie_label

    # Seeing the scan is enough to see who took part in it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("quickscan.view_scan")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OpenbaarFilter(admin.SimpleListFilter):
    title = _("openbaar")
    parameter_name = "openbaar"

    def lookups(self, request, model_admin):
        return [
            ("ja", _("Openbaar")),
            ("nee", _("Niet openbaar")),
            ("wacht", _("Klaar om openbaar te maken")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(gepubliceerd_at__isnull=False)
        if self.value() == "nee":
            return queryset.filter(gepubliceerd_at__isnull=True)
        if self.value() == "wacht":
            return queryset.awaiting_publication()
        return queryset


@admin.register(Scan)
class ScanAdmin(HistoryAdmin):
    list_display = [
        "plek",
        "periode",
        "vragenset",
        "status",
        "gepubliceerd",
        "is_voorbeeld",
        "verzonden",
        "uitkomsten",
    ]
    list_filter = [
        "status",
        OpenbaarFilter,
        "is_voorbeeld",
        "vragenset",
        ("gemeente", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["gemeente", "vragenset"]
    search_fields = ["gemeente__naam", "wijk"]
    date_hierarchy = "periode_van"
    fields = [
        "gemeente",
        "wijk",
        "vragenset",
        "periode_van",
        "periode_tot",
        "status",
        "gepubliceerd_at",
        "is_voorbeeld",
        "gestart_door_account",
        "aangemaakt_at",
        "uitkomsten",
    ]
    readonly_fields = fields
    gestart_door_account = account_text("gestart_door", _("gestart door"))
    inlines = [RespondentInline]
    history_list_display = ["status", "gepubliceerd_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _verzonden=Count("respondenten", filter=Q(respondenten__ingediend_at__isnull=False))
            )
        )

    # A scan starts, closes and is published on the site, by the gemeente's contactpersoon;
    # its answers are the respondents'. Here it is only looked at.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("plek"), ordering="gemeente__naam")
    def plek(self, obj):
        return obj.plek

    @admin.display(description=_("periode"), ordering="periode_van")
    def periode(self, obj):
        # Each date whole on its line, not broken at its hyphens.
        return format_html(
            '<span class="nowrap">{}</span> – <span class="nowrap">{}</span>',
            f"{obj.periode_van:%d-%m-%Y}",
            f"{obj.periode_tot:%d-%m-%Y}",
        )

    @admin.display(description=_("openbaar"), boolean=True, ordering="gepubliceerd_at")
    def gepubliceerd(self, obj):
        return obj.is_gepubliceerd

    @admin.display(description=_("verstuurd"), ordering="_verzonden")
    def verzonden(self, obj):
        return obj._verzonden

    @admin.display(description=_("uitkomsten"))
    def uitkomsten(self, obj):
        if obj.pk is None:
            return "–"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Uitkomsten bekijken"))
