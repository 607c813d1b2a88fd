from django.urls import path

from werkplaats.http import allow_any_origin

from . import feeds, views

app_name = "leerateliers"

urlpatterns = [
    path("leerateliers/", views.LeeratelierListView.as_view(), name="list"),
    path(
        "leerateliers/<slug:leeratelier_slug>/praktijken/<slug:slug>/",
        views.PraktijkDetailView.as_view(),
        name="praktijk_detail",
    ),
    path(
        "leerateliers/<slug:leeratelier_slug>/updates/<int:pk>/",
        views.UpdateDetailView.as_view(),
        name="update_detail",
    ),
    path(
        "leerateliers/<slug:leeratelier_slug>/updates/nieuw/",
        views.update_edit,
        name="update_create",
    ),
    path(
        "leerateliers/<slug:leeratelier_slug>/updates/<int:pk>/bewerken/",
        views.update_edit,
        name="update_edit",
    ),
    path(
        "feeds/leerateliers/<slug:slug>/",
        allow_any_origin(feeds.LeeratelierUpdatesFeed()),
        name="feed",
    ),
    path(
        "mijn/organisaties/<slug:organisatie>/<slug:leeratelier>/<str:actie>/",
        views.deelname_change,
        name="deelname",
    ),
    path("mijn/leerateliers/<slug:slug>/", views.atelier_beheer, name="atelier_beheer"),
    path(
        "mijn/leerateliers/<slug:slug>/praktijken/nieuw/",
        views.praktijk_edit,
        name="praktijk_create",
    ),
    path(
        "mijn/leerateliers/<slug:slug>/praktijken/<int:pk>/bewerken/",
        views.praktijk_edit,
        name="praktijk_edit",
    ),
    path("mijn/leerateliers/<slug:slug>/lessen/nieuw/", views.les_edit, name="les_create"),
    path(
        "mijn/leerateliers/<slug:slug>/lessen/<int:pk>/bewerken/",
        views.les_edit,
        name="les_edit",
    ),
    path("mijn/leesbaarheid/", views.leesbaarheid, name="leesbaarheid"),
    path("mijn/volgen/<slug:slug>/", views.follow, name="follow"),
    path("mijn/meldingen/", views.preferences, name="preferences"),
    path("mijn/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
