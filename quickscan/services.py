"""The steps of the quick scan, each in one transaction: the programmacommissie's versions of
the set, a gemeente's scan from start to publication, and a respondent's answers.

Who may take a step is checked by the views (``permissions``); what a step allows is checked
here, so the admin, the site and the demo loader keep the same rules."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats.models import Voorwaarde

from .models import (
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

# --- The question set ------------------------------------------------------------------------


@transaction.atomic
def vragenset_start_concept(*, bron: Vragenset, titel: str, slug: str) -> Vragenset:
    """A new concept version that starts as a copy of ``bron`` and its statements."""
    concept = Vragenset(
        titel=titel,
        slug=slug,
        toelichting=bron.toelichting,
        is_voorbeeld=bron.is_voorbeeld,
        vorige=bron,
    )
    concept.full_clean()
    concept.save()
    for vraag in bron.vragen.order_by("pk"):
        Vraag.objects.create(
            vragenset=concept,
            voorwaarde_id=vraag.voorwaarde_id,
            niveau=vraag.niveau,
            stelling=vraag.stelling,
            toelichting=vraag.toelichting,
            volgorde=vraag.volgorde,
        )
    return concept


def vragenset_adopt(*, vragenset: Vragenset, on: datetime.date | None = None) -> Vragenset:
    """Adopt a concept: new scans use it, and the version they used until now is replaced
    (scans on it keep it). Every voorwaarde needs a statement, as results are per voorwaarde."""
    on = on or timezone.localdate()
    try:
        with transaction.atomic():
            list(Vragenset.objects.select_for_update().order_by("pk").values_list("pk"))
            vragenset = Vragenset.objects.get(pk=vragenset.pk)
            if not vragenset.is_concept:
                raise ValidationError(
                    _("“%(titel)s” is geen concept (meer) en kan niet worden vastgesteld.")
                    % {"titel": vragenset.titel}
                )
            covered = set(vragenset.vragen.values_list("voorwaarde", flat=True))
            missing = [v.naam for v in Voorwaarde.objects.all() if v.pk not in covered]
            if missing:
                raise ValidationError(
                    _("Geef eerst elke voorwaarde een stelling; nog zonder: %(namen)s.")
                    % {"namen": ", ".join(missing)}
                )
            Vragenset.objects.filter(status=SetStatus.VASTGESTELD).update(
                status=SetStatus.VERVANGEN
            )
            vragenset.status = SetStatus.VASTGESTELD
            vragenset.vastgesteld_on = on
            vragenset.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Er is zojuist een andere versie vastgesteld. Vernieuw de pagina en probeer opnieuw.")
        ) from error
    return vragenset


# --- A scan ----------------------------------------------------------------------------------


def scan_start(
    *,
    gemeente,
    periode_van: datetime.date,
    periode_tot: datetime.date,
    wijk: str = "",
    door=None,
    vragenset: Vragenset | None = None,
    is_voorbeeld: bool = False,
) -> Scan:
    """A new scan of ``gemeente`` (or a wijk in it) on the current version of the set."""
    vragenset = vragenset or Vragenset.objects.current()
    if vragenset is None or vragenset.is_concept:
        raise ValidationError(
            _(
                "Er is nog geen vastgestelde vragenset. Een scan starten kan zodra de "
                "programmacommissie er een heeft vastgesteld."
            )
        )
    scan = Scan(
        gemeente=gemeente,
        wijk=wijk.strip(),
        vragenset=vragenset,
        periode_van=periode_van,
        periode_tot=periode_tot,
        gestart_door=door,
        is_voorbeeld=is_voorbeeld,
    )
    scan.full_clean(exclude=["deelsleutel"])
    scan.save()
    return scan


def _check_open(scan: Scan) -> None:
    if not scan.is_open:
        raise ValidationError(_("Deze scan is gesloten: er kunnen geen antwoorden meer bij."))


def scan_sluiten(*, scan: Scan) -> Scan:
    """Close a scan: no answers are added any more, and the names and addresses of its
    respondents are cleared (who answered stays known by organisation)."""
    with transaction.atomic():
        scan = Scan.objects.select_for_update().get(pk=scan.pk)
        scan.status = ScanStatus.GESLOTEN
        scan.save(update_fields=["status"])
        scan.respondenten.update(naam="", email="")
    return scan


def scan_publiceren(*, scan: Scan, now: datetime.datetime | None = None) -> Scan:
    """The gemeente shows the results to everyone: on its page and in the overview of all
    gemeenten, never per respondent. Only a closed scan with enough respondents."""
    with transaction.atomic():
        scan = Scan.objects.select_for_update().get(pk=scan.pk)
        if scan.is_open:
            raise ValidationError(
                _("Sluit de scan eerst; daarna kun je de uitkomsten openbaar maken.")
            )
        if scan.respondenten.ingediend().count() < MIN_RESPONDENTEN_OPENBAAR:
            raise ValidationError(
                _(
                    "Openbaar maken kan vanaf %(aantal)d ingevulde scans, zodat geen uitkomst "
                    "het antwoord van één partner is."
                )
                % {"aantal": MIN_RESPONDENTEN_OPENBAAR}
            )
        scan.gepubliceerd_at = scan.gepubliceerd_at or now or timezone.now()
        scan.save(update_fields=["gepubliceerd_at"])
    return scan


def scan_depubliceren(*, scan: Scan) -> Scan:
    Scan.objects.filter(pk=scan.pk).update(gepubliceerd_at=None)
    scan.gepubliceerd_at = None
    return scan


# --- Respondents -----------------------------------------------------------------------------


@transaction.atomic
def respondent_add(
    *,
    scan: Scan,
    organisatie=None,
    organisatie_naam: str = "",
    naam: str = "",
    email: str = "",
    now: datetime.datetime | None = None,
) -> tuple[Respondent, str]:
    """A respondent of ``scan`` with a personal link; returns the respondent and the key of
    its link (kept only as a hash: whoever makes the link sends it). An address is invited
    once per scan."""
    _check_open(Scan.objects.get(pk=scan.pk))
    if organisatie is None and not organisatie_naam.strip():
        raise ValidationError(_("Kies de organisatie of vul de naam ervan in."))
    email = email.strip()
    if email and scan.respondenten.filter(email__iexact=email).exists():
        raise ValidationError(_("%(email)s is al uitgenodigd voor deze scan.") % {"email": email})
    respondent = Respondent(
        scan=scan,
        organisatie=organisatie,
        organisatie_naam="" if organisatie else organisatie_naam.strip(),
        naam=naam.strip(),
        email=email,
        uitgenodigd_at=now or timezone.now(),
    )
    sleutel = respondent.nieuwe_sleutel()
    respondent.full_clean(exclude=["sleutel_hash"])
    respondent.save()
    return respondent, sleutel


def _check_can_answer(respondent: Respondent) -> None:
    if respondent.ingediend_at is not None:
        raise ValidationError(
            _("Je hebt deze scan al ingevuld en verstuurd; je antwoorden veranderen niet meer.")
        )
    _check_open(respondent.scan)


@transaction.atomic
def antwoorden_opslaan(
    *,
    respondent: Respondent,
    voorwaarde: Voorwaarde,
    antwoorden: dict[int, int],
    opmerking: str = "",
    now: datetime.datetime | None = None,
) -> None:
    """Keep a respondent's answers to the statements of one voorwaarde (``{vraag pk:
    waarde}``; an unanswered statement may be left out) and their remark on it."""
    respondent = Respondent.objects.select_for_update().select_related("scan").get(pk=respondent.pk)
    _check_can_answer(respondent)
    vragen = set(
        respondent.scan.vragenset.vragen.filter(voorwaarde=voorwaarde).values_list("pk", flat=True)
    )
    if unknown := set(antwoorden) - vragen:
        raise ValidationError(
            _("Deze vragen horen niet bij deze stap: %(pks)s.") % {"pks": sorted(unknown)}
        )
    if any(waarde not in Waarde.values for waarde in antwoorden.values()):
        raise ValidationError(_("Kies bij elke stelling een antwoord van de schaal."))
    for vraag_id, waarde in antwoorden.items():
        Antwoord.objects.update_or_create(
            respondent=respondent, vraag_id=vraag_id, defaults={"waarde": waarde}
        )
    opmerking = opmerking.strip()
    if opmerking:
        Opmerking.objects.update_or_create(
            respondent=respondent, voorwaarde=voorwaarde, defaults={"tekst": opmerking}
        )
    else:
        Opmerking.objects.filter(respondent=respondent, voorwaarde=voorwaarde).delete()
    respondent.gewijzigd_at = now or timezone.now()
    respondent.save(update_fields=["gewijzigd_at"])


def nog_open(respondent: Respondent) -> int:
    """How many statements of the set the respondent has not answered yet."""
    return respondent.scan.vragenset.vragen.exclude(antwoorden__respondent=respondent).count()


@transaction.atomic
def respondent_indienen(
    *, respondent: Respondent, now: datetime.datetime | None = None
) -> Respondent:
    """Send the answers: from now on they count, and the link no longer opens them."""
    respondent = Respondent.objects.select_for_update().select_related("scan").get(pk=respondent.pk)
    _check_can_answer(respondent)
    if open_count := nog_open(respondent):
        raise ValidationError(
            _(
                "Nog %(aantal)d stelling(en) zonder antwoord. Kies bij elke stelling een "
                "antwoord; ‘Weet niet’ mag ook."
            )
            % {"aantal": open_count}
        )
    respondent.ingediend_at = now or timezone.now()
    respondent.save(update_fields=["ingediend_at"])
    return respondent


# --- Invitations -----------------------------------------------------------------------------
# The invitation email with a respondent's personal link (``notifications``), sent after the
# commit through the outbox.


def _notifications():
    from . import notifications

    return notifications


def _in_netwerk(organisatie, organisatie_naam: str):
    """A typed name that is the name of an organisation of the network counts as that
    organisation, so the scan records it once, by the network's name."""
    from werkplaats.models import Organisatie

    if organisatie is not None or not organisatie_naam.strip():
        return organisatie, organisatie_naam
    gevonden = Organisatie.objects.filter(naam__iexact=organisatie_naam.strip()).first()
    return (gevonden, "") if gevonden else (None, organisatie_naam)


