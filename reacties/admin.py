from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import ListEditableForm, account_text

from . import services
from .models import Reactie


@admin.register(Reactie)
class ReactieAdmin(admin.ModelAdmin):
    """Every reaction, for the programmacommissie: what visitors sent and how far it is.
    Reactions come from the site only; here the status changes (through the same service as
    /mijn/reacties/) and, on request, a reaction is deleted."""

    list_display = ["aangemaakt_at", "naam", "soort", "doel", "status"]
    list_display_links = ["aangemaakt_at", "naam"]
    list_editable = ["status"]
    list_filter = ["status", "soort"]
    list_select_related = ["leeratelier", "praktijk", "publicatie"]
    search_fields = ["naam", "email", "organisatie", "bericht"]
    date_hierarchy = "aangemaakt_at"
    readonly_fields = [
        "soort",
        "naam",
        "email",
        "organisatie",
        "gemeente",
        "bericht",
        "leeratelier",
        "praktijk",
        "publicatie",
        "aangemaakt_at",
        "behandeld_at",
        "behandeld_door_account",
        "toestemming_tekst",
        "toestemming_versie",
        "privacy_versie",
    ]
    fieldsets = [
        (None, {"fields": ["status", "behandeld_at", "behandeld_door_account"]}),
        (
            _("Bericht"),
            {"fields": ["soort", "leeratelier", "praktijk", "publicatie", "bericht"]},
        ),
        (_("Afzender"), {"fields": ["naam", "email", "organisatie", "gemeente"]}),
        (
            _("Toestemming"),
            {
                "fields": [
                    "aangemaakt_at",
                    "toestemming_tekst",
                    "toestemming_versie",
                    "privacy_versie",
                ]
            },
        ),
    ]
    behandeld_door_account = account_text("behandeld_door", _("status gewijzigd door"))

    @admin.display(description=_("over"))
    def doel(self, obj):
        return obj.doel

    def has_add_permission(self, request):
        return False

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=ListEditableForm, **kwargs)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            services.reactie_status_set(reactie=obj, status=obj.status, door=request.user)
