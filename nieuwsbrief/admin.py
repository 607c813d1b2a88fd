from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, Q, Value, When
from django.db.models import CharField as CharFieldType
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier
from werkplaats.admin_tools import (
    CheckboxesAdmin,
    ConstraintCheckingFormSet,
    LeesbaarheidAdmin,
    QuerySetFilter,
    ReadOnlyAdmin,
    account_text,
    confirmed_action,
)

from . import content, segments, sending, services
from .models import MISLUKT, TOESTEMMING_VELDEN, Afmelding, Editie, Inschrijving, Item, ItemSoort

# --- Subscriptions ---------------------------------------------------------------------------


class InschrijvingStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("actief", _("Actief")),
            ("wacht", _("Wacht op bevestiging")),
            ("afgemeld", _("Afgemeld")),
            ("geweigerd", _("Actief, maar geweigerd door de mailserver")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "actief":
            return queryset.actief()
        if self.value() == "wacht":
            return queryset.wacht()
        if self.value() == "afgemeld":
            return queryset.filter(afgemeld_at__isnull=False)
        if self.value() == "geweigerd":
            return queryset.geweigerd()
        return queryset


@admin.register(Inschrijving)
class InschrijvingAdmin(admin.ModelAdmin):
    """The consent records, read-only: they are what an auditor is shown. Subscribing,
    confirming and withdrawing happen on the site; the beheerder erases an address on
    request."""

    list_display = ["email", "status", "toestemming_at", "bevestigd_at", "afgemeld_at"]
    list_filter = [InschrijvingStatusFilter, "toestemming_versie", "privacy_versie"]
    search_fields = ["email", "naam", "organisatie"]
    date_hierarchy = "toestemming_at"
    actions = ["adres_wissen"]
    fieldsets = [
        (None, {"fields": ["email", "naam", "organisatie", "leerateliers", "user"]}),
        (
            _("Toestemming"),
            {"fields": TOESTEMMING_VELDEN},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _status=Case(
                    When(afgemeld_at__isnull=False, then=Value("3")),
                    When(bevestigd_at__isnull=False, then=Value("1")),
                    default=Value("2"),
                    output_field=CharFieldType(),
                )
            )
        )

    @admin.display(description=_("status"), ordering="_status")
    def status(self, obj):
        if obj.afgemeld_at is not None:
            return _("Afgemeld")
        if obj.bevestigd_at is not None:
            return _("Actief")
        return _("Wacht op bevestiging")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's erase action needs the change permission; a record itself is never edited.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @confirmed_action(
        _("Gegevens van dit adres wissen"),
        _(
            "Alles wat de nieuwsbrief over deze adressen bewaart, wordt gewist: de inschrijvingen "
            "met het bewijs van toestemming, de afmelding en de verzonden edities. Doe dit alleen "
            "op verzoek van de persoon zelf; het kan niet ongedaan worden gemaakt."
        ),
    )
    def adres_wissen(self, request, queryset):
        adressen = sorted({email.lower() for email in queryset.values_list("email", flat=True)})
        for email in adressen:
            services.adres_wissen(email=email)
        self.message_user(
            request,
            ngettext(
                "De gegevens van %(count)d adres zijn gewist.",
                "De gegevens van %(count)d adressen zijn gewist.",
                len(adressen),
            )
            % {"count": len(adressen)},
            messages.SUCCESS,
        )


@admin.register(Afmelding)
class AfmeldingAdmin(ReadOnlyAdmin):
    """Addresses that want no edition at all: made by the unsubscribe link, read-only."""

    list_display = ["email", "afgemeld_at"]
    search_fields = ["email"]
    date_hierarchy = "afgemeld_at"


# --- Editions --------------------------------------------------------------------------------


