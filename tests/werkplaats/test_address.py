"""One form of address: the site, its emails and allauth's pages say "je", never "u", "uw" or
"a.u.b.", and none of the stiff phrases of allauth's Dutch catalogue."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail

from tests.helpers import sign_in
from tests.werkplaats.visible_text import visible_text
from werkplaats.models import User

BASE_DIR = Path(settings.BASE_DIR)
PASSWORD = "zonnig-atelier-aan-de-waal-17"

# "u", "uw", "U", "Uw" as words (not the letter in "a.u.b.", a path or "U-bocht"), and a.u.b.
FORMAL = re.compile(r"(?<![\w.\-'’/@])(?:u|uw|U|Uw|UW)(?![\w\-'’@])|\ba\.\s?u\.\s?b\b", re.I)
# Stiff or wrong Dutch that allauth's catalogue used.
STIFF = re.compile(
    r"\bEchter\b|\bMerk op\b|verificatiecode|aanmeldcode|Wees geduldig|e-mail ?adres verificatie",
    re.I,
)


def formal_words(text):
    return [
        text[max(match.start() - 30, 0) : match.end() + 30].replace("\n", " ")
        for pattern in (FORMAL, STIFF)
        for match in pattern.finditer(text)
    ]


def test_the_pattern_finds_formal_address_and_nothing_else():
    for formal in ("Wilt u aansluiten?", "Uw wachtwoord", "U kunt", "Neem a.u.b. contact op"):
        assert formal_words(formal), formal
    for informal in ("Je kunt", "uur", "e-mailadres", "/u/1/", "U-bocht", "jouw account"):
        assert not formal_words(informal), informal


# --- Templates -------------------------------------------------------------------------------

_COMMENTS = re.compile(
    r"\{%\s*comment\b.*?%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}|<!--.*?-->|"
    r"<(script|style)\b.*?</\1\s*>",
    re.S,
)
_TRANSLATE_LITERAL = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')""")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_HTML_TAG = re.compile(r"<[^>]*>")


def template_text(source):
    """The words of a template a visitor reads: text outside tags and the strings it
    translates (in text and in attributes), without comments, variables or markup."""
    source = _COMMENTS.sub(" ", source)
    literals = [a or b for a, b in _TRANSLATE_LITERAL.findall(source)]
    text = _HTML_TAG.sub(" ", _TEMPLATE_TAG.sub(" ", source))
    return "\n".join([text, *literals])


def project_templates():
    dirs = [BASE_DIR / "templates", *sorted(BASE_DIR.glob("*/templates"))]
    return sorted(
        path
        for folder in dirs
        if ".venv" not in folder.parts
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
    )


def test_templates_address_the_visitor_with_je():
    templates = project_templates()
    assert len(templates) > 50
    found = {
        str(path.relative_to(BASE_DIR)): words
        for path in templates
        if (words := formal_words(template_text(path.read_text(encoding="utf-8"))))
    }
    assert not found


# --- Our Dutch catalogue -------------------------------------------------------------------


def msgstrs(po_file):
    """Every translation (msgstr, msgstr[n]) of a .po file, its quoted lines joined."""
    found, current = [], None
    for line in po_file.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1]]
            found.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
    return [
        "".join(part[1:-1] for part in parts).replace("\\n", "\n").replace('\\"', '"')
        for parts in found
    ]


def test_dutch_catalogue_addresses_the_visitor_with_je():
    catalogues = sorted((BASE_DIR / "locale" / "nl" / "LC_MESSAGES").glob("*.po"))
    assert catalogues
    found = {
        f"{po.name}: {text[:60]!r}": words
        for po in catalogues
        for text in msgstrs(po)
        if (words := formal_words(_HTML_TAG.sub(" ", text)))
    }
    assert not found


# --- allauth's pages and emails, as a visitor gets them --------------------------------------


@pytest.fixture
def member(db):
    user = User.objects.create_user(email="lid@example.nl", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def page_text(response):
    assert response.status_code == 200, response.status_code
    return visible_text(response.content.decode())


def test_account_pages_address_the_visitor_with_je(client, member):
    pages = {
        url: page_text(client.get(url))
        for url in (
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/accounts/password/reset/done/",
            "/accounts/confirm-email/",
        )
    }
    pages["wrong password"] = page_text(
        client.post("/accounts/login/", {"login": member.email, "password": "fout"})
    )
    pages["passwords differ"] = page_text(
        client.post(
            "/accounts/signup/",
            {"email": "nieuw@example.nl", "password1": PASSWORD, "password2": PASSWORD + "x"},
        )
    )
    sign_in(client, member.email, PASSWORD)
    for url in (
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
    ):
        pages[url] = page_text(client.get(url))
    pages["wrong current password"] = page_text(
        client.post(
            "/accounts/password/change/",
            {"oldpassword": "fout", "password1": PASSWORD + "!", "password2": PASSWORD + "!"},
        )
    )

    assert "Weet je zeker dat je wilt uitloggen?" in pages["/accounts/logout/"]
    assert "Het e-mailadres of het wachtwoord is niet correct." in pages["wrong password"]
    found = {name: words for name, text in pages.items() if (words := formal_words(text))}
    assert not found
    # Signing in and out is "inloggen" and "uitloggen" on the site; "aanmelden" and
    # "afmelden" are for bijeenkomsten and emails.
    mixed = {
        name: re.findall(r"\b(?:[Aa]anmeld\w*|[Aa]fmeld\w*|[Aa]fgemeld)\b", text)
        for name, text in pages.items()
    }
    assert not {name: words for name, words in mixed.items() if words}


def test_account_emails_address_the_recipient_with_je(client, member):
    client.post("/accounts/signup/", {"email": "nieuw@example.nl", **two(PASSWORD)})
    client.post("/accounts/signup/", {"email": member.email, **two(PASSWORD)})  # exists
    client.post("/accounts/password/reset/", {"email": member.email})
    sign_in(client, member.email, PASSWORD)
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": PASSWORD + "!", "password2": PASSWORD + "!"},
    )

    assert len(mail.outbox) >= 4, [message.subject for message in mail.outbox]
    found = {
        message.subject: words
        for message in mail.outbox
        if (words := formal_words(f"{message.subject}\n{message.body}"))
    }
    assert not found


def two(password):
    return {"password1": password, "password2": password}
