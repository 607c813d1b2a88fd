"""The audit log: one JSON line per sign-in, password, email address, second factor, decision
about a koppeling or deelname, change of rights, download of data and deleted account, with
the account, who did it and from where; never a password, token, session key or reset key."""

import hashlib
import json
import logging
import re
from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.test import Client

from accounts import services
from accounts.models import Koppeling, KoppelingStatus
from tests.conftest import PASSWORD as WORLD_PASSWORD
from tests.helpers import posted_back, sign_in
from werkplaats.audit import JsonFormatter
from werkplaats.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "zonnig-atelier-aan-de-waal-17"
NEW_PASSWORD = "een-ander-lang-wachtwoord-23"
CLIENT_IP = "203.0.113.7"


@pytest.fixture
def audit_log(caplog, monkeypatch, django_capture_on_commit_callbacks):
    """What the audit log writes, as the JSON formatter writes it. The logger does not pass
    its records on (``propagate`` is off in LOGGING); here it does, so that caplog sees them.
    Lines are written when the transaction commits, so every step runs with its callbacks."""
    monkeypatch.setattr(logging.getLogger("werkplaats.audit"), "propagate", True)
    caplog.set_level(logging.INFO, logger="werkplaats.audit")
    return AuditLog(caplog, django_capture_on_commit_callbacks)


class AuditLog:
    def __init__(self, caplog, capture):
        self.caplog = caplog
        self.capture = capture

    def __call__(self):
        """Run the steps inside ``with audit_log():`` as after their commit."""
        return self.capture(execute=True)

    @property
    def lines(self) -> list[str]:
        formatter = JsonFormatter()
        records = self.caplog.records
        return [formatter.format(record) for record in records if record.name == "werkplaats.audit"]

    @property
    def text(self) -> str:
        """Everything logged during the test, the audit lines and any other logger's."""
        return "\n".join([*self.lines, self.caplog.text])

    def entries(self, event) -> list[dict]:
        return [entry for entry in map(json.loads, self.lines) if entry["event"] == event]

    def one(self, event) -> dict:
        [entry] = self.entries(event)
        return entry


def verified_user(email="lid@example.nl", **fields):
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(client, email="lid@example.nl", password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def link_in(message):
    [link] = re.findall(r"http://testserver(/\S+)", message.body)
    return link


# --- Signing in and out -----------------------------------------------------------------------


def test_signing_in_is_logged_with_account_and_address_never_the_password(client, audit_log):
    user = verified_user()
    with audit_log():
        response = log_in(client, REMOTE_ADDR=CLIENT_IP)
    assert response["Location"] == "/mijn/"

    entry = audit_log.one("login.success")
    assert (entry["user"], entry["actor"], entry["ip"]) == (user.pk, None, CLIENT_IP)
    moment = datetime.fromisoformat(entry["time"])
    assert moment.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - moment).total_seconds()) < 60
    assert PASSWORD not in audit_log.text
    assert client.session.session_key not in audit_log.text


def test_a_failed_sign_in_logs_a_hash_of_the_address_and_the_account_it_was_for(client, audit_log):
    user = verified_user()
    with audit_log():
        log_in(
            client, email=" Lid@Example.NL", password="mijn-foute-gok-123", REMOTE_ADDR=CLIENT_IP
        )
        log_in(client, email="onbekend@example.nl", password="mijn-foute-gok-123")

    known, unknown = audit_log.entries("login.failure")
    assert (known["user"], known["ip"]) == (user.pk, CLIENT_IP)
    assert known["email_sha256"] == hashlib.sha256(b"lid@example.nl").hexdigest()[:16]
    assert unknown["user"] is None
    assert unknown["email_sha256"] == hashlib.sha256(b"onbekend@example.nl").hexdigest()[:16]
    assert audit_log.entries("login.success") == []
    for secret in ("mijn-foute-gok-123", "onbekend@example.nl", "Lid@Example.NL"):
        assert secret not in audit_log.text


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, audit_log, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # DJANGO_TRUSTED_PROXY_COUNT=1
    verified_user()
    with audit_log():
        # The visitor made up the first address; the proxy added the one it saw.
        log_in(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.66, {CLIENT_IP}")
    assert audit_log.one("login.success")["ip"] == CLIENT_IP


def test_signing_out_is_logged(client, audit_log):
    user = verified_user()
    log_in(client)
    with audit_log():
        client.post("/accounts/logout/", REMOTE_ADDR=CLIENT_IP)
    entry = audit_log.one("logout")
    assert (entry["user"], entry["ip"]) == (user.pk, CLIENT_IP)


# --- Passwords and email addresses --------------------------------------------------------------


def test_changing_the_password_is_logged_without_either_password(client, audit_log):
    user = verified_user()
    log_in(client)
    with audit_log():
        response = client.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            REMOTE_ADDR=CLIENT_IP,
        )
    assert response.status_code == 302
    entry = audit_log.one("password.changed")
    assert (entry["user"], entry["actor"], entry["ip"]) == (user.pk, None, CLIENT_IP)
    assert PASSWORD not in audit_log.text and NEW_PASSWORD not in audit_log.text


