"""Writes to publicaties that do more than save one row."""

from django.core.files.storage import default_storage
from django.db import transaction

from werkplaats.uploads import make_renditions

from .models import Publicatie, Status


def publicatie_make_cover_renditions(*, publicatie: Publicatie) -> list[dict]:
    """Cover renditions (400 and 800 px, WebP and JPEG, EXIF stripped), made once per upload."""
    for variant in publicatie.omslag_varianten:
        for name in (variant["webp"], variant["jpeg"]):
            default_storage.delete(name)
    variants = []
    if publicatie.omslag:
        base_name = f"publicaties/omslag/varianten/{publicatie.slug}"
        with publicatie.omslag.open("rb") as image:
            variants = make_renditions(image, base_name, default_storage)
    publicatie.omslag_varianten = variants
    Publicatie.objects.filter(pk=publicatie.pk).update(omslag_varianten=variants)
    return variants


@transaction.atomic
def publicaties_publish(*, publicaties) -> int:
    """Publish the given concept publicaties; returns how many changed."""
    return publicaties.filter(status=Status.CONCEPT).update(status=Status.GEPUBLICEERD)