def _al_uitgenodigd(scan: Scan, email: str) -> bool:
    return bool(email.strip()) and scan.respondenten.filter(email__iexact=email.strip()).exists()


def _respondent_met_link(
    scan: Scan,
    organisatie,
    organisatie_naam: str,
    naam: str,
    email: str,
    now: datetime.datetime | None,
    *,
    zelf_aangemeld: bool,
) -> tuple[Respondent, str]:
    """A respondent with a personal link (``respondent_add``), the link mailed to ``email``
    once the transaction commits; an address that already has a link is refused at the
    address, where it can be changed."""
    organisatie, organisatie_naam = _in_netwerk(organisatie, organisatie_naam)
    try:
        respondent, sleutel = respondent_add(
            scan=scan,
            organisatie=organisatie,
            organisatie_naam=organisatie_naam,
            naam=naam,
            email=email,
            now=now,
        )
    except ValidationError as error:
        if _al_uitgenodigd(scan, email):
            bericht = error.messages
            if zelf_aangemeld:
                bericht = _(
                    "Voor dit e-mailadres is al een persoonlijke link gemaakt. Zoek de e-mail "
                    "met die link, of laat het e-mailadres leeg."
                )
            raise ValidationError({"email": bericht}) from error
        raise
    if respondent.email:
        _notifications().uitnodiging_queue(respondent, sleutel, zelf_aangemeld=zelf_aangemeld)
    return respondent, sleutel


