from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    bevestig = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat je je account wilt verwijderen.")},
    )


class DekkingForm(forms.Form):
    """Which gemeente the coverage over the years is about (all of them when empty)."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("Alle gemeenten"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten

    def gekozen(self):
        return self.cleaned_data["gemeente"] if self.is_valid() else None
