from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import (
    CheckboxesAdmin,
    ConstraintCheckingFormSet,
    HistoryAdmin,
    LeesbaarheidAdmin,
    QuerySetFilter,
    confirmed_action,
    csv_download,
)
from werkplaats.models import Organisatie

from . import berichten, services
from .models import (
    Abonnement,
    Deelname,
    GeleerdeLes,
    Leeratelier,
    LerendePraktijk,
    Melding,
    Trekkerschap,
    TribuneUpdate,
    UpdateStatus,
    Vraagstuk,
)


class VraagstukInline(admin.StackedInline):
    model = Vraagstuk
    extra = 0
    fields = ["volgorde", "tekst"]


class TrekkerschapInline(admin.StackedInline):
    model = Trekkerschap
    extra = 0
    autocomplete_fields = ["persoon"]

    def get_queryset(self, request):  # each row's title names the persoon and the atelier
        return super().get_queryset(request).select_related("persoon", "leeratelier")


class DeelnameInline(admin.StackedInline):
    model = Deelname
    formset = ConstraintCheckingFormSet
    extra = 0
    autocomplete_fields = ["organisatie", "contactpersoon"]
    fields = ["organisatie", "rol", "contactpersoon", "sinds", "tot"]

    def get_queryset(self, request):  # each row's title names the organisatie and the atelier
        return super().get_queryset(request).select_related("organisatie", "leeratelier")


class Huidig(admin.SimpleListFilter):
    title = _("loopt nog")
    parameter_name = "huidig"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nee", _("Nee, beëindigd"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(tot__isnull=True)
        if self.value() == "nee":
            return queryset.filter(tot__isnull=False)
        return queryset


def deelname_matrix():
    """Organisaties by leerateliers with the current role in each cell (None: no role)."""
    leerateliers = list(Leeratelier.objects.order_by("titel"))
    rollen = {
        (deelname.organisatie_id, deelname.leeratelier_id): deelname.get_rol_display()
        for deelname in Deelname.objects.current()
    }
    organisaties = Organisatie.objects.filter(
        pk__in=Deelname.objects.current().values("organisatie")
    ).order_by("naam")
    rows = [
        (organisatie, [rollen.get((organisatie.pk, atelier.pk)) for atelier in leerateliers])
        for organisatie in organisaties
    ]
    return leerateliers, rows


