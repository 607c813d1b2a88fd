"""The details the programmacommissie gives with a step on the question set in the admin."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import ActionForm
from werkplaats.forms import date_input
from werkplaats.text import validate_no_control_characters

from .models import Vragenset


class StartConceptForm(ActionForm):
    titel = forms.CharField(
        label=_("Titel van de nieuwe versie"),
        max_length=150,
        validators=[validate_no_control_characters],
    )
    slug = forms.SlugField(
        label=_("Versie in het adres"),
        max_length=50,
        help_text=_("Bijvoorbeeld 2027-1: letters, cijfers en streepjes."),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Vragenset.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Er is al een versie met dit adres; kies een ander."))
        return slug


class VaststellenForm(ActionForm):
    on = forms.DateField(
        label=_("Vastgesteld op"),
        initial=timezone.localdate,
        widget=date_input(),
    )