def test_a_password_reset_is_logged_without_the_key_from_the_email(client, audit_log, mailoutbox):
    user = verified_user()
    with audit_log():
        client.post("/accounts/password/reset/", {"email": user.email})
        reset_path = link_in(mailoutbox[0])
        form_path = client.get(reset_path)["Location"]
        response = client.post(
            form_path,
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            REMOTE_ADDR=CLIENT_IP,
        )
    assert response["Location"] == "/accounts/password/reset/key/done/"

    entry = audit_log.one("password.reset")
    assert (entry["user"], entry["ip"]) == (user.pk, CLIENT_IP)
    key = reset_path.rstrip("/").rsplit("/", 1)[-1]  # <uid>-<key>
    for secret in (key, key.split("-", 1)[1], NEW_PASSWORD):
        assert secret not in audit_log.text


def test_a_new_email_address_is_logged_when_added_confirmed_and_made_the_login(
    client, audit_log, mailoutbox
):
    user = verified_user()
    old = EmailAddress.objects.get(user=user)
    sign_in(client, user.email, PASSWORD)
    with audit_log():
        client.post("/accounts/email/", {"action_add": "", "email": "nieuw@example.nl"})
        confirm_path = link_in(mailoutbox[-1])
        client.post(confirm_path, REMOTE_ADDR=CLIENT_IP)
    new = EmailAddress.objects.get(email="nieuw@example.nl")
    assert new.primary and new.verified

    assert audit_log.one("email.added")["email_address"] == new.pk
    confirmed = audit_log.one("email.confirmed")
    assert (confirmed["user"], confirmed["email_address"], confirmed["ip"]) == (
        user.pk,
        new.pk,
        CLIENT_IP,
    )
    changed = audit_log.one("email.changed")
    assert (changed["from_email_address"], changed["to_email_address"]) == (old.pk, new.pk)
    key = confirm_path.rstrip("/").rsplit("/", 1)[-1]
    for secret in (key, "nieuw@example.nl", "lid@example.nl"):
        assert secret not in audit_log.text  # ids only: addresses are personal data


def test_staff_setting_a_password_in_the_admin_is_logged_as_done_by_them(client, audit_log):
    beheerder = verified_user("beheer@example.nl", is_staff=True, is_superuser=True)
    user = verified_user()
    client.force_login(beheerder)
    with audit_log():
        response = client.post(
            f"/beheer/werkplaats/user/{user.pk}/password/",
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            REMOTE_ADDR=CLIENT_IP,
        )
    assert response.status_code == 302
    entry = audit_log.one("password.changed")
    assert (entry["user"], entry["actor"], entry["ip"]) == (user.pk, beheerder.pk, CLIENT_IP)
    assert NEW_PASSWORD not in audit_log.text


# --- Second factors (allauth.mfa) ----------------------------------------------------------------


def test_turning_on_and_off_an_authenticator_app_is_logged(client, audit_log):
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    user = verified_user()
    sign_in(client, user.email, PASSWORD)
    with audit_log():
        assert client.get("/accounts/2fa/totp/activate/").status_code == 200
        secret = client.session[SECRET_SESSION_KEY]
        counter = next(iter(yield_hotp_counters_from_time()))
        code = format_hotp_value(hotp_value(secret, counter))
        response = client.post(
            "/accounts/2fa/totp/activate/", {"code": code}, REMOTE_ADDR=CLIENT_IP
        )
        assert response.status_code == 302
        client.post("/accounts/2fa/totp/deactivate/", REMOTE_ADDR=CLIENT_IP)

    added = audit_log.entries("mfa.added")
    assert ("totp", user.pk, CLIENT_IP) in {(e["authenticator"], e["user"], e["ip"]) for e in added}
    removed = audit_log.entries("mfa.removed")
    assert "totp" in {entry["authenticator"] for entry in removed}
    assert secret not in audit_log.text and code not in audit_log.text


