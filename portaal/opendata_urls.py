"""/open-data/: the page, the downloads and the DCAT catalogue. Scripts on any site may read
the files (they hold only what the public pages show)."""

from django.urls import path

from werkplaats.http import allow_any_origin

from . import opendata_views as views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.open_data, name="index"),
    path("open-data/catalogus.jsonld", allow_any_origin(views.catalogue), name="catalogue"),
    path("open-data/<slug:naam>.csv", allow_any_origin(views.download_csv), name="csv"),
    path("open-data/<slug:naam>.json", allow_any_origin(views.download_json), name="json"),
]
