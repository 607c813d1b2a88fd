from django.urls import path

from . import unsubscribe, views

app_name = "accounts"

urlpatterns = [
    path("mijn/", views.dashboard, name="dashboard"),
    path("mijn/koppelen/", views.koppeling_request, name="koppeling"),
    path(
        "mijn/organisaties/<slug:organisatie>/<slug:leeratelier>/<str:actie>/",
        views.deelname_change,
        name="deelname",
    ),
    path("mijn/volgen/<slug:slug>/", views.follow, name="follow"),
    path("mijn/meldingen/", views.preferences, name="preferences"),
    path("mijn/gegevens/", views.personal_data, name="personal_data"),
    path("mijn/verwijderen/", views.account_delete, name="delete"),
    path("mijn/afmelden/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
