from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat

from werkplaats.media import format_duration
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


@register.inclusion_tag("publicaties/includes/media.html")
def media(publicatie):
    """The player of an uploaded audio or video file, or the click-to-load placeholder of a
    YouTube or Vimeo video with the locally stored still (the omslag) as its picture."""
    variants = publicatie.omslag_varianten or []
    largest = variants[-1] if variants else None
    return {
        "publicatie": publicatie,
        "video": publicatie.externe_video if publicatie.speler == "extern" else None,
        # Captions from another origin (uploads in S3, say) load only with CORS.
        "cross_origin": "//" in settings.MEDIA_URL,
        "poster": default_storage.url(largest["jpeg"]) if largest else "",
        "poster_width": largest["width"] if largest else None,
        "poster_height": largest["height"] if largest else None,
    }


@register.filter
def duration(seconds):
    """Seconds as people say it: 12 min 5 s."""
    return format_duration(seconds) if seconds else ""


@register.filter
def file_size(size):
    """Bytes in Dutch notation, e.g. 1,2 MB."""
    return filesizeformat(size) if size else ""
