from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from werkplaats.admin_tools import (
    ActionForm,
    LeesbaarheidAdmin,
    QuerySetFilter,
    account_text,
    confirmed_action,
    csv_download,
)
from werkplaats.text import validate_no_control_characters

from . import services
from .models import Aanmelding, AanmeldingStatus, Bericht, Bijeenkomst, Status, VerslagBijlage


class VerslagBijlageInline(admin.StackedInline):
    model = VerslagBijlage
    extra = 0
    fields = ["titel", "bestand"]


class AanmeldingInline(admin.TabularInline):
    """Who registered, read-only: seats change only through registering and cancelling."""

    model = Aanmelding
    extra = 0
    can_delete = False
    fields = ["display_naam", "adres", "organisatie", "status", "aangemeld_at", "herinnerd_at"]
    readonly_fields = fields
    ordering = ["status", "aangemeld_at", "pk"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user__persoon")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("naam"))
    def display_naam(self, obj):
        return obj.display_naam

    @admin.display(description=_("e-mailadres"))
    def adres(self, obj):
        return obj.adres


class BerichtInline(admin.TabularInline):
    model = Bericht
    extra = 0
    can_delete = False
    fields = [
        "soort",
        "onderwerp",
        "aangemaakt_at",
        "aangemaakt_door_account",
        "verstuurd_at",
        "aantal_ontvangers",
        "wacht",
        "geweigerd",
    ]
    readonly_fields = fields
    aangemaakt_door_account = account_text("aangemaakt_door", _("aangemaakt door"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _wacht=Count("ontvangers", filter=Q(ontvangers__verstuurd_at__isnull=True)),
                _geweigerd=Count("ontvangers", filter=Q(ontvangers__geweigerd_at__isnull=False)),
            )
        )

    @admin.display(description=_("wacht op verzending"))
    def wacht(self, obj):
        return obj._wacht

    @admin.display(description=_("geweigerd door de mailserver"))
    def geweigerd(self, obj):
        return obj._geweigerd

    def has_add_permission(self, request, obj=None):
        return False


class CancelForm(ActionForm):
    reden = forms.CharField(
        label=_("Reden (komt in de e-mail aan de aangemelden en op de website)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_control_characters],
    )


class MessageForm(ActionForm):
    onderwerp = forms.CharField(
        label=_("Onderwerp"), max_length=200, validators=[validate_no_control_characters]
    )
    tekst = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_no_control_characters],
    )


def attendees_csv(bijeenkomst: Bijeenkomst) -> HttpResponse:
    """Everyone registered: seated first, then the waiting list in its order."""
    rows = (
        bijeenkomst.aanmeldingen.active()
        .select_related("user__persoon__organisatie")
        .order_by("status", "aangemeld_at", "pk")
    )
    return csv_download(
        f"deelnemers-{bijeenkomst.slug}.csv",
        ["Naam", "E-mailadres", "Organisatie", "Status", "Aangemeld op"],
        (
            [
                aanmelding.display_naam,
                aanmelding.adres,
                aanmelding.organisatie_naam,
                aanmelding.get_status_display(),
                date_format(timezone.localtime(aanmelding.aangemeld_at), "d-m-Y H:i"),
            ]
            for aanmelding in rows
        ),
    )


