"""Writes to onderwijs that do more than save one row: the leerateliers of an activity's
praktijken, the images of student work (clean renditions, no camera or place data), publishing
only with consent, and erasing student work when consent is withdrawn or never came."""

import datetime
from functools import partial
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from werkplaats.admin_tools import forget_in_admin_log
from werkplaats.uploads import replace_with_renditions

from .models import Onderwijsactiviteit, Status, Studentwerk

# A concept whose consent never came is not kept for ever: its student's name goes with it.
BEWAARTERMIJN_ZONDER_TOESTEMMING = datetime.timedelta(days=365)


def onderwijsactiviteit_complete_leerateliers(*, activiteit: Onderwijsactiviteit) -> None:
    """Add the leeratelier of each of its praktijken to its leerateliers (after the admin
    saved both), so that the activity shows on the leeratelier's side too."""
    missing = (
        activiteit.praktijken.exclude(leeratelier__in=activiteit.leerateliers.all())
        .values_list("leeratelier", flat=True)
        .distinct()
    )
    activiteit.leerateliers.add(*missing)


def studentwerk_make_renditions(*, werk: Studentwerk) -> list[dict]:
    """WebP and JPEG renditions (400 and 800 px) of an uploaded image, without metadata; the
    original is not kept (``replace_with_renditions``). The files stay in the image's
    unguessable folder."""

    def base_name(original):
        path = PurePosixPath(original)
        return str(path.parent / f"{path.stem}-schoon")

    return replace_with_renditions(werk, "afbeelding", "afbeelding_varianten", base_name)


@transaction.atomic
def studentwerk_save(*, werk: Studentwerk, image_changed: bool = False) -> Studentwerk:
    """Save student work, checked as the database would (published only with consent); a new
    or replaced image gets its clean renditions once the row is safely stored."""
    werk.full_clean()
    werk.save()
    if image_changed:
        transaction.on_commit(partial(studentwerk_make_renditions, werk=werk))
    return werk


def studentwerk_publish(*, werken) -> tuple[int, list[Studentwerk]]:
    """Publish the given concepts whose consent is recorded; returns how many changed and
    the ones held back for want of consent."""
    concepts = werken.filter(status=Status.CONCEPT)
    held_back = list(concepts.exclude(pk__in=concepts.met_toestemming().values("pk")))
    count = concepts.met_toestemming().update(status=Status.GEPUBLICEERD)
    return count, held_back


def studentwerk_unpublish(*, werken) -> int:
    return werken.filter(status=Status.GEPUBLICEERD).update(status=Status.CONCEPT)


def _files_of(werk: Studentwerk) -> set[str]:
    names = {werk.afbeelding.name, werk.bestand.name}
    for variant in werk.afbeelding_varianten or []:
        names.update((variant["webp"], variant["jpeg"]))
    return {name for name in names if name}


def _delete_files(names: set[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def studentwerk_erase(*, werken) -> int:
    """Erase student work for good: the rows with the student's name and consent, their
    image (every rendition) and file, and the admin log's record of whom it was about. Used
    when a student withdraws consent, and for concepts whose consent never came."""
    rows = list(werken)
    if not rows:
        return 0
    files = set().union(*(_files_of(werk) for werk in rows))
    pks = [werk.pk for werk in rows]
    forget_in_admin_log(Studentwerk, pks)
    Studentwerk.objects.filter(pk__in=pks).delete()
    transaction.on_commit(partial(_delete_files, files))
    return len(pks)


def studentwerk_vergeten(*, now: datetime.datetime | None = None) -> int:
    """Erase concepts added more than a year ago whose consent was never recorded
    (``manage.py forget_studentwerk``, run daily): their student's name is not kept."""
    cutoff = (now or timezone.now()) - BEWAARTERMIJN_ZONDER_TOESTEMMING
    stale = Studentwerk.objects.filter(status=Status.CONCEPT, aangemaakt_at__lt=cutoff).exclude(
        pk__in=Studentwerk.objects.met_toestemming().values("pk")
    )
    return studentwerk_erase(werken=stale)