def test_a_wrong_second_factor_code_is_logged_without_the_code(client, audit_log):
    from allauth.mfa.totp.internal.auth import TOTP

    user = verified_user()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    with audit_log():
        client.post("/accounts/2fa/authenticate/", {"code": "271828"}, REMOTE_ADDR=CLIENT_IP)

    (failure,) = audit_log.entries("mfa.failure")
    assert (failure["user"], failure["ip"], failure["authenticator"]) == (
        user.pk,
        CLIENT_IP,
        "totp",
    )
    assert "271828" not in audit_log.text


# --- Koppelingen, deelnames, rights ------------------------------------------------------------


def test_a_claim_and_the_decision_about_it_are_logged_with_who_decided(
    client, world, audit_log, make_user
):
    client.force_login(world.stranger)
    with audit_log():
        client.post(
            "/mijn/koppelen/",
            {"organisatie": world.andere.pk, "is_contactpersoon": "on", "naam": "Ilse"},
            REMOTE_ADDR=CLIENT_IP,
        )
    koppeling = Koppeling.objects.get(user=world.stranger)
    requested = audit_log.one("koppeling.requested")
    assert (requested["user"], requested["ip"]) == (world.stranger.pk, CLIENT_IP)
    assert (requested["koppeling"], requested["organisatie"]) == (koppeling.pk, world.andere.pk)

    client.force_login(world.beheerder)
    with audit_log():
        client.post(
            "/beheer/accounts/koppeling/",
            {"action": "approve", "_selected_action": [koppeling.pk], "bevestigd": "1"},
            REMOTE_ADDR="198.51.100.4",
        )
    decided = audit_log.one("koppeling.decided")
    assert decided == decided | {
        "user": world.stranger.pk,
        "actor": world.beheerder.pk,
        "ip": "198.51.100.4",
        "koppeling": koppeling.pk,
        "status": KoppelingStatus.GOEDGEKEURD,
    }
    role = audit_log.one("user.groups.added")
    assert (role["user"], role["actor"], role["groups"]) == (
        world.stranger.pk,
        world.beheerder.pk,
        ["Partnercontact"],
    )

    # Outside a request (a command, the shell) there is no address, but still who decided.
    with audit_log():
        services.koppeling_revoke(koppeling=koppeling, by=world.beheerder)
    revoked = audit_log.entries("koppeling.decided")[-1]
    assert (revoked["status"], revoked["actor"], revoked["ip"]) == (
        KoppelingStatus.INGETROKKEN,
        world.beheerder.pk,
        None,
    )
    assert audit_log.one("user.groups.removed")["groups"] == ["Partnercontact"]


def test_a_contactpersoon_moving_and_stopping_is_logged(client, world, audit_log):
    client.force_login(world.partner)
    base = f"/mijn/organisaties/{world.organisatie.slug}/{world.a.slug}"
    with audit_log():
        client.post(f"{base}/arena/", REMOTE_ADDR=CLIENT_IP)
        client.post(f"{base}/stoppen/", REMOTE_ADDR=CLIENT_IP)

    moved = audit_log.one("deelname.rol")
    ended = audit_log.one("deelname.ended")
    for entry in (moved, ended):
        assert (entry["user"], entry["actor"], entry["ip"]) == (world.partner.pk, None, CLIENT_IP)
        assert (entry["organisatie"], entry["leeratelier"]) == (world.organisatie.pk, world.a.pk)
    assert moved["rol"] == ended["rol"] == "arena"


