"""Every object-level rule of leerateliers/permissions.py, and the pages that apply them: a
rule refused is a 403 (or the login page for anonymous visitors) and changes nothing."""

import datetime
from pathlib import Path, PurePosixPath

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts.models import Koppeling, KoppelingStatus
from leerateliers import permissions
from leerateliers.models import Deelname, Rol, TribuneUpdate, UpdateStatus

pytestmark = pytest.mark.django_db


def current_rol(organisatie, leeratelier):
    deelname = Deelname.objects.current().filter(organisatie=organisatie, leeratelier=leeratelier)
    return deelname.values_list("rol", flat=True).first()


# --- The rules -------------------------------------------------------------------------------


def test_a_contactpersoon_manages_only_their_own_organisation(world):
    assert permissions.can_manage_deelnames(world.partner, world.organisatie)
    assert not permissions.can_manage_deelnames(world.partner, world.andere)
    assert not permissions.can_manage_deelnames(world.andere_partner, world.organisatie)


@pytest.mark.parametrize("who", ["stranger", "trekker", "anonymous"])
def test_people_without_an_approved_contact_claim_manage_no_organisation(world, who):
    user = AnonymousUser() if who == "anonymous" else getattr(world, who)
    assert not permissions.can_manage_deelnames(user, world.organisatie)
    assert not permissions.organisaties_managed_by(user).exists()


@pytest.mark.parametrize("status", [KoppelingStatus.AANGEVRAAGD, KoppelingStatus.AFGEWEZEN])
def test_a_claim_that_is_not_approved_allows_nothing(world, make_user, status):
    user = make_user("wacht@example.nl")
    user.groups.add(Group.objects.get(name="Partnercontact"))  # even with the group
    Koppeling.objects.create(
        user=user, naam="Wacht Nog", organisatie=world.organisatie, is_contactpersoon=True,
        status=status,
    )  # fmt: skip
    assert not permissions.can_manage_deelnames(user, world.organisatie)


def test_without_the_role_an_approved_claim_allows_nothing(world):
    world.partner.groups.clear()
    partner = type(world.partner).objects.get(pk=world.partner.pk)
    assert not permissions.can_manage_deelnames(partner, world.organisatie)


def test_an_inactive_account_is_allowed_nothing(world):
    for user in (world.partner, world.trekker):
        user.is_active = False
        user.save()
    assert not permissions.can_manage_deelnames(world.partner, world.organisatie)
    assert not permissions.can_write_updates(world.trekker, world.a)


def test_a_trekker_writes_updates_only_for_the_leeratelier_they_lead(world):
    assert permissions.can_write_updates(world.trekker, world.a)
    assert not permissions.can_write_updates(world.trekker, world.b)
    assert not permissions.can_write_updates(world.trekker_b, world.a)
    assert not permissions.can_write_updates(world.partner, world.a)
    assert not permissions.can_write_updates(world.stranger, world.a)
    assert not permissions.can_write_updates(AnonymousUser(), world.a)


def test_co_trekkers_lead_but_researchers_in_the_team_do_not(world, make_user, make_persoon):
    from accounts.services import koppeling_approve
    from leerateliers.models import TrekkerRol, Trekkerschap

    def account(naam, rol):
        persoon = make_persoon(naam)
        Trekkerschap.objects.create(persoon=persoon, leeratelier=world.a, rol=rol)
        user = make_user(f"{persoon.slug}@example.nl")
        koppeling = Koppeling.objects.create(user=user, persoon=persoon)
        koppeling_approve(koppeling=koppeling, by=world.beheerder)
        return type(user).objects.get(pk=user.pk)

    assert permissions.can_write_updates(account("Meike Heessels", TrekkerRol.CO_TREKKER), world.a)
    assert not permissions.can_write_updates(
        account("Promo Vendus", TrekkerRol.PROMOVENDUS), world.a
    )


# --- Deelnames on /mijn/ ---------------------------------------------------------------------


