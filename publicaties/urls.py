from django.urls import path

from . import feeds, views
from .oai import views as oai

app_name = "publicaties"

urlpatterns = [
    path("publicaties/", views.PublicatieListView.as_view(), name="list"),
    path("publicaties/<slug:slug>/", views.PublicatieDetailView.as_view(), name="detail"),
    path("publicaties/<slug:slug>/citeer.bib", views.bibtex, name="bibtex"),
    path("publicaties/<slug:slug>/citeer.ris", views.ris, name="ris"),
    path("feeds/publicaties/", feeds.PublicatiesAtomFeed(), name="feed"),
    path("feeds/publicaties/rss/", feeds.PublicatiesRssFeed(), name="feed_rss"),
    path("oai", oai.endpoint, name="oai"),
]
