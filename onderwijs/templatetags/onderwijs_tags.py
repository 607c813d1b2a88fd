from django import template
from django.core.files.storage import default_storage

register = template.Library()


@register.inclusion_tag("onderwijs/includes/afbeelding.html")
def afbeelding(werk, sizes="(min-width: 48rem) 22rem, 100vw"):
    """A student's image as <picture>: WebP and JPEG in every width, width and height set,
    with the alt text the programmacommissie wrote."""
    variants = werk.afbeelding_varianten or []
    return {
        "werk": werk,
        "sizes": sizes,
        "largest": variants[-1] if variants else None,
        "webp": ", ".join(f"{default_storage.url(v['webp'])} {v['width']}w" for v in variants),
        "jpeg": ", ".join(f"{default_storage.url(v['jpeg'])} {v['width']}w" for v in variants),
        "fallback": default_storage.url(variants[0]["jpeg"]) if variants else "",
    }
