"""A small network with one account per role, approved the way staff approve them."""

from types import SimpleNamespace

import pytest

from accounts import services
from accounts.models import Koppeling
from leerateliers.models import Rol, TrekkerRol
from leerateliers.services import deelname_set_rol
from werkplaats.management.commands.setup_roles import apply_roles
from werkplaats.models import User

PASSWORD = "een-lang-wachtwoord-voor-tests"


@pytest.fixture
def make_user():
    def make(email, **fields):
        return User.objects.create_user(email=email, password=PASSWORD, **fields)

    return make


@pytest.fixture
def world(db, make_user, make_leeratelier, make_organisatie, make_persoon):
    """Two leerateliers (A led by the trekker, B led by someone else), a partner organisation
    on the tribune of A and in the arena of B, another organisation, and their accounts."""
    from leerateliers.models import Trekkerschap

    apply_roles()
    beheerder = User.objects.create_superuser("beheer@example.nl", PASSWORD)
    a = make_leeratelier("Armoede en schulden")
    b = make_leeratelier("Jongeren in de participatiesamenleving")
    organisatie = make_organisatie("Krachtige Kernen")
    andere = make_organisatie("Zorgalliantie")
    deelname_set_rol(organisatie=organisatie, leeratelier=a, rol=Rol.TRIBUNE)
    deelname_set_rol(organisatie=organisatie, leeratelier=b, rol=Rol.ARENA)
    deelname_set_rol(organisatie=andere, leeratelier=a, rol=Rol.ARENA)

    carinda = make_persoon("Carinda Jansen")
    Trekkerschap.objects.create(persoon=carinda, leeratelier=a, rol=TrekkerRol.TREKKER)
    joos = make_persoon("Joos Meesters")
    Trekkerschap.objects.create(persoon=joos, leeratelier=b, rol=TrekkerRol.TREKKER)

    def approved(user, **claim):
        koppeling = Koppeling.objects.create(user=user, **claim)
        services.koppeling_approve(koppeling=koppeling, by=beheerder)
        user.refresh_from_db()
        return User.objects.get(pk=user.pk)  # fresh permission cache

    trekker = approved(make_user("carinda@example.nl"), persoon=carinda)
    trekker_b = approved(make_user("joos@example.nl"), persoon=joos)
    partner = approved(
        make_user("contact@example.nl"),
        naam="Sanne de Vries",
        organisatie=organisatie,
        is_contactpersoon=True,
    )
    andere_partner = approved(
        make_user("andere@example.nl"),
        naam="Pieter Bos",
        organisatie=andere,
        is_contactpersoon=True,
    )
    stranger = make_user("iemand@example.nl")
    carinda.refresh_from_db()  # now linked to the trekker's account
    joos.refresh_from_db()
    return SimpleNamespace(
        beheerder=beheerder,
        a=a,
        b=b,
        organisatie=organisatie,
        andere=andere,
        carinda=carinda,
        joos=joos,
        trekker=trekker,
        trekker_b=trekker_b,
        partner=partner,
        andere_partner=andere_partner,
        stranger=stranger,
    )
