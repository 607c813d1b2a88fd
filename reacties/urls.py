from django.urls import path

from . import views

app_name = "reacties"

LEERATELIER = "leerateliers/<slug:leeratelier_slug>/"
PRAKTIJK = "leerateliers/<slug:leeratelier_slug>/praktijken/<slug:slug>/"
PUBLICATIE = "publicaties/<slug:slug>/"

urlpatterns = [
    path(f"{LEERATELIER}reageren/", views.reageren, {"kind": "leeratelier"}, name="leeratelier"),
    path(
        f"{LEERATELIER}reageren/bedankt/",
        views.bedankt,
        {"kind": "leeratelier"},
        name="leeratelier_bedankt",
    ),
    path(f"{PRAKTIJK}reageren/", views.reageren, {"kind": "praktijk"}, name="praktijk"),
    path(
        f"{PRAKTIJK}reageren/bedankt/", views.bedankt, {"kind": "praktijk"}, name="praktijk_bedankt"
    ),
    path(f"{PUBLICATIE}reageren/", views.reageren, {"kind": "publicatie"}, name="publicatie"),
    path(
        f"{PUBLICATIE}reageren/bedankt/",
        views.bedankt,
        {"kind": "publicatie"},
        name="publicatie_bedankt",
    ),
    path("mijn/reacties/", views.lijst, name="lijst"),
    path("mijn/reacties/<int:pk>/status/", views.status, name="status"),
]
