from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.models import Thema, Voorwaarde

from .graph import Kind


class NetwerkFilterForm(forms.Form):
    """What the picture shows; works as a plain GET form and is read by the script too."""

    voorwaarde = forms.ModelChoiceField(
        label=_("Voorwaarde"),
        queryset=Voorwaarde.objects.order_by("volgorde"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle voorwaarden"),
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Thema.objects.order_by("naam"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle thema's"),
    )
    soort = forms.MultipleChoiceField(
        label=_("Toon"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def filters(self):
        """Keyword arguments for Graph.filtered; nothing when the input was not valid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "voorwaarde": data["voorwaarde"].slug if data["voorwaarde"] else None,
            "thema": data["thema"].slug if data["thema"] else None,
            "kinds": set(data["soort"]),
        }