def deelname_url(organisatie, leeratelier, actie):
    return f"/mijn/organisaties/{organisatie.slug}/{leeratelier.slug}/{actie}/"


def test_a_partner_moves_their_organisation_from_the_tribune_to_the_arena(client, world):
    client.force_login(world.partner)
    url = deelname_url(world.organisatie, world.a, "arena")
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Krachtige Kernen gaat in de arena van Armoede en schulden." in confirm.content.decode()
    assert current_rol(world.organisatie, world.a) == Rol.TRIBUNE  # GET changes nothing

    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert current_rol(world.organisatie, world.a) == Rol.ARENA
    assert "Krachtige Kernen gaat in de arena" in response.content.decode()


def test_a_partner_stops_and_rejoins_and_the_history_stays(client, world):
    client.force_login(world.partner)
    client.post(deelname_url(world.organisatie, world.b, "stoppen"))
    assert current_rol(world.organisatie, world.b) is None
    client.post(deelname_url(world.organisatie, world.b, "tribune"))
    assert current_rol(world.organisatie, world.b) == Rol.TRIBUNE
    rows = Deelname.objects.filter(organisatie=world.organisatie, leeratelier=world.b)
    assert rows.count() == 2  # the arena row stays as history (ended today)


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_deelname_is_refused_whatever_the_url_says(client, world, method):
    client.force_login(world.partner)
    response = getattr(client, method)(deelname_url(world.andere, world.a, "stoppen"))
    assert response.status_code == 403
    assert current_rol(world.andere, world.a) == Rol.ARENA


@pytest.mark.parametrize("who", ["stranger", "trekker"])
def test_accounts_without_the_contact_role_cannot_change_deelnames(client, world, who):
    client.force_login(getattr(world, who))
    response = client.post(deelname_url(world.organisatie, world.a, "arena"))
    assert response.status_code == 403
    assert current_rol(world.organisatie, world.a) == Rol.TRIBUNE


