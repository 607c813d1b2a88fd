from django.urls import path

from . import views_respondent, views_results, views_scan

app_name = "quickscan"

urlpatterns = [
    path("quickscan/", views_results.overzicht, name="overzicht"),
    path("quickscan/vragenset/<slug:slug>/", views_results.vragenset, name="vragenset"),
    path("quickscan/nieuw/", views_scan.starten, name="starten"),
    path("quickscan/<int:pk>/", views_scan.scan, name="scan"),
    path("quickscan/<int:pk>/sluiten/", views_scan.sluiten, name="sluiten"),
    path("quickscan/<int:pk>/publiceren/", views_scan.publiceren, name="publiceren"),
    path("quickscan/<int:pk>/resultaten/", views_results.resultaten, name="resultaten"),
    path("quickscan/<int:pk>/rapport/", views_results.rapport, name="rapport"),
    path("quickscan/deelnemen/<str:sleutel>/", views_respondent.deelnemen, name="deelnemen"),
    path("quickscan/invullen/<str:sleutel>/", views_respondent.invullen, name="invullen"),
    path(
        "quickscan/invullen/<str:sleutel>/<int:stap>/",
        views_respondent.invullen,
        name="invullen_stap",
    ),
]
