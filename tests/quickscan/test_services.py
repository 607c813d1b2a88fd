"""The rules of the quick scan's steps, whoever takes them (site, admin or demo loader)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from quickscan import services
from quickscan.models import (
    Antwoord,
    ScanStatus,
    SetStatus,
    Vraag,
    Vragenset,
    Waarde,
)
from werkplaats.models import Voorwaarde


def test_a_new_version_starts_as_a_copy_and_adopting_it_replaces_the_current_one(qs, answer):
    answer(qs.scan, "A")
    concept = services.vragenset_start_concept(
        bron=qs.vragenset, titel="Vragenset 2027", slug="2027"
    )
    assert concept.status == SetStatus.CONCEPT and concept.vorige == qs.vragenset
    assert sorted(concept.vragen.values_list("stelling", flat=True)) == sorted(
        qs.vragenset.vragen.values_list("stelling", flat=True)
    )

    Vraag.objects.create(
        vragenset=concept,
        voorwaarde=Voorwaarde.objects.first(),
        stelling="Een nieuwe stelling.",
    )
    services.vragenset_adopt(vragenset=concept, on=datetime.date(2027, 1, 10))

    qs.vragenset.refresh_from_db()
    assert qs.vragenset.status == SetStatus.VERVANGEN
    assert Vragenset.objects.current() == concept
    # The scan answered on the old version keeps it, with all its statements.
    qs.scan.refresh_from_db()
    assert qs.scan.vragenset == qs.vragenset
    assert qs.vragenset.vragen.count() == 8


def test_an_adopted_set_cannot_be_changed_so_a_scan_on_it_stays_as_it_was_answered(qs, answer):
    respondent = answer(qs.scan, "A")
    vraag = qs.vragenset.vragen.first()
    vraag.stelling = "Een andere stelling."
    with pytest.raises(ValidationError, match="vastgesteld"):
        vraag.save()
    with pytest.raises(ValidationError, match="vastgesteld"):
        vraag.delete()
    with pytest.raises(ValidationError, match="vastgesteld"):
        Vraag.objects.create(
            vragenset=qs.vragenset, voorwaarde=vraag.voorwaarde, stelling="Erbij gezet."
        )
    vraag.refresh_from_db()
    assert vraag.stelling != "Een andere stelling."
    assert Antwoord.objects.filter(respondent=respondent).count() == 8


def test_adopting_needs_a_statement_under_every_voorwaarde(db, voorwaarden):
    concept = Vragenset.objects.create(titel="Half", slug="half")
    Vraag.objects.create(vragenset=concept, voorwaarde=Voorwaarde.objects.first(), stelling="Eén.")
    with pytest.raises(ValidationError, match="Geef eerst elke voorwaarde een stelling"):
        services.vragenset_adopt(vragenset=concept)
    concept.refresh_from_db()
    assert concept.status == SetStatus.CONCEPT


def test_adopting_twice_is_refused(qs):
    with pytest.raises(ValidationError, match="geen concept"):
        services.vragenset_adopt(vragenset=qs.vragenset)


def test_a_scan_needs_an_adopted_set(db, make_gemeente):
    gemeente = make_gemeente("Mook")
    with pytest.raises(ValidationError, match="nog geen vastgestelde vragenset"):
        services.scan_start(
            gemeente=gemeente,
            periode_van=datetime.date(2026, 1, 1),
            periode_tot=datetime.date(2026, 2, 1),
        )


def test_a_period_that_ends_before_it_starts_is_refused(qs):
    with pytest.raises(ValidationError, match="einddatum"):
        services.scan_start(
            gemeente=qs.heumen,
            periode_van=datetime.date(2026, 3, 1),
            periode_tot=datetime.date(2026, 2, 1),
        )


def test_sending_needs_every_statement_answered_weet_niet_counts_as_an_answer(qs):
    respondent, _sleutel = services.respondent_add(scan=qs.scan, organisatie_naam="Buurtteam")
    eerste = Voorwaarde.objects.first()
    vragen = qs.vragenset.vragen.filter(voorwaarde=eerste)
    services.antwoorden_opslaan(
        respondent=respondent,
        voorwaarde=eerste,
        antwoorden={vraag.pk: Waarde.WEET_NIET for vraag in vragen},
    )
    with pytest.raises(ValidationError, match="Nog 6 stelling"):
        services.respondent_indienen(respondent=respondent)
    assert services.nog_open(respondent) == 6


def test_answers_off_the_scale_or_of_another_step_are_refused_and_nothing_is_saved(qs):
    respondent, _sleutel = services.respondent_add(scan=qs.scan, organisatie_naam="Buurtteam")
    eerste, tweede = Voorwaarde.objects.all()[:2]
    vraag = qs.vragenset.vragen.filter(voorwaarde=eerste).first()
    andere = qs.vragenset.vragen.filter(voorwaarde=tweede).first()
    with pytest.raises(ValidationError, match="antwoord van de schaal"):
        services.antwoorden_opslaan(
            respondent=respondent, voorwaarde=eerste, antwoorden={vraag.pk: 6}
        )
    with pytest.raises(ValidationError, match="horen niet bij deze stap"):
        services.antwoorden_opslaan(
            respondent=respondent, voorwaarde=eerste, antwoorden={andere.pk: 3}
        )
    assert not Antwoord.objects.filter(respondent=respondent).exists()


def test_sent_answers_and_a_closed_scan_take_no_more_answers(qs, answer):
    sent = answer(qs.scan, "A")
    eerste = Voorwaarde.objects.first()
    vraag = qs.vragenset.vragen.filter(voorwaarde=eerste).first()
    with pytest.raises(ValidationError, match="al ingevuld en verstuurd"):
        services.antwoorden_opslaan(respondent=sent, voorwaarde=eerste, antwoorden={vraag.pk: 1})
    bezig = answer(qs.scan, "B", send=False)
    services.scan_sluiten(scan=qs.scan)
    with pytest.raises(ValidationError, match="gesloten"):
        services.antwoorden_opslaan(respondent=bezig, voorwaarde=eerste, antwoorden={vraag.pk: 1})
    with pytest.raises(ValidationError, match="gesloten"):
        services.respondent_add(scan=qs.scan, organisatie_naam="Te laat")


def test_closing_forgets_names_and_addresses_but_not_the_organisations(qs):
    services.respondent_add(
        scan=qs.scan, organisatie=qs.organisatie, naam="Anna de Boer", email="anna@example.nl"
    )
    services.scan_sluiten(scan=qs.scan)
    respondent = qs.scan.respondenten.get()
    assert (respondent.naam, respondent.email) == ("", "")
    assert respondent.organisatie_label == "Krachtige Kernen"


def test_an_address_is_invited_once_per_scan(qs):
    services.respondent_add(scan=qs.scan, organisatie_naam="Buurtteam", email="anna@example.nl")
    with pytest.raises(ValidationError, match="al uitgenodigd"):
        services.respondent_add(scan=qs.scan, organisatie_naam="Buurtteam", email="ANNA@example.nl")


def test_publishing_needs_a_closed_scan_with_three_respondents(qs, answer):
    answer(qs.scan, "A")
    answer(qs.scan, "B")
    with pytest.raises(ValidationError, match="Sluit de scan eerst"):
        services.scan_publiceren(scan=qs.scan)
    answer(qs.scan, "C", send=False)  # not sent: does not count
    services.scan_sluiten(scan=qs.scan)
    with pytest.raises(ValidationError, match="vanaf 3 ingevulde scans"):
        services.scan_publiceren(scan=qs.scan)
    assert not qs.scan.__class__.objects.published().exists()


def test_a_published_scan_is_in_the_sitemap_and_an_unpublished_one_is_not(client, qs, answer):
    for name in "ABC":
        answer(qs.scan, name)
    services.scan_sluiten(scan=qs.scan)
    results = f"/quickscan/{qs.scan.pk}/resultaten/"
    assert results not in client.get("/sitemap.xml").content.decode()
    services.scan_publiceren(scan=qs.scan)
    qs.scan.refresh_from_db()
    assert qs.scan.status == ScanStatus.GESLOTEN and qs.scan.is_gepubliceerd
    sitemap = client.get("/sitemap.xml").content.decode()
    assert results in sitemap
    assert f"/quickscan/vragenset/{qs.vragenset.slug}/" in sitemap
