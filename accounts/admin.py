from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from werkplaats.admin_tools import account_text, confirmed_action

from . import permissions, services
from .models import Koppeling, KoppelingStatus


@admin.register(Koppeling)
class KoppelingAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "profiel",
        "organisatie",
        "is_contactpersoon",
        "status",
        "aangevraagd_at",
    ]
    list_filter = ["status", "is_contactpersoon"]
    list_select_related = ["user", "persoon", "organisatie"]
    search_fields = ["user__email", "naam", "persoon__naam", "organisatie__naam"]
    readonly_fields = [
        "account",
        "status",
        "aangevraagd_at",
        "beoordeeld_at",
        "beoordeeld_door_account",
    ]
    autocomplete_fields = ["persoon", "organisatie"]
    fieldsets = [
        (None, {"fields": ["account", "status"]}),
        (
            _("Aanvraag"),
            {
                "fields": [
                    "persoon",
                    "naam",
                    "functie",
                    "organisatie",
                    "is_contactpersoon",
                    "toelichting",
                ]
            },
        ),
        (
            _("Beoordeling"),
            {"fields": ["aangevraagd_at", "beoordeeld_at", "beoordeeld_door_account"]},
        ),
    ]
    actions = ["approve", "reject", "revoke"]
    account = account_text("user", _("account"))
    beoordeeld_door_account = account_text("beoordeeld_door", _("beoordeeld door"))

    def has_add_permission(self, request):
        return False  # users ask on /mijn/koppelen/

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.user_id == request.user.pk and not request.user.is_superuser:
            return False  # nobody decides about their own claim
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_pending:
            return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]
        return self.readonly_fields

    @admin.display(description=_("profiel"), ordering="persoon__naam")
    def profiel(self, obj):
        return obj.persoon or _("nieuw: %(naam)s") % {"naam": obj.naam}

    def _decide(self, request, queryset, step, done_message):
        count = 0
        for koppeling in queryset.select_related("user"):
            if not permissions.can_approve_koppeling(request.user, koppeling):
                raise ValidationError(_("Je kunt je eigen aanvraag niet beoordelen."))
            step(koppeling=koppeling, by=request.user)
            count += 1
        self.message_user(request, done_message(count) % {"count": count})

    @confirmed_action(
        _("Geselecteerde aanvragen goedkeuren"),
        _(
            "Deze accounts worden aan hun profiel gekoppeld. Contactpersonen mogen daarna de "
            "deelnames van hun organisatie beheren; trekkers schrijven tribune-updates:"
        ),
    )
    def approve(self, request, queryset):
        self._decide(
            request,
            queryset.filter(status=KoppelingStatus.AANGEVRAAGD),
            services.koppeling_approve,
            lambda count: ngettext(
                "%(count)d aanvraag goedgekeurd.", "%(count)d aanvragen goedgekeurd.", count
            ),
        )

    @confirmed_action(
        _("Geselecteerde aanvragen afwijzen"),
        _("Deze aanvragen worden afgewezen; de accounts krijgen geen extra rechten:"),
    )
    def reject(self, request, queryset):
        self._decide(
            request,
            queryset.filter(status=KoppelingStatus.AANGEVRAAGD),
            services.koppeling_reject,
            lambda count: ngettext(
                "%(count)d aanvraag afgewezen.", "%(count)d aanvragen afgewezen.", count
            ),
        )

    @confirmed_action(
        _("Goedkeuring van de geselecteerde koppelingen intrekken"),
        _(
            "Deze accounts verliezen hun profiel en de rechten die deze koppelingen gaven "
            "(tribune-updates schrijven, deelnames beheren):"
        ),
    )
    def revoke(self, request, queryset):
        self._decide(
            request,
            queryset.filter(status=KoppelingStatus.GOEDGEKEURD),
            services.koppeling_revoke,
            lambda count: ngettext(
                "%(count)d koppeling ingetrokken.", "%(count)d koppelingen ingetrokken.", count
            ),
        )
