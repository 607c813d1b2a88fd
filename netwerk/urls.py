from django.urls import path

from werkplaats.http import allow_any_origin

from . import views

app_name = "netwerk"

urlpatterns = [
    path("netwerk/", views.NetwerkView.as_view(), name="picture"),
    path("netwerk.json", allow_any_origin(views.netwerk_json), name="json"),
]
