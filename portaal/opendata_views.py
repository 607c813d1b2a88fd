"""/open-data/: the page that says what the werkplaats publishes as open data, the downloads
(CSV and JSON, made on request) and the DCAT catalogue, all from the definitions in
portaal.opendata."""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from werkplaats.models import Profiel

from .opendata import BY_NAAM, CC_BY_4, DATASETS, Adressen, as_csv, dcat_catalogue, plain


@require_safe
def open_data(request):
    datasets = [{"dataset": dataset, "aantal": dataset.count()} for dataset in DATASETS]
    return render(request, "portaal/open_data.html", {"datasets": datasets, "licentie": CC_BY_4})


def _dataset(naam):
    try:
        return BY_NAAM[naam]
    except KeyError:
        raise Http404(naam) from None


def _filename(dataset, now, suffix):
    """The name the file is saved under, with the moment it was made: in a spreadsheet's
    title bar that is what shows how current it is."""
    return f"{dataset.naam}-{timezone.localtime(now):%Y-%m-%d-%H%M}.{suffix}"


@require_safe
def download_csv(request, naam):
    dataset = _dataset(naam)
    now = timezone.now()
    records = dataset.records(request.build_absolute_uri)
    response = HttpResponse(as_csv(dataset, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(dataset, now, "csv")}"'
    return response


@require_safe
def download_json(request, naam):
    dataset = _dataset(naam)
    now = timezone.now()
    records = dataset.records(request.build_absolute_uri)
    data = {
        "dataset": dataset.naam,
        "titel": str(dataset.titel),
        "beschrijving": str(dataset.beschrijving),
        "licentie": {"naam": dataset.licentie.naam, "url": dataset.licentie.url},
        "bron": request.build_absolute_uri(reverse("opendata:index")),
        "gegenereerd_op": plain(now),
        "aantal": len(records),
        "rijen": records,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{_filename(dataset, now, "json")}"'
    return response


@require_safe
def catalogue(request):
    """The DCAT-AP-NL catalogue of the datasets, as JSON-LD."""

    def download(dataset, suffix):
        return request.build_absolute_uri(reverse(f"opendata:{suffix}", args=[dataset.naam]))

    adressen = Adressen(
        catalogus=request.build_absolute_uri(reverse("opendata:catalogue")),
        pagina=request.build_absolute_uri(reverse("opendata:index")),
        contact=request.build_absolute_uri(reverse("portaal:contact")),
        home=request.build_absolute_uri("/"),
        download=download,
    )
    data = dcat_catalogue(adressen=adressen, profiel=Profiel.objects.current(), now=timezone.now())
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
