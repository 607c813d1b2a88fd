"""The trekkers hear when an organisation joins, moves or leaves their arena or tribune: once,
only the trekkers of that leeratelier, as they chose, and never while demo data loads."""

import datetime

import pytest
from django.core.management import call_command

from accounts.services import meldingsvoorkeur_set
from leerateliers.models import Deelname, Rol, TrekkerRol, Trekkerschap
from leerateliers.services import deelname_end, deelname_set_rol
from tests.helpers import posted_back, run_command
from werkplaats import mail as one_path
from werkplaats.models import UitgaandeMail, User

pytestmark = pytest.mark.django_db

JANUARI = datetime.date(2024, 1, 10)
MAART = datetime.date(2024, 3, 1)
JUNI = datetime.date(2024, 6, 1)


def to(mailoutbox, user):
    return [message for message in mailoutbox if message.to == [user.email]]


@pytest.fixture
def atelier(world, make_user, make_persoon, make_organisatie):
    """Leeratelier A of the world with a co-trekker and an onderzoeker who have accounts, a
    trekker without one, and a new organisation that is not in it yet."""
    co = make_user("co@example.nl")
    make_persoon("Co Trekker", user=co)
    Trekkerschap.objects.create(persoon=co.persoon, leeratelier=world.a, rol=TrekkerRol.CO_TREKKER)
    onderzoeker = make_user("onderzoeker@example.nl")
    make_persoon("Onder Zoeker", user=onderzoeker)
    Trekkerschap.objects.create(
        persoon=onderzoeker.persoon, leeratelier=world.a, rol=TrekkerRol.ONDERZOEKER
    )
    Trekkerschap.objects.create(persoon=make_persoon("Zonder Account"), leeratelier=world.a)
    world.co = co
    world.onderzoeker = onderzoeker
    world.nieuw = make_organisatie("Buurtteam Heumen")
    return world


def test_a_deelname_that_joins_and_moves_twice_tells_the_trekkers_join_move_move(
    atelier, mailoutbox, django_capture_on_commit_callbacks
):
    world = atelier
    contact = world.carinda
    with django_capture_on_commit_callbacks(execute=True):
        deelname_set_rol(
            organisatie=world.nieuw,
            leeratelier=world.a,
            rol=Rol.TRIBUNE,
            on=JANUARI,
            contactpersoon=contact,
        )
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, on=MAART)
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.TRIBUNE, on=JUNI)

    trekker = to(mailoutbox, world.trekker)
    assert [message.subject for message in trekker] == [
        "Nieuw op de tribune van Armoede en schulden: Buurtteam Heumen",
        "Buurtteam Heumen gaat van de tribune naar de arena van Armoede en schulden",
        "Buurtteam Heumen gaat van de arena naar de tribune van Armoede en schulden",
    ]
    join, move, back = (message.body for message in trekker)
    assert "Buurtteam Heumen zit sinds 10 januari 2024 op de tribune van Armoede en schulden." in (
        join
    )
    assert "Contactpersoon: Carinda Jansen" in join
    assert (
        "Buurtteam Heumen zat op de tribune van Armoede en schulden en zit sinds 1 maart 2024 "
        "in de arena." in move
    )
    assert (
        "Buurtteam Heumen zat in de arena van Armoede en schulden en zit sinds 1 juni 2024 "
        "op de tribune." in back
    )
    for body in (join, move, back):
        assert f"http://testserver{world.a.get_absolute_url()}" in body
        assert "Je krijgt deze e-mail omdat je trekker bent van Armoede en schulden." in body
        assert "http://testserver/mijn/meldingen/" in body
        assert "Met vriendelijke groet," in body
    co = to(mailoutbox, world.co)
    assert len(co) == 3
    assert "omdat je co-trekker bent van Armoede en schulden" in co[0].body
    # Nobody else: not the onderzoeker, not the trekker of another atelier, not the contacts.
    assert {tuple(message.to) for message in mailoutbox} == {
        (world.trekker.email,),
        (world.co.email,),
    }


def test_leaving_is_told_and_a_same_role_call_or_same_day_correction_tells_nothing_new(
    atelier, mailoutbox, django_capture_on_commit_callbacks
):
    world = atelier
    with django_capture_on_commit_callbacks(execute=True):
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, on=JANUARI)
    assert len(to(mailoutbox, world.trekker)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        # The same role again (a new contact, say): no change to tell.
        deelname_set_rol(
            organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, contactpersoon=world.joos
        )
        # Moved today, then corrected today: the first is news, the correction is not.
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.TRIBUNE)
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA)
    subjects = [message.subject for message in to(mailoutbox, world.trekker)]
    assert len(subjects) == 2
    assert subjects[1].endswith("gaat van de arena naar de tribune van Armoede en schulden")

    with django_capture_on_commit_callbacks(execute=True):
        deelname_end(organisatie=world.nieuw, leeratelier=world.a)
        deelname_end(organisatie=world.nieuw, leeratelier=world.a)  # nothing left to end
    last = to(mailoutbox, world.trekker)[-1]
    assert len(to(mailoutbox, world.trekker)) == 3
    assert last.subject == "Buurtteam Heumen doet niet meer mee aan Armoede en schulden"
    today = datetime.date.today()
    assert "en doet sinds" in last.body and str(today.year) in last.body


