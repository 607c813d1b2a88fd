from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.ratelimit import address_key, client_key, over_limit
from werkplaats.text import (
    validate_one_line,
    validate_plain_email,
)

# A guest's form sends an email to the address typed in: a few per address and per client.
EMAILS_PER_ADDRESS = 3
EMAILS_PER_CLIENT = 20
WINDOW_SECONDS = 60 * 60


class GuestRegistrationForm(forms.Form):
    """Registering without an account: the email address is confirmed by a link first."""

    naam = forms.CharField(label=_("Je naam"), max_length=150, validators=[validate_one_line])
    email = forms.EmailField(
        validators=[validate_plain_email],
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een link; je aanmelding telt zodra je die hebt gevolgd."),
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        max_length=150,
        required=False,
        validators=[validate_one_line],
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisatie"].widget.attrs["autocomplete"] = "organization"

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        if not naam:
            raise forms.ValidationError(_("Vul je naam in."))
        return naam

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if not email:
            return cleaned
        client = client_key(self.request)
        if over_limit(
            f"bijeenkomsten:gast:client:{client}", EMAILS_PER_CLIENT, window=WINDOW_SECONDS
        ):
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd te veel aanmeldingen vanaf deze computer of dit "
                    "netwerk verstuurd. Probeer het over een uur opnieuw."
                )
            )
        address = address_key(email)
        if over_limit(
            f"bijeenkomsten:gast:adres:{address}", EMAILS_PER_ADDRESS, window=WINDOW_SECONDS
        ):
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd al te veel aanmeldingen voor dit e-mailadres "
                    "verstuurd. Kijk in je e-mail (ook bij de ongewenste e-mail) of probeer "
                    "het over een uur opnieuw."
                )
            )
        return cleaned
