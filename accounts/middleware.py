import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout

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
