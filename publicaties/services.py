"""Writes to publicaties that do more than save one row."""

from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction

from werkplaats.uploads import make_renditions

from .models import Publicatie, Status


def publicatie_make_cover_renditions(*, publicatie: Publicatie) -> list[dict]:
    """Cover renditions (400 and 800 px, WebP and JPEG, metadata stripped), made once per
    upload. The uploaded original, with its EXIF (camera, place), is not kept: the largest
    clean JPEG takes its place."""
    old_variants = publicatie.omslag_varianten
    original = publicatie.omslag.name if publicatie.omslag else None
    variants = []
    if original:
        base_name = f"publicaties/omslag/varianten/{publicatie.slug}"
        with publicatie.omslag.open("rb") as image:
            variants = make_renditions(image, base_name, default_storage)
    cover = variants[-1]["jpeg"] if variants else ""
    Publicatie.objects.filter(pk=publicatie.pk).update(omslag_varianten=variants, omslag=cover)
    publicatie.omslag_varianten, publicatie.omslag.name = variants, cover
    stale = {name for variant in old_variants for name in (variant["webp"], variant["jpeg"])}
    if original:
        stale.add(original)
    for name in stale - {cover}:
        default_storage.delete(name)
    return variants


@transaction.atomic
def publicatie_save(*, publicatie: Publicatie, cover_changed: bool = False) -> Publicatie:
    """Save a publicatie; a new or replaced cover gets its renditions once the row is safely
    stored (the files are written after the commit). The admin saves through here."""
    publicatie.full_clean()
    publicatie.save()
    if cover_changed:
        transaction.on_commit(partial(publicatie_make_cover_renditions, publicatie=publicatie))
    return publicatie


@transaction.atomic
def publicaties_publish(*, publicaties) -> int:
    """Publish the given concept publicaties; returns how many changed."""
    return publicaties.filter(status=Status.CONCEPT).update(status=Status.GEPUBLICEERD)
