"""The form a visitor answers with, and the small form a trekker changes a status with."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from werkplaats.i18n import nederlandse_tekst
from werkplaats.models import Gemeente
from werkplaats.ratelimit import address_key, client_key, over_limit
from werkplaats.text import (
    validate_no_control_characters,
    validate_one_line,
    validate_plain_email,
)

from .consent import TOESTEMMING_TEKST
from .models import BERICHT_MAX, NAAM_MAX, ORGANISATIE_MAX, Soort, Status

# Each reaction sends an email to the address typed in (the copy): a few per address, and a
# few more per client, per hour.
REACTIES_PER_ADDRESS = 3
REACTIES_PER_CLIENT = 10
WINDOW_SECONDS = 60 * 60


class HoneypotInput(forms.TextInput):
    """A text field people never see and bots fill in: visually hidden, out of the tab order,
    with a label that tells anyone who does reach it (a screen reader) to leave it empty. It is
    rendered with the hidden fields, so the form's layout leaves it out."""

    template_name = "reacties/widgets/honeypot.html"
    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})


class ReactieForm(forms.Form):
    """Name, address, organisation, gemeente, message and consent; ``soort`` offers what the
    target offers (hidden when that is one thing), and ``kenmerk_x`` is the honeypot (a name no
    browser fills in by itself, unlike "website" or "url")."""

    soort = forms.ChoiceField(
        label=_("Waarover gaat je bericht?"),
        error_messages={
            "required": _("Kies waarover je bericht gaat."),
            "invalid_choice": _("Kies waarover je bericht gaat uit de lijst."),
        },
    )
    naam = forms.CharField(
        label=_("Je naam"),
        max_length=NAAM_MAX,
        validators=[validate_one_line],
        error_messages={"required": _("Vul je naam in.")},
    )
    email = forms.EmailField(
        validators=[validate_plain_email],
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("Hierop nemen we contact met je op; je krijgt er ook een bevestiging."),
        error_messages={
            "required": _("Vul je e-mailadres in, zodat we je kunnen antwoorden."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        max_length=ORGANISATIE_MAX,
        required=False,
        validators=[validate_one_line],
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.order_by("naam"),
        required=False,
        empty_label=_("Kies een gemeente"),
        help_text=_("Waar je woont of werkt, als dat ertoe doet."),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    bericht = forms.CharField(
        label=_("Je bericht"),
        max_length=BERICHT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_no_control_characters],
        error_messages={"required": _("Schrijf een bericht.")},
    )
    toestemming = forms.BooleanField(
        label=nederlandse_tekst(TOESTEMMING_TEKST),
        error_messages={
            "required": _(
                "Vink het vakje aan als we je bericht mogen doorsturen; zonder je toestemming "
                "versturen we niets."
            )
        },
    )
    kenmerk_x = forms.CharField(
        label=_("Laat dit veld leeg; het houdt spam tegen."),
        required=False,
        widget=HoneypotInput,
    )

    def __init__(self, *args, soorten, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.is_flood = False
        soort = self.fields["soort"]
        soort.choices = [(s.value, s.label) for s in soorten]
        if len(soorten) == 1:
            soort.widget = forms.HiddenInput()
            self.initial["soort"] = soorten[0].value
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisatie"].widget.attrs["autocomplete"] = "organization"
        bericht = self.fields["bericht"]
        bericht.help_text = _("Hoogstens %(max)s tekens.") % {
            "max": f"{BERICHT_MAX:,}".replace(",", ".")
        }
        # Too long is said after sending, with the text kept: a browser's own limit would
        # cut a pasted text off without a word.
        bericht.widget.attrs.pop("maxlength", None)
        toestemming = self.fields["toestemming"]
        toestemming.samenvatting = _("Toestemming")  # its label is the whole consent text
        toestemming.help_text = format_html(
            _('Lees in de <a href="{}">privacyverklaring</a> hoe we met je gegevens omgaan.'),
            reverse("werkplaats:privacy"),
        )

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled in: a bot, which is thanked and otherwise ignored."""
        return bool(self.data.get(self.add_prefix("kenmerk_x"), "").strip())

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        if not naam:
            raise forms.ValidationError(_("Vul je naam in."))
        return naam

    def clean_bericht(self):
        bericht = self.cleaned_data["bericht"].strip()
        if not bericht:
            raise forms.ValidationError(_("Schrijf een bericht."))
        return bericht

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if not email or self.errors:  # only a reaction that would be sent counts
            return cleaned
        if over_limit(
            f"reacties:client:{client_key(self.request)}",
            REACTIES_PER_CLIENT,
            window=WINDOW_SECONDS,
        ):
            self.is_flood = True
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd te veel berichten vanaf deze computer of dit "
                    "netwerk verstuurd. Je tekst staat hieronder nog; probeer het over een uur "
                    "opnieuw."
                )
            )
        if over_limit(
            f"reacties:adres:{address_key(email)}", REACTIES_PER_ADDRESS, window=WINDOW_SECONDS
        ):
            self.is_flood = True
            raise forms.ValidationError(
                _(
                    "Er zijn de afgelopen tijd al te veel berichten met dit e-mailadres "
                    "verstuurd. Je tekst staat hieronder nog; probeer het over een uur opnieuw."
                )
            )
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Status.choices,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )


def soort_from(value: str, soorten: list[Soort]) -> str | None:
    """The ``?soort=`` of a link, when the target offers it."""
    return value if value in {s.value for s in soorten} else None
