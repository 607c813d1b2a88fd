import django_filters
from django.utils.translation import gettext_lazy as _

from leerateliers.models import Leeratelier
from werkplaats.filters import slug_choice_filter
from werkplaats.models import Thema

from .models import Onderwijsactiviteit, Opleiding, Soort, Status

# The choices are what the published onderwijsactiviteiten name, so no choice leads nowhere.
PUBLIC = {"onderwijsactiviteiten__status": Status.GEPUBLICEERD}


class OnderwijsactiviteitFilter(django_filters.FilterSet):
    """Filters on /onderwijs/: plain GET parameters with slugs, so URLs can be bookmarked."""

    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Soort.choices, empty_label=_("Alle soorten")
    )
    opleiding = slug_choice_filter(
        _("Opleiding"),
        Opleiding.objects.filter(**PUBLIC).distinct().order_by("naam"),
        _("Alle opleidingen"),
        field_name="opleidingen",
    )
    leeratelier = slug_choice_filter(
        _("Leeratelier"),
        Leeratelier.objects.filter(**PUBLIC).distinct().order_by("titel"),
        _("Alle leerateliers"),
        field_name="leerateliers",
    )
    thema = slug_choice_filter(
        _("Thema"),
        Thema.objects.filter(**PUBLIC).distinct().order_by("naam"),
        _("Alle thema's"),
        field_name="themas",
    )

    class Meta:
        model = Onderwijsactiviteit
        fields = ["soort", "opleiding", "leeratelier", "thema"]
