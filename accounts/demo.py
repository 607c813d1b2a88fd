"""Demo accounts, one per role, for trying the portal on a laptop: ``fixtures/accounts.toml``.

They exist only when ``load_demo`` runs with DJANGO_DEBUG on, so a production database never
gets accounts with a published password. What keeps them usable is kept current on every load
(password, active, confirmed address, staff rights, groups); their claim is made once and
approved the way staff approve claims.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from werkplaats.fixtures import Loader, read
from werkplaats.management.commands.setup_roles import apply_roles
from werkplaats.models import Organisatie, Persoon, User

from .models import Koppeling, KoppelingStatus
from .services import koppeling_approve

DEMO = read("accounts")
DEMO_PASSWORD = DEMO["wachtwoord"]
DEMO_TOTP_SECRET = DEMO["totp_geheim"]


def email_of(sleutel: str) -> str:
    """The address of the demo account with this ``sleutel`` (``email_of("trekker")``)."""
    return next(row["email"] for row in DEMO["account"] if row["sleutel"] == sleutel)


BEHEERDER = email_of("beheerder")
COMMISSIE = email_of("commissie")
TREKKER = email_of("trekker")
PARTNERCONTACT_EMAIL = email_of("partnercontact")
GEMEENTECONTACT_EMAIL = email_of("gemeentecontact")


def _account(loader: Loader, row: dict) -> User:
    user = loader.ensure(
        User,
        {"email": row["email"]},
        {"password": make_password(DEMO_PASSWORD)},
        current={
            "is_active": True,
            "is_staff": row.get("is_staff", False),
            "is_superuser": row.get("is_superuser", False),
        },
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(*(Group.objects.get(name=name) for name in row.get("groepen", [])))
    if user.is_staff:
        _second_factor(user)
    return user


def _second_factor(user: User) -> None:
    """Staff need a code from an authenticator app: the demo's staff have the published one."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = Authenticator(user=user, type=Authenticator.Type.TOTP, data={})
    else:
        try:
            if decrypt(totp.data["secret"]) == DEMO_TOTP_SECRET:
                return
        except (KeyError, InvalidToken):  # made with another secret key: made anew
            pass
    totp.data = {"secret": encrypt(DEMO_TOTP_SECRET)}
    totp.save()


def _claim(loader: Loader, user: User, claim: dict, by: User) -> None:
    """The account's claim, approved by the beheerder as staff do it (once)."""
    if Koppeling.objects.filter(user=user, status=KoppelingStatus.GOEDGEKEURD).exists():
        return
    fields = dict(claim)
    if "persoon" in fields:
        fields["persoon"] = Persoon.objects.get(slug=fields["persoon"])
    if "organisatie" in fields:
        fields["organisatie"] = Organisatie.objects.get(slug=fields["organisatie"])
        fields["is_contactpersoon"] = True
    koppeling = Koppeling(user=user, **fields)
    koppeling.full_clean()
    koppeling.save()
    koppeling_approve(koppeling=koppeling, by=by, notify=False)  # loading demo data is silent
    loader.count(Koppeling)


def load(loader: Loader) -> None:
    if not settings.DEBUG:
        return
    apply_roles()  # the groups with their permissions, as `manage.py setup_roles` makes them
    users = [(_account(loader, row), row) for row in DEMO["account"]]
    beheerder = next(user for user, row in users if row.get("is_superuser"))
    for user, row in users:
        if "koppeling" in row:
            _claim(loader, user, row["koppeling"], beheerder)
