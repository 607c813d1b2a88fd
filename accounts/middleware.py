import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

REFRESHED_AT = "_werkplaats_session_refreshed_at"
STARTED_AT = "_werkplaats_session_started_at"


class IdleSessionMiddleware:
    """A signed-in session ends after ``SESSION_COOKIE_AGE`` seconds without a request.

    Each request could write the session to push its end forward; instead the session is
    written at most once per ``SESSION_REFRESH_SECONDS``, so the idle limit holds to within
    that margin and most requests write nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.end_when_too_old(request)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_AT] = now  # marks the session modified: saved, expiry renewed
        return response

    @staticmethod
    def end_when_too_old(request):
        """However active, a session ends ``SESSION_ABSOLUTE_SECONDS`` after it was first seen
        signed in (a stolen session cookie does not work for ever): the visitor is signed
        out before the request is answered."""
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return
        now = int(time.time())
        started = session.setdefault(STARTED_AT, now)
        if now - started >= settings.SESSION_ABSOLUTE_SECONDS:
            logout(request)


class StaffSecondFactorMiddleware:
    """Staff enter the admin only with a second factor (``STAFF_MFA_REQUIRED``). Whoever has
    one is asked for a code at every sign-in; a staff member without one is sent from the admin
    to set it up, and nothing of the admin is shown until then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_MFA_REQUIRED and self.needs_second_factor(request):
            messages.warning(
                request,
                _(
                    "Het beheer is alleen te gebruiken met een tweede stap bij het inloggen. "
                    "Stel hieronder je authenticator-app in; daarna kun je naar het beheer."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def needs_second_factor(request) -> bool:
        admin = reverse("admin:index")
        user = getattr(request, "user", None)
        return (
            request.path.startswith(admin)
            and request.path != reverse("admin:logout")
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
        )
