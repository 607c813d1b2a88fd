"""The links of the nieuwsbrief, which name no address: confirming a subscription (signed, valid
for a week) and unsubscribing an address (a random key, valid for ever, so every edition's link
keeps working)."""

import secrets

from django.core import signing
from django.urls import reverse

from werkplaats.links import absolute_url

from .models import Afmeldsleutel

CONFIRM_SALT = "nieuwsbrief.bevestigen"
UNSUBSCRIBE_SALT = "nieuwsbrief.afmelden"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(inschrijving) -> str:
    return signing.dumps(inschrijving.pk, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> int | None:
    """The subscription's key, or None for a link that is expired, altered or not one of ours."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return pk if isinstance(pk, int) else None


def confirm_url(inschrijving) -> str:
    path = reverse("nieuwsbrief:bevestigen", kwargs={"token": confirm_token(inschrijving)})
    return absolute_url(path)


def unsubscribe_token(email: str) -> str:
    email = email.lower()
    found = Afmeldsleutel.objects.filter(email=email).values_list("sleutel", flat=True).first()
    if found is None:
        found = secrets.token_urlsafe(24)
        Afmeldsleutel.objects.get_or_create(email=email, defaults={"sleutel": found})
        found = Afmeldsleutel.objects.get(email=email).sleutel  # another process may have won
    return found


def read_unsubscribe_token(token: str) -> str | None:
    """The address, or None for a link that was altered or is not one of ours."""
    return Afmeldsleutel.objects.filter(sleutel=token).values_list("email", flat=True).first()


def unsubscribe_url(email: str) -> str:
    path = reverse("nieuwsbrief:afmelden", kwargs={"token": unsubscribe_token(email)})
    return absolute_url(path)
