"""Counting requests in the cache, for forms that send an email to the address typed in (a
guest's registration for a bijeenkomst, a subscription to the nieuwsbrief). The cache is Redis
when ``REDIS_URL`` is set, so all app servers share the counts."""

import hashlib
import ipaddress

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
    """The visitor's address as allauth sees it (``DJANGO_TRUSTED_PROXY_COUNT``); an IPv6
    address counts by its /64 network, which one visitor usually has whole."""
    address = get_adapter(request).get_client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def address_key(email: str) -> str:
    """An email address as a cache key that does not show the address; ``name+tag@`` counts
    as ``name@``, the same mailbox."""
    local, _at, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0] if local else local
    return hashlib.sha256(f"{local}@{domain}".encode()).hexdigest()
