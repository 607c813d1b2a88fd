from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from werkplaats.aggregates import NameList
from werkplaats.forms import LeesbaarheidMixin, ModelMultipleChoiceField, date_input

from .models import Frequentie, GeleerdeLes, LerendePraktijk, Niveau, TribuneUpdate

MARKDOWN_HELP = _(
    "Markdown: een lege regel begint een nieuwe alinea, **vet**, *cursief*, "
    "[tekst](https://…) voor een link en - aan het begin van een regel voor een lijst."
)


class AttachmentInput(forms.ClearableFileInput):
    initial_text = _("Huidige bijlage")
    input_text = _("Andere bijlage")
    clear_checkbox_label = _("Bijlage verwijderen")


class TribuneUpdateForm(LeesbaarheidMixin, forms.ModelForm):
    """What a trekker writes; the leeratelier and the author come from the URL and the account,
    never from the form."""

    leesbaarheid_velden = ("tekst",)

    class Meta:
        model = TribuneUpdate
        fields = ["titel", "tekst", "bijlage"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 14}), "bijlage": AttachmentInput}
        help_texts = {"tekst": MARKDOWN_HELP}


class PraktijkForm(LeesbaarheidMixin, forms.ModelForm):
    """A lerende praktijk as its trekkers keep it up; the leeratelier comes from the URL,
    never from the form."""

    leesbaarheid_velden = ("beschrijving",)

    class Meta:
        model = LerendePraktijk
        fields = [
            "titel",
            "beschrijving",
            "status",
            "start_on",
            "end_on",
            "gemeenten",
            "partners",
            "werkplaatsen",
            "externe_link",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 10}),
            "start_on": date_input(),
            "end_on": date_input(),
            "gemeenten": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "werkplaatsen": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "gemeenten": ModelMultipleChoiceField,
            "partners": ModelMultipleChoiceField,
            "werkplaatsen": ModelMultipleChoiceField,
        }
        labels = {"start_on": _("Gestart op"), "end_on": _("Afgerond op")}
        help_texts = {
            "beschrijving": MARKDOWN_HELP,
            "end_on": _("Leeg zolang de praktijk loopt."),
            "gemeenten": _(
                "Waar de praktijk loopt; een gemeente buiten het werkgebied telt niet mee in "
                "de overzichten van het werkgebied."
            ),
            "partners": _("De organisaties die in deze praktijk samenwerken."),
            "werkplaatsen": _("Andere Werkplaatsen Sociaal Domein waarmee de praktijk loopt."),
            "externe_link": _("Een pagina elders met meer over deze praktijk (https://…)."),
        }
        error_messages = {
            field: {
                "invalid_choice": _("Kies uit de lijst."),
                "invalid_pk_value": _("Kies uit de lijst."),
            }
            for field in ["gemeenten", "partners", "werkplaatsen"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Partners and werkplaatsen are both organisations: one query lists the choices of
        # both (each field still checks what is posted against its own queryset).
        partners, werkplaatsen = self.fields["partners"], self.fields["werkplaatsen"]
        organisaties = list(partners.queryset)
        partners.choices = [(o.pk, partners.label_from_instance(o)) for o in organisaties]
        werkplaatsen.choices = [
            (o.pk, werkplaatsen.label_from_instance(o))
            for o in organisaties
            if o.is_werkplaats_sociaal_domein
        ]


class BronnenField(ModelMultipleChoiceField):
    """Local lessen named by their text, praktijk and gemeenten."""

    def label_from_instance(self, obj):
        tekst = Truncator(" ".join(obj.tekst.split())).chars(120)
        waar = obj.praktijk.titel
        if getattr(obj, "gemeente_namen", None):
            waar = f"{waar}, {obj.gemeente_namen}"
        return f"“{tekst}” ({waar})"


class LesForm(LeesbaarheidMixin, forms.ModelForm):
    """A geleerde les as its trekkers keep it up. Its praktijk and the local lessen it brings
    together can only be chosen from its own leeratelier (from the URL)."""

    leesbaarheid_velden = ("tekst",)

    aankondigen = forms.BooleanField(
        label=_("Aankondigen op de tribune"),
        required=False,
        help_text=_(
            "Alleen bij een regionale les. Bij het opslaan verschijnt een tribune-update met "
            "deze les en de lokale lessen die ze samenbrengt. Wie het leeratelier volgt en de "
            "contactpersonen van de partners krijgen die zoals elke update per e-mail, zo vaak als "
            "ze zelf gekozen hebben. Een les wordt maar één keer aangekondigd."
        ),
    )

    class Meta:
        model = GeleerdeLes
        fields = ["tekst", "niveau", "praktijk", "bronnen", "voorwaarden", "geleerd_on"]
        field_classes = {"bronnen": BronnenField, "voorwaarden": ModelMultipleChoiceField}
        widgets = {
            "tekst": forms.Textarea(attrs={"rows": 4}),
            "bronnen": forms.CheckboxSelectMultiple,
            "voorwaarden": forms.CheckboxSelectMultiple,
            "geleerd_on": date_input(),
        }
        labels = {"geleerd_on": _("Geleerd op")}
        help_texts = {
            "tekst": _("De les in een of twee zinnen, zoals de deelnemers haar zouden zeggen."),
            "niveau": _(
                "Lokaal: geleerd in één lerende praktijk. Regionaal: in de arena samengebracht "
                "uit lessen van verschillende praktijken."
            ),
            "bronnen": _(
                "Alleen bij een regionale les: de lokale lessen die ze samenbrengt. Op de pagina "
                "van elke praktijk staat dan waar haar les naartoe ging."
            ),
            "voorwaarden": _("De voorwaarden van sociale kwaliteit waar de les over gaat."),
        }
        error_messages = {
            "praktijk": {"invalid_choice": _("Kies een praktijk van dit leeratelier.")},
            "bronnen": {
                "invalid_choice": _(
                    "Kies alleen lokale lessen uit de praktijken van dit leeratelier."
                ),
                "invalid_pk_value": _(
                    "Kies alleen lokale lessen uit de praktijken van dit leeratelier."
                ),
            },
            "voorwaarden": {
                "invalid_choice": _("Kies uit de lijst."),
                "invalid_pk_value": _("Kies uit de lijst."),
            },
        }

    def __init__(self, *args, leeratelier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["praktijk"].queryset = leeratelier.praktijken.order_by("titel")
        self.fields["praktijk"].empty_label = _("Geen (regionale les)")
        bronnen = (
            GeleerdeLes.objects.lokaal()
            .filter(leeratelier=leeratelier, praktijk__isnull=False)
            .select_related("praktijk")
            .annotate(gemeente_namen=NameList("praktijk__gemeenten__naam"))
            .order_by("praktijk__titel", "-geleerd_on", "pk")
        )
        if self.instance.pk is not None:
            bronnen = bronnen.exclude(pk=self.instance.pk)
        self.fields["bronnen"].queryset = bronnen
        if self.instance.aankondiging_id is not None:
            del self.fields["aankondigen"]  # announced once, never again

    def clean(self):
        cleaned = super().clean()
        lokaal = cleaned.get("niveau") == Niveau.LOKAAL
        if lokaal and not cleaned.get("praktijk") and "praktijk" not in self.errors:
            self.add_error("praktijk", _("Kies de praktijk waar deze lokale les geleerd is."))
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
