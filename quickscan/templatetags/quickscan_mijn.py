"""The quick scan block of /mijn/: for a gemeente's contactpersoon, the gemeente's scans and
a link to start one."""

from django import template

from ..models import Scan
from ..permissions import gemeenten_run_by

register = template.Library()


@register.inclusion_tag("quickscan/scan_mijn.html", takes_context=True)
def quickscan_mijn(context):
    """Nothing for someone who runs no gemeente's scans (one query to know that)."""
    user = context.get("user")
    gemeenten = list(gemeenten_run_by(user)) if user is not None else []
    if not gemeenten:
        return {"toon": False}
    scans = list(Scan.objects.of_gemeenten(gemeenten).for_list())
    return {"toon": True, "gemeenten": gemeenten, "scans": scans}
