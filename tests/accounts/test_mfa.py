"""Staff sign in with a second factor: a code from an authenticator app, or a recovery code."""

import re
import time
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import InvalidToken

from accounts.demo import BEHEERDER, COMMISSIE, DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.conftest import PASSWORD
from tests.helpers import forget_used_code, totp_code
from werkplaats.models import User

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.STAFF_MFA_REQUIRED = True


def verified(make_user, **fields):
    from allauth.account.models import EmailAddress

    user = make_user(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client, user, password=PASSWORD):
    return client.post("/accounts/login/", {"login": user.email, "password": password})


@pytest.mark.django_db
def test_staff_without_a_second_factor_are_sent_from_the_admin_to_set_one_up(client, make_user):
    client.force_login(verified(make_user, is_staff=True, is_superuser=True))

    response = client.get("/beheer/werkplaats/organisatie/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Het beheer is alleen te gebruiken met een tweede stap bij het inloggen" in page


@pytest.mark.django_db
def test_nothing_of_the_admin_shows_without_a_second_factor(client, make_user):
    client.force_login(verified(make_user, is_staff=True, is_superuser=True))

    for path in ("/beheer/", "/beheer/auth/group/", "/beheer/werkplaats/user/1/change/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "activate" in response["Location"]


@pytest.mark.django_db
def test_signing_out_of_the_admin_still_works_without_one(client, make_user):
    client.force_login(verified(make_user, is_staff=True))

    assert client.post("/beheer/logout/").status_code == 200


@pytest.mark.django_db
def test_other_accounts_need_no_second_factor(client, make_user):
    client.force_login(verified(make_user))

    assert client.get("/mijn/").status_code == 200
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")


@pytest.mark.django_db
def test_staff_with_an_authenticator_are_asked_for_its_code_after_the_password(client, make_user):
    staff = verified(make_user, is_staff=True, is_superuser=True)
    TOTP.activate(staff, SECRET)

    response = log_in(client, staff)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")  # not signed in yet

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet." in wrong.content.decode()
    assert client.get("/beheer/").status_code == 302

    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert right.status_code == 302
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_a_code_of_long_ago_or_used_once_does_not_sign_in(client, make_user):
    staff = verified(make_user, is_staff=True)
    TOTP.activate(staff, SECRET)
    log_in(client, staff)

    stale = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(SECRET, at=time.time() - 600)}
    )
    assert stale.status_code == 200

    code = totp_code(SECRET)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.logout()
    log_in(client, staff)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client, make_user):
    staff = verified(make_user, is_staff=True)
    TOTP.activate(staff, SECRET)
    recovery = RecoveryCodes.activate(staff).get_unused_codes()[0]

    log_in(client, staff)
    assert client.post("/accounts/2fa/authenticate/", {"code": recovery}).status_code == 302
    client.logout()

    log_in(client, staff)
    assert client.post("/accounts/2fa/authenticate/", {"code": recovery}).status_code == 200


@pytest.mark.django_db
def test_setting_up_the_app_gives_recovery_codes_and_opens_the_admin(client, make_user):
    staff = verified(make_user, is_staff=True, is_superuser=True)
    log_in(client, staff)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert 'alt="QR-code met de geheime sleutel voor je authenticator-app"' in page
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page) or re.search(
        r'value="([A-Z2-7]{32})"', page
    )
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret[1])})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="recovery_codes").exists()
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_the_demo_staff_have_the_secret_the_readme_prints(settings, client):
    from tests.gates.helpers import load_demo_with_accounts

    load_demo_with_accounts(settings)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")

    assert DEMO_TOTP_SECRET in readme
    for email in (BEHEERDER, COMMISSIE):
        user = User.objects.get(email=email)
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        assert TOTP(totp).validate_code(totp_code(DEMO_TOTP_SECRET))
        client.logout()
        assert (
            client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})["Location"]
            == "/accounts/2fa/authenticate/"
        )
        code = totp_code(DEMO_TOTP_SECRET)
        forget_used_code(email, code)
        assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
        assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_staff_cannot_switch_their_authenticator_off_but_others_can(client, make_user):
    staff = verified(make_user, is_staff=True)
    partner = verified(make_user)
    offered = {}
    for user in (staff, partner):
        TOTP.activate(user, SECRET)
        client.force_login(user)
        offered[user] = "Uitzetten" in client.get("/accounts/2fa/").content.decode()
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        client.post("/accounts/2fa/totp/deactivate/")
    remaining = Authenticator.objects.filter(type=Authenticator.Type.TOTP)

    assert list(remaining.values_list("user", flat=True)) == [staff.pk]
    assert offered == {staff: False, partner: True}


@pytest.mark.django_db
def test_second_factor_secrets_are_stored_encrypted_and_survive_a_new_secret_key(
    settings, make_user
):
    staff = verified(make_user, is_staff=True)
    totp = TOTP.activate(staff, SECRET)
    codes = RecoveryCodes.activate(staff)
    stored = str(list(Authenticator.objects.filter(user=staff).values_list("data", flat=True)))
    assert SECRET not in stored
    assert not any(code in stored for code in codes.get_unused_codes())
    seed = RecoveryCodes(Authenticator.objects.get(user=staff, type="recovery_codes"))

    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "een-nieuwe-sleutel-" * 4
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(totp_code(SECRET))
    assert seed.get_unused_codes() == codes.get_unused_codes()

    settings.SECRET_KEY_FALLBACKS = []  # the old key forgotten: the secret cannot be read
    with pytest.raises(InvalidToken):
        TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code("123456")
