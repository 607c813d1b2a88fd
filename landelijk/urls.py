"""/werkgroepen/: the landelijke werkgroepen (their paths never change: links depend on them)."""

from django.urls import path

from . import views

app_name = "landelijk"

urlpatterns = [
    path("werkgroepen/", views.WerkgroepListView.as_view(), name="werkgroep_list"),
    path("werkgroepen/<slug:slug>/", views.WerkgroepDetailView.as_view(), name="werkgroep_detail"),
]
