from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.models import Organisatie, Persoon

from .models import Frequentie, Koppeling


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


class FollowForm(forms.Form):
    volgen = forms.BooleanField(required=False)


class PreferencesForm(forms.Form):
    """One choice per leeratelier: how often its updates come by email."""

    def __init__(self, *args, leerateliers, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.leerateliers = list(leerateliers)
        for leeratelier in self.leerateliers:
            self.fields[self.field_name(leeratelier)] = forms.ChoiceField(
                label=leeratelier.titel,
                choices=Frequentie.choices,
                initial=current.get(leeratelier.pk, Frequentie.DIRECT),
            )

    @staticmethod
    def field_name(leeratelier):
        return f"leeratelier-{leeratelier.pk}"

    def choices(self):
        """(leeratelier, chosen frequency) for every leeratelier on the form."""
        return [
            (leeratelier, self.cleaned_data[self.field_name(leeratelier)])
            for leeratelier in self.leerateliers
        ]


class DeleteAccountForm(forms.Form):
    bevestig = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat je je account wilt verwijderen.")},
    )
