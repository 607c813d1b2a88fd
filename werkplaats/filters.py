import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Gemeente, Organisatie, Soort


class OrganisatieFilter(django_filters.FilterSet):
    """Filters on /partners/; slugs and codes keep the URLs readable and bookmarkable."""

    soort = django_filters.ChoiceFilter(
        label=_("Soort organisatie"), choices=Soort.choices, empty_label=_("Alle soorten")
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        queryset=Gemeente.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle gemeenten"),
    )

    class Meta:
        model = Organisatie
        fields = ["soort", "gemeente"]
