import django_filters
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier
from werkplaats.filters import slug_choice_filter
from werkplaats.models import Thema, Voorwaarde
from werkplaats.search import clean_query

from .models import Activiteit, Publicatie, Soort


def year_choices():
    return [(str(year), str(year)) for year in Publicatie.objects.year_range()]


class PublicatieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_search")
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Soort.choices, empty_label=_("Alle soorten")
    )
    leeratelier = slug_choice_filter(
        _("Leeratelier"),
        Leeratelier.objects.all(),
        _("Alle leerateliers"),
        field_name="leerateliers",
    )
    thema = slug_choice_filter(
        _("Thema"), Thema.objects.all(), _("Alle thema's"), field_name="themas"
    )
    voorwaarde = slug_choice_filter(
        _("Voorwaarde"), Voorwaarde.objects.all(), _("Alle voorwaarden"), field_name="voorwaarden"
    )
    o = slug_choice_filter(
        _("Activiteit (4 O's)"),
        Activiteit.objects.all(),
        _("Alle activiteiten"),
        field_name="activiteiten",
    )
    jaar = django_filters.ChoiceFilter(
        label=_("Jaar"),
        choices=year_choices,
        empty_label=_("Alle jaren"),
        field_name="gepubliceerd_on__year",
    )
    sortering = django_filters.ChoiceFilter(
        label=_("Sorteren op"),
        choices=[("relevantie", _("Relevantie (bij zoeken)")), ("nieuwste", _("Nieuwste eerst"))],
        empty_label=None,
        method="filter_nothing",
    )

    class Meta:
        model = Publicatie
        fields = ["q", "soort", "leeratelier", "thema", "voorwaarde", "o", "jaar", "sortering"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if clean_query(value) else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        searching = bool(clean_query(self.form.cleaned_data.get("q")))
        if searching and self.form.cleaned_data.get("sortering") != "nieuwste":
            return queryset  # already ranked by the search
        return queryset.order_by("-gepubliceerd_on", "titel")
