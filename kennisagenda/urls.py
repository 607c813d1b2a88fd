from django.urls import path

from . import views

app_name = "kennisagenda"

urlpatterns = [
    path("kennisagenda/", views.current, name="current"),
    path("kennisagenda/geschiedenis/", views.history, name="history"),
    path("kennisagenda/<slug:slug>/", views.version, name="version"),
]
