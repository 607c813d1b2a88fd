"""Subscribing to the nieuwsbrief without an account: the address is confirmed by a link."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier, LeeratelierStatus
from werkplaats.forms import ModelMultipleChoiceField
from werkplaats.i18n import nederlandse_tekst
from werkplaats.ratelimit import address_key, client_key, over_limit
from werkplaats.text import validate_no_control_characters, validate_plain_email

from .consent import TOESTEMMING_TEKST

# Like a guest's registration for a bijeenkomst: a few emails per address and per client.
EMAILS_PER_ADDRESS = 3
EMAILS_PER_CLIENT = 20
WINDOW_SECONDS = 60 * 60


class InschrijvingForm(forms.Form):
    """The form at /nieuwsbrief/; the footer of every page posts its first fields here."""

    email = forms.EmailField(
        validators=[validate_plain_email],
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een link; je inschrijving telt zodra je die hebt bevestigd."),
    )
    naam = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        required=False,
        validators=[validate_no_control_characters],
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        max_length=150,
        required=False,
        validators=[validate_no_control_characters],
    )
    leerateliers = ModelMultipleChoiceField(
        label=_("Leerateliers die je interesseren"),
        queryset=Leeratelier.objects.exclude(status=LeeratelierStatus.AFGEROND).order_by("titel"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    toestemming = forms.BooleanField(
        label=nederlandse_tekst(TOESTEMMING_TEKST),
        error_messages={
            "required": _(
                "Vink het vakje aan als je de nieuwsbrief wilt ontvangen; zonder je toestemming "
                "schrijven we je niet in."
            )
        },
    )
    pagina = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["organisatie"].widget.attrs["autocomplete"] = "organization"
        toestemming = self.fields["toestemming"]
        toestemming.samenvatting = _("Toestemming")  # its label is the whole consent text
        toestemming.help_text = format_html(
            _('Lees in de <a href="{}">privacyverklaring</a> hoe we met je gegevens omgaan.'),
            reverse("werkplaats:privacy"),
        )

    def clean_pagina(self):
        """The page the form was sent from, for the consent record: a path of this site."""
        pagina = self.cleaned_data["pagina"].strip()
        if not pagina.startswith("/") or pagina.startswith("//") or not pagina.isprintable():
            return self.request.path
        return pagina

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if not email or self.errors:  # only a request that would send an email counts
            return cleaned
        if over_limit(
            f"nieuwsbrief:client:{client_key(self.request)}",
            EMAILS_PER_CLIENT,
            window=WINDOW_SECONDS,
        ):
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd te veel inschrijvingen vanaf deze computer of dit "
                    "netwerk verstuurd. Probeer het over een uur opnieuw."
                )
            )
        if over_limit(
            f"nieuwsbrief:adres:{address_key(email)}", EMAILS_PER_ADDRESS, window=WINDOW_SECONDS
        ):
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd al te veel inschrijvingen voor dit e-mailadres "
                    "verstuurd. Kijk in je e-mail (ook bij de ongewenste e-mail) of probeer "
                    "het over een uur opnieuw."
                )
            )
        return cleaned
