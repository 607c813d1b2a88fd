"""The forms of running a scan (start it, invite someone), of joining through the shared link,
and of answering one step of the set."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from werkplaats.forms import date_input
from werkplaats.models import Organisatie
from werkplaats.ratelimit import address_key, client_key, over_limit
from werkplaats.text import (
    validate_no_control_characters,
    validate_one_line,
    validate_plain_email,
)

from .models import OPMERKING_MAX, Respondent, Scan, Waarde

WINDOW_SECONDS = 60 * 60
# Each invitation sends an email: this many per contactpersoon per hour.
UITNODIGINGEN_PER_USER = 100
# Joining through the shared link makes a respondent (and may send an email).
AANMELDINGEN_PER_CLIENT = 20
AANMELDINGEN_PER_ADDRESS = 5

DATE_ERRORS = {
    "required": _("Vul een datum in."),
    "invalid": _("Vul een geldige datum in, zoals 1-9-2026."),
}


class ScanStartForm(forms.Form):
    """The gemeente (only those the user runs), an optional wijk and the period."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Kies de gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    wijk = forms.CharField(
        label=_("Wijk of dorp"),
        required=False,
        max_length=Scan._meta.get_field("wijk").max_length,
        validators=[validate_one_line],
        help_text=_("Leeg voor de hele gemeente."),
    )
    periode_van = forms.DateField(label=_("Van"), widget=date_input(), error_messages=DATE_ERRORS)
    periode_tot = forms.DateField(
        label=_("Tot en met"),
        widget=date_input(),
        error_messages=DATE_ERRORS,
        help_text=_("Tot en met deze dag kunnen de partners de scan invullen."),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("periode_van"), cleaned.get("periode_tot")
        if van and tot and tot < van:
            self.add_error(
                "periode_tot", _("De einddatum ligt voor de begindatum: kies een latere datum.")
            )
        return cleaned


class OrganisatieField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Organisatie.objects.order_by("naam"),
            required=False,
            empty_label=_("Kies een organisatie"),
            error_messages={
                "invalid_choice": _("Kies een organisatie uit de lijst."),
                "invalid_pk_value": _("Kies een organisatie uit de lijst."),
            },
            **kwargs,
        )


class RespondentForm(forms.Form):
    """Who answers: an organisation of the network, or the name of one that is not in it; a
    name and address. Subclasses say whether the address is required."""

    organisatie_legend = _("Organisatie")

    organisatie = OrganisatieField(label=_("Uit het netwerk"))
    organisatie_naam = forms.CharField(
        label=_("Of: de naam van een andere organisatie"),
        required=False,
        max_length=Respondent._meta.get_field("organisatie_naam").max_length,
        validators=[validate_one_line],
    )
    naam = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=Respondent._meta.get_field("naam").max_length,
        validators=[validate_one_line],
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        validators=[validate_plain_email],
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_flood = False
        for name in ("organisatie", "organisatie_naam"):
            self.fields[name].samenvatting = _("Organisatie")  # in the list of problems
        self.fields["organisatie_naam"].widget.attrs["autocomplete"] = "organization"
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean(self):
        cleaned = super().clean()
        organisatie = cleaned.get("organisatie")
        naam = (cleaned.get("organisatie_naam") or "").strip()
        if "organisatie" in self.errors or "organisatie_naam" in self.errors:
            return cleaned
        if organisatie is None and not naam:
            self.add_error(
                "organisatie",
                _("Kies de organisatie, of vul de naam in als ze er niet tussen staat."),
            )
        elif organisatie is not None and naam and naam.lower() != organisatie.naam.lower():
            self.add_error(
                "organisatie_naam",
                _("Kies een organisatie uit de lijst óf vul een naam in, niet allebei."),
            )
        return cleaned

    def respondent(self) -> dict:
        """Who answers, as the services take it."""
        return {
            "organisatie": self.cleaned_data["organisatie"],
            "organisatie_naam": self.cleaned_data["organisatie_naam"],
            "naam": self.cleaned_data["naam"],
            "email": self.cleaned_data["email"] or "",
        }

    def organisatie_velden(self):
        return [self["organisatie"], self["organisatie_naam"]]

    def overige_velden(self):
        return [
            field
            for field in self.visible_fields()
            if field.name not in {"organisatie", "organisatie_naam"}
        ]

    def flood(self, message):
        self.is_flood = True
        raise forms.ValidationError(message)


def uitnodigingen_over_limit(user) -> bool:
    """Count one more email to a respondent sent by ``user``; True once past the limit."""
    return over_limit(
        f"quickscan:uitnodigen:{user.pk}", UITNODIGINGEN_PER_USER, window=WINDOW_SECONDS
    )


