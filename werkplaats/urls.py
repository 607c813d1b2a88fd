from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from werkplaats.i18n import kies_taal

admin.site.site_header = _("Werkplaats Sociaal Domein — beheer")
admin.site.site_title = _("Werkplaats beheer")
admin.site.index_title = _("Inhoud van het portaal")
# Signing in to the admin goes through the site's own login, with its rate limits.
admin.site.login = secure_admin_login(admin.site.login)

# Each app's paths, floor by floor; none overlaps another, and the paths never change (links,
# feeds and harvesters depend on them).
handler400 = "werkplaats.views.bad_request"
handler500 = "werkplaats.views.server_error"

# The admin and the API are in Dutch only; every other address is Dutch as it is and English
# under /en/ (werkplaats/i18n.py).
urlpatterns = [
    path("beheer/", admin.site.urls),
    path("api/v1/", include(("portaal.openapi", "api"))),
    path("taal/<slug:taal>/", kies_taal, name="taal"),
    *i18n_patterns(
        path("", include("werkplaats.routes")),
        path("", include("accounts.urls")),
        path("", include("leerateliers.urls")),
        path("", include("publicaties.urls")),
        path("", include("kennisagenda.urls")),
        path("", include("bijeenkomsten.urls")),
        path("", include("netwerk.urls")),
        path("", include("nieuwsbrief.urls")),
        path("", include("reacties.urls")),
        path("", include("landelijk.urls")),
        path("", include("onderwijs.urls")),
        path("", include("quickscan.urls")),
        path("", include("portaal.urls")),
        path("", include("portaal.opendata_urls")),
        path("accounts/", include("allauth.urls")),
        prefix_default_language=False,
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
