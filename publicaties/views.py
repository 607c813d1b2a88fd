from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView
from django_filters.views import FilterView

from werkplaats.search import clean_query

from . import citation
from .filters import PublicatieFilter
from .models import Publicatie


class CappedCountPaginator(Paginator):
    """Counts up to ``cap`` + 1 rows: a common word stops the count early instead of
    scanning every match (the page then says "meer dan 1.000")."""

    cap = 1000

    @cached_property
    def count(self):
        if self.cap is None:
            return super().count
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.cap is not None and self.count > self.cap


class PublicatieListView(FilterView):
    filterset_class = PublicatieFilter
    template_name = "publicaties/publicatie_list.html"
    paginate_by = 20
    paginator_class = CappedCountPaginator

    def get_queryset(self):
        return Publicatie.objects.for_list()

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if not clean_query(self.request.GET.get("q", "")):
            paginator.cap = None  # browsing: every publicatie can be reached page by page
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filterset.form.cleaned_data.get("q") if self.filterset.is_bound else ""
        context["query"] = clean_query(query) if self.filterset.form.is_valid() else ""
        return context


class PublicatieDetailView(DetailView):
    template_name = "publicaties/publicatie_detail.html"

    def get_queryset(self):
        return Publicatie.objects.for_detail()

    def get_context_data(self, **kwargs):
        publicatie = self.object
        url = self.request.build_absolute_uri(publicatie.get_absolute_url())
        return super().get_context_data(
            apa=citation.apa(publicatie, url),
            json_ld=citation.json_ld(publicatie, url, self.request),
            citation_tags=citation.highwire(publicatie, self.request),
            og_image=citation.image_url(publicatie, self.request),
            gerelateerd=self.related(publicatie),
            **kwargs,
        )

    @staticmethod
    def related(publicatie):
        """Related publicaties, without what the page lists already: its parts, its whole."""
        others = Publicatie.objects.for_list().exclude(deel_van=publicatie)
        if publicatie.deel_van_id is not None:
            others = others.exclude(pk=publicatie.deel_van_id)
        return others.related_to(publicatie)


def _citation_download(request, slug, render, extension, content_type):
    publicatie = get_object_or_404(Publicatie.objects.for_detail(), slug=slug)
    url = request.build_absolute_uri(publicatie.get_absolute_url())
    response = HttpResponse(render(publicatie, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{publicatie.slug}.{extension}"'
    return response


def bibtex(request, slug):
    return _citation_download(
        request, slug, citation.bibtex, "bib", "application/x-bibtex; charset=utf-8"
    )


def ris(request, slug):
    return _citation_download(
        request, slug, citation.ris, "ris", "application/x-research-info-systems; charset=utf-8"
    )