class UitnodigingForm(RespondentForm):
    """The contactpersoon invites someone by email."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["naam"].widget.attrs["autocomplete"] = "off"
        self.fields["organisatie_naam"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].help_text = _(
            "Hier gaat de uitnodiging met de persoonlijke link naartoe."
        )
        self.fields["email"].error_messages["required"] = _(
            "Vul het e-mailadres in waar de uitnodiging naartoe gaat."
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if uitnodigingen_over_limit(self.user):
            self.flood(
                _(
                    "Je hebt het afgelopen uur al %(aantal)d uitnodigingen verstuurd. Wat je "
                    "invulde staat hieronder nog; probeer het over een uur opnieuw."
                )
                % {"aantal": UITNODIGINGEN_PER_USER}
            )
        return cleaned


class HoneypotInput(forms.TextInput):
    """A field people never see and bots fill in: visually hidden, out of the tab order, its
    label asking anyone who reaches it to leave it empty; rendered with the hidden fields."""

    template_name = "quickscan/deelnemen_honeypot.html"
    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})


class DeelnemenForm(RespondentForm):
    """Someone with the shared link says for which organisation they answer; a name and an
    address are optional (the address gets their personal link)."""

    kenmerk_x = forms.CharField(
        label=_("Laat dit veld leeg; het houdt spam tegen."),
        required=False,
        widget=HoneypotInput,
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.organisatie_legend = _("Namens welke organisatie vul je de scan in?")
        email = self.fields["email"]
        email.required = False
        email.label = _("Je e-mailadres")
        email.help_text = _(
            "Vul het in als je je persoonlijke link per e-mail wilt krijgen, om later verder "
            "te gaan. We wissen het als de scan sluit."
        )
        self.fields["naam"].label = _("Je naam")

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("kenmerk_x"), "").strip())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        message = _(
            "Er zijn de afgelopen tijd te veel aanmeldingen gedaan vanaf deze computer of dit "
            "netwerk. Wat je invulde staat hieronder nog; probeer het over een uur opnieuw."
        )
        if over_limit(
            f"quickscan:deelnemen:{client_key(self.request)}",
            AANMELDINGEN_PER_CLIENT,
            window=WINDOW_SECONDS,
        ):
            self.flood(message)
        email = cleaned.get("email")
        if email and over_limit(
            f"quickscan:deelnemen:adres:{address_key(email)}",
            AANMELDINGEN_PER_ADDRESS,
            window=WINDOW_SECONDS,
        ):
            self.flood(message)
        return cleaned


# --- Answering one step ----------------------------------------------------------------------

VRAAG_PREFIX = "vraag-"
VRAAG_FIELD = re.compile(rf"^{VRAAG_PREFIX}(.*)$")

# The scale from low to high, then "weet niet".
KEUZES = [(waarde.value, waarde.label) for waarde in [*Waarde.schaal(), Waarde.WEET_NIET]]


class AntwoordenForm(forms.Form):
    """One radio group per statement of a step (each may stay open for later), and a remark on
    the voorwaarde. A statement the step does not have (a changed page) is refused, and so is
    an answer off the scale; nothing of such a form is kept."""

    opmerking = forms.CharField(
        label=_("Opmerking bij deze voorwaarde"),
        required=False,
        max_length=OPMERKING_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_control_characters],
        help_text=_("Wat je wilt toelichten of toevoegen; hoogstens %(max)s tekens.")
        % {"max": f"{OPMERKING_MAX:,}".replace(",", ".")},
        error_messages={
            "max_length": _(
                "Je opmerking is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )

    def __init__(self, *args, vragen, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        for vraag in vragen:
            self.fields[f"{VRAAG_PREFIX}{vraag.pk}"] = forms.TypedChoiceField(
                label=vraag.stelling,
                choices=KEUZES,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _(
                        "Dit antwoord staat niet op de schaal; kies een van de antwoorden."
                    )
                },
            )
        # Too long is said after saving, with the text kept, not cut off by the browser.
        self.fields["opmerking"].widget.attrs.pop("maxlength", None)
        self.order_fields([f"{VRAAG_PREFIX}{vraag.pk}" for vraag in vragen])

    def stellingen(self):
        """Each statement of the step with its bound field."""
        return [(vraag, self[f"{VRAAG_PREFIX}{vraag.pk}"]) for vraag in self.vragen]

    def clean(self):
        cleaned = super().clean()
        vreemd = [key for key in self.data if VRAAG_FIELD.match(key) and key not in self.fields]
        if vreemd:
            raise forms.ValidationError(
                _(
                    "Er werd een antwoord meegestuurd op een stelling die niet bij deze stap "
                    "hoort. Er is niets opgeslagen; controleer je antwoorden hieronder en sla "
                    "opnieuw op."
                ),
                code="vreemde_vraag",
            )
        return cleaned

    def antwoorden(self) -> dict[int, int]:
        """``{vraag pk: waarde}`` of the statements answered."""
        return {
            vraag.pk: self.cleaned_data[f"{VRAAG_PREFIX}{vraag.pk}"]
            for vraag in self.vragen
            if self.cleaned_data.get(f"{VRAAG_PREFIX}{vraag.pk}") not in (None, "")
        }
