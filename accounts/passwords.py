from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, said in Dutch (Django's own Dutch text lags behind its English)."""

    def get_error_message(self):
        return _("Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens hebben.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return _("Je wachtwoord moet minstens %(min_length)d tekens hebben.") % {
            "min_length": self.min_length
        }
