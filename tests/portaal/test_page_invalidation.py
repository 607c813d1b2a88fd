"""Every public model, changed in the beheer and as a service saves it: each page a visitor
without a session saw it on (HTML, feeds, .ics, the API, open data, OAI-PMH and the sitemap,
all from the shared cache) shows the change on the next request, and none shows the old text.

The pages are found by crawling the site before the change; the page cache is on and the tests
commit, as the site does (transactional databases)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kennisagenda.models import Agendapunt, Kennisagenda, Kwestie
from landelijk.models import Werkgroep, WerkgroepActiviteit
from leerateliers.models import Deelname, GeleerdeLes, Rol, Trekkerschap
from onderwijs.models import Onderwijsactiviteit, Opleiding, Studentwerk
from portaal.openapi import ROUTER
from portaal.opendata import DATASETS
from publicaties.models import Activiteit
from tests.gates.quality import crawl
from tests.helpers import posted_back
from werkplaats.models import Soort, User, Voorwaarde

pytestmark = pytest.mark.django_db(transaction=True)

MARK, CHANGED = "Zqx", "Wyv"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def world(
    make_gemeente,
    make_organisatie,
    make_persoon,
    make_thema,
    make_leeratelier,
    make_praktijk,
    make_update,
    make_publicatie,
    make_bijeenkomst,
    voorwaarden,
):
    """One of every public kind of row, each named with the marker (no name the start of
    another), linked as in the demo so that each shows on the pages it belongs on."""
    voorwaarde = Voorwaarde.objects.order_by("volgorde").first()
    gemeente = make_gemeente(f"{MARK}gemeente", is_deelnemer=True)
    organisatie = make_organisatie(f"{MARK}organisatie", gemeente=gemeente)
    hogeschool = make_organisatie(f"{MARK}hogeschool", soort=Soort.HOGESCHOOL)
    persoon = make_persoon(f"Anna {MARK}persoon", organisatie=organisatie)
    thema = make_thema(f"{MARK}thema", voorwaarden=[voorwaarde])
    atelier = make_leeratelier(
        f"{MARK}leeratelier", voorwaarden=[voorwaarde], themas=[thema], gemeenten=[gemeente]
    )
    Trekkerschap.objects.create(persoon=persoon, leeratelier=atelier)
    Deelname.objects.create(organisatie=organisatie, leeratelier=atelier, rol=Rol.ARENA)
    praktijk = make_praktijk(atelier, f"{MARK}praktijk", gemeenten=[gemeente])
    les = GeleerdeLes.objects.create(leeratelier=atelier, praktijk=praktijk, tekst=f"{MARK}les")
    les.voorwaarden.set([voorwaarde])
    update = make_update(atelier, f"{MARK}update", auteur=persoon)
    o = Activiteit.objects.order_by("volgorde").first()
    o.naam = f"{MARK}deo"
    o.save()
    publicatie = make_publicatie(
        f"{MARK}publicatie",
        auteurs=["Bert Auteur"],
        relations={"leerateliers": [atelier], "themas": [thema], "voorwaarden": [voorwaarde]},
    )
    bijeenkomst = make_bijeenkomst(f"{MARK}bijeenkomst", leeratelier=atelier, gemeente=gemeente)
    agenda = Kennisagenda.objects.create(
        titel=f"{MARK}kennisagenda",
        slug="2024",
        status="vastgesteld",
        vastgesteld_on=datetime.date(2024, 1, 1),
    )
    kwestie = Kwestie.objects.create(naam=f"{MARK}kwestie", leeratelier=atelier)
    Agendapunt.objects.create(agenda=agenda, kwestie=kwestie)
    werkgroep = Werkgroep.objects.create(naam=f"{MARK}werkgroep", samenvatting="Samen.")
    werkgroep.leerateliers.set([atelier])
    activiteit = WerkgroepActiviteit.objects.create(
        werkgroep=werkgroep, titel=f"{MARK}wgactiviteit"
    )
    opleiding = Opleiding.objects.create(
        naam=f"{MARK}opleiding", organisatie=hogeschool, niveau="bachelor"
    )
    onderwijs = Onderwijsactiviteit.objects.create(
        titel=f"{MARK}onderwijs", soort="minor", samenvatting="Samen.", status="gepubliceerd"
    )
    onderwijs.opleidingen.set([opleiding])
    onderwijs.leerateliers.set([atelier])
    studentwerk = Studentwerk.objects.create(
        activiteit=onderwijs,
        soort="blog",
        titel=f"{MARK}studentwerk",
        tekst="Wat ik leerde.",
        naam="Sam",
        status="gepubliceerd",
        toestemming_at=timezone.now(),
        toestemming_wijze="e-mail",
    )
    rows = [gemeente, organisatie, persoon, thema, atelier, praktijk, les, update, o]
    rows += [publicatie, bijeenkomst, agenda, kwestie, werkgroep, activiteit, opleiding]
    rows += [onderwijs, studentwerk]
    return {type(row).__name__: row for row in rows}


# Per model the field that carries its name on the pages.
CASES = {
    "Gemeente": "naam",
    "Organisatie": "naam",
    "Persoon": "naam",
    "Thema": "naam",
    "Leeratelier": "titel",
    "LerendePraktijk": "titel",
    "GeleerdeLes": "tekst",
    "TribuneUpdate": "titel",
    "Activiteit": "naam",
    "Publicatie": "titel",
    "Bijeenkomst": "titel",
    "Kennisagenda": "titel",
    "Kwestie": "naam",
    "Werkgroep": "naam",
    "WerkgroepActiviteit": "titel",
    "Opleiding": "naam",
    "Onderwijsactiviteit": "titel",
    "Studentwerk": "titel",
}
# Rows the beheer edits inside another's page (inlines): the admin of that one.
EDITED_WITHIN = {"WerkgroepActiviteit": "werkgroep"}
# What the beheer no longer changes: a vastgestelde kennisagenda is kept as it was adopted.
FROZEN_IN_BEHEER = {"Kennisagenda"}


def machine_readable():
    """What harvesters, feed readers and scripts read: no page links to all of it."""
    return [
        "/sitemap.xml",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
        "/netwerk.json",
        "/feeds/publicaties/",
        "/feeds/bijeenkomsten.ics",
        *(f"/open-data/{dataset.naam}.{ext}" for dataset in DATASETS for ext in ("json", "csv")),
        *(reverse(f"api:{basename}-list") for _prefix, _viewset, basename in ROUTER.registry),
    ]


def pages_showing(client, texts):
    """Per text the {path: body} of every public page that shows it, each page fetched twice
    (the second time from the shared cache)."""
    paths = [page.path for page in crawl(client, also=machine_readable()) if page.status == 200]
    bodies = {path: client.get(path).content.decode() for path in paths}
    return {text: {path: body for path, body in bodies.items() if text in body} for text in texts}


def change_in_the_beheer(beheerder, row, field, new):
    owner = getattr(row, EDITED_WITHIN.get(type(row).__name__, ""), row)
    opts = owner._meta
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[owner.pk])
    data = posted_back(beheerder.get(change))
    keys = [key for key, value in data.items() if value == getattr(row, field)]
    assert keys, f"the beheer does not edit {field} of {row!r}"
    for key in keys:
        data[key] = new
    response = beheerder.post(change, data)
    assert response.status_code == 302, response.context["errors"]


def change_as_a_service_does(_beheerder, row, field, new):
    setattr(row, field, new)
    row.save()


@pytest.mark.parametrize("change", [change_in_the_beheer, change_as_a_service_does])
def test_a_change_to_any_public_model_shows_at_once_on_every_page_that_showed_it(
    client, world, change
):
    """Per model: found on a page before, and after its change every one of those pages shows
    the new text and not the old (one crawl for all: each model has a marker of its own)."""
    olds = {model: getattr(world[model], field) for model, field in CASES.items()}
    showing = pages_showing(Client(), olds.values())
    assert not [model for model, old in olds.items() if not showing[old]], "shown nowhere"
    beheerder = Client()
    beheerder.force_login(User.objects.create_superuser("beheer@example.nl", "lang-en-geheim"))

    stale = {}
    for model, field in CASES.items():
        if change is change_in_the_beheer and model in FROZEN_IN_BEHEER:
            continue
        old = olds[model]
        new = old.replace(MARK, CHANGED)
        for path in showing[old]:  # in the cache as it is now, before the change
            client.get(path)
        change(beheerder, world[model], field, new)
        for path in showing[old]:
            body = client.get(path).content.decode()
            if new not in body or old in body:
                stale.setdefault(model, []).append(path)
    assert not stale
