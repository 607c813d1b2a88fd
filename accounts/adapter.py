"""allauth's emails (confirm your address, reset your password, your account exists) go out
at once as before; when the mail server cannot be reached they wait in the outbox
(``werkplaats.mail.queue``) and ``send_outbox`` sends them once it is back, so signing up or
asking for a reset still succeeds for the visitor."""

import base64
import hashlib
import logging
import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from werkplaats import mail

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        try:
            message.send()
        except Exception as error:
            if mail.is_refused(error):
                logger.error("Accountmail %s: geweigerd door de mailserver.", template_prefix)
                return
            logger.exception("Accountmail %s: wacht in de outbox.", template_prefix)
            user = context.get("user")
            mail.queue(
                f"account-{uuid.uuid4().hex}",
                message,
                user=user if getattr(user, "pk", None) else None,
            )


def _fernet(key: str) -> Fernet:
    """The key that second-factor secrets are encrypted with, derived from a secret key."""
    digest = hashlib.sha256(f"werkplaats.mfa:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class MFAAdapter(DefaultMFAAdapter):
    """Second-factor secrets (the TOTP secret, the seed of the recovery codes) are stored
    encrypted with the secret key, so a copy of the database or a backup does not hold anyone's
    second factor; a key in ``SECRET_KEY_FALLBACKS`` still opens what it encrypted."""

    def encrypt(self, text: str) -> str:
        return _fernet(settings.SECRET_KEY).encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        for key in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
            try:
                return _fernet(key).decrypt(encrypted_text.encode()).decode()
            except InvalidToken:
                continue
        raise InvalidToken

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff keep their authenticator app while the admin requires one (they may set up a
        new phone by generating new recovery codes, or ask a beheerder to reset it)."""
        user = authenticator.user
        return not (
            settings.STAFF_MFA_REQUIRED
            and user.is_staff
            and authenticator.type == Authenticator.Type.TOTP
        )
