"""Demo accounts, one per role, for trying the portal on a laptop.

They exist only when ``load_demo`` runs with DJANGO_DEBUG on, so a production database never
gets accounts with a published password. The addresses use the reserved ``.test`` domain.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from werkplaats.management.commands.setup_roles import apply_roles
from werkplaats.models import Organisatie, Persoon, User

from .models import Koppeling, KoppelingStatus
from .services import koppeling_approve

DEMO_PASSWORD = "werkplaats-demo"

TREKKER = "trekker@werkplaats.test"  # Carinda Jansen, trekker of Armoede en schulden
PARTNERCONTACT_EMAIL = "partner@werkplaats.test"  # contactpersoon of Krachtige Kernen
COMMISSIE = "commissie@werkplaats.test"  # member of the programmacommissie (admin)
BEHEERDER = "beheer@werkplaats.test"  # superuser

TREKKER_PERSOON = "carinda-jansen"
PARTNER_ORGANISATIE = "krachtige-kernen"


def _account(email, **fields):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, **fields)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _approved(user, by, **claim):
    """The account's claim, approved by the beheerder as staff do it (once)."""
    if not Koppeling.objects.filter(user=user, status=KoppelingStatus.GOEDGEKEURD).exists():
        koppeling_approve(koppeling=Koppeling.objects.create(user=user, **claim), by=by)


def load():
    if not settings.DEBUG:
        return {}
    apply_roles()  # the groups with their permissions, as `manage.py setup_roles` makes them
    beheerder = _account(BEHEERDER, is_staff=True, is_superuser=True)

    commissie = _account(COMMISSIE, is_staff=True)
    commissie.groups.add(Group.objects.get_or_create(name="Programmacommissie")[0])

    trekker = _account(TREKKER)
    _approved(trekker, beheerder, persoon=Persoon.objects.get(slug=TREKKER_PERSOON))

    partner = _account(PARTNERCONTACT_EMAIL)
    organisatie = Organisatie.objects.get(slug=PARTNER_ORGANISATIE)
    _approved(
        partner,
        beheerder,
        naam=f"Contactpersoon {organisatie.naam} (demo)",
        organisatie=organisatie,
        is_contactpersoon=True,
    )
    return {"demo-accounts": 4}
