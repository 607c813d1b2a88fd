"""Public pages for visitors without a session, served from the shared cache, and always
current.

Every page is stored under the current *content generation*. Any write to a table that a
public page may show — through the admin, a service, a task, the demo loader, an import, a
bulk ``update()`` or raw SQL through Django — starts a new generation when it is committed, so
the next request renders the page anew: there is no time-out that shows stale content. While
a transaction that wrote such a table is open, requests on its connection neither read nor
store pages. Writes that no public page shows (sessions, the outbox, the admin's log,
reactions, quick-scan answers, …) leave the generation alone, so signing in or answering a
form does not empty the cache.

Only GET and HEAD requests without a session or messages cookie are served from the cache,
and only responses that carry nothing of one visitor are stored: status 200, no cookie set,
no CSRF token used, nothing that says private or no-store. A stored page is used for an hour
at most, so pages that show what is coming move on with the clock. Signed-in visitors always
get a fresh page, marked ``Cache-Control: private, no-store`` so no browser or proxy keeps
it.
"""

import functools
import hashlib
import re
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pagecache:generatie"
# Stored pages of an old generation are never read again; they go when their time is up.
STORED_FOR = 24 * 60 * 60
# The headers a stored page keeps; the rest are added again on the way out (security headers)
# or belong to one visitor.
KEPT_HEADERS = {
    "content-type",
    "etag",
    "last-modified",
    "cache-control",
    "vary",
    "api-version",
    "content-language",
    "content-security-policy",
    "x-frame-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "x-content-type-options",
    "access-control-allow-origin",
    "link",
    "x-robots-tag",
}

# --- The generation --------------------------------------------------------------------------


def generation() -> str:
    found = cache.get(GENERATION_KEY)
    if found is None:
        found = uuid.uuid4().hex
        cache.add(GENERATION_KEY, found, timeout=None)
        found = cache.get(GENERATION_KEY, found)
    return found


def new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"\[]?(\w+)', re.IGNORECASE)


@functools.cache
def private_tables() -> frozenset[str]:
    """The tables of ``PAGE_CACHE_PRIVATE_MODELS``, their history and their own many-to-many
    tables (a user's groups)."""
    from django.apps import apps

    tables = set()
    for label in settings.PAGE_CACHE_PRIVATE_MODELS:
        model = apps.get_model(label)
        tables.add(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None:
            tables.add(history.model._meta.db_table)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.add(field.remote_field.through._meta.db_table)
    return frozenset(tables)


def shows_on_public_pages(sql: str) -> bool:
    """Whether ``sql`` writes to a table a public page may show."""
    found = WRITE.match(sql)
    return found is not None and found.group(1) not in private_tables()


def _pending(connection) -> bool:
    """Whether ``connection`` is in a transaction that wrote something public pages show."""
    return any(callback is new_generation for _sids, callback, _robust in connection.run_on_commit)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if shows_on_public_pages(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            new_generation()
        elif not _pending(connection):
            transaction.on_commit(new_generation, using=connection.alias)
    return result


def watch_writes(sender, connection, **kwargs):
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


connection_created.connect(watch_writes, dispatch_uid="werkplaats.pagecache.watch_writes")
for _connection in connections.all(initialized_only=True):  # opened before this module
    watch_writes(None, _connection)

# --- The middleware --------------------------------------------------------------------------


def _has_visitor_state(request) -> bool:
    """A session (signed in, or a form's state) or messages waiting for this visitor."""
    return any(
        name in request.COOKIES
        for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    )


def _key(request) -> str:
    """The stored page of this address for this generation and this hour: pages that show
    what is coming (bijeenkomsten, say) move on with the clock, not only with the data."""
    raw = "|".join(
        [
            generation(),
            timezone.now().strftime("%Y%m%d%H"),
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        ]
    )
    return "pagecache:pagina:" + hashlib.sha256(raw.encode()).hexdigest()


def _personal(request, response) -> bool:
    """The response is for this visitor alone: signed in, or it sets a cookie or carries a
    CSRF token (a sign-in or password-reset form). No browser or proxy may keep it."""
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serves and stores public pages for visitors without a session (see the module), and
    marks every response to a signed-in visitor ``private, no-store``. Sits above the session
    middleware, so a page from the cache costs no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        enabled = settings.PAGE_CACHE and request.method in ("GET", "HEAD")
        anonymous = not _has_visitor_state(request)
        current = not _pending(connections[DEFAULT_DB_ALIAS])
        key = _key(request) if enabled and anonymous and current else None
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                return self._rebuild(stored)
        response = self.get_response(request)
        if _personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        elif key is not None and _storable(request, response):
            cache.set(key, self._keep(response), timeout=STORED_FOR)
        return response

    @staticmethod
    def _keep(response):
        headers = {name: value for name, value in response.items() if name.lower() in KEPT_HEADERS}
        return (response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        return response