@transaction.atomic
def respondent_uitnodigen(
    *,
    scan: Scan,
    email: str,
    organisatie=None,
    organisatie_naam: str = "",
    naam: str = "",
    now: datetime.datetime | None = None,
) -> tuple[Respondent, str]:
    """The contactpersoon invites someone of a partner organisation: a respondent with a
    personal link, which goes to ``email`` once the transaction commits."""
    if not email.strip():
        raise ValidationError(_("Vul het e-mailadres in waar de uitnodiging naartoe gaat."))
    return _respondent_met_link(
        scan, organisatie, organisatie_naam, naam, email, now, zelf_aangemeld=False
    )


@transaction.atomic
def respondent_aanmelden(
    *,
    scan: Scan,
    organisatie=None,
    organisatie_naam: str = "",
    naam: str = "",
    email: str = "",
    now: datetime.datetime | None = None,
) -> tuple[Respondent, str]:
    """Someone who came in through the shared link joins: a respondent with a personal link,
    also sent to ``email`` when they gave one."""
    return _respondent_met_link(
        scan, organisatie, organisatie_naam, naam, email, now, zelf_aangemeld=True
    )


def respondent_opnieuw_uitnodigen(
    *, respondent: Respondent, now: datetime.datetime | None = None
) -> tuple[Respondent, str]:
    """Send an invited respondent who has not sent their answers a new personal link; the old
    link stops working (answers given so far stay)."""
    with transaction.atomic():
        respondent = (
            Respondent.objects.select_for_update(of=("self",))
            .select_related("scan__gemeente", "organisatie")
            .get(pk=respondent.pk)
        )
        _check_open(respondent.scan)
        if respondent.ingediend_at is not None:
            raise ValidationError(
                _("%(organisatie)s heeft de scan al verstuurd; een nieuwe link is niet nodig.")
                % {"organisatie": respondent.organisatie_label}
            )
        if not respondent.email:
            raise ValidationError(
                _(
                    "Van deze respondent is geen e-mailadres bekend; nodig opnieuw uit met een "
                    "adres."
                )
            )
        sleutel = respondent.nieuwe_sleutel()
        respondent.uitgenodigd_at = now or timezone.now()
        respondent.save(update_fields=["sleutel_hash", "uitgenodigd_at"])
        _notifications().uitnodiging_queue(respondent, sleutel)
    return respondent, sleutel