class VerslagFilter(QuerySetFilter):
    title = _("verslag")
    parameter_name = "verslag"
    methods = {"te-versturen": (_("Voorbij, verslag nog niet verstuurd"), "awaiting_verslag")}


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("samenvatting",)
    list_display = ["titel", "start", "soort", "status", "plaatsen", "wachtlijst"]
    list_filter = ["status", VerslagFilter, "soort", "leeratelier", "gemeente"]
    search_fields = ["titel", "samenvatting", "locatie"]
    autocomplete_fields = ["sprekers"]
    date_hierarchy = "start_at"
    readonly_fields = ["status", "annulering_reden", "aanmeldingen_overzicht"]
    inlines = [VerslagBijlageInline, AanmeldingInline, BerichtInline]
    actions = ["cancel", "send_message", "send_verslag"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "titel",
                    "slug",
                    "soort",
                    "leeratelier",
                    "samenvatting",
                    "beschrijving",
                    "sprekers",
                ]
            },
        ),
        (_("Wanneer"), {"fields": ["start_at", "end_at", "aanmelding_sluit_at"]}),
        (_("Waar"), {"fields": ["locatie", "adres", "gemeente", "online_link"]}),
        (
            _("Aanmeldingen"),
            {
                "fields": ["capaciteit", "aanmeldingen_overzicht", "status", "annulering_reden"],
                "description": _(
                    "Gaat een bijeenkomst met aanmeldingen niet door? Annuleer haar (actie "
                    "‘Geselecteerde bijeenkomsten annuleren’ in de lijst): dan krijgt iedereen "
                    "bericht. Verwijderen vertelt niemand iets en kan daarom niet zolang er "
                    "mensen aangemeld zijn."
                ),
            },
        ),
        (_("Na afloop"), {"fields": ["verslag"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def has_delete_permission(self, request, obj=None):
        """Deleting tells nobody, so a bijeenkomst still to come with people registered is
        cancelled instead (a cancelled or past one may go)."""
        coming = obj is not None and obj.status == Status.GEPLAND and not obj.is_past()
        if coming and obj.aanmeldingen.active().exists():
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "capaciteit":
            kwargs["min_value"] = 1  # the form says "at least 1", not the column's "at least 0"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("begint op"), ordering="start_at")
    def start(self, obj):
        return date_format(timezone.localtime(obj.start_at), "j M Y H:i")

    @admin.display(description=_("aangemeld / plaatsen"), ordering="aantal_aangemeld")
    def plaatsen(self, obj):
        if obj.capaciteit is None:
            return f"{obj.aantal_aangemeld} / –"
        return f"{obj.aantal_aangemeld} / {obj.capaciteit}"

    @admin.display(description=_("wachtlijst"), ordering="aantal_wachtlijst")
    def wachtlijst(self, obj):
        return obj.aantal_wachtlijst

    @admin.display(description=_("aanmeldingen"))
    def aanmeldingen_overzicht(self, obj):
        if obj.pk is None:
            return "–"
        counted = Bijeenkomst.objects.with_counts().get(pk=obj.pk)
        places = (
            _("%(aangemeld)d aangemeld van %(capaciteit)d plaatsen")
            % {"aangemeld": counted.aantal_aangemeld, "capaciteit": obj.capaciteit}
            if obj.capaciteit
            else _("%(aangemeld)d aangemeld (geen maximum)")
            % {"aangemeld": counted.aantal_aangemeld}
        )
        url = reverse("admin:bijeenkomsten_bijeenkomst_csv", args=[obj.pk])
        return format_html(
            '{}, {} {}. <a href="{}">{}</a>',
            places,
            counted.aantal_wachtlijst,
            _("op de wachtlijst"),
            url,
            _("Deelnemerslijst downloaden (CSV)"),
        )

    def save_model(self, request, obj, form, change):
        promoted = services.bijeenkomst_save(
            bijeenkomst=obj, changed=set(form.changed_data) if change else None, by=request.user
        )
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d persoon van de wachtlijst kreeg een plaats en een e-mail.",
                    "%(count)d personen van de wachtlijst kregen een plaats en een e-mail.",
                    len(promoted),
                )
                % {"count": len(promoted)},
            )

    def get_urls(self):
        view = self.admin_site.admin_view(self.csv_view)
        return [
            path("<int:pk>/deelnemers.csv", view, name="bijeenkomsten_bijeenkomst_csv"),
            *super().get_urls(),
        ]

    def csv_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return attendees_csv(get_object_or_404(Bijeenkomst, pk=pk))

    @confirmed_action(
        _("Geselecteerde bijeenkomsten annuleren"),
        _(
            "Deze bijeenkomsten worden geannuleerd. Ze blijven op de website staan, gemarkeerd als "
            "geannuleerd; aanmelden kan niet meer en iedereen die aangemeld is, krijgt een e-mail:"
        ),
        form_class=CancelForm,
    )
    def cancel(self, request, queryset, reden):
        for bijeenkomst in queryset:
            services.bijeenkomst_cancel(bijeenkomst=bijeenkomst, reden=reden, by=request.user)
        self.message_user(
            request,
            _("%(count)d bijeenkomst(en) geannuleerd; de aangemelden krijgen een e-mail.")
            % {"count": len(queryset)},
        )

    @confirmed_action(
        _("Bericht sturen aan alle aangemelden"),
        _("Iedereen die is aangemeld of op de wachtlijst staat, krijgt dit bericht per e-mail:"),
        form_class=MessageForm,
        single=True,
    )
    def send_message(self, request, queryset, onderwerp, tekst):
        bijeenkomst = queryset.get()
        services.bijeenkomst_message(
            bijeenkomst=bijeenkomst, onderwerp=onderwerp, tekst=tekst, by=request.user
        )
        self.message_user(request, _("Het bericht wordt verstuurd."))

    @confirmed_action(
        _("Verslag versturen"),
        _(
            "Het verslag gaat per e-mail naar iedereen die aangemeld was en, bij een "
            "tribunebijeenkomst, naar de tribune van het leeratelier. Dat gebeurt één keer:"
        ),
        single=True,
    )
    def send_verslag(self, request, queryset):
        services.verslag_send(bijeenkomst=queryset.get(), by=request.user)
        self.message_user(request, _("Het verslag wordt verstuurd."), messages.SUCCESS)


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    """Registrations are made on the site; here they are read, exported and cancelled."""

    list_display = ["display_naam", "bijeenkomst", "status", "aangemeld_at", "herinnerd_at"]
    list_filter = ["status", "bijeenkomst"]
    list_select_related = ["bijeenkomst", "user__persoon"]
    search_fields = ["naam", "email", "user__email", "bijeenkomst__titel"]
    readonly_fields = [
        "bijeenkomst",
        "account",
        "naam",
        "email",
        "organisatie",
        "status",
        "aangemeld_at",
        "afgemeld_at",
        "herinnerd_at",
        "gegevens_verwijderd_at",
    ]
    exclude = ["user"]
    account = account_text("user", _("account"))
    actions = ["cancel"]

    def has_add_permission(self, request):
        return False

    # Deleting cancels first, so a freed seat still goes to the waiting list.
    def delete_model(self, request, obj):
        services.aanmelding_delete(aanmelding=obj)

    def delete_queryset(self, request, queryset):
        for aanmelding in queryset:
            services.aanmelding_delete(aanmelding=aanmelding)

    @admin.display(description=_("naam"))
    def display_naam(self, obj):
        return obj.display_naam

    @confirmed_action(
        _("Geselecteerde aanmeldingen afmelden"),
        _("Deze aanmeldingen worden afgemeld; vrijgekomen plaatsen gaan naar de wachtlijst:"),
    )
    def cancel(self, request, queryset):
        count = 0
        for aanmelding in queryset.filter(status__in=AanmeldingStatus.active()):
            services.aanmelding_cancel(aanmelding=aanmelding)
            count += 1
        self.message_user(request, _("%(count)d aanmelding(en) afgemeld.") % {"count": count})
