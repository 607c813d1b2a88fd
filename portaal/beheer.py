"""The admin site of the portal: Django's admin, opening on the programmacommissie's
workbench. The front page shows what waits for the signed-in member (``te_doen``) and what
colleagues changed lately (``gebeurd``); two pages of its own hold the whole history with a
filter per app and the network in figures (charts, their tables and a CSV of each).

What counts and what is shown lives in portaal/werkbank.py; this module only answers."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from werkplaats.admin_tools import csv_download

from . import cijfers, werkbank


class BeheerSite(admin.AdminSite):
    index_template = "admin/werkbank/index.html"
    # Django's navigation sidebar takes a quarter of a laptop's 1280 px, which a list with
    # its filters needs to fit without scrolling sideways; the front page lists every model
    # and the breadcrumbs lead back to it.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        context = {
            "te_doen": werkbank.te_doen(request.user),
            "gebeurd": werkbank.gebeurd(request.user, limit=werkbank.OP_VOORPAGINA),
        }
        return super().index(request, {**context, **(extra_context or {})})

    def get_urls(self):
        return [
            path("gebeurd/", self.admin_view(self.gebeurd_view), name="gebeurd"),
            path("cijfers/", self.admin_view(self.cijfers_view), name="cijfers"),
            path("cijfers/<slug:naam>.csv", self.admin_view(self.cijfers_csv), name="cijfers_csv"),
            *super().get_urls(),
        ]

    def gebeurd_view(self, request):
        """The latest changes a member may see, of one app when ``?app=`` names one of them
        (an unknown one is said and ignored)."""
        keuzes = dict(werkbank.gebeurd_apps(request.user))
        app = request.GET.get("app", "")
        onbekend = app if app and app not in keuzes else ""
        if onbekend:
            app = ""
        caption = (
            _("De laatste %(count)d wijzigingen in %(onderdeel)s")
            % {"count": werkbank.OP_GEBEURD, "onderdeel": keuzes[app]}
            if app
            else _("De laatste %(count)d wijzigingen") % {"count": werkbank.OP_GEBEURD}
        )
        context = {
            **self.each_context(request),
            "title": _("Wat er gebeurde"),
            "keuzes": keuzes.items(),
            "app": app,
            "onbekend": onbekend,
            "caption": caption,
            "gebeurd": werkbank.gebeurd(request.user, limit=werkbank.OP_GEBEURD, app=app or None),
        }
        return TemplateResponse(request, "admin/werkbank/gebeurd.html", context)

    def cijfers_view(self, request):
        """Any member of staff: each figure shows only for who may view what it counts."""
        context = {
            **self.each_context(request),
            "title": _("Het netwerk in cijfers"),
            "figuren": [soort.maak() for soort in cijfers.zichtbaar(request.user)],
        }
        return TemplateResponse(request, "admin/werkbank/cijfers.html", context)

    def cijfers_csv(self, request, naam):
        """The rows of one figure's table, as the table shows them."""
        soort = cijfers.soort(naam)
        if soort is None:
            raise Http404
        if not request.user.has_perm(soort.permissie):
            raise PermissionDenied
        figuur = soort.maak()
        return csv_download(f"cijfers-{figuur.naam}.csv", figuur.header, figuur.rijen)
