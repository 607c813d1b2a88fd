"""Django's password rules with their texts in the site's Dutch (``je``, not ``u``); Django's
own Dutch translation of the length rule lags behind its English text."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


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
    def get_help_text(self):
        return _("Je wachtwoord mag geen veelgebruikt wachtwoord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_help_text(self):
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
