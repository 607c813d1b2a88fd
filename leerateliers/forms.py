from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TribuneUpdate


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
