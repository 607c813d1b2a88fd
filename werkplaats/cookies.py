"""The cookies the portal can set, for /cookies/: each by the name the settings give it, what it
is for, when it is set and how long it lasts (read from the same settings, so the page changes
with them). All are functional: there are no cookies for statistics, advertising or tracking,
and nothing from other sites, so no consent is asked.

A visitor who only reads gets none: a page sets the CSRF cookie only when it shows a form
that needs its token (the footer's nieuwsbrief form does without), and the others follow from
signing in, sending a form or choosing a language. ``tests/werkplaats/test_cookies.py`` crawls
the site to hold that, and fails when a cookie the settings name is missing here.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DAG = 24 * 60 * 60


@dataclass(frozen=True)
class Cookie:
    naam: str
    doel: str
    wanneer: str
    duur: str


def duur(seconden: int | float | datetime.timedelta | None) -> str:
    """How long a cookie lasts, in words: in whole years, weeks, days, hours or minutes, the
    largest unit that divides it; ``None`` is a cookie that goes when the browser closes."""
    if seconden is None:
        return _("tot je de browser sluit")
    if isinstance(seconden, datetime.timedelta):
        seconden = seconden.total_seconds()
    seconden = int(seconden)
    for grootte, woorden in (
        (365 * DAG, lambda n: ngettext("%(n)d jaar", "%(n)d jaar", n)),
        (7 * DAG, lambda n: ngettext("%(n)d week", "%(n)d weken", n)),
        (DAG, lambda n: ngettext("%(n)d dag", "%(n)d dagen", n)),
        (60 * 60, lambda n: ngettext("%(n)d uur", "%(n)d uur", n)),
    ):
        if seconden >= grootte and seconden % grootte == 0:
            aantal = seconden // grootte
            return woorden(aantal) % {"n": aantal}
    aantal = max(seconden // 60, 1)
    return ngettext("%(n)d minuut", "%(n)d minuten", aantal) % {"n": aantal}


def messages_cookie() -> str | None:
    """The cookie that carries a message to the next page, when the message storage uses one
    (Django's default keeps messages in a cookie, and in the session when they are too big)."""
    storage = import_string(settings.MESSAGE_STORAGE)
    if issubclass(storage, CookieStorage | FallbackStorage):
        return CookieStorage.cookie_name
    return None


def mfa_trust_cookie() -> tuple[str, datetime.timedelta] | None:
    """allauth's "trust this browser" cookie, when it is switched on (it is not: every sign-in
    asks for the second factor)."""
    from allauth.mfa import app_settings

    if not app_settings.TRUST_ENABLED:
        return None
    return app_settings.TRUST_COOKIE_NAME, app_settings.TRUST_COOKIE_AGE


def cookies() -> list[Cookie]:
    """Every cookie the portal can set, in the order a visitor would meet them."""
    found = [
        Cookie(
            naam=settings.CSRF_COOKIE_NAME,
            doel=_(
                "Beveiligt formulieren: zo kan een andere website niet ongemerkt namens jou een "
                "formulier van deze website versturen."
            ),
            wanneer=_(
                "Als je een pagina opent met een formulier dat gegevens verstuurt, zoals "
                "inloggen, een account maken, je aanmelden voor een bijeenkomst of reageren. "
                "Het inschrijfformulier voor de nieuwsbrief onderaan elke pagina zet hem niet."
            ),
            duur=duur(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            naam=settings.SESSION_COOKIE_NAME,
            doel=_(
                "Houdt je ingelogd, en onthoudt tijdens het inloggen dat je wachtwoord klopte "
                "terwijl de website om de code van je tweede stap vraagt."
            ),
            wanneer=_("Als je inlogt of een account maakt."),
            duur=_(
                "Tot je de browser sluit; vink je bij het inloggen ‘Onthouden’ aan, dan "
                "%(inactief)s na je laatste bezoek. Na %(inactief)s zonder bezoek, en altijd "
                "%(hoogstens)s na het inloggen, ben je uitgelogd."
            )
            % {
                "inactief": duur(settings.SESSION_COOKIE_AGE),
                "hoogstens": duur(settings.SESSION_ABSOLUTE_SECONDS),
            },
        ),
    ]
    messages = messages_cookie()
    if messages:
        found.append(
            Cookie(
                naam=messages,
                doel=_(
                    "Bewaart een bevestiging of foutmelding, zoals ‘Je bent aangemeld’, voor de "
                    "volgende pagina, waar je haar leest."
                ),
                wanneer=_("Nadat je een formulier hebt verstuurd."),
                duur=_(
                    "Tot de volgende pagina de melding laat zien, en hoogstens tot je de "
                    "browser sluit."
                ),
            )
        )
    if len(settings.LANGUAGES) > 1:
        found.append(
            Cookie(
                naam=settings.LANGUAGE_COOKIE_NAME,
                doel=_("Onthoudt in welke taal je de website wilt lezen."),
                wanneer=_("Alleen als je bovenaan een pagina een andere taal kiest."),
                duur=duur(settings.LANGUAGE_COOKIE_AGE),
            )
        )
    trust = mfa_trust_cookie()
    if trust:
        found.append(
            Cookie(
                naam=trust[0],
                doel=_("Onthoudt dat je in deze browser de tweede stap van het inloggen deed."),
                wanneer=_("Als je bij de tweede stap kiest om deze browser te vertrouwen."),
                duur=duur(trust[1]),
            )
        )
    return found
