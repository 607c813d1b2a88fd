from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequentie, TribuneUpdate


class AttachmentInput(forms.ClearableFileInput):
    initial_text = _("Huidige bijlage")
    input_text = _("Andere bijlage")
    clear_checkbox_label = _("Bijlage verwijderen")


class TribuneUpdateForm(forms.ModelForm):
    """What a trekker writes; the leeratelier and the author come from the URL and the account,
    never from the form."""

    class Meta:
        model = TribuneUpdate
        fields = ["titel", "tekst", "bijlage"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 14}), "bijlage": AttachmentInput}
        help_texts = {
            "tekst": _(
                "Markdown: een lege regel begint een nieuwe alinea, **vet**, *cursief*, "
                "[tekst](https://…) voor een link en - aan het begin van een regel voor een lijst."
            ),
        }


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
