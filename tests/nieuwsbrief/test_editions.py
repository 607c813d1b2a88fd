"""Composing an edition in the admin: the proposal, free sections, previews with their
counts, the test send, the confirmed send and the lock, and bad input answered in Dutch."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone

from leerateliers.models import GeleerdeLes, LerendePraktijk
from nieuwsbrief import services
from nieuwsbrief.models import Bezorging, Editie, EditieStatus, Item, ItemSoort

from .builders import abonnee, editie

pytestmark = pytest.mark.django_db

BASE = "/beheer/nieuwsbrief/editie/"


@pytest.fixture
def commissie(world, client, make_user):
    """A member of the programmacommissie, signed in to the admin."""
    user = make_user("lid@example.nl", is_staff=True)
    user.groups.add(Group.objects.get(name="Programmacommissie"))
    client.force_login(user)
    return user


@pytest.fixture
def nieuws(world, make_update, make_publicatie, make_bijeenkomst):
    """What the network did lately: a publicatie of B, an update and a les of A, a coming
    bijeenkomst of A, and an old publicatie from before the previous edition."""
    vorige = editie("Vorige", aan_alle_abonnees=True)
    Editie.objects.filter(pk=vorige.pk).update(
        status=EditieStatus.VERZONDEN, verzonden_at=timezone.now() - datetime.timedelta(days=30)
    )
    oud = make_publicatie(
        "Oud rapport", gepubliceerd_on=timezone.localdate() - datetime.timedelta(days=60)
    )
    nieuw = make_publicatie("Nieuw rapport", gepubliceerd_on=timezone.localdate())
    nieuw.leerateliers.set([world.b])
    update = make_update(world.a, "Update uit de tribune")
    praktijk = LerendePraktijk.objects.create(
        leeratelier=world.a, titel="Praktijk", slug="praktijk"
    )
    les = GeleerdeLes.objects.create(praktijk=praktijk, tekst="Luister eerst.")
    bijeenkomst = make_bijeenkomst("Arenabijeenkomst", leeratelier=world.a)
    return {"oud": oud, "nieuw": nieuw, "update": update, "les": les, "bijeenkomst": bijeenkomst}


def test_prefill_proposes_what_appeared_since_the_last_edition_grouped_per_leeratelier(
    world, nieuws
):
    made = editie("December")
    assert services.editie_prefill(editie=made) == 4
    items = list(made.items.order_by("volgorde"))
    assert [(item.leeratelier, item.soort) for item in items] == [
        (world.a, ItemSoort.UPDATE),
        (world.a, ItemSoort.LES),
        (world.a, ItemSoort.BIJEENKOMST),
        (world.b, ItemSoort.PUBLICATIE),
    ]
    assert nieuws["oud"].pk not in [item.publicatie_id for item in items]
    # Proposing again adds nothing twice.
    assert services.editie_prefill(editie=made) == 0


def test_adding_an_edition_in_the_admin_prefills_it(commissie, client, nieuws):
    response = client.post(
        f"{BASE}add/",
        {
            "titel": "Nieuwsbrief december",
            "slug": "nieuwsbrief-december",
            "voorwoord": "Welkom.",
            "aan_alle_abonnees": "on",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    made = Editie.objects.get(slug="nieuwsbrief-december")
    assert made.items.count() == 4
    assert "4 onderdelen voorgesteld" in response.content.decode()


def test_every_admin_page_of_an_edition_answers(commissie, client, world, nieuws):
    abonnee("lezer@example.nl")
    made = editie("December", aan_alle_abonnees=True, items=[("Vrij", "Tekst")])
    services.editie_prefill(editie=made)
    for path in [
        BASE,
        f"{BASE}add/",
        f"{BASE}{made.pk}/change/",
        f"{BASE}{made.pk}/voorbeeld/",
        f"{BASE}{made.pk}/voorbeeld/web/",
        f"{BASE}{made.pk}/voorbeeld/email.html",
        f"{BASE}{made.pk}/voorbeeld/email.txt",
        f"{BASE}{made.pk}/verzenden/",
    ]:
        assert client.get(path).status_code == 200, path
    assert client.get(f"{BASE}{made.pk}/voorbeeld/email.pdf").status_code == 404


def test_free_sections_are_added_in_the_admin_and_sanitised(commissie, client):
    made = editie("December", aan_alle_abonnees=True)
    response = client.post(
        f"{BASE}{made.pk}/change/",
        {
            "titel": made.titel,
            "slug": made.slug,
            "voorwoord": made.voorwoord,
            "aan_alle_abonnees": "on",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-volgorde": "5",
            "items-0-is_opgenomen": "on",
            "items-0-titel": "Agenda",
            "items-0-tekst": "[klik](javascript:alert(1)) <script>alert(2)</script> **vet**",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get(editie=made)
    assert item.soort == ItemSoort.VRIJ
    html = client.get(f"{BASE}{made.pk}/voorbeeld/web/").content.decode()
    assert "<strong>vet</strong>" in html
    assert "javascript:" not in html and "<script>alert" not in html


def test_preview_shows_the_recipient_count_per_group_and_in_all(commissie, client, world):
    abonnee("contact@example.nl")  # also on the tribune of A: counted once
    abonnee("lezer@example.nl", leerateliers=[world.a])
    abonnee("wacht@example.nl", bevestigd=False)
    made = editie("December", aan_alle_abonnees=True, tribune_van=[world.a])
    response = client.get(f"{BASE}{made.pk}/voorbeeld/")
    assert response.context["aantallen"] == {
        "totaal": 2,
        "groepen": [("Alle abonnees", 2), (f"De tribune van {world.a.titel}", 1)],
    }
    assert "2 ontvangers, ieder één keer" in response.content.decode()


def test_test_send_goes_to_the_editors_own_address_only(commissie, client):
    abonnee("lezer@example.nl")
    made = editie("December", aan_alle_abonnees=True)
    response = client.post(
        BASE, {"action": "test_send", "_selected_action": [made.pk]}, follow=True
    )
    assert "Testversie van “December” gestuurd naar lid@example.nl" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["lid@example.nl"]]
    assert mail.outbox[0].subject.startswith("[Test]")
    assert not Bezorging.objects.exists()
    made.refresh_from_db()
    assert made.status == EditieStatus.CONCEPT


def test_send_action_confirms_with_the_count_then_sends_and_locks(
    commissie, client, django_capture_on_commit_callbacks
):
    abonnee("een@example.nl")
    abonnee("twee@example.nl")
    made = editie("December", aan_alle_abonnees=True)
    response = client.post(BASE, {"action": "send", "_selected_action": [made.pk]})
    assert response.status_code == 302
    confirm = client.get(response["Location"])
    assert "gaat nu naar 2 ontvangers" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}{made.pk}/verzenden/", {"bevestigd": "ja"}, follow=True)
    assert "wordt verzonden aan 2 ontvangers" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["een@example.nl", "twee@example.nl"]
    made.refresh_from_db()
    assert made.is_locked and made.verzonden_door == commissie
    # Locked: the change page is read-only, a changed post is refused, nothing changes.
    page = client.get(f"{BASE}{made.pk}/change/")
    assert page.status_code == 200 and 'name="titel"' not in page.content.decode()
    assert client.post(f"{BASE}{made.pk}/change/", {"titel": "Anders"}).status_code == 403
    made.refresh_from_db()
    assert made.titel == "December"
    listing = client.get(BASE).content.decode()
    assert '<td class="field-aantal_verzonden">2</td>' in listing


def test_sending_a_locked_edition_again_gets_a_dutch_message(commissie, client, world):
    abonnee("een@example.nl")
    made = editie("December", aan_alle_abonnees=True)
    services.editie_send(editie=made, by=world.beheerder)
    response = client.post(f"{BASE}{made.pk}/verzenden/", {"bevestigd": "ja"})
    assert response.status_code == 200
    assert "Deze editie is al verzonden" in response.content.decode()
    assert Bezorging.objects.filter(editie=made).count() == 1


@pytest.mark.parametrize(
    ("fields", "melding"),
    [
        ({"voorwoord": "", "aan_alle_abonnees": True}, "Deze editie is leeg"),
        ({"aan_alle_abonnees": False}, "Kies eerst aan wie deze editie gaat"),
        ({"aan_alle_abonnees": True, "slug": "niemand"}, "Niemand in de gekozen groepen"),
    ],
)
def test_bad_editions_are_refused_with_a_dutch_message(commissie, client, fields, melding):
    if melding != "Niemand in de gekozen groepen":
        abonnee("een@example.nl")
    made = editie("December", **fields)
    response = client.post(f"{BASE}{made.pk}/verzenden/", {"bevestigd": "ja"})
    assert response.status_code == 200
    assert melding in response.content.decode()
    made.refresh_from_db()
    assert made.status == EditieStatus.CONCEPT


def test_send_action_wants_exactly_one_edition(commissie, client):
    one, two = editie("Een"), editie("Twee")
    response = client.post(
        BASE, {"action": "send", "_selected_action": [one.pk, two.pk]}, follow=True
    )
    assert "Kies precies één editie om te verzenden." in response.content.decode()


def test_only_who_may_send_sees_the_send_page(world, client, make_user):
    user = make_user("redacteur@example.nl", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_editie", "change_editie"])
    )
    client.force_login(user)
    made = editie("December", aan_alle_abonnees=True)
    assert client.get(f"{BASE}{made.pk}/verzenden/").status_code == 403
    assert client.get(f"{BASE}{made.pk}/voorbeeld/").status_code == 200