class ItemForm(forms.ModelForm):
    """An item of an edition. A row added here is a free section (Markdown); proposed items
    keep the source they link to."""

    class Meta:
        model = Item
        fields = ["volgorde", "is_opgenomen", "leeratelier", "titel", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.soort = ItemSoort.VRIJ


class ItemInline(LeesbaarheidAdmin, admin.StackedInline):
    leesbaarheid_velden = ("tekst",)
    model = Item
    form = ItemForm
    formset = ConstraintCheckingFormSet
    extra = 0
    fields = ["volgorde", "is_opgenomen", "bron", "leeratelier", "titel", "tekst"]
    readonly_fields = ["bron"]
    ordering = ["volgorde", "pk"]
    verbose_name_plural = _(
        "Onderdelen (lage volgorde eerst; gegroepeerd per leeratelier. Titel en tekst leeg: die "
        "van de bron. Een nieuwe regel is een vrije tekst in Markdown.)"
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "leeratelier",
                "publicatie",
                "update",
                "bijeenkomst",
                "les__leeratelier",
                "les__praktijk__leeratelier",
            )
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_locked)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_locked)

    @admin.display(description=_("bron"))
    def bron(self, item):
        source = item.publicatie or item.update or item.bijeenkomst or item.les
        if item.soort == ItemSoort.VRIJ or source is None:
            return item.get_soort_display()
        url = source.get_absolute_url()
        return format_html(
            '{}: <a href="{}">{}</a>', item.get_soort_display(), url, str(source)[:80]
        )


def _tel(**condition):
    return Count("bezorgingen", filter=Q(**{f"bezorgingen__{k}": v for k, v in condition.items()}))


PREVIEW_ADDRESS = "voorbeeld@example.org"


class BezorgingFilter(QuerySetFilter):
    title = _("bezorging")
    parameter_name = "bezorging"
    methods = {
        "mislukt": (
            _("De afgelopen maand verzonden, met mislukte bezorgingen"),
            "with_failed_deliveries",
        )
    }


