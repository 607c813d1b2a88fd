from django.urls import path

from . import views

app_name = "onderwijs"

urlpatterns = [
    path("onderwijs/", views.OnderwijsView.as_view(), name="index"),
    path("onderwijs/<slug:slug>/", views.OnderwijsactiviteitDetailView.as_view(), name="detail"),
    path("de-4-os/", views.os_list, name="os"),
    path("de-4-os/<slug:slug>/", views.o_detail, name="o_detail"),
]
