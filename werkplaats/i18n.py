"""The interface in Dutch (the default, at the addresses without prefix) and in English (the
same addresses under /en/). The address alone decides the language of a page, so a page and
its cached copy, a shared link and a search engine all agree on it; the language switcher
remembers a visitor's choice in one functional cookie, and a remembered English choice brings
that visitor from a Dutch address to its English twin.

Content (titles, summaries, texts written by people) stays in Dutch; templates mark it
``lang="nl"`` when the interface is English (``nl_inhoud`` in every template). The few texts
with an English version of their own (the profile's about texts, the four voorwaarden) are
read through ``vertaald``/``taal_van``.
"""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache

DEFAULT = settings.LANGUAGE_CODE
OTHERS = tuple(code for code, _name in settings.LANGUAGES if code != DEFAULT)
NAMES = dict(settings.LANGUAGES)


def language_of_path(path: str) -> str:
    """The language an address is in: its prefix (/en/…), otherwise Dutch."""
    return translation.get_language_from_path(path) or DEFAULT


def twin(path: str, language: str) -> str:
    """The same page in ``language`` (the query string kept), or ``path`` itself when the
    address has no twin (the admin, the API, files)."""
    with translation.override(language_of_path(path)):  # resolved as the address it is
        return translate_url(path, language)


def has_twin(path: str, language: str) -> bool:
    return twin(path, language) != path


class LanguageMiddleware:
    """Activates the language of the address (never a header or a cookie: the admin, the
    API and every page without prefix are Dutch), and sends a visitor who chose another
    language with the switcher from a Dutch address to its twin. Sits above the page cache,
    so the cached Dutch page is never served to that visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        remembered = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if (
            request.method in ("GET", "HEAD")
            and language == DEFAULT
            and remembered in OTHERS
            and has_twin(request.path_info, remembered)
        ):
            response = HttpResponseRedirect(twin(request.get_full_path(), remembered))
            response.headers["Vary"] = "Cookie"
            return response
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


@never_cache
def kies_taal(request, taal):
    """The language switcher: remembers ``taal`` and goes to the page the visitor was on, in
    that language. A plain link (no form, so no CSRF cookie on every page); a forged link can
    only change the language of someone's interface."""
    if taal not in NAMES:
        taal = DEFAULT
    volgende = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not volgende.startswith("/"):
        volgende = "/"
    response = HttpResponseRedirect(twin(volgende, taal))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        taal,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def switcher(request):
    """The other languages of this page, for the switcher and the head's alternates: code,
    name (in that language), the switcher's link and the twin's absolute address."""
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        if code == translation.get_language():
            continue
        links.append(
            {
                "code": code,
                "naam": name,
                "kies": f"{reverse('taal', args=[code])}?next={quote(path)}",
                "adres": request.build_absolute_uri(twin(path, code)),
            }
        )
    return links


def nl_inhoud() -> str:
    """The attribute for an element holding Dutch content: empty on a Dutch page."""
    return "" if translation.get_language() == DEFAULT else mark_safe(' lang="nl"')


def _nederlandse_tekst(text: str) -> str:
    if translation.get_language() == DEFAULT:
        return text
    return format_html('<span lang="nl">{}</span>', text)


# A fixed Dutch text in the interface, such as a consent that is stored word for word as it was
# shown: marked as Dutch on a page in another language (evaluated when it is shown).
nederlandse_tekst = lazy(_nederlandse_tekst, SafeString)


def vertaald(obj, field: str) -> str:
    """``obj.<field>`` in the interface's language when it has a version in it
    (``<field>_<language>``), otherwise the Dutch text."""
    language = translation.get_language()
    if language != DEFAULT:
        version = getattr(obj, f"{field}_{language}", "")
        if version:
            return version
    return getattr(obj, field)


def taal_van(obj, field: str) -> str:
    """The language ``vertaald(obj, field)`` is written in."""
    language = translation.get_language()
    if language != DEFAULT and getattr(obj, f"{field}_{language}", ""):
        return language
    return DEFAULT
