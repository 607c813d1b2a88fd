"""/nieuwsbrief/: subscribing (double opt-in), confirming and withdrawing, and the archive."""

from django.urls import path

from werkplaats.http import allow_any_origin

from . import feeds, views

app_name = "nieuwsbrief"

urlpatterns = [
    path("nieuwsbrief/", views.index, name="index"),
    path("nieuwsbrief/inschrijven/mijn/", views.mijn_inschrijving, name="mijn"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.bevestigen, name="bevestigen"),
    path("nieuwsbrief/afmelden/<str:token>/", views.afmelden, name="afmelden"),
    path("nieuwsbrief/feed/", allow_any_origin(feeds.EditieFeed()), name="feed"),
    path("nieuwsbrief/<slug:slug>/", views.editie, name="editie"),
]
