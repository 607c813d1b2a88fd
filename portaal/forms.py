from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    bevestig = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat je je account wilt verwijderen.")},
    )
