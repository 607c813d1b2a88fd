"""allauth's emails (confirm your address, reset your password, your account exists) go out
at once as before; when the mail server cannot be reached they wait in the outbox
(``werkplaats.mail.queue``) and ``send_outbox`` sends them once it is back, so signing up or
asking for a reset still succeeds for the visitor."""

import logging
import uuid

from allauth.account.adapter import DefaultAccountAdapter

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
