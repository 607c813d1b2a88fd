"""Resumption tokens: the rest of a list request, signed (a changed token is refused) and
dated (a token lives ``LIFETIME`` and is refused after that).

A token is exclusive: it names the last publicatie number sent, and the next page starts after
it. Numbers never change, so a harvest through tokens neither repeats nor skips a record, even
when records change in between (a changed record has a newer datestamp, and the next
incremental harvest fetches it)."""

import datetime

from django.core import signing

LIFETIME = datetime.timedelta(hours=48)
_SALT = "publicaties.oai.resumptionToken"


class BadToken(Exception):
    pass


def make(state: dict) -> str:
    return signing.dumps(state, salt=_SALT, compress=True)


def read(token: str) -> dict:
    try:
        state = signing.loads(token, salt=_SALT, max_age=LIFETIME)
    except signing.SignatureExpired as error:
        raise BadToken("Deze resumptionToken is verlopen.") from error
    except signing.BadSignature as error:
        raise BadToken("Deze resumptionToken is ongeldig.") from error
    if not isinstance(state, dict):
        raise BadToken("Deze resumptionToken is ongeldig.")
    return state
