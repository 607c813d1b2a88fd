"""A small quick-scan world: an adopted set with statements under every voorwaarde, a gemeente
with its contactpersoon, a member of the programmacommissie, and helpers that answer."""

import datetime
from types import SimpleNamespace

import pytest

PERIODE = (datetime.date(2026, 9, 1), datetime.date(2026, 10, 31))


@pytest.fixture
def vragenset(db, voorwaarden):
    """An adopted set: two statements per voorwaarde, in the order of the voorwaarden."""
    from quickscan import services
    from quickscan.models import Niveau, Vraag, Vragenset

    concept = Vragenset.objects.create(titel="Vragenset 2026", slug="2026")
    for voorwaarde in voorwaarden.values():
        for number, niveau in enumerate([Niveau.PERSOONLIJK, Niveau.INSTITUTIONEEL], 1):
            Vraag.objects.create(
                vragenset=concept,
                voorwaarde=voorwaarde,
                niveau=niveau,
                stelling=f"Stelling {number} over {voorwaarde.naam.lower()}.",
                volgorde=number,
            )
    return services.vragenset_adopt(vragenset=concept, on=datetime.date(2026, 1, 15))


@pytest.fixture
def make_gemeente_contact(world, make_gemeente, make_organisatie, make_user):
    """A new gemeente with its contactpersoon, approved the way staff approve one: returns
    ``(user, gemeente)``."""
    from accounts import services as accounts_services
    from accounts.models import Koppeling
    from werkplaats.models import Soort, User

    def make(gemeente_naam, email, naam):
        gemeente = make_gemeente(gemeente_naam)
        organisatie = make_organisatie(
            f"Gemeente {gemeente_naam}", soort=Soort.GEMEENTE, gemeente=gemeente
        )
        user = make_user(email)
        koppeling = Koppeling.objects.create(
            user=user, naam=naam, organisatie=organisatie, is_contactpersoon=True
        )
        accounts_services.koppeling_approve(koppeling=koppeling, by=world.beheerder)
        return User.objects.get(pk=user.pk), gemeente

    return make


@pytest.fixture
def qs(world, make_gemeente_contact, make_user, vragenset):
    """The world plus Gemeente Heumen with its contactpersoon (Ilse), a commissie member and
    an open scan of Heumen."""
    from django.contrib.auth.models import Group

    from quickscan import services
    from werkplaats.models import User

    contact, heumen = make_gemeente_contact("Heumen", "ilse@heumen.example.nl", "Ilse Jacobs")
    commissie = make_user("commissie@example.nl", is_staff=True)
    commissie.groups.add(Group.objects.get(name="Programmacommissie"))
    commissie = User.objects.get(pk=commissie.pk)
    scan = services.scan_start(
        gemeente=heumen, periode_van=PERIODE[0], periode_tot=PERIODE[1], door=contact
    )
    return SimpleNamespace(
        **vars(world),
        heumen=heumen,
        contact=contact,
        commissie=commissie,
        scan=scan,
        vragenset=vragenset,
    )


@pytest.fixture
def answer():
    """Let a respondent of ``organisatie`` answer every statement of ``scan``: ``waarden`` maps a
    voorwaarde slug to the values for its statements in order (a single value for all of
    them); voorwaarden left out get 3. Sent unless ``send=False``. Returns the respondent."""
    from quickscan import services
    from werkplaats.models import Voorwaarde

    def fill(scan, organisatie_naam="Buurtteam", *, waarden=None, send=True, organisatie=None):
        waarden = waarden or {}
        respondent, _sleutel = services.respondent_add(
            scan=scan,
            organisatie=organisatie,
            organisatie_naam="" if organisatie else organisatie_naam,
        )
        for voorwaarde in Voorwaarde.objects.all():
            vragen = list(scan.vragenset.vragen.filter(voorwaarde=voorwaarde).order_by("volgorde"))
            given = waarden.get(voorwaarde.slug, 3)
            values = given if isinstance(given, list) else [given] * len(vragen)
            services.antwoorden_opslaan(
                respondent=respondent,
                voorwaarde=voorwaarde,
                antwoorden={vraag.pk: value for vraag, value in zip(vragen, values, strict=True)},
            )
        if send:
            services.respondent_indienen(respondent=respondent)
        return respondent

    return fill
