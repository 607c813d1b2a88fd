"""Django's password rules with their texts in the site's Dutch (``je``, not ``u``); Django's
own Dutch translation of the length rule lags behind its English text."""

import re
from functools import cache
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DUTCH_COMMON = Path(__file__).with_name("veelgebruikte_wachtwoorden.txt")
# Digits and signs people put after a word to pass a rule ("Wachtwoord1", "welkom123!").
TRAILING = re.compile(r"[\W\d_]+$")


@cache
def dutch_common_passwords() -> frozenset[str]:
    lines = DUTCH_COMMON.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_help_text(self):
        return _("Je wachtwoord mag niet te veel op je e-mailadres of naam lijken.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens hebben.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return _("Je wachtwoord moet minstens %(min_length)d tekens hebben.") % {
            "min_length": self.min_length
        }


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 (English) passwords, and Dutch words that are often a
    password, also with digits or signs after them."""

    def validate(self, password, user=None):
        super().validate(password, user)
        lowered = password.lower().strip()
        word = TRAILING.sub("", lowered)
        if lowered in self.passwords or word in self.passwords or word in dutch_common_passwords():
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return _("Dit wachtwoord wordt te vaak gebruikt: kies iets dat niet te raden is.")

    def get_help_text(self):
        return _("Je wachtwoord mag geen veelgebruikt wachtwoord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_help_text(self):
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
