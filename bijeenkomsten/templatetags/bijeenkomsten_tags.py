from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijeenkomsten.notifications import cancel_path

register = template.Library()


@register.filter
def wanneer(bijeenkomst):
    """``donderdag 14 april 2022, 13:00–17:00`` in the portal's time zone; both dates in full
    when it ends on another day."""
    start = timezone.localtime(bijeenkomst.start_at)
    end = timezone.localtime(bijeenkomst.end_at)
    if start.date() == end.date():
        return _("%(dag)s, %(van)s–%(tot)s uur") % {
            "dag": date_format(start, "l j F Y"),
            "van": date_format(start, "H:i"),
            "tot": date_format(end, "H:i"),
        }
    return _("%(van)s tot %(tot)s") % {
        "van": date_format(start, "l j F Y, H:i"),
        "tot": date_format(end, "l j F Y, H:i"),
    }


@register.filter
def plaats(bijeenkomst):
    """Where, in one line: the place and address, and/or that it is online."""
    parts = [part for part in (bijeenkomst.locatie, bijeenkomst.adres) if part]
    if bijeenkomst.online_link:
        parts.append(_("online") if parts else _("Online"))
    return ", ".join(parts)


@register.filter
def afmeld_url(aanmelding):
    """The page where this registration is cancelled (the same link as in its emails)."""
    return cancel_path(aanmelding)
