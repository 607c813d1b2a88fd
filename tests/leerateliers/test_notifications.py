"""Emails about published tribune updates: who gets them, once, and how to stop them."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from accounts.models import Koppeling, KoppelingStatus
from leerateliers import notifications, services
from leerateliers.models import (
    Abonnement,
    Deelname,
    Frequentie,
    Melding,
    Rol,
    TribuneUpdate,
    UpdateStatus,
)
from leerateliers.services import update_save
from leerateliers.tasks import notify_update
from tests.helpers import run_command
from werkplaats.links import absolute_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish through the service, running its on-commit task like a real commit would."""

    def run(update):
        with django_capture_on_commit_callbacks(execute=True):
            return update_save(update=update, publish=True)

    return run


@pytest.fixture
def atelier(make_leeratelier):
    return make_leeratelier(titel="Armoede en schulden")


@pytest.fixture
def concept(make_update, atelier):
    def make(leeratelier=None, **fields):
        fields.setdefault("tekst", "Wat we **leerden** deze maand.")
        return make_update(leeratelier or atelier, status=UpdateStatus.CONCEPT, **fields)

    return make


def follow(user, leeratelier, frequentie=Frequentie.DIRECT, volgt=True):
    return Abonnement.objects.create(
        user=user, leeratelier=leeratelier, frequentie=frequentie, volgt=volgt
    )


def contactpersoon(user, organisatie, status=KoppelingStatus.GOEDGEKEURD):
    return Koppeling.objects.create(
        user=user, naam=user.email, organisatie=organisatie, is_contactpersoon=True, status=status
    )


def addressees():
    return sorted(address for message in mail.outbox for address in message.to)


def path_of(url):
    return urlsplit(url).path


def test_followers_and_contactpersonen_each_get_one_email(
    make_user, make_organisatie, make_persoon, atelier, concept, publish
):
    arena, tribune, vertrokken = make_organisatie(), make_organisatie(), make_organisatie()
    Deelname.objects.create(organisatie=arena, leeratelier=atelier, rol=Rol.ARENA)
    benoemd = make_user("benoemd@example.org")
    Deelname.objects.create(
        organisatie=tribune,
        leeratelier=atelier,
        rol=Rol.TRIBUNE,
        contactpersoon=make_persoon(user=benoemd),
    )
    Deelname.objects.create(
        organisatie=vertrokken,
        leeratelier=atelier,
        rol=Rol.TRIBUNE,
        sinds=datetime.date(2023, 1, 1),
        tot=datetime.date(2024, 1, 1),
    )
    follow(make_user("volger@example.org"), atelier)
    contactpersoon(make_user("contact@example.org"), arena)
    beide = make_user("beide@example.org")
    follow(beide, atelier)
    contactpersoon(beide, arena)
    contactpersoon(beide, tribune)
    # Nobody below is told: a pending claim, an ended deelname, an inactive account, the author.
    contactpersoon(make_user("aanvraag@example.org"), arena, status=KoppelingStatus.AANGEVRAAGD)
    contactpersoon(make_user("oud@example.org"), vertrokken)
    follow(make_user("inactief@example.org", is_active=False), atelier)
    schrijver = make_user("schrijver@example.org")
    follow(schrijver, atelier)
    contactpersoon(schrijver, arena)
    update = concept(auteur=make_persoon(user=schrijver))

    assert {user.email: freq for user, freq in notifications.recipients(update).items()} == {
        "benoemd@example.org": Frequentie.DIRECT,
        "volger@example.org": Frequentie.DIRECT,
        "contact@example.org": Frequentie.DIRECT,
        "beide@example.org": Frequentie.DIRECT,
    }
    publish(update)

    assert addressees() == [
        "beide@example.org",
        "benoemd@example.org",
        "contact@example.org",
        "volger@example.org",
    ]
    (to_beide,) = [message for message in mail.outbox if message.to == ["beide@example.org"]]
    assert "volgt en contactpersoon bent van" in to_beide.body
    assert arena.naam in to_beide.body and tribune.naam in to_beide.body
    assert Melding.objects.filter(update=update, verstuurd_at__isnull=False).count() == 4


def test_frequentie_nooit_gets_nothing(make_user, make_organisatie, atelier, concept, publish):
    arena = make_organisatie()
    Deelname.objects.create(organisatie=arena, leeratelier=atelier, rol=Rol.ARENA)
    follow(make_user("volger@example.org"), atelier, frequentie=Frequentie.NOOIT)
    contact = make_user("contact@example.org")
    contactpersoon(contact, arena)
    follow(contact, atelier, frequentie=Frequentie.NOOIT, volgt=False)

    publish(concept())

    assert mail.outbox == []
    assert not Melding.objects.exists()


