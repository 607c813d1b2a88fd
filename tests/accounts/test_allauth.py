"""Signing up, in and out with allauth, as a visitor notices it: pages, redirects and emails."""

import re
from datetime import timedelta

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.utils import timezone

from werkplaats.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "zonnig-atelier-aan-de-waal-17"
NEW_PASSWORD = "een-ander-lang-wachtwoord-23"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts attempts in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def verified_user(email="lid@example.nl", **fields):
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(client, email="lid@example.nl", password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": email, "password": password, **extra})


def link_in(message):
    """The one link to this site in an email's body."""
    links = re.findall(r"http://testserver(/\S+)", message.body)
    assert len(links) == 1, message.body
    return links[0]


def main_of(page):
    """The page's main content without the form's per-visitor CSRF token."""
    main = re.search(r"<main.*</main>", page, re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def is_signed_in(client):
    return "_auth_user_id" in client.session


# --- Signing up and verifying the address -------------------------------------------------


def test_signing_up_sends_a_dutch_verification_email_and_login_waits_for_it(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not is_signed_in(client)

    [mail] = mailoutbox
    assert mail.to == ["nieuw@example.nl"]
    assert mail.subject.startswith("[Werkplaats Sociaal Domein] ")
    assert "Bevestig" in mail.subject
    assert "bevestigen" in mail.body.lower()
    confirm_path = link_in(mail)
    assert confirm_path.startswith("/accounts/confirm-email/")

    page = client.get("/accounts/confirm-email/").content.decode()
    assert "Verifieer je e-mailadres" in page

    # Before the address is verified, signing in ends on the same "check your email" page.
    response = log_in(client, "nieuw@example.nl")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not is_signed_in(client)

    # Following the link asks to confirm; only the POST verifies.
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "nieuw@example.nl" in page.content.decode()
    assert not EmailAddress.objects.get(email="nieuw@example.nl").verified
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert EmailAddress.objects.get(email="nieuw@example.nl").verified

    response = log_in(client, "nieuw@example.nl")
    assert response["Location"] == "/mijn/"
    assert is_signed_in(client)


def test_a_wrong_confirmation_link_says_so_in_dutch(client):
    response = client.get("/accounts/confirm-email/geen-geldige-sleutel/")
    assert response.status_code == 200
    assert "verlopen of niet geldig" in response.content.decode()


# --- No account enumeration -----------------------------------------------------------------


def test_signing_up_with_a_taken_address_looks_the_same_and_mails_the_owner(client, mailoutbox):
    verified_user("bezet@example.nl")
    signup = {"password1": PASSWORD, "password2": PASSWORD}

    new = client.post("/accounts/signup/", {"email": "vrij@example.nl", **signup})
    other_visitor = Client()
    taken = other_visitor.post("/accounts/signup/", {"email": "bezet@example.nl", **signup})

    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert new["Location"] == "/accounts/confirm-email/"
    new_page = client.get(new["Location"]).content.decode()
    taken_page = other_visitor.get(taken["Location"]).content.decode()
    # Both pages say a confirmation email went out, and nothing else: allauth's message that
    # names the address comes for a new address only, so it is not shown at all.
    assert "vrij@example.nl" not in new_page and "bezet@example.nl" not in taken_page
    assert main_of(new_page) == main_of(taken_page)
    assert User.objects.filter(email="bezet@example.nl").count() == 1
    assert [mail.to for mail in mailoutbox] == [["vrij@example.nl"], ["bezet@example.nl"]]
    owner_mail = mailoutbox[1]
    assert "/accounts/password/reset/" in owner_mail.body
    assert "/accounts/confirm-email/" not in owner_mail.body


def test_a_password_reset_looks_the_same_for_any_address_and_mails_only_an_account(
    client, mailoutbox
):
    verified_user("bekend@example.nl")

    known = client.post("/accounts/password/reset/", {"email": "bekend@example.nl"})
    unknown = client.post("/accounts/password/reset/", {"email": "onbekend@example.nl"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    assert main_of(client.get(known["Location"]).content.decode()) == main_of(
        Client().get(unknown["Location"]).content.decode()
    )
    # Nothing goes to an address without an account: a reset would flood a stranger's mailbox.
    [known_mail] = mailoutbox
    assert known_mail.to == ["bekend@example.nl"]
    assert "/accounts/password/reset/key/" in known_mail.body


# --- Password reset -------------------------------------------------------------------------


def test_the_emailed_reset_link_sets_a_new_password(client, mailoutbox):
    user = verified_user()
    client.post("/accounts/password/reset/", {"email": user.email})
    [mail] = mailoutbox
    assert "wachtwoord opnieuw in te stellen" in mail.body
    reset_path = link_in(mail)

    # The key moves from the address into the session, then the form is shown.
    response = client.get(reset_path)
    assert response.status_code == 302
    form_path = response["Location"]
    page = client.get(form_path)
    assert page.status_code == 200
    assert 'autocomplete="new-password"' in page.content.decode()

    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # The link works once only.
    assert "Ongeldige sleutel" in client.get(reset_path, follow=True).content.decode()
    assert log_in(client, password=PASSWORD).status_code == 200
    assert log_in(client, password=NEW_PASSWORD)["Location"] == "/mijn/"


# --- Re-authentication --------------------------------------------------------------------


def age_authentication(client, seconds):
    """Move every authentication allauth recorded in the session ``seconds`` into the past."""
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= seconds
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


def test_changing_the_email_address_asks_for_the_password_again(client, mailoutbox):
    user = verified_user()
    log_in(client)

    response = client.post("/accounts/email/", {"action_add": "", "email": "ander@example.nl"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2Femail%2F"
    assert not EmailAddress.objects.filter(email="ander@example.nl").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Toegang bevestigen" in page

    # The right password carries out the change that was asked for.
    response = client.post(
        "/accounts/reauthenticate/", {"password": PASSWORD, "next": "/accounts/email/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/email/"
    pending = EmailAddress.objects.get(email="ander@example.nl")
    assert pending.user == user and not pending.verified
    assert [mail.to for mail in mailoutbox] == [["ander@example.nl"]]


def test_the_password_is_asked_again_once_the_reauthentication_timeout_has_passed(client):
    verified_user()
    log_in(client)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    timeout = account_settings.REAUTHENTICATION_TIMEOUT

    # Within the timeout the change goes through without asking.
    response = client.post("/accounts/email/", {"action_add": "", "email": "eerste@example.nl"})
    assert response["Location"] == "/accounts/email/"
    assert EmailAddress.objects.filter(email="eerste@example.nl").exists()

    age_authentication(client, timeout + 1)
    response = client.post("/accounts/email/", {"action_add": "", "email": "tweede@example.nl"})
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="tweede@example.nl").exists()


def test_changing_the_password_needs_the_current_password_however_old_the_login(client):
    # allauth does not send this form through re-authentication: it asks for the current
    # password itself, so a session left open for a day still needs it.
    user = verified_user()
    log_in(client)
    age_authentication(client, 24 * 60 * 60)

    page = client.get("/accounts/password/change/").content.decode()
    assert 'name="oldpassword"' in page
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "niet-mijn-wachtwoord",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert is_signed_in(client)


# --- The admin ------------------------------------------------------------------------------


def test_the_admin_sends_visitors_to_the_site_login(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1] == ("/accounts/login/?next=%2Fbeheer%2F", 302)
    assert response.status_code == 200
    assert 'name="next" value="/beheer/"' in response.content.decode()


def test_the_admin_refuses_a_signed_in_member_without_staff_rights(client):
    verified_user()
    log_in(client)
    assert client.get("/beheer/", follow=True).status_code == 403


def test_staff_reach_the_admin_after_signing_in_on_the_site(client):
    verified_user("beheer@example.nl", is_staff=True, is_superuser=True)
    response = log_in(client, "beheer@example.nl", next="/beheer/")
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


# --- Rate limits ----------------------------------------------------------------------------


def test_too_many_wrong_passwords_lock_that_address_for_a_while(client):
    verified_user()
    verified_user("ander@example.nl")
    for _ in range(5):
        response = log_in(client, password="fout-geraden")
        assert "niet correct" in response.content.decode()

    # Now even the right password is refused for this address, with a Dutch explanation ...
    response = log_in(client)
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()
    assert not is_signed_in(client)
    # ... while another address still gets in.
    assert log_in(client, "ander@example.nl")["Location"] == "/mijn/"


def test_the_login_form_answers_429_to_a_flood_of_attempts(client):
    for _ in range(30):
        log_in(client, "iemand@example.nl", password="fout-geraden")
    assert log_in(client, "iemand@example.nl", password="fout-geraden").status_code == 429


# --- Sessions -----------------------------------------------------------------------------


def seconds_left(client):
    """Seconds until the server ends this client's session."""
    expire_date = Session.objects.get(pk=client.session.session_key).expire_date
    return (expire_date - timezone.now()).total_seconds()


def test_a_session_lasts_the_idle_period_after_signing_in(client):
    verified_user()
    log_in(client)
    client.get("/")

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE - 10 < seconds_left(client) <= settings.SESSION_COOKIE_AGE


def test_a_request_pushes_the_end_of_an_idle_session_forward(client, settings):
    # Renewal may be spread out (SESSION_REFRESH_SECONDS); here every request renews.
    settings.SESSION_REFRESH_SECONDS = 0
    verified_user()
    log_in(client)
    # As if the visitor had been idle until a minute before the session ends.
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=60)
    )

    client.get("/")

    assert seconds_left(client) > settings.SESSION_COOKIE_AGE - 10
    assert "Mijn werkplaats" in client.get("/").content.decode()


def test_requests_within_the_refresh_margin_do_not_write_the_session(client, settings):
    settings.SESSION_REFRESH_SECONDS = 300
    verified_user()
    log_in(client)
    client.get("/")  # renews once
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=600)
    )
    client.get("/")
    assert seconds_left(client) <= 600  # not written again within five minutes


def test_password_rules_speak_the_sites_dutch(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.nl", "password1": "kort", "password2": "kort"},
    )
    content = response.content.decode()
    assert "Dit wachtwoord is te kort: het moet minstens 8 tekens hebben." in content
    assert "Je wachtwoord mag geen veelgebruikt wachtwoord zijn." in content
    assert "too short" not in content and "Uw wachtwoord" not in content
    assert not User.objects.filter(email="nieuw@example.nl").exists()


def test_after_the_idle_period_the_visitor_is_signed_out(client):
    verified_user()
    log_in(client)
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    page = client.get("/").content.decode()
    assert "Inloggen" in page and "Mijn werkplaats" not in page
    assert client.get("/mijn/")["Location"].startswith("/accounts/login/")


def test_account_pages_are_dutch_and_tie_errors_to_their_fields(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "geen-adres", "password1": PASSWORD, "password2": PASSWORD},
    )
    page = response.content.decode()
    assert re.search(r"<title>\s*Fout:\s*Registreren", page)
    assert "Er ging iets mis" in page
    assert 'id="id_email_error"' in page
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_email_error"', page)
    assert 'for="id_email"' in page
    assert "Sign Up" not in page and "Password" not in page


def test_account_pages_lead_back_to_mijn_werkplaats_and_sign_out_with_a_post(client):
    verified_user()
    log_in(client)
    assert "Mijn werkplaats" in client.get("/").content.decode()

    page = client.get("/accounts/password/change/").content.decode()
    assert 'href="/mijn/"' in page
    assert re.search(r'<form[^>]*method="post"[^>]*action="/accounts/logout/"', page)
    assert re.search(r'href="/accounts/password/change/"[^>]*aria-current="page"', page)

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not is_signed_in(client)
    assert "Inloggen" in client.get(response["Location"]).content.decode()


# --- What an attacker could do with the account pages -------------------------------------


def test_password_resets_for_one_address_stop_after_three_an_hour(client, mailoutbox):
    verified_user("bekend@example.nl")
    answers = [
        Client().post("/accounts/password/reset/", {"email": "bekend@example.nl"})
        for _attempt in range(5)
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3
    assert "Te veel pogingen" in answers[-1].content.decode()


def test_a_reset_link_older_than_an_hour_no_longer_works(client, mailoutbox, monkeypatch):
    from django.contrib.auth.tokens import PasswordResetTokenGenerator

    user = verified_user()
    client.post("/accounts/password/reset/", {"email": user.email})
    reset_path = link_in(mailoutbox[0])
    sent_at = PasswordResetTokenGenerator()._now()

    def later(minutes):
        monkeypatch.setattr(
            PasswordResetTokenGenerator, "_now", lambda self: sent_at + timedelta(minutes=minutes)
        )
        return Client().get(reset_path, follow=True).content.decode()

    assert "Ongeldige sleutel" not in later(59)
    assert "Ongeldige sleutel" in later(61)


def test_account_pages_are_kept_by_no_browser_or_proxy(client):
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        cache_control = Client().get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path


@pytest.mark.parametrize("password", ["Wachtwoord1", "welkom123!", "Nijmegen2024", "Zomer!!"])
def test_a_common_dutch_password_is_refused_in_dutch(client, password):
    response = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.nl", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert "te vaak gebruikt" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.nl").exists()


def test_a_session_ends_twelve_hours_after_signing_in_however_active(client):
    from accounts.middleware import STARTED_AT

    verified_user()
    log_in(client)
    assert client.get("/mijn/").status_code == 200
    session = client.session
    session[STARTED_AT] -= settings.SESSION_ABSOLUTE_SECONDS - 60
    session.save()
    assert client.get("/mijn/").status_code == 200  # a minute to go

    session = client.session
    session[STARTED_AT] -= 120
    session.save()
    response = client.get("/mijn/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not is_signed_in(client)


class MailServerAway(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_with_the_mail_server_away_signing_up_succeeds_and_the_email_follows(
    client, settings, mailoutbox
):
    from werkplaats import mail
    from werkplaats.models import UitgaandeMail

    settings.EMAIL_BACKEND = f"{__name__}.MailServerAway"
    response = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    [waiting] = UitgaandeMail.objects.unsent()
    assert waiting.aan == "nieuw@example.nl" and mailoutbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail.send_outbox().sent == 1
    [confirmation] = mailoutbox
    client.post(link_in(confirmation))
    assert EmailAddress.objects.get(email="nieuw@example.nl").verified
