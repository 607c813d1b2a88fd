from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import ActionForm
from werkplaats.forms import date_input
from werkplaats.text import validate_no_control_characters

from .models import Kennisagenda, Kwestie, KwestieStatus

RESERVED_SLUGS = {"geschiedenis"}  # /kennisagenda/geschiedenis/ is the history page


class BesluitForm(ActionForm):
    """The programmacommissie's decision that goes with a step: its date and a note."""

    on = forms.DateField(
        label=_("Datum van het besluit"),
        initial=timezone.localdate,
        widget=date_input(),
    )
    toelichting = forms.CharField(
        label=_("Toelichting (openbaar)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_control_characters],
    )


class StartConceptForm(BesluitForm):
    titel = forms.CharField(label=_("Titel van de nieuwe versie"), max_length=150)
    slug = forms.SlugField(
        label=_("Versie in het adres"), max_length=50, help_text=_("Bijvoorbeeld 2024.")
    )
    periode_van = forms.DateField(
        label=_("Geldt vanaf"),
        required=False,
        widget=date_input(),
    )
    periode_tot = forms.DateField(
        label=_("Geldt tot"),
        required=False,
        widget=date_input(),
    )
    field_order = ["titel", "slug", "periode_van", "periode_tot", "on", "toelichting"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Kennisagenda.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Er is al een versie met dit adres."))
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Dit adres is al in gebruik voor een andere pagina."))
        return slug


class MergeForm(BesluitForm):
    into = forms.ModelChoiceField(
        label=_("Opgaan in"), queryset=Kwestie.objects.filter(status=KwestieStatus.ACTIEF)
    )
    field_order = ["into", "on", "toelichting"]

    def __init__(self, *args, selection=None, **kwargs):
        super().__init__(*args, selection=selection, **kwargs)
        if selection is not None:
            self.fields["into"].queryset = self.fields["into"].queryset.exclude(
                pk__in=[kwestie.pk for kwestie in selection]
            )
