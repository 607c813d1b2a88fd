"""Addresses of the portal for what leaves it without a request: emails, calendar entries."""

from django.conf import settings

FALLBACK_HOST = "localhost:8000"


def public_host() -> str:
    """The portal's public host: the first entry of ``ALLOWED_HOSTS`` (the
    ``DJANGO_ALLOWED_HOSTS`` variable) that is not a wildcard ("*" or ".example.org"), else
    "localhost:8000"."""
    return next(
        (host for host in settings.ALLOWED_HOSTS if "*" not in host and not host.startswith(".")),
        FALLBACK_HOST,
    )


def absolute_url(path: str) -> str:
    """``path`` on the portal's public address (``public_host``), for emails sent without a
    request; the scheme is ``ACCOUNT_DEFAULT_HTTP_PROTOCOL`` (https unless debug or plain http
    is on). A full address (an upload in S3, say) is returned as it is."""
    if "://" in path:
        return path
    return f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{public_host()}{path}"
