"""The sitemap section of education: /onderwijs/, /de-4-os/, every published
onderwijsactiviteit and the page of each O, read in one query (see werkplaats/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import CharField, DateTimeField, Value
from django.urls import reverse

from publicaties.models import Activiteit

from .models import Onderwijsactiviteit

PAGES = ("onderwijs:index", "onderwijs:os")
DETAIL = {"activiteit": "onderwijs:detail", "o": "onderwijs:o_detail"}


class OnderwijsSitemap(Sitemap):
    def items(self):
        activiteiten = (
            Onderwijsactiviteit.objects.published()
            .order_by()
            .annotate(soort_pagina=Value("activiteit", output_field=CharField()))
            .values_list("soort_pagina", "slug", "gewijzigd_at")
        )
        os = (
            Activiteit.objects.order_by()
            .annotate(
                soort_pagina=Value("o", output_field=CharField()),
                gewijzigd=Value(None, output_field=DateTimeField()),
            )
            .values_list("soort_pagina", "slug", "gewijzigd")
        )
        rows = activiteiten.union(os, all=True).order_by("soort_pagina", "slug")
        return [(name, None, None) for name in PAGES] + list(rows)

    def location(self, item):
        kind, slug, _changed = item
        if slug is None:
            return reverse(kind)
        return reverse(DETAIL[kind], kwargs={"slug": slug})

    def lastmod(self, item):
        return item[2]


SITEMAPS = {"onderwijs": OnderwijsSitemap}