def test_weekly_readers_get_one_digest_with_all_their_updates(
    make_user, make_leeratelier, atelier, concept, publish
):
    tweede = make_leeratelier(titel="Eenzaamheid")
    lezer = make_user("lezer@example.org")
    follow(lezer, atelier, frequentie=Frequentie.WEKELIJKS)
    follow(lezer, tweede, frequentie=Frequentie.WEKELIJKS)
    follow(make_user("direct@example.org"), atelier)
    publish(concept(titel="Eerste update"))
    publish(concept(titel="Tweede update"))
    publish(concept(leeratelier=tweede, titel="Derde update"))

    assert addressees() == ["direct@example.org", "direct@example.org"]
    mail.outbox.clear()

    assert run_command("send_weekly_digest") == "1 e-mail met een weekoverzicht verstuurd.\n"
    (digest,) = mail.outbox
    assert digest.to == ["lezer@example.org"]
    assert digest.subject == "Weekoverzicht: 3 nieuwe tribune-updates"
    html = digest.alternatives[0][0]
    for titel in ("Eerste update", "Tweede update", "Derde update"):
        assert titel in digest.body and titel in html
    for leeratelier in (atelier, tweede):
        url = notifications.unsubscribe_url(lezer, leeratelier)
        assert url in digest.body and url in html
    # Two leerateliers: one List-Unsubscribe header could not stand for both.
    assert "List-Unsubscribe" not in digest.extra_headers

    assert run_command("send_weekly_digest") == "0 e-mails met een weekoverzicht verstuurd.\n"
    assert notifications.send_weekly_digests().sent == 0
    assert len(mail.outbox) == 1


def test_digest_of_one_leeratelier_has_the_unsubscribe_headers(
    make_user, atelier, concept, publish
):
    lezer = make_user("lezer@example.org")
    follow(lezer, atelier, frequentie=Frequentie.WEKELIJKS)
    publish(concept())

    assert notifications.send_weekly_digests().sent == 1
    (digest,) = mail.outbox
    url = notifications.unsubscribe_url(lezer, atelier)
    assert digest.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_digest_leaves_out_a_leeratelier_stopped_since_publication(
    make_user, atelier, concept, publish
):
    lezer = make_user("lezer@example.org")
    follow(lezer, atelier, frequentie=Frequentie.WEKELIJKS)
    publish(concept())
    services.abonnement_set(user=lezer, leeratelier=atelier, frequentie=Frequentie.NOOIT)

    assert notifications.send_weekly_digests().sent == 0
    assert mail.outbox == []


def test_publishing_twice_or_retrying_the_task_sends_nothing_more(
    make_user, atelier, concept, publish
):
    follow(make_user("volger@example.org"), atelier)
    update = publish(concept())
    publish(update)
    update.titel = "Verbeterde titel"
    publish(update)
    notify_update.enqueue(update.pk)
    notifications.send_update_notifications(update.pk)

    assert addressees() == ["volger@example.org"]
    assert Melding.objects.count() == 1


