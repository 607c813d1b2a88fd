from django import template
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat

from werkplaats.search import highlight as highlight_fragment

register = template.Library()


@register.filter
def highlight(fragment, query):
    """``{{ publicatie.fragment|highlight:query }}``: a snippet with the matches marked."""
    return highlight_fragment(fragment, query)


@register.inclusion_tag("publicaties/includes/omslag.html")
def omslag(publicatie, sizes="(min-width: 48rem) 400px, 100vw"):
    """The cover as <picture>: WebP and JPEG in every width, with width and height set."""
    variants = publicatie.omslag_varianten or []
    return {
        "publicatie": publicatie,
        "sizes": sizes,
        "largest": variants[-1] if variants else None,
        "webp": ", ".join(f"{default_storage.url(v['webp'])} {v['width']}w" for v in variants),
        "jpeg": ", ".join(f"{default_storage.url(v['jpeg'])} {v['width']}w" for v in variants),
        "fallback": default_storage.url(variants[0]["jpeg"]) if variants else "",
    }


@register.filter
def file_size(size):
    """Bytes in Dutch notation, e.g. 1,2 MB."""
    return filesizeformat(size) if size else ""
