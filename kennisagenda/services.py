"""The programmacommissie's steps on the kennisagenda; each records a public Besluit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .models import (
    Agendapunt,
    AgendaStatus,
    Besluit,
    BesluitSoort,
    Kennisagenda,
    Kwestie,
    KwestieStatus,
)


def _concept_agendas():
    return Kennisagenda.objects.filter(status=AgendaStatus.CONCEPT)


@transaction.atomic
def kennisagenda_start_concept(
    *,
    bron: Kennisagenda,
    titel: str,
    slug: str,
    periode_van: datetime.date | None = None,
    periode_tot: datetime.date | None = None,
    on: datetime.date | None = None,
    toelichting: str = "",
) -> Kennisagenda:
    """A new concept version that starts as a copy of ``bron`` (its active kwesties)."""
    concept = Kennisagenda(
        titel=titel,
        slug=slug,
        periode_van=periode_van,
        periode_tot=periode_tot,
        introductie=bron.introductie,
        vorige=bron,
        status=AgendaStatus.CONCEPT,
    )
    concept.full_clean()
    concept.save()
    punten = bron.punten.filter(kwestie__status=KwestieStatus.ACTIEF).select_related("kwestie")
    copies = [
        Agendapunt(
            agenda=concept,
            kwestie=punt.kwestie,
            volgorde=punt.volgorde,
            toelichting=punt.toelichting,
        )
        for punt in punten
    ]
    bulk_create_with_history(copies, Agendapunt)
    Besluit.objects.create(
        soort=BesluitSoort.NIEUWE_VERSIE,
        agenda=concept,
        genomen_on=on or timezone.localdate(),
        toelichting=toelichting,
    )
    return concept


def _check_active(kwestie):
    if kwestie.status != KwestieStatus.ACTIEF:
        raise ValidationError(
            _("%(kwestie)s is al %(status)s.")
            % {"kwestie": kwestie.naam, "status": kwestie.get_status_display().lower()}
        )


@transaction.atomic
def kwestie_merge(
    *, kwestie: Kwestie, into: Kwestie, on: datetime.date | None = None, toelichting: str = ""
) -> Besluit:
    """Merge ``kwestie`` into ``into``: its status and link change; it keeps its leeratelier
    and stays in the versions it was part of. Concept versions carry ``into`` instead."""
    if kwestie.pk == into.pk:
        raise ValidationError(_("Een kwestie kan niet in zichzelf opgaan."))
    # Lock both rows in a fixed order: A into B and B into A at once cannot both succeed.
    locked = Kwestie.objects.select_for_update().filter(pk__in=[kwestie.pk, into.pk]).order_by("pk")
    rows = {row.pk: row for row in locked}
    kwestie, into = rows[kwestie.pk], rows[into.pk]
    _check_active(kwestie)
    _check_active(into)
    kwestie.status = KwestieStatus.SAMENGEVOEGD
    kwestie.samengevoegd_in = into
    kwestie.full_clean()
    kwestie.save()
    for punt in Agendapunt.objects.filter(agenda__in=_concept_agendas(), kwestie=kwestie):
        if punt.agenda.punten.filter(kwestie=into).exists():
            punt.delete()
        else:
            punt.kwestie = into
            punt.save()
    return Besluit.objects.create(
        soort=BesluitSoort.SAMENGEVOEGD,
        kwestie=kwestie,
        doel=into,
        genomen_on=on or timezone.localdate(),
        toelichting=toelichting,
    )


@transaction.atomic
def kwestie_lapse(
    *, kwestie: Kwestie, on: datetime.date | None = None, toelichting: str = ""
) -> Besluit:
    """The kwestie lapses: it leaves the concept versions, adopted versions keep it."""
    kwestie = Kwestie.objects.select_for_update().get(pk=kwestie.pk)
    _check_active(kwestie)
    kwestie.status = KwestieStatus.VERVALLEN
    kwestie.full_clean()
    kwestie.save()
    Agendapunt.objects.filter(agenda__in=_concept_agendas(), kwestie=kwestie).delete()
    return Besluit.objects.create(
        soort=BesluitSoort.VERVALLEN,
        kwestie=kwestie,
        genomen_on=on or timezone.localdate(),
        toelichting=toelichting,
    )


def kennisagenda_adopt(
    *, agenda: Kennisagenda, on: datetime.date | None = None, toelichting: str = ""
) -> Kennisagenda:
    """Adopt a concept: it becomes the current agenda and the previous one is archived.

    Adoptions are serialised by locking the agenda rows; the database's partial unique
    constraint is the last guard that only one version is ever current.
    """
    on = on or timezone.localdate()
    try:
        with transaction.atomic():
            list(Kennisagenda.objects.select_for_update().order_by("pk").values_list("pk"))
            agenda = Kennisagenda.objects.get(pk=agenda.pk)
            if agenda.status != AgendaStatus.CONCEPT:
                raise ValidationError(
                    _("%(titel)s is geen concept (meer) en kan niet worden vastgesteld.")
                    % {"titel": agenda.titel}
                )
            for previous in Kennisagenda.objects.filter(status=AgendaStatus.VASTGESTELD):
                previous.status = AgendaStatus.GEARCHIVEERD
                if previous.periode_tot is None:
                    previous.periode_tot = max(
                        on - datetime.timedelta(days=1), previous.periode_van or on
                    )
                previous.save()
            agenda.status = AgendaStatus.VASTGESTELD
            agenda.vastgesteld_on = on
            agenda.periode_van = agenda.periode_van or on
            agenda.full_clean()
            agenda.save()
            Besluit.objects.create(
                soort=BesluitSoort.VASTGESTELD,
                agenda=agenda,
                genomen_on=on,
                toelichting=toelichting,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Er is zojuist een andere versie vastgesteld. Vernieuw de pagina en probeer opnieuw.")
        ) from error
    return agenda
