"""Counting requests in the cache, for forms that send an email to the address typed in (a
guest's registration for a bijeenkomst, a subscription to the nieuwsbrief). The cache is Redis
when ``REDIS_URL`` is set, so all app servers share the counts."""

import hashlib

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def over_limit(key: str, limit: int, *, window: int) -> bool:
    """Count one more for ``key`` in the current window of ``window`` seconds; True once past
    ``limit``."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the window ended between add and incr: this one starts the next
        cache.add(key, 1, timeout=window)
        return False


def client_key(request) -> str:
    """The visitor's address as allauth sees it (``DJANGO_TRUSTED_PROXY_COUNT``)."""
    return get_adapter(request).get_client_ip(request)


def address_key(email: str) -> str:
    """An email address as a cache key that does not show the address."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()
