"""The weekly summary: each trekker gets one email with the new reactions of the past week about
their leerateliers, once per week, nothing when there is nothing new or when they said no;
reactions dealt with are forgotten a year later."""

import datetime

import pytest
from django.utils import timezone

from reacties import services
from reacties.models import Reactie, Soort, Status
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 12, 7, 8, 0))  # a Monday, ISO week 50


@pytest.fixture
def make_reactie(verklaring):
    def make(doel, *, naam="Anna de Boer", days_ago=1, email="anna@example.nl"):
        return services.reactie_create(
            doel=doel,
            soort=Soort.voor(doel)[0],
            naam=naam,
            email=email,
            bericht=f"Een bericht van {naam}.",
            now=NOW - datetime.timedelta(days=days_ago),
        )

    return make


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(now=NOW):
        with django_capture_on_commit_callbacks(execute=True):
            return services.overzichten_versturen(now=now)

    return run


def summaries(mailoutbox):
    return [m for m in mailoutbox if m.subject.startswith("Nieuwe reacties van deze week")]


def test_each_trekker_gets_one_summary_of_the_new_reactions_of_their_ateliers_once(
    world, make_reactie, send, mailoutbox
):
    make_reactie(world.a, naam="Anna", days_ago=1)
    make_reactie(world.a, naam="Bert", days_ago=6)
    make_reactie(world.b, naam="Cor", days_ago=2)

    assert send() == 2
    sent = {m.to[0]: m for m in summaries(mailoutbox)}
    assert set(sent) == {"carinda@example.nl", "joos@example.nl"}
    carinda = sent["carinda@example.nl"]
    assert carinda.subject == "Nieuwe reacties van deze week (2)"
    assert "Een bericht van Anna." in carinda.body and "Een bericht van Bert." in carinda.body
    assert "Cor" not in carinda.body
    assert "/mijn/reacties/?status=nieuw" in carinda.body
    assert "/mijn/meldingen/" in carinda.body  # where to turn it off

    assert send() == 0  # the same week again: nothing twice
    assert send(NOW + datetime.timedelta(days=2)) == 0
    assert len(summaries(mailoutbox)) == 2


def test_nothing_is_sent_when_nothing_is_new(world, make_reactie, send, mailoutbox):
    make_reactie(world.a, naam="Te oud", days_ago=8)
    behandeld = make_reactie(world.a, naam="Al opgepakt", days_ago=1)
    services.reactie_status_set(reactie=behandeld, status=Status.IN_BEHANDELING, door=world.trekker)

    assert send() == 0
    assert summaries(mailoutbox) == []


def test_next_week_brings_a_new_summary_of_what_is_new_then(world, make_reactie, send, mailoutbox):
    make_reactie(world.a, naam="Deze week", days_ago=1)
    assert send() == 1
    make_reactie(world.a, naam="Volgende week", days_ago=-5)
    assert send(NOW + datetime.timedelta(days=7)) == 1
    later = summaries(mailoutbox)[-1]
    assert "Volgende week" in later.body and "Deze week" not in later.body


def test_a_trekker_who_turned_it_off_gets_no_summary(world, make_reactie, send, mailoutbox):
    from accounts.services import meldingsvoorkeur_set

    meldingsvoorkeur_set(user=world.trekker, reacties_overzicht=False)
    make_reactie(world.a)
    make_reactie(world.b)
    assert send() == 1
    assert [m.to for m in summaries(mailoutbox)] == [["joos@example.nl"]]


def test_the_command_sends_the_summaries_and_forgets_what_was_dealt_with_a_year_ago(
    world, make_reactie, django_capture_on_commit_callbacks, mailoutbox
):
    recent = make_reactie(world.a, naam="Recent", days_ago=1)
    oud = make_reactie(world.a, naam="Oud", days_ago=500, email="oud@example.nl")
    services.reactie_status_set(
        reactie=oud,
        status=Status.AFGEROND,
        door=world.trekker,
        now=timezone.now() - datetime.timedelta(days=400),
    )
    pas_afgerond = make_reactie(world.a, naam="Pas afgerond", days_ago=500, email="pas@example.nl")
    services.reactie_status_set(
        reactie=pas_afgerond,
        status=Status.AFGEROND,
        door=world.trekker,
        now=timezone.now() - datetime.timedelta(days=30),
    )
    vergeten = make_reactie(world.a, naam="Nooit behandeld", days_ago=800, email="nooit@example.nl")
    Reactie.objects.filter(pk=recent.pk).update(aangemaakt_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("send_reacties_overzicht")

    assert output.startswith("1 weekoverzicht van reacties klaargezet")
    # Dealt with a year ago, or never dealt with in two years: both erased.
    assert "2 oude reactie(s) gewist" in output
    assert not Reactie.objects.filter(pk=vergeten.pk).exists()
    assert set(Reactie.objects.values_list("naam", flat=True)) == {"Recent", "Pas afgerond"}
    assert [m.to for m in summaries(mailoutbox)] == [["carinda@example.nl"]]
    again = run_command("send_reacties_overzicht")
    assert again.startswith("0 weekoverzichten")
