"""The audit log: one JSON line per event that matters for the security of accounts (signing
in, passwords, email addresses, roles, rights, downloads of personal data, deletions), through
the logger ``werkplaats.audit`` (to ``DJANGO_AUDIT_LOG`` or stderr, see LOGGING in settings).

A line holds the time (UTC), the event, the account it is about (``user``), who did it when
that is someone else (``actor``), the client's address and a few ids or names. Never a
password, token, session key or reset key: callers pass ids, not what was typed or sent.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime
from functools import partial

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction

logger = logging.getLogger("werkplaats.audit")

_current_request = contextvars.ContextVar("werkplaats_audit_request", default=None)


class RequestMiddleware:
    """Keeps the request at hand while it is answered, so services and signal receivers can
    record who did something and from where without being handed the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


class JsonFormatter(logging.Formatter):
    """A record of ``record()`` as one JSON line."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "event": record.getMessage(),
            **getattr(record, "audit", {}),
        }
        return json.dumps(entry, ensure_ascii=False, default=str)


def client_ip(request) -> str | None:
    """The client's address as allauth sees it (``DJANGO_TRUSTED_PROXY_COUNT``), as the rate
    limits count it; None when it cannot be told."""
    from allauth.account.adapter import get_adapter  # not while logging is being configured

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return None


def _pk(user):
    return getattr(user, "pk", user)  # a user, an id or None


def record(event: str, *, user=None, actor=None, request=None, **details) -> None:
    """Log ``event`` about ``user`` (default: whoever is signed in) done by ``actor`` (default:
    whoever is signed in), once the current transaction commits (at once outside one), so a
    step that is rolled back leaves no line. ``details`` are small values: ids, names, status."""
    request = request or _current_request.get()
    signed_in = getattr(request, "user", None)
    if actor is None and signed_in is not None and signed_in.is_authenticated:
        actor = signed_in
    user_id = _pk(user if user is not None else actor)
    actor_id = _pk(actor)
    fields = {
        "user": user_id,
        "actor": actor_id if actor_id != user_id else None,
        "ip": client_ip(request) if request is not None else None,
        **details,
    }
    transaction.on_commit(partial(logger.info, event, extra={"audit": fields}))