def test_concept_future_or_missing_updates_send_nothing(
    make_user, atelier, concept, django_capture_on_commit_callbacks
):
    follow(make_user("volger@example.org"), atelier)
    update = concept()
    with django_capture_on_commit_callbacks(execute=True):
        update_save(update=update)
    later = concept(gepubliceerd_at=timezone.now() + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        update_save(update=later, publish=True)

    assert notifications.send_update_notifications(update.pk).sent == 0
    assert notifications.send_update_notifications(later.pk).sent == 0
    assert notifications.send_update_notifications(update.pk + 1000).sent == 0
    assert run_command("send_notifications").startswith("0 e-mails")
    assert mail.outbox == []
    assert not Melding.objects.exists()


def test_an_update_dated_in_the_future_is_announced_once_its_date_has_passed(
    make_user, atelier, concept, publish
):
    follow(make_user("volger@example.org"), atelier)
    later = publish(concept(gepubliceerd_at=timezone.now() + datetime.timedelta(hours=2)))
    assert mail.outbox == []

    two_hours_on = timezone.now() + datetime.timedelta(hours=2, minutes=1)
    TribuneUpdate.objects.filter(pk=later.pk).update(gepubliceerd_at=timezone.now())  # now due
    assert notifications.send_pending_notifications(now=two_hours_on).sent == 1
    assert run_command("send_notifications").startswith("0 e-mails")  # once
    assert addressees() == ["volger@example.org"]


def test_updates_published_long_ago_are_never_announced_late(make_user, atelier, make_update):
    follow(make_user("volger@example.org"), atelier)
    make_update(atelier, gepubliceerd_at=timezone.now() - datetime.timedelta(days=30))
    assert notifications.send_pending_notifications().sent == 0
    assert mail.outbox == []


def test_who_hears_is_decided_at_publication_later_followers_do_not_get_old_news(
    make_user, atelier, concept, publish
):
    follow(make_user("eerste@example.org"), atelier)
    update = publish(concept())
    follow(make_user("later@example.org"), atelier)
    update.titel = "Een betere titel"
    publish(update)
    notifications.send_pending_notifications()
    assert addressees() == ["eerste@example.org"]


def test_a_failed_email_is_sent_by_the_next_catch_up_run(
    make_user, atelier, concept, publish, monkeypatch
):
    follow(make_user("a@example.org"), atelier)
    original = notifications.update_message

    def failing(**kwargs):
        raise ConnectionError("mailserver weg")

    monkeypatch.setattr(notifications, "update_message", failing)
    publish(concept())
    assert mail.outbox == []
    monkeypatch.setattr(notifications, "update_message", original)
    assert "1 e-mail over tribune-updates verstuurd." in run_command("send_notifications")
    assert run_command("send_notifications").startswith("0 e-mails")
    assert addressees() == ["a@example.org"]


def test_email_has_text_and_html_with_links_and_unsubscribe_headers(
    make_user, atelier, concept, publish
):
    volger = make_user("volger@example.org")
    follow(volger, atelier)
    update = publish(concept(titel="Wat <we> leerden"))

    (message,) = mail.outbox
    assert message.subject == "Nieuwe tribune-update: Wat <we> leerden (Armoede en schulden)"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nl">' in html
    assert "<script" not in html
    assert "Wat &lt;we&gt; leerden" in html
    assert "<strong>leerden</strong>" in html
    assert "Wat <we> leerden" in message.body
    assert "**leerden**" in message.body

    unsubscribe = notifications.unsubscribe_url(volger, atelier)
    update_url = f"http://testserver{update.get_absolute_url()}"
    preferences = "http://testserver/mijn/meldingen/"
    for part in (message.body, html):
        assert unsubscribe in part
        assert update_url in part
        assert preferences in part
        assert "omdat je het leeratelier Armoede en schulden volgt" in part
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_get_changes_nothing_and_post_without_csrf_stops_the_emails(
    make_user, atelier, concept, publish
):
    volger = make_user("volger@example.org")
    follow(volger, atelier)
    path = path_of(notifications.unsubscribe_url(volger, atelier))
    client = Client(enforce_csrf_checks=True)

    response = client.get(path)
    assert response.status_code == 200
    assert "Armoede en schulden" in response.text
    assert '<button type="submit" class="button">Afmelden</button>' in response.text
    assert Abonnement.objects.get(user=volger).frequentie == Frequentie.DIRECT

    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Je bent afgemeld" in response.text
    abonnement = Abonnement.objects.get(user=volger)
    assert (abonnement.frequentie, abonnement.volgt) == (Frequentie.NOOIT, True)

    publish(concept())
    assert mail.outbox == []


def test_unsubscribing_a_contactpersoon_without_abonnement_creates_one(
    make_user, make_organisatie, atelier
):
    arena = make_organisatie()
    Deelname.objects.create(organisatie=arena, leeratelier=atelier, rol=Rol.ARENA)
    contact = make_user("contact@example.org")
    contactpersoon(contact, arena)

    response = Client(enforce_csrf_checks=True).post(
        path_of(notifications.unsubscribe_url(contact, atelier))
    )

    assert response.status_code == 200
    abonnement = Abonnement.objects.get(user=contact, leeratelier=atelier)
    assert (abonnement.frequentie, abonnement.volgt) == (Frequentie.NOOIT, False)


def test_a_tampered_unsubscribe_token_is_refused_with_a_clear_message(client, make_user, atelier):
    volger = make_user("volger@example.org")
    follow(volger, atelier)
    token = notifications.unsubscribe_token(volger, atelier)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    other_salt = signing.Signer().sign_object([volger.pk, atelier.pk])

    for bad in (tampered, other_salt, "onzin"):
        assert notifications.read_unsubscribe_token(bad) is None
        for method in (client.get, client.post):
            response = method(f"/mijn/afmelden/{bad}/")
            assert response.status_code == 404
            assert "Deze afmeldlink werkt niet" in response.text
    assert notifications.read_unsubscribe_token(token) == (volger, atelier)
    assert Abonnement.objects.get(user=volger).frequentie == Frequentie.DIRECT


def test_a_failed_email_stays_unsent_while_the_others_go_out(
    make_user, atelier, concept, publish, monkeypatch
):
    follow(make_user("a@example.org"), atelier)
    follow(make_user("b@example.org"), atelier)
    original = notifications.update_message

    def failing_for_a(*, user, **kwargs):
        if user.email == "a@example.org":
            raise ConnectionError("mailserver weg")
        return original(user=user, **kwargs)

    monkeypatch.setattr(notifications, "update_message", failing_for_a)
    update = publish(concept())
    assert addressees() == ["b@example.org"]
    assert Melding.objects.get(user__email="a@example.org").verstuurd_at is None

    monkeypatch.setattr(notifications, "update_message", original)
    assert notifications.send_update_notifications(update.pk).sent == 1
    assert addressees() == ["a@example.org", "b@example.org"]


def test_absolute_urls_use_the_first_allowed_host_that_is_not_a_wildcard(settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
    settings.ALLOWED_HOSTS = ["*", ".example.org", "werkplaats.example.org", "other.example"]
    assert absolute_url("/mijn/") == "https://werkplaats.example.org/mijn/"

    settings.ALLOWED_HOSTS = ["*"]
    assert absolute_url("/mijn/") == "https://localhost:8000/mijn/"


def test_the_admin_log_never_names_the_reader(make_user, atelier, concept, publish):
    lezer = make_user("lezer@example.org")
    abonnement = follow(lezer, atelier)
    publish(concept())
    for row in (abonnement, Melding.objects.get()):
        assert "lezer@example.org" not in str(row)
