"""The demo quick scan (``fixtures/quickscan.toml``): a voorbeeldset made from the descriptions
of the four voorwaarden, one completed and published example scan of Heumen by fictitious
partners, and the gemeente's demo contactpersoon. Loading the demo is slow, so one test loads
it (twice) and looks at everything."""

import datetime

import pytest

from accounts.demo import GEMEENTECONTACT_EMAIL
from accounts.models import Koppeling, KoppelingStatus
from quickscan import permissions, services
from quickscan.models import (
    MIN_RESPONDENTEN_OPENBAAR,
    Antwoord,
    Opmerking,
    Respondent,
    Scan,
    ScanStatus,
    SetStatus,
    Vraag,
    Vragenset,
    Waarde,
)
from quickscan.scores import uitslag
from tests.helpers import run_command
from werkplaats.models import User, Voorwaarde

pytestmark = pytest.mark.django_db

DEMO_SET = "voorbeeld-2026"


def counts():
    return [
        model.objects.count()
        for model in (Vragenset, Vraag, Scan, Respondent, Antwoord, Opmerking, Koppeling)
    ]


def test_the_demo_has_a_published_example_scan_and_a_gemeente_contact(settings):
    settings.DEBUG = True  # the demo accounts are made only then
    output = run_command("load_demo")
    assert "1 vragensets" in output and "1 scans" in output and "6 respondenten" in output

    # The voorbeeldset: adopted, marked as example, from the descriptions of the voorwaarden.
    vragenset = Vragenset.objects.get(slug=DEMO_SET)
    assert vragenset.is_voorbeeld and vragenset.status == SetStatus.VASTGESTELD
    assert "voorbeeldset" in vragenset.toelichting.lower()
    for use in ("verantwoorden", "het gesprek met partners", "afwegingen"):
        assert use in vragenset.toelichting
    voorwaarden = list(Voorwaarde.objects.all())
    for voorwaarde in voorwaarden:
        vragen = list(vragenset.vragen.filter(voorwaarde=voorwaarde))
        assert 3 <= len(vragen) <= 4, voorwaarde.slug
        for vraag in vragen:
            assert f"omschrijving van {voorwaarde.naam.lower()}:" in vraag.toelichting

    # The example scan: closed, published, answered by fictitious partners only.
    scan = Scan.objects.get(is_voorbeeld=True)
    assert scan.gemeente.slug == "heumen" and scan.vragenset == vragenset
    assert scan.status == ScanStatus.GESLOTEN and scan.is_gepubliceerd
    respondenten = scan.respondenten.all()
    assert scan.respondenten.ingediend().count() >= MIN_RESPONDENTEN_OPENBAAR
    for respondent in respondenten:
        assert respondent.organisatie is None
        assert "(fictief)" in respondent.organisatie_naam
        assert (respondent.naam, respondent.email) == ("", "")
    assert Antwoord.objects.filter(respondent__scan=scan, waarde=Waarde.WEET_NIET).exists()
    opmerkingen = Opmerking.objects.filter(respondent__scan=scan)
    assert opmerkingen.count() >= len(voorwaarden)
    assert all(opmerking.tekst.startswith("Voorbeeldtekst") for opmerking in opmerkingen)
    # The answers differ, and two voorwaarden come out weaker than the others.
    resultaat = uitslag(scan, voorwaarden)
    assert {score.voorwaarde.slug for score in resultaat.zwakste()[:2]} == {
        "sociaaleconomische-zekerheid",
        "sociale-inclusie",
    }
    assert resultaat.verschillen()[0].score.spreiding > 1

    # The gemeente's demo contactpersoon runs the scans of Heumen.
    contact = User.objects.get(email=GEMEENTECONTACT_EMAIL)
    koppeling = Koppeling.objects.get(user=contact, status=KoppelingStatus.GOEDGEKEURD)
    assert koppeling.is_contactpersoon and koppeling.organisatie.slug == "gemeente-heumen"
    assert permissions.can_run(contact, scan)

    # Loading again adds nothing, also after the site adopted a later version.
    before = counts()
    run_command("load_demo")
    assert counts() == before
    later = services.vragenset_start_concept(bron=vragenset, titel="Set 2027", slug="2027")
    services.vragenset_adopt(vragenset=later, on=datetime.date(2027, 1, 4))
    before = counts()
    run_command("load_demo")
    assert counts() == before
    assert Vragenset.objects.current() == later
