from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.models import Organisatie, Persoon

from .models import Koppeling


class KoppelingForm(forms.ModelForm):
    persoon = forms.ModelChoiceField(
        label=_("Mijn profiel op de website"),
        queryset=Persoon.objects.filter(user__isnull=True).order_by("naam"),
        required=False,
        empty_label=_("— Ik sta er nog niet op —"),
        help_text=_("Kies je naam als je al op de website staat."),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
        empty_label=_("— Kies een organisatie —"),
    )

    class Meta:
        model = Koppeling
        fields = ["persoon", "naam", "functie", "organisatie", "is_contactpersoon", "toelichting"]
        labels = {
            "naam": _("Naam (als je nog niet op de website staat)"),
            "is_contactpersoon": _(
                "Ik ben contactpersoon van deze organisatie voor de leerateliers"
            ),
            "toelichting": _("Toelichting voor de beoordelaar"),
        }
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("persoon") and not cleaned.get("naam"):
            self.add_error("naam", _("Kies je profiel of vul je naam in."))
        if cleaned.get("is_contactpersoon") and not cleaned.get("organisatie"):
            self.add_error("organisatie", _("Kies de organisatie waarvan je contactpersoon bent."))
        return cleaned
