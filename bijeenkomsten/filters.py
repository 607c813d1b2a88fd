import django_filters
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier
from werkplaats.filters import slug_choice_filter
from werkplaats.models import Gemeente

from .models import Bijeenkomst, Soort

ARCHIEF = "archief"


class BijeenkomstFilter(django_filters.FilterSet):
    """Filters on /bijeenkomsten/: upcoming ones unless the archive is asked for; all in the URL."""

    periode = django_filters.ChoiceFilter(
        label=_("Wanneer"),
        choices=[(ARCHIEF, _("Voorbij (archief)"))],
        empty_label=_("Komende bijeenkomsten"),
        method="filter_periode",
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Soort.choices, empty_label=_("Alle soorten")
    )
    leeratelier = slug_choice_filter(
        _("Leeratelier"), Leeratelier.objects.all(), _("Alle leerateliers")
    )
    gemeente = slug_choice_filter(_("Gemeente"), Gemeente.objects.all(), _("Alle gemeenten"))

    class Meta:
        model = Bijeenkomst
        fields = ["periode", "soort", "leeratelier", "gemeente"]

    def filter_periode(self, queryset, name, value):
        return queryset  # applied in qs, also when the field is left empty

    @property
    def is_archive(self):
        return self.is_bound and self.data.get("periode") == ARCHIEF

    @property
    def qs(self):
        # Also without any parameters (an unbound filter): the page starts with what is coming.
        queryset = super().qs
        return queryset.past() if self.is_archive else queryset.upcoming()
