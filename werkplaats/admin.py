from django import forms
from django.apps import apps
from django.contrib import admin
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_tools import CheckboxesAdmin, LeesbaarheidAdmin, account_text
from .models import (
    Gemeente,
    Link,
    Organisatie,
    Persoon,
    Privacyverklaring,
    Profiel,
    Thema,
    Toegankelijkheidsprobleem,
    Toegankelijkheidsverklaring,
    UitgaandeMail,
    Voorwaarde,
)

# The admin shows each app under its verbose name; django-tasks-db gives its app a plain English
# one that no catalogue translates.
apps.get_app_config("django_tasks_database").verbose_name = _("Achtergrondtaken")


@admin.register(Voorwaarde)
class VoorwaardeAdmin(LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("samenvatting",)
    list_display = ["naam", "volgorde", "samenvatting", "aantal_themas"]
    ordering = ["volgorde"]
    search_fields = ["naam", "samenvatting"]
    prepopulated_fields = {"slug": ["naam"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal_themas=Count("themas"))

    @admin.display(description=_("thema's"), ordering="_aantal_themas")
    def aantal_themas(self, obj):
        return obj._aantal_themas


@admin.register(Thema)
class ThemaAdmin(CheckboxesAdmin, admin.ModelAdmin):
    list_display = ["naam", "is_landelijk_hoofdthema", "voorwaarden_lijst"]
    list_filter = ["is_landelijk_hoofdthema", "voorwaarden"]
    search_fields = ["naam", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    checkbox_velden = ("voorwaarden",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("voorwaarden")

    @admin.display(description=_("voorwaarden"))
    def voorwaarden_lijst(self, obj):
        return ", ".join(voorwaarde.naam for voorwaarde in obj.voorwaarden.all()) or "—"


class OrganisatieInline(admin.StackedInline):
    model = Organisatie
    fields = ["naam", "soort", "website"]
    show_change_link = True
    extra = 0


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = [
        "naam",
        "subregio",
        "cbs_code",
        "is_deelnemer",
        "in_werkgebied",
        "aantal_partners",
    ]
    ordering = ["naam"]
    list_filter = ["in_werkgebied", "subregio", "is_deelnemer"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [OrganisatieInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal_partners=Count("organisaties"))

    @admin.display(description=_("partners"), ordering="_aantal_partners")
    def aantal_partners(self, obj):
        return obj._aantal_partners


class PersoonInline(admin.StackedInline):
    model = Persoon
    fields = ["naam", "functie", "email"]
    show_change_link = True
    extra = 0


@admin.register(Organisatie)
class OrganisatieAdmin(CheckboxesAdmin, admin.ModelAdmin):
    list_display = ["naam", "afkorting", "soort", "gemeente", "onderdeel_van"]
    list_filter = ["soort", "gemeente__subregio", "gemeente"]
    list_select_related = ["gemeente", "onderdeel_van"]
    search_fields = ["naam", "afkorting", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["onderdeel_van", "hogeschool", "lectoraat"]
    checkbox_velden = ("regio_gemeenten",)
    inlines = [PersoonInline]
    fieldsets = [
        (None, {"fields": ["naam", "slug", "afkorting", "soort"]}),
        (_("Plaats in het netwerk"), {"fields": ["gemeente", "onderdeel_van"]}),
        (_("Presentatie"), {"fields": ["website", "logo", "beschrijving"]}),
        (
            _("Werkplaats Sociaal Domein"),
            {
                "fields": ["regio", "hogeschool", "lectoraat", "regio_gemeenten"],
                "description": _(
                    "Alleen bij de soort Werkplaats Sociaal Domein, en alleen wat een bron "
                    "noemt: zo staat de werkplaats op /werkplaatsen/."
                ),
            },
        ),
    ]


@admin.register(Persoon)
class PersoonAdmin(admin.ModelAdmin):
    list_display = ["naam", "functie", "organisatie", "email", "heeft_account"]
    list_filter = ["organisatie__soort", "organisatie"]
    list_select_related = ["organisatie", "user"]
    search_fields = ["naam", "functie", "email", "organisatie__naam"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["organisatie", "user"]

    account = account_text("user", _("account"))

    def get_readonly_fields(self, request, obj=None):
        # Linking an account to a profile gives rights: only through an approved koppeling,
        # or by the beheerder.
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else [*readonly, "account"]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude if request.user.is_superuser else [*exclude, "user"]

    @admin.display(description=_("account"), boolean=True)
    def heeft_account(self, obj):
        return obj.user_id is not None


class LinkInline(admin.StackedInline):
    model = Link
    extra = 0
    fields = ["volgorde", "naam", "url"]


@admin.register(Profiel)
class ProfielAdmin(admin.ModelAdmin):
    """The werkplaats' own identity, kept by the beheerder: one profile, never deleted."""

    autocomplete_fields = ["organisatie", "lectoraat", "penvoerder", "contactpersoon"]
    inlines = [LinkInline]
    fieldsets = [
        (None, {"fields": ["naam", "regio", "omschrijving"]}),
        (_("Teksten"), {"fields": ["introductie", "over"]}),
        (
            _("In het Engels"),
            {
                "fields": ["omschrijving_en", "introductie_en", "over_en"],
                "description": _(
                    "Voor wie het portaal in het Engels leest; leeg: de Nederlandse tekst."
                ),
            },
        ),
        (_("Organisatie"), {"fields": ["organisatie", "lectoraat", "penvoerder"]}),
        (
            _("Contact"),
            {"fields": ["contactpersoon", "email", "telefoon", "postadres", "website"]},
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Profiel.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PrivacyverklaringForm(forms.ModelForm):
    class Meta:
        model = Privacyverklaring
        fields = ["versie", "geldig_vanaf", "tekst"]

    def clean_geldig_vanaf(self):
        geldig_vanaf = self.cleaned_data["geldig_vanaf"]
        if geldig_vanaf < timezone.localdate():
            raise forms.ValidationError(
                _("Een versie kan niet met terugwerkende kracht gelden: kies vandaag of later.")
            )
        return geldig_vanaf

    def clean_versie(self):
        versie = self.cleaned_data["versie"]
        hoogste = (
            Privacyverklaring.objects.filter(geldig_vanaf__lte=timezone.localdate())
            .exclude(pk=self.instance.pk)
            .aggregate(hoogste=Max("versie"))["hoogste"]
        )
        if hoogste is not None and versie <= hoogste:
            raise forms.ValidationError(
                _("Kies een hoger versienummer dan %(versie)s, de versie die nu geldt.")
                % {"versie": hoogste}
            )
        return versie


@admin.register(Privacyverklaring)
class PrivacyverklaringAdmin(admin.ModelAdmin):
    """Versions of the privacyverklaring. Consent records name the version they were given
    under, so a version stays as it was once its date has come: a new text is a new version."""

    form = PrivacyverklaringForm
    list_display = ["__str__", "geldig_vanaf", "is_geldig"]
    ordering = ["-versie"]

    @admin.display(description=_("is of was geldig"), boolean=True)
    def is_geldig(self, obj):
        return obj.geldig_vanaf <= timezone.localdate()

    def _in_force(self, obj):
        return obj is not None and obj.pk is not None and self.is_geldig(obj)

    def has_change_permission(self, request, obj=None):
        return not self._in_force(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._in_force(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, where that is allowed
        return actions

    def view_on_site(self, obj):
        return obj.get_absolute_url() if self.is_geldig(obj) else None


class ToegankelijkheidsprobleemInline(admin.StackedInline):
    model = Toegankelijkheidsprobleem
    extra = 0
    fields = ["omschrijving", "succescriterium", "maatregel", "opgelost_on"]


@admin.register(Toegankelijkheidsverklaring)
class ToegankelijkheidsverklaringAdmin(admin.ModelAdmin):
    """The toegankelijkheidsverklaring after the Dutch model statement; /toegankelijkheid/
    shows the newest. A new year's statement is a new one, so earlier ones stay on record."""

    list_display = ["__str__", "status", "onderzoek_on", "akkoord_on", "is_actueel"]
    list_filter = ["status"]
    ordering = ["-opgesteld_on", "-pk"]
    inlines = [ToegankelijkheidsprobleemInline]
    fieldsets = [
        (None, {"fields": ["status", "opgesteld_on", "geldt_voor"]}),
        (
            _("Onderzoek"),
            {
                "fields": [
                    "onderzoek_on",
                    "onderzoek_door",
                    "onderzoek_url",
                    "onderzoek_gepland_on",
                ],
                "description": _(
                    "Het meest recente onderzoek naar de hele website, volgens WCAG-EM. Is het "
                    "ouder dan drie jaar, of heeft de verklaring status C en is ze ouder dan "
                    "zes maanden, dan meldt de pagina dat ze niet meer actueel is."
                ),
            },
        ),
        (_("Maatregelen"), {"fields": ["maatregelen"]}),
        (
            _("Problemen melden"),
            {"fields": ["contact_url", "contact_email", "reactietermijn"]},
        ),
        (
            _("Akkoord"),
            {
                "fields": ["akkoord_naam", "akkoord_functie", "akkoord_on"],
                "description": _(
                    "Wie namens de werkplaats voor de verklaring tekende, en wanneer."
                ),
            },
        ),
    ]

    @admin.display(description=_("actueel"), boolean=True)
    def is_actueel(self, obj):
        return not obj.is_verouderd()


@admin.register(UitgaandeMail)
class UitgaandeMailAdmin(admin.ModelAdmin):
    """What the site emailed about events, for support questions; read-only."""

    list_display = ["onderwerp", "aangemaakt_at", "verstuurd_at", "geweigerd_at"]
    list_filter = [("verstuurd_at", admin.EmptyFieldListFilter)]
    search_fields = ["onderwerp", "sleutel"]
    date_hierarchy = "aangemaakt_at"
    readonly_fields = [field.name for field in UitgaandeMail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
