from django.urls import path

from werkplaats.http import allow_any_origin

from . import feeds, views
from .models import Soort
from .oai import views as oai

app_name = "publicaties"

urlpatterns = [
    path("publicaties/", views.PublicatieListView.as_view(), name="list"),
    path("publicaties/<slug:slug>/", views.PublicatieDetailView.as_view(), name="detail"),
    path("publicaties/<slug:slug>/citeer.bib", views.bibtex, name="bibtex"),
    path("publicaties/<slug:slug>/citeer.ris", views.ris, name="ris"),
    path("feeds/publicaties/", allow_any_origin(feeds.PublicatiesAtomFeed()), name="feed"),
    path("feeds/publicaties/rss/", allow_any_origin(feeds.PublicatiesRssFeed()), name="feed_rss"),
    path(
        "feeds/podcast/",
        allow_any_origin(feeds.PodcastFeed()),
        {"soort": Soort.PODCAST},
        name="podcast_feed",
    ),
    path(
        "feeds/kennisclips/",
        allow_any_origin(feeds.PodcastFeed()),
        {"soort": Soort.KENNISCLIP},
        name="kennisclips_feed",
    ),
    path("oai", oai.endpoint, name="oai"),
]