def test_each_email_is_sent_once_even_when_reported_again_or_retried(
    atelier, mailoutbox, django_capture_on_commit_callbacks
):
    from leerateliers import berichten

    world = atelier
    with django_capture_on_commit_callbacks(execute=True):
        deelname = deelname_set_rol(
            organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, on=JANUARI
        )
    with django_capture_on_commit_callbacks(execute=True):
        berichten.deelname_started(deelname)  # the same event reported once more
    one_path.send_outbox()
    run_command("send_outbox")
    about = [message for message in mailoutbox if "Buurtteam Heumen" in message.subject]
    assert sorted(message.to[0] for message in about) == [world.trekker.email, world.co.email]
    assert UitgaandeMail.objects.filter(sleutel__startswith=f"deelname-{deelname.pk}-").count() == 2


def test_a_trekker_who_turned_these_emails_off_is_not_told(
    atelier, mailoutbox, django_capture_on_commit_callbacks
):
    world = atelier
    meldingsvoorkeur_set(user=world.trekker, deelnames=False)
    meldingsvoorkeur_set(user=world.co, reacties_overzicht=False)  # another kind: still told
    with django_capture_on_commit_callbacks(execute=True):
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, on=JANUARI)
    assert to(mailoutbox, world.trekker) == []
    assert len(to(mailoutbox, world.co)) == 1


def test_an_inactive_trekker_is_not_told(atelier, mailoutbox, django_capture_on_commit_callbacks):
    world = atelier
    User.objects.filter(pk=world.co.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        deelname_set_rol(organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, on=JANUARI)
    assert to(mailoutbox, world.co) == []
    assert len(to(mailoutbox, world.trekker)) == 1


def test_a_contactpersoon_moving_on_the_site_tells_the_trekkers(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    # The partner's organisation has been on the tribune of A since January.
    Deelname.objects.filter(organisatie=world.organisatie, leeratelier=world.a).update(
        sinds=JANUARI
    )
    client.force_login(world.partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mijn/organisaties/{world.organisatie.slug}/{world.a.slug}/arena/")
    assert response.status_code == 302
    (message,) = to(mailoutbox, world.trekker)
    assert message.subject == (
        "Krachtige Kernen gaat van de tribune naar de arena van Armoede en schulden"
    )
    assert to(mailoutbox, world.trekker_b) == []


def test_what_is_saved_together_in_the_admins_inline_is_told_once_it_is_all_saved(
    client, atelier, mailoutbox, django_capture_on_commit_callbacks, make_organisatie
):
    world = atelier
    deelname_set_rol(
        organisatie=world.nieuw, leeratelier=world.a, rol=Rol.ARENA, on=JANUARI, notify=False
    )
    later = make_organisatie("Wijkteam Malden")
    client.force_login(world.beheerder)
    url = f"/beheer/leerateliers/leeratelier/{world.a.pk}/change/"
    data = posted_back(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302  # saved unchanged: nothing to tell
    old = Deelname.objects.get(organisatie=world.nieuw, leeratelier=world.a)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("deelnames-") and key.endswith("-id") and value == str(old.pk)
    )
    data[f"deelnames-{index}-tot"] = "2024-03-01"
    new = int(data["deelnames-TOTAL_FORMS"])
    data["deelnames-TOTAL_FORMS"] = str(new + 1)
    data.update(
        {
            f"deelnames-{new}-organisatie": str(later.pk),
            f"deelnames-{new}-rol": Rol.TRIBUNE,
            f"deelnames-{new}-sinds": "2024-03-01",
            f"deelnames-{new}-leeratelier": str(world.a.pk),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    subjects = sorted(message.subject for message in to(mailoutbox, world.trekker))
    assert subjects == [
        "Buurtteam Heumen doet niet meer mee aan Armoede en schulden",
        "Nieuw op de tribune van Armoede en schulden: Wijkteam Malden",
    ]


def test_joining_leaving_and_moving_entered_in_the_deelname_admin_are_told(
    client, atelier, mailoutbox, django_capture_on_commit_callbacks
):
    world = atelier
    client.force_login(world.beheerder)

    def add(rol, sinds):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/beheer/leerateliers/deelname/add/",
                {
                    "organisatie": world.nieuw.pk,
                    "leeratelier": world.a.pk,
                    "rol": rol,
                    "sinds": sinds,
                },
            )
        assert response.status_code == 302

    add(Rol.ARENA, "2024-01-10")
    deelname = Deelname.objects.get(organisatie=world.nieuw)
    url = f"/beheer/leerateliers/deelname/{deelname.pk}/change/"
    data = posted_back(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)  # saved unchanged: nothing to tell
        data["tot"] = "2024-06-01"
        assert client.post(url, data).status_code == 302
    # A move is entered in two steps here: the old role ends, then the new one begins.
    add(Rol.TRIBUNE, "2024-06-01")
    subjects = [message.subject for message in to(mailoutbox, world.trekker)]
    assert subjects == [
        "Nieuw in de arena van Armoede en schulden: Buurtteam Heumen",
        "Buurtteam Heumen doet niet meer mee aan Armoede en schulden",
        "Buurtteam Heumen gaat van de arena naar de tribune van Armoede en schulden",
    ]


def test_loading_the_demo_data_sends_nothing(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = True  # with the demo accounts, whose trekker leads a leeratelier
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
        call_command("load_demo", verbosity=0)
    assert Deelname.objects.exists()
    assert mailoutbox == []
    assert not UitgaandeMail.objects.exists()

    # Not for want of someone to tell: a change made afterwards reaches the demo trekker.
    from accounts.demo import TREKKER
    from leerateliers.permissions import leerateliers_led_by

    trekker = User.objects.get(email=TREKKER)
    atelier = leerateliers_led_by(trekker).get()
    current = atelier.deelnames.current().first()
    with django_capture_on_commit_callbacks(execute=True):
        deelname_end(organisatie=current.organisatie, leeratelier=atelier)
    assert [message.to for message in mailoutbox] == [[TREKKER]]
