"""Pages that compose several apps (their paths never change: links and feeds depend on them)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views, werkplaatsen
from .sitemaps import all_sitemaps

app_name = "portaal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sociale-kwaliteit/", views.VoorwaardeListView.as_view(), name="voorwaarde_list"),
    path(
        "sociale-kwaliteit/<slug:slug>/",
        views.VoorwaardeDetailView.as_view(),
        name="voorwaarde_detail",
    ),
    path("themas/", views.ThemaListView.as_view(), name="thema_list"),
    path("themas/<slug:slug>/", views.ThemaDetailView.as_view(), name="thema_detail"),
    path("gemeenten/", views.GemeenteListView.as_view(), name="gemeente_list"),
    path("gemeenten/<slug:slug>/", views.GemeenteDetailView.as_view(), name="gemeente_detail"),
    path("partners/", views.OrganisatieListView.as_view(), name="organisatie_list"),
    path("partners/<slug:slug>/", views.OrganisatieDetailView.as_view(), name="organisatie_detail"),
    path("werkplaatsen/", werkplaatsen.WerkplaatsListView.as_view(), name="werkplaats_list"),
    path(
        "werkplaatsen/<slug:slug>/",
        werkplaatsen.WerkplaatsDetailView.as_view(),
        name="werkplaats_detail",
    ),
    path("personen/", views.PersoonListView.as_view(), name="persoon_list"),
    path("personen/<slug:slug>/", views.PersoonDetailView.as_view(), name="persoon_detail"),
    path(
        "leerateliers/<slug:slug>/",
        views.LeeratelierDetailView.as_view(),
        name="leeratelier_detail",
    ),
    path("zoeken/", views.SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
    path("contact/", views.contact, name="contact"),
    path("api/", views.api_docs, name="api_docs"),
    path("mijn/", views.dashboard, name="dashboard"),
    path("mijn/gegevens/", views.personal_data, name="personal_data"),
    path("mijn/verwijderen/", views.account_delete, name="delete"),
]
