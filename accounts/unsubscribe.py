"""One-click unsubscribe from the emails of one leeratelier (the link in every email)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Abonnement, Frequentie
from .notifications import read_unsubscribe_token
from .services import abonnement_set

TEMPLATE = "accounts/unsubscribe.html"


# Mail clients post here without a CSRF token (RFC 8058 one-click); the signed token in the
# URL is what authorises the change, so no login is needed either.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows what the link does and changes nothing; POST stops the emails."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, TEMPLATE, {"ongeldig": True}, status=404)
    user, leeratelier = found
    if request.method == "POST":
        abonnement_set(user=user, leeratelier=leeratelier, frequentie=Frequentie.NOOIT)
        return render(request, TEMPLATE, {"leeratelier": leeratelier, "afgemeld": True})
    al_afgemeld = Abonnement.objects.filter(
        user=user, leeratelier=leeratelier, frequentie=Frequentie.NOOIT
    ).exists()
    return render(request, TEMPLATE, {"leeratelier": leeratelier, "al_afgemeld": al_afgemeld})
