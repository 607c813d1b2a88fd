"""The sitemap section of the quick scan: /quickscan/, every version of the set that is not a
concept, and the results and report of every published scan, read in one query."""

from django.contrib.sitemaps import Sitemap
from django.db.models import CharField, DateTimeField, F, Value
from django.db.models.functions import Cast
from django.urls import reverse

from .models import Scan, Vragenset


class QuickscanSitemap(Sitemap):
    def items(self):
        sets = (
            Vragenset.objects.public()
            .order_by()
            .annotate(
                soort_pagina=Value("vragenset", output_field=CharField()),
                sleutel=F("slug"),
                gewijzigd=Value(None, output_field=DateTimeField()),
            )
            .values_list("soort_pagina", "sleutel", "gewijzigd")
        )
        scans = (
            Scan.objects.published()
            .order_by()
            .annotate(
                soort_pagina=Value("scan", output_field=CharField()),
                sleutel=Cast("pk", output_field=CharField()),
                gewijzigd=F("gepubliceerd_at"),
            )
            .values_list("soort_pagina", "sleutel", "gewijzigd")
        )
        rows = sets.union(scans, all=True).order_by("soort_pagina", "sleutel")
        pages = [("overzicht", None, None)]
        for kind, sleutel, changed in rows:
            if kind == "scan":
                pages += [("resultaten", sleutel, changed), ("rapport", sleutel, changed)]
            else:
                pages.append((kind, sleutel, changed))
        return pages

    def location(self, item):
        kind, sleutel, _changed = item
        if sleutel is None:
            return reverse(f"quickscan:{kind}")
        if kind == "vragenset":
            return reverse("quickscan:vragenset", kwargs={"slug": sleutel})
        return reverse(f"quickscan:{kind}", kwargs={"pk": int(sleutel)})

    def lastmod(self, item):
        return item[2]


SITEMAPS = {"quickscan": QuickscanSitemap}
