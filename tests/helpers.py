import base64
import hmac
import struct
import time
from io import StringIO

from django import forms
from django.core.management import call_command


def run_command(name, *args, **options):
    """Run a management command and return what it printed."""
    out = StringIO()
    call_command(name, *args, stdout=out, **options)
    return out.getvalue()


def totp_code(secret, *, at=None):
    """The six digits an authenticator app shows for ``secret`` (RFC 6238, 30 s steps)."""
    counter = int(time.time() if at is None else at) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def forget_used_code(email, code):
    """A code works once (allauth remembers it in the cache for its window); tests sign the
    same demo account in many times within a minute."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.cache import cache

    totp = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    cache.delete(TOTP(totp)._get_used_cache_key(code))


def sign_in(client, email, password):
    """Sign in through allauth's form (with the demo's authenticator code when the account
    asks for one) and confirm the password once more, as allauth asks before sensitive steps
    (deleting the account, changing the password)."""
    from accounts.demo import DEMO_TOTP_SECRET

    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    if response["Location"] == "/accounts/2fa/authenticate/":
        code = totp_code(DEMO_TOTP_SECRET)
        forget_used_code(email, code)
        response = client.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 302, response.content.decode()[:300]
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


def form_data(form):
    """What a browser would post back for an unchanged form (files left out)."""
    data = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        is_file = getattr(widget, "input_type", "") == "file"
        if value is None or is_file:
            continue
        if isinstance(widget, forms.MultiWidget):  # a date and a time, say
            parts = value if isinstance(value, list) else widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                data[bound.html_name + suffix] = "" if part is None else str(part)
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)
    return data


def posted_back(page):
    """What a browser would post back for an unchanged admin change page (form and inlines)."""
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data.update(form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_data(form))
    return data