def test_rights_given_in_the_admin_are_logged_with_who_gave_them(client, world, audit_log):
    user = world.stranger
    client.force_login(world.beheerder)
    url = f"/beheer/werkplaats/user/{user.pk}/change/"
    data = posted_back(client.get(url))
    data |= {"is_staff": "on", "groups": [Group.objects.get(name="Programmacommissie").pk]}
    data["user_permissions"] = [Permission.objects.get(codename="view_koppeling").pk]
    with audit_log():
        assert client.post(url, data, REMOTE_ADDR=CLIENT_IP).status_code == 302

    flags = audit_log.one("user.flags.changed")
    assert flags == flags | {"user": user.pk, "actor": world.beheerder.pk, "is_staff": True}
    assert "is_superuser" not in flags and "is_active" not in flags
    assert audit_log.one("user.groups.added")["groups"] == ["Programmacommissie"]
    permissions = audit_log.one("user.permissions.added")
    assert (permissions["permissions"], permissions["ip"]) == (
        ["accounts.view_koppeling"],
        CLIENT_IP,
    )

    # Saving the same form again changes nothing, and logs nothing.
    before = len(audit_log.lines)
    with audit_log():
        client.post(url, posted_back(client.get(url)))
    assert len(audit_log.lines) == before


def test_changes_to_a_groups_permissions_and_members_are_logged(world, audit_log):
    group = Group.objects.create(name="Redactie")
    view, change = Permission.objects.filter(codename__in=["view_koppeling", "change_koppeling"])
    with audit_log():
        group.permissions.add(view, change)
        group.permissions.remove(change)
        group.permissions.remove(change)  # no longer there: nothing to log
        group.user_set.add(world.stranger)  # from the group's side
        world.stranger.is_active = False
        world.stranger.save()

    added = audit_log.one("group.permissions.added")
    assert (added["group"], sorted(added["permissions"])) == (
        "Redactie",
        sorted(f"accounts.{p.codename}" for p in (view, change)),
    )
    assert audit_log.one("group.permissions.removed")["permissions"] == [
        f"accounts.{change.codename}"
    ]
    member = audit_log.one("user.groups.added")
    assert (member["user"], member["groups"]) == (world.stranger.pk, ["Redactie"])
    flags = audit_log.one("user.flags.changed")
    assert (flags["user"], flags["is_active"]) == (world.stranger.pk, False)


def test_a_new_superuser_is_logged(audit_log):
    with audit_log():
        user = User.objects.create_superuser("baas@example.nl", PASSWORD)
        User.objects.create_user("gewoon@example.nl", PASSWORD)  # an ordinary account: nothing
    entry = audit_log.one("user.flags.changed")
    assert entry == entry | {"user": user.pk, "is_staff": True, "is_superuser": True}


# --- Downloads and deleting the account ----------------------------------------------------------


def test_downloading_ones_own_data_and_a_csv_in_the_admin_is_logged(client, world, audit_log):
    client.force_login(world.partner)
    with audit_log():
        assert client.get("/mijn/gegevens/", REMOTE_ADDR=CLIENT_IP).status_code == 200
    own = audit_log.one("data.downloaded")
    assert (own["user"], own["ip"], own["download"]) == (
        world.partner.pk,
        CLIENT_IP,
        "persoonsgegevens",
    )

    client.force_login(world.beheerder)
    with audit_log():
        response = client.get("/beheer/leerateliers/leeratelier/overzicht/?formaat=csv")
    assert response["Content-Type"].startswith("text/csv")
    staff = audit_log.entries("data.downloaded")[-1]
    assert (staff["user"], staff["download"]) == (world.beheerder.pk, "deelnames.csv")


def test_deleting_an_account_is_logged_on_the_site_and_in_the_admin(world, audit_log):
    trekker, partner = world.trekker, world.partner
    EmailAddress.objects.create(user=trekker, email=trekker.email, verified=True, primary=True)
    client = sign_in(Client(), trekker.email, WORLD_PASSWORD)
    with audit_log():
        client.post("/mijn/verwijderen/", {"bevestig": "on"}, REMOTE_ADDR=CLIENT_IP)
    assert not User.objects.filter(pk=trekker.pk).exists()
    own = audit_log.one("account.deleted")
    assert (own["user"], own["actor"], own["ip"]) == (trekker.pk, None, CLIENT_IP)

    admin = Client()
    admin.force_login(world.beheerder)
    with audit_log():
        admin.post(f"/beheer/werkplaats/user/{partner.pk}/delete/", {"post": "yes"})
    assert not User.objects.filter(pk=partner.pk).exists()
    by_staff = audit_log.entries("account.deleted")[-1]
    assert (by_staff["user"], by_staff["actor"]) == (partner.pk, world.beheerder.pk)
