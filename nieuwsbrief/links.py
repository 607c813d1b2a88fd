"""The signed links of the nieuwsbrief: confirming a subscription (valid for a week) and
unsubscribing an address (valid for ever, so every edition's link keeps working)."""

from django.core import signing
from django.urls import reverse

from werkplaats.links import absolute_url

CONFIRM_SALT = "nieuwsbrief.bevestigen"
UNSUBSCRIBE_SALT = "nieuwsbrief.afmelden"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(inschrijving) -> str:
    return signing.dumps([inschrijving.pk, inschrijving.email], salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> tuple[int, str] | None:
    """``(pk, email)``, or None for a link that is expired, altered or not one of ours."""
    try:
        pk, email = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return pk, email


def confirm_url(inschrijving) -> str:
    path = reverse("nieuwsbrief:bevestigen", kwargs={"token": confirm_token(inschrijving)})
    return absolute_url(path)


def unsubscribe_token(email: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(email.lower())


def read_unsubscribe_token(token: str) -> str | None:
    """The address, or None for a link that was altered or is not one of ours."""
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None


def unsubscribe_url(email: str) -> str:
    path = reverse("nieuwsbrief:afmelden", kwargs={"token": unsubscribe_token(email)})
    return absolute_url(path)
