from django.urls import path

from werkplaats.http import allow_any_origin

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("bijeenkomsten/", views.BijeenkomstListView.as_view(), name="list"),
    path("bijeenkomsten/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("bijeenkomsten/afmelden/<str:token>/", views.cancel, name="cancel"),
    path("bijeenkomsten/<slug:slug>/", views.bijeenkomst_detail, name="detail"),
    path("bijeenkomsten/<slug:slug>/agenda.ics", views.bijeenkomst_ics, name="ics"),
    path("feeds/bijeenkomsten.ics", allow_any_origin(views.feed), name="feed"),
    path(
        "feeds/leerateliers/<slug:slug>/bijeenkomsten.ics",
        allow_any_origin(views.leeratelier_feed),
        name="leeratelier_feed",
    ),
]
