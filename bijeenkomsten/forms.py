import hashlib

from allauth.account.adapter import get_adapter
from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from werkplaats.text import validate_no_control_characters

# A guest's form sends an email to the address typed in: a few per address and per client.
EMAILS_PER_ADDRESS = 3
EMAILS_PER_CLIENT = 20
WINDOW_SECONDS = 60 * 60


class GuestRegistrationForm(forms.Form):
    """Registering without an account: the email address is confirmed by a link first."""

    naam = forms.CharField(
        label=_("Je naam"), max_length=150, validators=[validate_no_control_characters]
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een link; je aanmelding telt zodra je die hebt gevolgd."),
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        max_length=150,
        required=False,
        validators=[validate_no_control_characters],
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
        if email and not self._allowed(email.lower()):
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd te veel aanmeldingen vanaf dit adres verstuurd. "
                    "Probeer het over een uur opnieuw."
                )
            )
        return cleaned

    def _allowed(self, email):
        address = hashlib.sha256(email.encode()).hexdigest()
        client = get_adapter(self.request).get_client_ip(self.request)
        for key, limit in (
            (f"bijeenkomsten:gast:adres:{address}", EMAILS_PER_ADDRESS),
            (f"bijeenkomsten:gast:client:{client}", EMAILS_PER_CLIENT),
        ):
            cache.add(key, 0, timeout=WINDOW_SECONDS)
            if cache.incr(key) > limit:
                return False
        return True
