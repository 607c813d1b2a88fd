from django.urls import path

from . import views

app_name = "netwerk"

urlpatterns = [
    path("netwerk/", views.NetwerkView.as_view(), name="picture"),
    path("netwerk.json", views.netwerk_json, name="json"),
]