@admin.register(Editie)
class EditieAdmin(CheckboxesAdmin, LeesbaarheidAdmin, admin.ModelAdmin):
    leesbaarheid_velden = ("voorwoord",)
    list_display = [
        "titel",
        "status",
        "aangemaakt_at",
        "verzonden_at",
        "aantal_verzonden",
        "aantal_mislukt",
        "aantal_wachtend",
    ]
    list_filter = ["status", BezorgingFilter, "aan_alle_abonnees"]
    search_fields = ["titel", "voorwoord"]
    prepopulated_fields = {"slug": ["titel"]}
    readonly_fields = ["status", "verzonden_at", "verzonden_door_account", "voortgang"]
    verzonden_door_account = account_text("verzonden_door", _("verzonden door"))
    inlines = [ItemInline]
    actions = ["prefill", "test_send", "send"]
    change_form_template = "admin/nieuwsbrief/editie/change_form.html"
    fieldsets = [
        (None, {"fields": ["titel", "slug", "voorwoord"]}),
        (
            _("Ontvangers"),
            {
                "fields": [
                    "aan_alle_abonnees",
                    "interesse_in",
                    "tribune_van",
                    "arena_van",
                    "volgers_van",
                ],
                "description": _(
                    "De editie gaat naar iedereen in een van de aangevinkte groepen, ieder één "
                    "keer. Alleen bevestigde inschrijvingen; wie “nooit” koos voor een "
                    "leeratelier, valt buiten de tribune, de arena en de volgers daarvan; "
                    "afgemelde adressen krijgen nooit iets. Het voorbeeld toont hoeveel "
                    "ontvangers het zijn."
                ),
            },
        ),
        (
            _("Voorstel"),
            {
                "fields": ["sinds"],
                "description": _(
                    "Een nieuwe editie wordt gevuld met wat sinds de vorige editie verscheen: "
                    "publicaties, tribune-updates, geleerde lessen en komende bijeenkomsten. "
                    "Later aanvullen kan met de actie “Voorstel aanvullen”."
                ),
            },
        ),
        (
            _("Verzending"),
            {"fields": ["status", "verzonden_at", "verzonden_door_account", "voortgang"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_verzonden=_tel(verzonden_at__isnull=False),
                n_geweigerd=_tel(geweigerd_at__isnull=False),
                n_mislukt=_tel(**MISLUKT),
                n_wachtend=_tel(geclaimd_at__isnull=True, pogingen=0),
            )
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_locked)

    def has_send_permission(self, request, obj=None):
        return request.user.has_perm("nieuwsbrief.send_editie")

    # A handful of leerateliers: ticking them is clearer than two lists.
    checkbox_velden = ("interesse_in", "tribune_van", "arena_van", "volgers_van")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        formfield.widget.can_add_related = False
        return formfield

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else fieldsets[:-1]  # nothing sent yet

    @admin.display(description=_("verzonden"), ordering="n_verzonden")
    def aantal_verzonden(self, editie):
        return editie.n_verzonden

    @admin.display(description=_("mislukt"))
    def aantal_mislukt(self, editie):
        return editie.n_mislukt + editie.n_geweigerd

    @admin.display(description=_("wachtend"), ordering="n_wachtend")
    def aantal_wachtend(self, editie):
        return editie.n_wachtend

    @admin.display(description=_("voortgang"))
    def voortgang(self, editie):
        if editie.pk is None or not editie.is_locked:
            return gettext("Nog niet verzonden.")
        if not editie.bezorgingen.exists():
            return gettext("Verzonden zonder vastgelegde ontvangers (van vóór deze portal).")
        return _stand(sending.progress(editie))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            added = services.editie_prefill(editie=form.instance)
            self.message_user(
                request,
                ngettext(
                    "%(count)d onderdeel voorgesteld: vul aan, zet in volgorde of haal weg.",
                    "%(count)d onderdelen voorgesteld: vul aan, zet in volgorde of haal weg.",
                    added,
                )
                % {"count": added},
            )

    # --- Actions ---------------------------------------------------------------------------

    @admin.action(
        description=_("Voorstel aanvullen met wat sindsdien verscheen"), permissions=["change"]
    )
    def prefill(self, request, queryset):
        for editie in queryset:
            try:
                added = services.editie_prefill(editie=editie)
            except ValidationError as error:
                self.message_user(request, f"{editie}: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.message_user(
                request,
                gettext("%(editie)s: %(count)d onderdeel/onderdelen toegevoegd.")
                % {"editie": editie, "count": added},
            )

    @admin.action(
        description=_("Testversie naar mijn eigen e-mailadres sturen"), permissions=["view"]
    )
    def test_send(self, request, queryset):
        for editie in queryset:
            try:
                services.editie_test_send(editie=editie, to=request.user.email)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return
            self.message_user(
                request,
                gettext("Testversie van “%(editie)s” gestuurd naar %(email)s.")
                % {"editie": editie, "email": request.user.email},
            )

    @admin.action(description=_("Editie verzenden…"), permissions=["send"])
    def send(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Kies precies één editie om te verzenden."), messages.ERROR
            )
            return None
        return redirect("admin:nieuwsbrief_editie_verzenden", queryset.get().pk)

    # --- Pages: preview and sending ---------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/voorbeeld/",
                view(self.preview_view),
                name="nieuwsbrief_editie_voorbeeld",
            ),
            path(
                "<int:pk>/voorbeeld/web/",
                view(self.preview_web_view),
                name="nieuwsbrief_editie_voorbeeld_web",
            ),
            path(
                "<int:pk>/voorbeeld/email.<str:formaat>",
                view(self.preview_email_view),
                name="nieuwsbrief_editie_voorbeeld_email",
            ),
            path("<int:pk>/verzenden/", view(self.send_view), name="nieuwsbrief_editie_verzenden"),
            *super().get_urls(),
        ]

    def _viewable(self, request, pk) -> Editie:
        editie = get_object_or_404(Editie, pk=pk)
        if not self.has_view_permission(request, editie):
            raise PermissionDenied
        return editie

    @staticmethod
    def _counts(editie: Editie) -> dict:
        """How many the edition goes to, per ticked group and in all (each address once);
        for a sent edition, the recipients fixed when it was sent."""
        if editie.is_locked:
            return {"totaal": editie.bezorgingen.count(), "groepen": []}
        segment = segments.Segment.of(editie)
        groepen = []
        if segment.aan_alle_abonnees:
            groepen.append((gettext("Alle abonnees"), segments.Segment(aan_alle_abonnees=True)))
        chosen = segment.interesse_in | segment.tribune_van | segment.arena_van
        namen = dict(
            Leeratelier.objects.filter(pk__in=chosen | segment.volgers_van).values_list(
                "pk", "titel"
            )
        )
        for veld, label in (
            ("interesse_in", gettext("Abonnees met interesse in %s")),
            ("tribune_van", gettext("De tribune van %s")),
            ("arena_van", gettext("De arena van %s")),
            ("volgers_van", gettext("De volgers van %s")),
        ):
            for pk in sorted(getattr(segment, veld), key=lambda pk: namen[pk]):
                groepen.append((label % namen[pk], segments.Segment(**{veld: frozenset([pk])})))
        return {
            "totaal": len(segments.recipients(segment)),
            "groepen": [(label, len(segments.recipients(deel))) for label, deel in groepen],
        }

    @staticmethod
    def _refusal(editie) -> str:
        try:
            services.editie_check(editie)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def _context(self, request, editie, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": editie,
            "editie": editie,
            **extra,
        }

    def preview_view(self, request, pk):
        editie = self._viewable(request, pk)
        message = sending.editie_message(editie=editie, to=request.user.email or PREVIEW_ADDRESS)
        context = self._context(
            request,
            editie,
            title=gettext("Voorbeeld: %(titel)s") % {"titel": editie.titel},
            aantallen=self._counts(editie),
            tekst=message.body,
            onderwerp=message.subject,
            fout=self._refusal(editie),
            voortgang=_stand(sending.progress(editie)) if editie.is_locked else "",
            mag_verzenden=self.has_send_permission(request),
        )
        return TemplateResponse(request, "admin/nieuwsbrief/editie/voorbeeld.html", context)

    def preview_web_view(self, request, pk):
        editie = self._viewable(request, pk)
        return TemplateResponse(request, "nieuwsbrief/editie.html", content.context(editie))

    def preview_email_view(self, request, pk, formaat):
        editie = self._viewable(request, pk)
        message = sending.editie_message(editie=editie, to=request.user.email or PREVIEW_ADDRESS)
        if formaat == "txt":
            return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        if formaat == "html":
            html = message.alternatives[0][0]
            return HttpResponse(html, content_type="text/html; charset=utf-8")
        raise Http404

    def send_view(self, request, pk):
        editie = get_object_or_404(Editie, pk=pk)
        if not (self.has_view_permission(request, editie) and self.has_send_permission(request)):
            raise PermissionDenied
        fout = self._refusal(editie)
        if request.method == "POST" and request.POST.get("bevestigd") and not fout:
            try:
                aantal = services.editie_send(editie=editie, by=request.user)
            except ValidationError as error:
                fout = " ".join(error.messages)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "“%(titel)s” wordt verzonden aan %(count)d ontvanger.",
                        "“%(titel)s” wordt verzonden aan %(count)d ontvangers.",
                        aantal,
                    )
                    % {"titel": editie.titel, "count": aantal},
                    messages.SUCCESS,
                )
                return redirect("admin:nieuwsbrief_editie_change", editie.pk)
        context = self._context(
            request,
            editie,
            title=gettext("Editie verzenden: %(titel)s") % {"titel": editie.titel},
            aantallen=self._counts(editie),
            fout=fout,
        )
        return TemplateResponse(request, "admin/nieuwsbrief/editie/verzenden.html", context)


def _stand(progress: dict) -> str:
    return (
        gettext(
            "%(verzonden)d verzonden, %(mislukt)d mislukt (wordt opnieuw geprobeerd), "
            "%(geweigerd)d geweigerd door de mailserver, %(wachtend)d wachtend."
        )
        % progress
    )