@admin.register(Leeratelier)
class LeeratelierAdmin(CheckboxesAdmin, LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("samenvatting",)
    list_display = ["titel", "status", "start_on", "trekkers", "aantal_arena", "aantal_tribune"]
    list_filter = ["status", "voorwaarden", "themas", "gemeenten"]
    search_fields = ["titel", "samenvatting", "beschrijving"]
    prepopulated_fields = {"slug": ["titel"]}
    checkbox_velden = ("voorwaarden", "themas", "gemeenten")
    ordering = ["titel"]
    inlines = [VraagstukInline, TrekkerschapInline, DeelnameInline]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "status", "samenvatting", "beschrijving"]}),
        (_("Looptijd en contact"), {"fields": ["start_on", "end_on", "contact_email"]}),
        (_("Sociale kwaliteit en werkgebied"), {"fields": ["voorwaarden", "themas", "gemeenten"]}),
        (_("Afbeelding"), {"fields": ["afbeelding", "afbeelding_alt"]}),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).with_counts().prefetch_related("trekkerschappen__persoon")
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Deelname:
            return super().save_formset(request, form, formset, change)
        # The trekkers hear of joins, moves and leaves, once the whole inline is saved.
        was_current = set(
            Deelname.objects.current()
            .filter(pk__in=[f.instance.pk for f in formset.initial_forms if f.instance.pk])
            .values_list("pk", flat=True)
        )
        super().save_formset(request, form, formset, change)
        berichten.deelnames_saved(
            started=formset.new_objects,
            ended=[d for d, _fields in formset.changed_objects if d.pk in was_current],
        )

    @admin.display(description=_("trekkers en onderzoekers"))
    def trekkers(self, obj):
        return ", ".join(t.persoon.naam for t in obj.trekkerschappen.all()) or "—"

    @admin.display(description=_("arena"), ordering="aantal_arena")
    def aantal_arena(self, obj):
        return obj.aantal_arena

    @admin.display(description=_("tribune"), ordering="aantal_tribune")
    def aantal_tribune(self, obj):
        return obj.aantal_tribune

    def get_urls(self):
        overview = self.admin_site.admin_view(self.overzicht_view)
        return [
            path("overzicht/", overview, name="leerateliers_leeratelier_overzicht"),
            *super().get_urls(),
        ]

    def overzicht_view(self, request):
        """Which organisation is where: arena, tribune or nothing, per leeratelier; also CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        leerateliers, rows = deelname_matrix()
        if request.GET.get("formaat") == "csv":
            return csv_download(
                "deelnames.csv",
                ["Organisatie", *(atelier.titel for atelier in leerateliers)],
                ([organisatie.naam, *cells] for organisatie, cells in rows),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deelnames per organisatie en leeratelier"),
            "opts": self.model._meta,
            "leerateliers": leerateliers,
            "rows": rows,
            "csv_url": reverse("admin:leerateliers_leeratelier_overzicht") + "?formaat=csv",
        }
        return TemplateResponse(request, "admin/leerateliers/overzicht.html", context)


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "leeratelier", "rol", "sinds", "tot", "contactpersoon"]
    list_filter = ["rol", Huidig, "leeratelier"]
    list_select_related = ["organisatie", "leeratelier", "contactpersoon"]
    search_fields = ["organisatie__naam", "leeratelier__titel"]
    autocomplete_fields = ["organisatie", "contactpersoon"]
    date_hierarchy = "sinds"

    def save_model(self, request, obj, form, change):
        # The trekkers hear of a join, move or leave entered here (see berichten).
        was_current = change and form.initial.get("tot") is None
        super().save_model(request, obj, form, change)
        berichten.deelnames_saved(
            started=[] if change else [obj], ended=[obj] if was_current else []
        )


class GeleerdeLesInline(LeesbaarheidAdmin, admin.TabularInline):
    leesbaarheid_velden = ("tekst",)
    """The praktijk's lessen, to read: a les is added and changed on its own page, where its
    level, its local lessen and its history are (see GeleerdeLesAdmin)."""

    model = GeleerdeLes
    extra = 0
    fields = ["tekst", "niveau", "geleerd_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LerendePraktijk)
class LerendePraktijkAdmin(CheckboxesAdmin, LeesbaarheidAdmin, HistoryAdmin):
    leesbaarheid_velden = ("beschrijving",)
    list_display = ["titel", "leeratelier", "status", "start_on", "aantal_lessen"]
    list_filter = ["status", "leeratelier", "gemeenten"]
    list_select_related = ["leeratelier"]
    search_fields = ["titel", "beschrijving"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["partners"]
    checkbox_velden = ("gemeenten", "werkplaatsen")
    inlines = [GeleerdeLesInline]
    history_list_display = ["status"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal_lessen=Count("lessen"))

    @admin.display(description=_("lessen"), ordering="_aantal_lessen")
    def aantal_lessen(self, obj):
        return obj._aantal_lessen

    # As on the site: the praktijk and its gemeenten and partners are one change in its
    # history (see services.praktijk_save), saved before the inline.
    def save_model(self, request, obj, form, change):
        pass

    def save_related(self, request, form, formsets, change):
        services.praktijk_save(
            praktijk=form.instance,
            gemeenten=form.cleaned_data["gemeenten"],
            partners=form.cleaned_data["partners"],
            werkplaatsen=form.cleaned_data["werkplaatsen"],
            door=request.user,
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class GeleerdeLesAdminForm(forms.ModelForm):
    """Checks the rules of lessen that travel (services.les_check) with the other errors, so
    a wrong choice of local lessen is a message on the form."""

    class Meta:
        model = GeleerdeLes
        fields = [
            "leeratelier",
            "praktijk",
            "niveau",
            "tekst",
            "geleerd_on",
            "voorwaarden",
            "bronnen",
        ]

    def _post_clean(self):
        super()._post_clean()
        if "bronnen" in self.cleaned_data and self.instance.leeratelier_id is not None:
            try:
                services.les_check(les=self.instance, bronnen=self.cleaned_data["bronnen"])
            except ValidationError as error:
                self._update_errors(error)


@admin.register(GeleerdeLes)
class GeleerdeLesAdmin(CheckboxesAdmin, LeesbaarheidAdmin, HistoryAdmin):
    leesbaarheid_velden = ("tekst",)
    form = GeleerdeLesAdminForm
    list_display = ["kort", "leeratelier", "praktijk", "niveau", "geleerd_on", "aangekondigd"]
    list_filter = ["niveau", "leeratelier"]
    list_select_related = ["leeratelier", "praktijk"]
    search_fields = ["tekst"]
    date_hierarchy = "geleerd_on"
    autocomplete_fields = ["praktijk"]
    checkbox_velden = ("voorwaarden", "bronnen")
    readonly_fields = ["aankondiging_link"]
    fields = [
        "leeratelier",
        "praktijk",
        "niveau",
        "tekst",
        "geleerd_on",
        "voorwaarden",
        "bronnen",
        "aankondiging_link",
    ]
    history_list_display = ["niveau"]

    @admin.display(description=_("les"))
    def kort(self, obj):
        return str(obj)

    @admin.display(description=_("aangekondigd"), boolean=True)
    def aangekondigd(self, obj):
        return obj.aankondiging_id is not None

    @admin.display(description=_("aangekondigd op de tribune"))
    def aankondiging_link(self, obj):
        if obj.aankondiging_id is None:
            return _("Nee. Een trekker kondigt een regionale les aan vanuit Mijn werkplaats.")
        update = obj.aankondiging
        url = reverse("admin:leerateliers_tribuneupdate_change", args=[update.pk])
        return format_html('<a href="{}">{}</a>', url, update.titel)

    def get_form(self, request, obj=None, change=False, **kwargs):
        request.geleerde_les = obj  # for the choice of local lessen below
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "bronnen":
            # Local lessen; of the les's own leeratelier once it has one.
            les = getattr(request, "geleerde_les", None)
            bronnen = GeleerdeLes.objects.lokaal().select_related("leeratelier", "praktijk")
            if les is not None:
                bronnen = bronnen.filter(leeratelier=les.leeratelier_id).exclude(pk=les.pk)
            kwargs["queryset"] = bronnen.order_by("leeratelier__titel", "praktijk__titel", "pk")
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label_from_instance = lambda bron: (
                f"{bron.leeratelier.titel} · {bron.praktijk.titel if bron.praktijk else '—'}: "
                f"{bron}"
            )
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # As on the site, through the service: one change in its history, its rules checked.
    def save_model(self, request, obj, form, change):
        pass

    def save_related(self, request, form, formsets, change):
        services.les_save(
            les=form.instance,
            voorwaarden=form.cleaned_data["voorwaarden"],
            bronnen=form.cleaned_data["bronnen"],
            door=request.user,
        )


class ConceptFilter(QuerySetFilter):
    title = _("concept")
    parameter_name = "concept"
    methods = {"vergeten": (_("Langer dan een maand in concept"), "stale_concepts")}


@admin.register(TribuneUpdate)
class TribuneUpdateAdmin(LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("tekst",)
    list_display = ["titel", "leeratelier", "auteur", "status", "gepubliceerd_at"]
    list_filter = ["status", ConceptFilter, "leeratelier"]
    list_select_related = ["leeratelier", "auteur"]
    search_fields = ["titel", "tekst"]
    autocomplete_fields = ["auteur"]
    date_hierarchy = "gepubliceerd_at"
    actions = ["publish"]

    def save_model(self, request, obj, form, change):
        # As on the site: readers are told once, when the update becomes published.
        services.update_save(update=obj)

    @confirmed_action(
        _("Geselecteerde updates publiceren"),
        _("Deze updates worden openbaar en verschijnen in de feed van hun leeratelier:"),
    )
    def publish(self, request, queryset):
        count = 0
        for update in queryset.filter(~Q(status=UpdateStatus.GEPUBLICEERD)):
            services.update_save(update=update, publish=True)
            count += 1
        self.message_user(request, _("%(count)d update(s) gepubliceerd.") % {"count": count})


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    """Who follows what, to read: people choose on the site (/mijn/, the links in emails)."""

    list_display = ["user", "leeratelier", "volgt", "frequentie", "sinds"]
    list_filter = ["volgt", "frequentie", "leeratelier"]
    list_select_related = ["user", "leeratelier"]
    search_fields = ["user__email", "leeratelier__titel"]
    readonly_fields = ["user", "leeratelier", "volgt", "frequentie", "sinds"]

    def has_add_permission(self, request):
        return False


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["user", "update", "frequentie", "aangemaakt_at", "verstuurd_at", "geweigerd_at"]
    list_filter = [
        "frequentie",
        ("verstuurd_at", admin.EmptyFieldListFilter),
        ("geweigerd_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["user", "update"]
    search_fields = ["user__email", "update__titel"]
    readonly_fields = [
        "user",
        "update",
        "frequentie",
        "aangemaakt_at",
        "verstuurd_at",
        "geweigerd_at",
    ]

    def has_add_permission(self, request):
        return False
