"""Who an edition goes to: the segments, their union, and who is always left out."""

import pytest

from leerateliers.models import Abonnement, Frequentie
from nieuwsbrief.models import Afmelding
from nieuwsbrief.segments import Segment, recipients

from .builders import abonnee, editie

pytestmark = pytest.mark.django_db


def emails(found):
    return sorted(ontvanger.email for ontvanger in found)


def test_all_subscribers_means_confirmed_and_not_withdrawn_only(db):
    abonnee("ja@example.nl")
    abonnee("wacht@example.nl", bevestigd=False)
    abonnee("weg@example.nl", afgemeld=True)
    assert emails(recipients(Segment(aan_alle_abonnees=True))) == ["ja@example.nl"]


def test_unconfirmed_subscriptions_get_nothing_in_any_segment(world):
    abonnee("wacht@example.nl", bevestigd=False, leerateliers=[world.a])
    segment = Segment(aan_alle_abonnees=True, interesse_in=frozenset([world.a.pk]))
    assert "wacht@example.nl" not in emails(recipients(segment))


def test_interest_segment_holds_the_subscribers_who_named_the_leeratelier(world):
    abonnee("a@example.nl", leerateliers=[world.a])
    abonnee("b@example.nl", leerateliers=[world.b])
    abonnee("geen@example.nl")
    assert emails(recipients(Segment(interesse_in=frozenset([world.a.pk])))) == ["a@example.nl"]


def test_tribune_of_x_is_its_tribune_contacts_minus_those_who_chose_nooit(world, make_user):
    # Krachtige Kernen (world.partner) is on the tribune of A; Zorgalliantie in its arena.
    tribune = Segment(tribune_van=frozenset([world.a.pk]))
    assert emails(recipients(tribune)) == ["contact@example.nl"]

    Abonnement.objects.create(
        user=world.partner, leeratelier=world.a, volgt=False, frequentie=Frequentie.NOOIT
    )
    assert recipients(tribune) == []
    # "Nooit" for A says nothing about B: the partner is still in B's arena.
    assert emails(recipients(Segment(arena_van=frozenset([world.b.pk])))) == ["contact@example.nl"]


def test_arena_and_followers_of_x(world, make_user):
    volger = make_user("volger@example.nl")
    Abonnement.objects.create(user=volger, leeratelier=world.a, volgt=True)
    stil = make_user("stil@example.nl")
    Abonnement.objects.create(
        user=stil, leeratelier=world.a, volgt=True, frequentie=Frequentie.NOOIT
    )
    assert emails(recipients(Segment(arena_van=frozenset([world.a.pk])))) == ["andere@example.nl"]
    assert emails(recipients(Segment(volgers_van=frozenset([world.a.pk])))) == ["volger@example.nl"]


def test_a_person_in_two_segments_is_one_recipient(world):
    abonnee("Contact@Example.nl", leerateliers=[world.a])  # the partner's address, as typed
    segment = Segment(
        aan_alle_abonnees=True,
        interesse_in=frozenset([world.a.pk]),
        tribune_van=frozenset([world.a.pk]),
        arena_van=frozenset([world.b.pk]),
    )
    assert emails(recipients(segment)) == ["contact@example.nl"]


def test_an_unsubscribed_address_is_left_out_of_every_segment(world):
    abonnee("weg@example.nl")
    Afmelding.objects.create(email="weg@example.nl")
    Afmelding.objects.create(email="CONTACT@example.nl")
    segment = Segment(aan_alle_abonnees=True, tribune_van=frozenset([world.a.pk]))
    assert recipients(segment) == []


def test_inactive_accounts_are_left_out(world):
    world.partner.is_active = False
    world.partner.save()
    assert recipients(Segment(tribune_van=frozenset([world.a.pk]))) == []


def test_an_edition_without_a_segment_goes_to_nobody(world):
    abonnee("ja@example.nl")
    leeg = editie(aan_alle_abonnees=False)
    assert Segment.of(leeg).is_empty
    assert recipients(leeg) == []


def test_segment_of_an_edition_reads_its_ticked_groups(world):
    abonnee("a@example.nl", leerateliers=[world.a])
    gekozen = editie(aan_alle_abonnees=False, interesse_in=[world.a], tribune_van=[world.a])
    assert emails(recipients(gekozen)) == ["a@example.nl", "contact@example.nl"]
