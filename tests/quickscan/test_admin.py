"""The programmacommissie keeps the question set in the admin: concepts are edited, a new
concept starts from a version, a concept is adopted; an adopted version never changes. Scans
are only looked at there, by organisation, never per respondent's answers."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from quickscan import services
from quickscan.models import (
    Antwoord,
    Opmerking,
    Respondent,
    SetStatus,
    Vraag,
    Vragenset,
    Waarde,
)
from tests.helpers import posted_back

pytestmark = pytest.mark.django_db

SETS = "/beheer/quickscan/vragenset/"
SCANS = "/beheer/quickscan/scan/"


def change_url(vragenset):
    return f"{SETS}{vragenset.pk}/change/"


def action(client, url, name, pks, **data):
    """Take an admin action and confirm it with ``data``."""
    return client.post(url, {"action": name, "_selected_action": pks, "bevestigd": "ja", **data})


@pytest.fixture
def commissie(client, qs):
    client.force_login(qs.commissie)
    return client


@pytest.fixture
def concept(qs):
    return services.vragenset_start_concept(bron=qs.vragenset, titel="Vragenset 2027", slug="2027")


# --- The question set -------------------------------------------------------------------------


def test_the_commissie_sees_the_versions_with_their_statements(commissie, qs, concept):
    page = commissie.get(SETS)
    assert page.status_code == 200
    rows = {row.slug: row for row in page.context["cl"].result_list}
    assert (rows["2026"]._aantal_vragen, rows["2026"]._aantal_scans) == (8, 1)
    assert (rows["2027"]._aantal_vragen, rows["2027"]._aantal_scans) == (8, 0)
    adopted = commissie.get(change_url(qs.vragenset))
    assert adopted.status_code == 200
    assert "Stelling 1 over sociale cohesie." in adopted.content.decode()
    assert commissie.get(f"{SETS}add/").status_code == 200


def test_an_adopted_version_cannot_be_edited_or_deleted_in_the_admin(commissie, qs):
    vraag = qs.vragenset.vragen.first()
    page = commissie.get(change_url(qs.vragenset))
    data = posted_back(page)
    data["titel"] = "Anders"
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-stelling"] = "Een andere stelling."
    data[f"{prefix}-0-id"] = str(vraag.pk)

    assert commissie.post(change_url(qs.vragenset), data).status_code == 403
    delete = commissie.post(f"{SETS}{qs.vragenset.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403

    vraag.refresh_from_db()
    qs.vragenset.refresh_from_db()
    assert qs.vragenset.titel == "Vragenset 2026"
    assert vraag.stelling.startswith("Stelling ")
    assert qs.vragenset.vragen.count() == 8


def test_the_change_page_of_an_adopted_version_offers_no_editing(commissie, qs):
    page = commissie.get(change_url(qs.vragenset))
    inline = page.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission
    assert not inline.has_change_permission
    assert not inline.has_delete_permission
    assert 'name="_save"' not in page.content.decode()


def test_the_history_never_saves_an_old_version_back(commissie, qs):
    record = qs.vragenset.history.first()
    url = f"{SETS}{qs.vragenset.pk}/history/{record.history_id}/"
    assert commissie.get(url).status_code == 200
    assert commissie.post(url, {"titel": "Terug"}).status_code == 403
    qs.vragenset.refresh_from_db()
    assert qs.vragenset.titel == "Vragenset 2026"


def test_a_statement_of_an_adopted_version_refuses_every_change(qs):
    """The scans answered on it keep meaning what they meant: not by the admin, not in code."""
    vraag = qs.vragenset.vragen.first()
    vraag.stelling = "Gewijzigd."
    with pytest.raises(ValidationError, match="vastgesteld en verandert niet meer"):
        vraag.save()
    with pytest.raises(ValidationError):
        vraag.delete()
    with pytest.raises(ValidationError):
        Vraag.objects.create(vragenset=qs.vragenset, voorwaarde=vraag.voorwaarde, stelling="Erbij.")
    assert qs.vragenset.vragen.filter(stelling="Gewijzigd.").count() == 0


def test_a_concept_is_edited_with_its_statements(commissie, concept, voorwaarden):
    page = commissie.get(change_url(concept))
    data = posted_back(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-0-stelling"] = "Inwoners kunnen rondkomen."
    data[f"{prefix}-1-DELETE"] = "on"
    data |= {
        f"{prefix}-TOTAL_FORMS": str(total + 1),
        f"{prefix}-{total}-voorwaarde": str(voorwaarden["sociale-cohesie"].pk),
        f"{prefix}-{total}-niveau": "gemeenschappelijk",
        f"{prefix}-{total}-stelling": "Buren kennen elkaar.",
        f"{prefix}-{total}-toelichting": "",
        f"{prefix}-{total}-volgorde": "9",
    }
    response = commissie.post(change_url(concept), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stellingen = set(concept.vragen.values_list("stelling", flat=True))
    assert {"Inwoners kunnen rondkomen.", "Buren kennen elkaar."} <= stellingen
    assert len(stellingen) == 8


def test_the_same_statement_twice_in_a_concept_is_a_form_error(commissie, concept):
    page = commissie.get(change_url(concept))
    data = posted_back(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-1-stelling"] = data[f"{prefix}-0-stelling"]
    response = commissie.post(change_url(concept), data)
    assert response.status_code == 200
    assert "Corrigeer de dubbele gegevens voor stelling." in response.content.decode()
    assert concept.vragen.count() == 8


def test_a_new_concept_version_starts_as_a_copy(commissie, qs):
    confirm = commissie.post(
        SETS, {"action": "start_concept", "_selected_action": [qs.vragenset.pk]}
    )
    assert confirm.status_code == 200
    assert "Versie in het adres" in confirm.content.decode()

    response = action(
        commissie, SETS, "start_concept", [qs.vragenset.pk], titel="Vragenset 2027", slug="2027"
    )
    assert response.status_code == 302
    concept = Vragenset.objects.get(slug="2027")
    assert concept.status == SetStatus.CONCEPT and concept.vorige == qs.vragenset
    assert sorted(concept.vragen.values_list("stelling", flat=True)) == sorted(
        qs.vragenset.vragen.values_list("stelling", flat=True)
    )
    followed = commissie.get(response["Location"])
    assert "Conceptversie “Vragenset 2027” gemaakt." in followed.content.decode()


def test_a_version_address_in_use_is_a_dutch_error_not_a_500(commissie, qs):
    response = action(
        commissie, SETS, "start_concept", [qs.vragenset.pk], titel="Nog een", slug="2026"
    )
    assert response.status_code == 200
    assert "Er is al een versie met dit adres" in response.content.decode()
    assert Vragenset.objects.count() == 1


def test_adopting_a_concept_replaces_the_current_version(commissie, qs, concept):
    response = action(commissie, SETS, "adopt", [concept.pk], on="2027-01-10")
    assert response.status_code == 302
    concept.refresh_from_db()
    qs.vragenset.refresh_from_db()
    assert concept.status == SetStatus.VASTGESTELD
    assert concept.vastgesteld_on == datetime.date(2027, 1, 10)
    assert qs.vragenset.status == SetStatus.VERVANGEN
    assert "“Vragenset 2027” is vastgesteld." in commissie.get(SETS).content.decode()


def test_adopting_a_concept_without_a_statement_for_every_voorwaarde_is_refused(
    commissie, qs, concept
):
    concept.vragen.filter(voorwaarde__slug="sociale-empowerment").delete()
    response = action(commissie, SETS, "adopt", [concept.pk], on="2027-01-10")
    assert response.status_code == 200
    assert "Geef eerst elke voorwaarde een stelling" in response.content.decode()
    assert "Sociale empowerment" in response.content.decode()
    concept.refresh_from_db()
    assert concept.status == SetStatus.CONCEPT
    assert Vragenset.objects.current() == qs.vragenset


def test_adopting_an_adopted_version_again_is_refused(commissie, qs):
    response = action(commissie, SETS, "adopt", [qs.vragenset.pk], on="2027-01-10")
    assert response.status_code == 200
    assert "geen concept (meer)" in response.content.decode()


def test_a_step_needs_exactly_one_version(commissie, qs, concept):
    response = action(commissie, SETS, "adopt", [qs.vragenset.pk, concept.pk], on="2027-01-10")
    assert response.status_code == 200
    assert "Kies precies één regel" in response.content.decode()


def test_staff_outside_the_commissie_cannot_take_the_steps(client, qs, make_user, concept):
    client.force_login(make_user("staf@example.nl", is_staff=True))
    assert client.get(SETS).status_code == 403
    response = action(client, SETS, "adopt", [concept.pk], on="2027-01-10")
    assert response.status_code == 403
    concept.refresh_from_db()
    assert concept.status == SetStatus.CONCEPT


# --- Scans ------------------------------------------------------------------------------------


def test_the_scan_list_shows_place_status_and_how_many_sent(commissie, qs, answer):
    answer(qs.scan, "Buurtteam")
    answer(qs.scan, "Bibliotheek")
    answer(qs.scan, "Sportclub", send=False)
    page = commissie.get(SCANS)
    assert page.status_code == 200
    [row] = page.context["cl"].result_list
    assert row._verzonden == 2
    content = page.content.decode()
    assert "Heumen" in content and "Vragenset 2026" in content
    assert qs.scan.get_absolute_url() in content
    assert commissie.get(SCANS, {"openbaar": "ja"}).context["cl"].result_count == 0
    assert commissie.get(SCANS, {"openbaar": "nee"}).context["cl"].result_count == 1


def test_a_scan_shows_who_took_part_by_organisation_never_their_answers(commissie, qs, answer):
    respondent = answer(qs.scan, "Buurtteam", waarden={"sociale-cohesie": 1})
    Respondent.objects.filter(pk=respondent.pk).update(
        naam="Jet Respondent", email="jet@buurtteam.example.nl"
    )
    Opmerking.objects.create(
        respondent=respondent, voorwaarde=qs.vragenset.vragen.first().voorwaarde, tekst="Geheim."
    )
    page = commissie.get(f"{SCANS}{qs.scan.pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Buurtteam" in content
    assert "Jet Respondent" not in content and "jet@buurtteam.example.nl" not in content
    assert "Geheim." not in content
    assert str(Waarde.HELEMAAL_ONEENS.label) not in content
    assert qs.scan.get_absolute_url() in content
    assert 'name="_save"' not in content


def test_scans_are_not_added_or_changed_in_the_admin(commissie, qs):
    assert commissie.get(f"{SCANS}add/").status_code == 403
    response = commissie.post(f"{SCANS}{qs.scan.pk}/change/", {"wijk": "Malden"})
    assert response.status_code == 403
    qs.scan.refresh_from_db()
    assert qs.scan.wijk == ""


def test_respondents_and_answers_have_no_admin_of_their_own():
    for model in (Respondent, Antwoord, Opmerking, Vraag):
        assert not admin.site.is_registered(model), model
