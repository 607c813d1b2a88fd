from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from werkplaats.models import Organisatie, Persoon

from .models import Koppeling, Meldingsvoorkeur


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


class Checkbox(forms.CheckboxInput):
    """A checkbox that hands its field the value as posted (a browser sends "on" or nothing).
    Its name keeps the widget type "checkbox" that the form templates lay out."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class VinkjeField(forms.BooleanField):
    """On or off; any other posted value is refused with a Dutch message."""

    widget = Checkbox

    def to_python(self, value):
        if value in (None, ""):
            return False
        if value == "on":
            return True
        raise ValidationError(_("Vink het vakje aan of uit."), code="invalid")


class MeldingsvoorkeurForm(forms.ModelForm):
    """The choices about emails that apply to the user (``soorten``); others stay as they are,
    and a choice posted that does not apply is refused."""

    class Meta:
        model = Meldingsvoorkeur
        fields = list(Meldingsvoorkeur.SOORTEN)
        field_classes = dict.fromkeys(Meldingsvoorkeur.SOORTEN, VinkjeField)

    def __init__(self, *args, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Meldingsvoorkeur.SOORTEN:
            if name not in soorten:
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and any(
            name in self.data and name not in self.fields for name in Meldingsvoorkeur.SOORTEN
        ):
            raise ValidationError(
                _("Je kunt alleen kiezen over de e-mails die bij je account horen.")
            )
        return cleaned

    def keuzes(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] for name in self.fields}