def test_anonymous_visitors_are_sent_to_the_login_page(client, world):
    response = client.post(deelname_url(world.organisatie, world.a, "arena"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert current_rol(world.organisatie, world.a) == Rol.TRIBUNE


def test_an_unknown_action_is_a_404(client, world):
    client.force_login(world.partner)
    assert client.post(deelname_url(world.organisatie, world.a, "weg")).status_code == 404


# --- Tribune updates from the front end ------------------------------------------------------


def update_form(titel="Wat we leerden in Lingewaard", tekst="Eerste **bevindingen**.", **extra):
    return {"titel": titel, "tekst": tekst, **extra}


def test_a_trekker_previews_saves_and_publishes(client, world):
    client.force_login(world.trekker)
    url = f"/leerateliers/{world.a.slug}/updates/nieuw/"
    preview = client.post(url, update_form(actie="voorbeeld"))
    assert preview.status_code == 200
    assert "<strong>bevindingen</strong>" in preview.content.decode()
    assert not TribuneUpdate.objects.exists()  # a preview saves nothing

    saved = client.post(url, update_form(actie="opslaan"))
    update = TribuneUpdate.objects.get()
    assert saved["Location"] == f"/leerateliers/{world.a.slug}/updates/{update.pk}/bewerken/"
    assert (update.status, update.auteur, update.leeratelier) == (
        UpdateStatus.CONCEPT,
        world.carinda,
        world.a,
    )
    assert client.get(update.get_absolute_url()).status_code == 404  # concepts are not public

    client.post(saved["Location"], update_form(actie="publiceren"))
    update.refresh_from_db()
    assert update.status == UpdateStatus.GEPUBLICEERD and update.gepubliceerd_at
    assert client.get(update.get_absolute_url()).status_code == 200


def test_bad_input_keeps_what_was_typed_and_says_why_in_dutch(client, world):
    client.force_login(world.trekker)
    response = client.post(
        f"/leerateliers/{world.a.slug}/updates/nieuw/",
        update_form(titel="", tekst="Mijn lange tekst blijft staan.", actie="publiceren"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit veld is verplicht." in content
    assert "Mijn lange tekst blijft staan." in content
    assert not TribuneUpdate.objects.exists()


def test_a_trekker_cannot_write_for_another_leeratelier(client, world):
    client.force_login(world.trekker)
    url = f"/leerateliers/{world.b.slug}/updates/nieuw/"
    assert client.get(url).status_code == 403
    assert client.post(url, update_form(actie="publiceren")).status_code == 403
    assert not TribuneUpdate.objects.exists()


@pytest.mark.parametrize("slug_of", ["a", "b"])
def test_editing_another_leerateliers_update_is_refused_also_by_changing_ids(
    client, world, make_update, slug_of
):
    theirs = make_update(world.b, titel="Update van JIP")
    client.force_login(world.trekker)
    url = f"/leerateliers/{getattr(world, slug_of).slug}/updates/{theirs.pk}/bewerken/"
    assert client.get(url).status_code == 403
    response = client.post(url, update_form(titel="Overgenomen", actie="publiceren"))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.titel == "Update van JIP"


def test_ids_posted_in_the_form_do_not_move_an_update(client, world, make_update):
    own = make_update(world.a, titel="Eigen update", status=UpdateStatus.CONCEPT)
    client.force_login(world.trekker)
    client.post(
        f"/leerateliers/{world.a.slug}/updates/{own.pk}/bewerken/",
        update_form(
            titel="Eigen update",
            actie="opslaan",
            leeratelier=world.b.pk,
            auteur=world.joos.pk,
            status=UpdateStatus.GEPUBLICEERD,
        ),
    )
    own.refresh_from_db()
    assert (own.leeratelier, own.status) == (world.a, UpdateStatus.CONCEPT)
    assert own.auteur is None  # as it was made: the form never sets the author


@pytest.mark.parametrize("who", ["partner", "stranger"])
def test_accounts_that_lead_nothing_get_403(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(f"/leerateliers/{world.a.slug}/updates/nieuw/").status_code == 403


def test_an_attachment_follows_the_upload_rules(client, world, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.trekker)
    url = f"/leerateliers/{world.a.slug}/updates/nieuw/"
    fake = SimpleUploadedFile("verslag.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = client.post(url, {**update_form(actie="opslaan"), "bijlage": fake})
    assert refused.status_code == 200
    assert not TribuneUpdate.objects.exists()
    assert "Wat we leerden in Lingewaard" in refused.content.decode()  # nothing lost

    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    client.post(url, {**update_form(actie="opslaan"), "bijlage": pdf})
    update = TribuneUpdate.objects.get()
    stored_as = PurePosixPath(update.bijlage.name)
    assert stored_as.parent.parent == PurePosixPath("leerateliers/updates")
    assert len(stored_as.parent.name) >= 16 and stored_as.name == "verslag.pdf"  # random folder
    stored = update.bijlage.path
    assert Path(stored).exists()

    edit = f"/leerateliers/{world.a.slug}/updates/{update.pk}/bewerken/"
    form = client.get(edit).content.decode()
    assert "Bijlage verwijderen" in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {**update_form(actie="opslaan"), "bijlage-clear": "on"})
    update.refresh_from_db()
    assert not update.bijlage and not Path(stored).exists()  # no file left behind


def test_nobody_joins_a_leeratelier_that_has_ended(client, world):
    from leerateliers.models import LeeratelierStatus

    world.a.status = LeeratelierStatus.AFGEROND
    world.a.end_on = datetime.date(2024, 6, 30)
    world.a.save()
    client.force_login(world.partner)
    response = client.post(deelname_url(world.organisatie, world.a, "arena"))
    assert response.status_code == 403
    assert "afgerond" in response.content.decode()
    assert current_rol(world.organisatie, world.a) == Rol.TRIBUNE
    client.post(deelname_url(world.organisatie, world.a, "stoppen"))  # leaving still works
    assert current_rol(world.organisatie, world.a) is None
