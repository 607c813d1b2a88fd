"""Small builders for the editions' tests: subscribers and editions, made directly."""

from django.utils import timezone

from nieuwsbrief.models import Editie, Inschrijving, Item, ItemSoort


def abonnee(email, *, bevestigd=True, afgemeld=False, leerateliers=(), user=None):
    """A subscription as the subscribing pages leave it: confirmed (or not), maybe withdrawn."""
    now = timezone.now()
    inschrijving = Inschrijving.objects.create(
        email=email,
        user=user,
        toestemming_pagina="/nieuwsbrief/",
        toestemming_tekst="Ja, stuur de nieuwsbrief.",
        toestemming_versie=1,
        privacy_versie=1,
        bevestigd_at=now if bevestigd else None,
        afgemeld_at=now if afgemeld else None,
    )
    inschrijving.leerateliers.set(leerateliers)
    return inschrijving


def editie(titel="Nieuwsbrief december", *, voorwoord="Beste lezer, *welkom*.", items=(), **fields):
    """A concept edition; ``fields`` may hold the segment (``aan_alle_abonnees``) and the
    m2m segments as lists (``tribune_van=[leeratelier]``)."""
    m2m = {
        name: fields.pop(name, [])
        for name in ("interesse_in", "tribune_van", "arena_van", "volgers_van")
    }
    slug = fields.pop("slug", None) or titel.lower().replace(" ", "-")
    made = Editie.objects.create(titel=titel, slug=slug, voorwoord=voorwoord, **fields)
    for name, values in m2m.items():
        getattr(made, name).set(values)
    for volgorde, (titel_item, tekst) in enumerate(items, start=1):
        Item.objects.create(
            editie=made, volgorde=volgorde, soort=ItemSoort.VRIJ, titel=titel_item, tekst=tekst
        )
    return made
