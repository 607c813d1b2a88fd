"""Writes to publicaties that do more than save one row."""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplaats import video
from werkplaats.uploads import replace_with_renditions, validate_image

from .models import Grafsteen, Publicatie, Status

logger = logging.getLogger(__name__)


def publicatie_make_cover_renditions(*, publicatie: Publicatie) -> list[dict]:
    """Cover renditions (400 and 800 px, WebP and JPEG, metadata stripped), made once per
    upload; the original is not kept (``replace_with_renditions``)."""
    return replace_with_renditions(
        publicatie,
        "omslag",
        "omslag_varianten",
        lambda _original: f"publicaties/omslag/varianten/{publicatie.slug}",
    )


def _bury(publicaties) -> None:
    """Leave a grafsteen for each of ``publicaties`` that is public now (before it goes)."""
    now = timezone.now()
    for publicatie in publicaties.published().prefetch_related("leerateliers"):
        Grafsteen.objects.update_or_create(
            publicatie_id=publicatie.pk,
            defaults={"titel": publicatie.titel, "sets": publicatie.oai_sets, "verwijderd_at": now},
        )


def _touch_parts(wholes) -> None:
    """The records of the parts of ``wholes`` name their whole: harvesters asking what changed
    since a moment must see them again when a whole changes or comes and goes."""
    Publicatie.objects.filter(deel_van__in=wholes).update(gewijzigd_at=timezone.now())


@transaction.atomic
def publicatie_save(*, publicatie: Publicatie, cover_changed: bool = False) -> Publicatie:
    """Save a publicatie; a new or replaced cover gets its renditions once the row is safely
    stored (the files are written after the commit). The admin saves through here. Taking a
    public publicatie back to concept leaves a grafsteen for harvesters; publishing it (again)
    removes the grafsteen."""
    publicatie.full_clean()
    if publicatie.pk and publicatie.status != Status.GEPUBLICEERD:
        _bury(Publicatie.objects.filter(pk=publicatie.pk))
    publicatie.save()
    if publicatie.status == Status.GEPUBLICEERD:
        Grafsteen.objects.filter(publicatie_id=publicatie.pk).delete()
    _touch_parts([publicatie.pk])
    if cover_changed:
        transaction.on_commit(partial(publicatie_make_cover_renditions, publicatie=publicatie))
    return publicatie


@transaction.atomic
def publicaties_publish(*, publicaties) -> tuple[int, list[Publicatie]]:
    """Publish the given concept publicaties that may be public (audio and video only with a
    transcript, see ``Publicatie.publish_blockers``); returns how many changed and the ones
    held back."""
    ready, held_back = [], []
    for publicatie in publicaties.filter(status=Status.CONCEPT).prefetch_related("links"):
        publicatie.status = Status.GEPUBLICEERD
        if publicatie.publish_blockers():
            held_back.append(publicatie)
        else:
            ready.append(publicatie.pk)
    Grafsteen.objects.filter(publicatie_id__in=ready).delete()
    count = Publicatie.objects.filter(pk__in=ready).update(
        status=Status.GEPUBLICEERD, gewijzigd_at=timezone.now()
    )
    _touch_parts(ready)
    return count, held_back


@transaction.atomic
def publicaties_unpublish(*, publicaties) -> int:
    """Take the given public publicaties back to concept, each leaving a grafsteen (harvesters
    learn they are gone); returns how many changed."""
    _bury(publicaties)
    public = list(publicaties.filter(status=Status.GEPUBLICEERD).values_list("pk", flat=True))
    _touch_parts(public)
    return Publicatie.objects.filter(pk__in=public).update(
        status=Status.CONCEPT, gewijzigd_at=timezone.now()
    )


@transaction.atomic
def publicaties_delete(*, publicaties) -> int:
    """Delete the given publicaties; those that were public leave a grafsteen."""
    _bury(publicaties)
    _, per_model = publicaties.delete()
    return per_model.get(Publicatie._meta.label, 0)


def publicatie_fetch_video_still_later(*, publicatie: Publicatie) -> None:
    """After the commit, fetch a still of the publicatie's YouTube or Vimeo video in the
    background when it has no omslag (see ``publicatie_fetch_video_still``)."""
    if not settings.FETCH_VIDEO_STILLS or publicatie.omslag or publicatie.externe_video is None:
        return
    from . import tasks

    transaction.on_commit(partial(tasks.fetch_video_still.enqueue, publicatie.pk))


def publicatie_fetch_video_still(*, publicatie_id: int) -> bool:
    """Store a still of the publicatie's YouTube or Vimeo video as its omslag, so its page
    shows the video without a single request to the video site until the visitor presses
    play. Nothing happens when it has an omslag already; False when nothing was stored."""
    publicatie = Publicatie.objects.prefetch_related("links").filter(pk=publicatie_id).first()
    external = publicatie.externe_video if publicatie else None
    if external is None or publicatie.omslag:
        return False
    try:
        still = ContentFile(video.fetch_still(external), name=f"{publicatie.slug}-video.jpg")
        validate_image(still)
    except (OSError, ValueError, ValidationError) as error:
        logger.warning("No still for publicatie %s from %s: %s", publicatie.pk, external, error)
        return False
    publicatie.omslag.save(still.name, still, save=False)
    publicatie.omslag_alt = _("Beeld uit de video “%(titel)s”") % {"titel": publicatie.titel}
    publicatie.save(update_fields=["omslag", "omslag_alt", "gewijzigd_at"])
    publicatie_make_cover_renditions(publicatie=publicatie)
    return True
