import django_filters
from django.utils.translation import gettext_lazy as _

from werkplaats.filters import slug_choice_filter
from werkplaats.models import Gemeente, Thema, Voorwaarde

from .models import Leeratelier, LeeratelierStatus


class LeeratelierFilter(django_filters.FilterSet):
    """Filters on /leerateliers/: plain GET parameters with slugs, so URLs can be bookmarked."""

    voorwaarde = slug_choice_filter(
        _("Voorwaarde"), Voorwaarde.objects.all(), _("Alle voorwaarden"), field_name="voorwaarden"
    )
    thema = slug_choice_filter(
        _("Thema"), Thema.objects.all(), _("Alle thema's"), field_name="themas"
    )
    gemeente = slug_choice_filter(
        _("Gemeente"),
        Gemeente.objects.werkgebied(),
        _("Alle gemeenten"),
        method="filter_gemeente",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LeeratelierStatus.choices, empty_label=_("Elke status")
    )

    class Meta:
        model = Leeratelier
        fields = ["voorwaarde", "thema", "gemeente", "status"]

    def filter_gemeente(self, queryset, name, value: Gemeente):
        return queryset.in_gemeente(value)
