from django import template

from werkplaats.i18n import nederlandse_tekst

from ..consent import TOESTEMMING_TEKST

register = template.Library()


@register.inclusion_tag("nieuwsbrief/includes/voettekst.html", takes_context=True)
def nieuwsbrief_voettekst(context):
    """The short subscription form in every page's footer (email address and consent; the
    other fields are on /nieuwsbrief/, where the footer's form also shows its errors). Not on
    pages rendered without a request (the 500 page) or on /nieuwsbrief/ itself."""
    request = context.get("request")
    return {
        "toon": request is not None and not context.get("zonder_nieuwsbrief_in_voettekst"),
        "csrf_token": context.get("csrf_token"),
        "pagina": _pagina(request),
        "toestemming": nederlandse_tekst(TOESTEMMING_TEKST),
    }


def _pagina(request) -> str:
    """The page for the consent record; a page behind an emailed link is named by its route,
    so that no record keeps the secret in the link."""
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    if match is not None and "token" in match.kwargs:
        return "/" + match.route
    return request.path
