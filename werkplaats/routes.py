"""The project's own endpoints; the pages live in the apps (see werkplaats/urls.py)."""

from django.urls import path

from . import views

app_name = "werkplaats"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("beveiliging/", views.beveiliging, name="beveiliging"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/<int:versie>/", views.privacy, name="privacy_versie"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("colofon/", views.colofon, name="colofon"),
    path("cookies/", views.cookies, name="cookies"),
]
