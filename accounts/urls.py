from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("mijn/koppelen/", views.koppeling_request, name="koppeling"),
]
