import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Gemeente, Organisatie, Soort


def slug_choice_filter(label, queryset, empty_label, field_name=None, method=None):
    """A select over rows, with their slug in the URL (``?gemeente=nijmegen``)."""
    return django_filters.ModelChoiceFilter(
        label=label,
        field_name=field_name,
        method=method,
        queryset=queryset,
        to_field_name="slug",
        empty_label=empty_label,
    )


class OrganisatieFilter(django_filters.FilterSet):
    """Filters on /partners/; slugs and codes keep the URLs readable and bookmarkable."""

    soort = django_filters.ChoiceFilter(
        label=_("Soort organisatie"), choices=Soort.choices, empty_label=_("Alle soorten")
    )
    gemeente = slug_choice_filter(_("Gemeente"), Gemeente.objects.werkgebied(), _("Alle gemeenten"))

    class Meta:
        model = Organisatie
        fields = ["soort", "gemeente"]
