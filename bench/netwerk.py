"""``python -m bench netwerk``: how fast the network picture is with a large network.

Fills the database once with a synthetic but plausible network (about 500 nodes and 2,000
edges in the picture), then prints the server time of ``/netwerk.json`` (p50, p95) and the
time until ``/netwerk/`` is drawn in headless Chromium (p50, max). Meant for an empty
benchmark database (see ``make bench-netwerk``): it refuses a database without "bench" in
its name.
"""

import datetime
import json
import os
import random
import shutil
import statistics
import time
from itertools import product

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils.text import slugify

from leerateliers.models import (
    Deelname,
    Leeratelier,
    LeeratelierStatus,
    LerendePraktijk,
    Rol,
    TrekkerRol,
    Trekkerschap,
)
from werkplaats.models import Gemeente, Organisatie, Persoon, Soort, Subregio, Thema, Voorwaarde

from .serving import gunicorn, percentile

SEED = 2026
JSON_TARGET_MS = 100
DRAWN_TARGET_MS = 1000

# The same headless Chromium as the browser tests (tests/conftest.py, CHROMIUM_ARGS).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

AANTAL = {
    "leerateliers": 40,
    "themas": 60,
    "gemeenten": 100,
    "trekkers": 60,
    "onderzoekers": 20,
    "organisaties": 240,
}

KWESTIES = [
    "Armoede", "Schulden", "Eenzaamheid", "Jonge mantelzorgers", "Bestaanszekerheid",
    "Laaggeletterdheid", "Energiearmoede", "Wonen en zorg", "Jongeren en werk", "Zingeving",
    "Gezondheidsverschillen", "Statushouders", "Dakloosheid", "Vroegsignalering",
]  # fmt: skip
INVALSHOEKEN = [
    "in de wijk", "samen met inwoners", "aan de keukentafel", "op school", "in het dorp",
    "met ervaringsdeskundigen", "in de regio",
]  # fmt: skip
THEMA_ONDERWERPEN = [
    "Armoede", "Schulden", "Eenzaamheid", "Mantelzorg", "Ervaringsdeskundigheid",
    "Sociale basis", "Wijkteams", "Energietransitie", "Laaggeletterdheid", "Participatie",
    "Welzijnswerk", "Sociale cohesie", "Inclusie", "Zingeving", "Stigma", "Vrijwilligerswerk",
    "Cliëntenparticipatie", "Buurtinitiatieven", "Gezondheid", "Wonen",
]  # fmt: skip
THEMA_VORMEN = ["{}", "{} en jongeren", "{} in de wijk"]
PLAATS_BEGIN = [
    "Beek", "Groes", "Wijch", "Heum", "Elst", "Loen", "Duiv", "Bemm", "Mal", "Over", "Hul",
    "Gend", "Huiss", "Ooster", "Wester", "Zelh", "Angeren", "Doorn", "Lent", "Rijn",
]  # fmt: skip
PLAATS_EIND = ["en", "beek", "dam", "wijk", "veen", "hoven", "broek", "horst", "oord", "rade"]
ORGANISATIE_VORMEN = [
    ("Welzijn {}", Soort.WELZIJN),
    ("Sociaal Wijkteam {}", Soort.WELZIJN),
    ("Buurtcentrum {}", Soort.WELZIJN),
    ("Vrijwilligerscentrale {}", Soort.WELZIJN),
    ("Zorggroep {}", Soort.ZORG),
    ("Huisartsen {}", Soort.ZORG),
    ("Woonstichting {}", Soort.WONEN),
    ("Werkbedrijf {}", Soort.WERK),
    ("Schuldhulp {}", Soort.WERK),
    ("Cliëntenraad {}", Soort.ERVARINGSDESKUNDIGEN),
    ("Bibliotheek {}", Soort.ONDERWIJS),
    ("Jongerenwerk {}", Soort.WELZIJN),
    ("Voedselbank {}", Soort.SAMENWERKING),
    ("Gemeente {}", Soort.GEMEENTE),
]
PRAKTIJK_VORMEN = ["Buurtkamer", "Inloop", "Proeftuin", "Wijkaanpak", "Spreekuur", "Pilot"]
VOORNAMEN = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Iris", "Joris", "Kees",
    "Lotte", "Mohammed", "Noor", "Olga", "Pieter", "Roos", "Sanne", "Tom", "Yasmina",
]  # fmt: skip
ACHTERNAMEN = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Bos",
    "Mulder", "de Groot", "Peters", "Hendriks",
]  # fmt: skip


class Command(BaseCommand):
    help = "Meet hoe snel het netwerkplaatje is bij een groot netwerk (JSON en tekenen)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--visits", type=int, default=5)

    def handle(self, *args, requests, visits, **options):
        if "bench" not in str(connection.settings_dict["NAME"]):
            raise CommandError(
                "Deze meting vult de database met een nep-netwerk: gebruik een aparte database "
                "met 'bench' in de naam (zie make bench-netwerk)."
            )
        if Leeratelier.objects.exists():
            self.stdout.write("netwerk al aanwezig, niets aangemaakt")
        else:
            began = time.perf_counter()
            self.fill(random.Random(SEED))
            self.stdout.write(f"netwerk aangemaakt in {time.perf_counter() - began:.1f} s")
        self.measure_json(requests)
        self.measure_drawing(visits)

    # --- Data ----------------------------------------------------------------------------------

    @transaction.atomic
    def fill(self, rng):
        voorwaarden = list(Voorwaarde.objects.all())
        themas = Thema.objects.bulk_create(
            Thema(naam=naam, slug=slugify(naam))
            for naam in [vorm.format(o) for vorm in THEMA_VORMEN for o in THEMA_ONDERWERPEN][
                : AANTAL["themas"]
            ]
        )
        if voorwaarden:
            Thema.voorwaarden.through.objects.bulk_create(
                Thema.voorwaarden.through(thema=thema, voorwaarde=rng.choice(voorwaarden))
                for thema in themas
            )
        plaatsen = sorted({begin + eind for begin, eind in product(PLAATS_BEGIN, PLAATS_EIND)})
        gemeenten = Gemeente.objects.bulk_create(
            Gemeente(
                naam=naam,
                slug=slugify(naam),
                subregio=rng.choice(Subregio.values),
                cbs_code=f"GM{9000 + number:04d}",
            )
            for number, naam in enumerate(rng.sample(plaatsen, AANTAL["gemeenten"]))
        )
        keuzes = rng.sample(list(product(ORGANISATIE_VORMEN, gemeenten)), AANTAL["organisaties"])
        organisaties = Organisatie.objects.bulk_create(
            Organisatie(
                naam=vorm.format(gemeente.naam),
                slug=slugify(vorm.format(gemeente.naam)),
                soort=soort,
                gemeente=gemeente,
            )
            for (vorm, soort), gemeente in keuzes
        )
        namen = rng.sample(
            [f"{voor} {achter}" for voor, achter in product(VOORNAMEN, ACHTERNAMEN)],
            AANTAL["trekkers"] + AANTAL["onderzoekers"],
        )
        personen = Persoon.objects.bulk_create(
            Persoon(naam=naam, slug=slugify(naam), organisatie=rng.choice(organisaties))
            for naam in namen
        )
        trekkers, onderzoekers = personen[: AANTAL["trekkers"]], personen[AANTAL["trekkers"] :]
        titels = rng.sample(
            [f"{kwestie} {hoek}" for kwestie, hoek in product(KWESTIES, INVALSHOEKEN)],
            AANTAL["leerateliers"],
        )
        ateliers = Leeratelier.objects.bulk_create(self.leeratelier(rng, titel) for titel in titels)

        through = Leeratelier.voorwaarden.through
        through.objects.bulk_create(
            through(leeratelier=atelier, voorwaarde=voorwaarde)
            for atelier in ateliers
            for voorwaarde in rng.sample(voorwaarden, min(len(voorwaarden), rng.randint(1, 2)))
        )
        # Every thema, gemeente, trekker and organisatie belongs to at least one leeratelier
        # (spread round the ateliers first), so every one of them is a node in the picture.
        atelier_themas = self.spread(rng, ateliers, themas, per_atelier=(2, 4))
        through = Leeratelier.themas.through
        through.objects.bulk_create(
            through(leeratelier=atelier, thema=thema)
            for atelier, chosen in atelier_themas.items()
            for thema in chosen
        )
        through = Leeratelier.gemeenten.through
        through.objects.bulk_create(
            through(leeratelier=atelier, gemeente=gemeente)
            for atelier in ateliers
            for gemeente in rng.sample(gemeenten, rng.randint(1, 2))
        )
        self.praktijken(rng, ateliers, gemeenten)

        leiding = self.spread(rng, ateliers, trekkers, per_atelier=(2, 3))
        trekkerschappen = [
            Trekkerschap(
                persoon=persoon,
                leeratelier=atelier,
                rol=TrekkerRol.TREKKER if index == 0 else TrekkerRol.CO_TREKKER,
            )
            for atelier, chosen in leiding.items()
            for index, persoon in enumerate(chosen)
        ]
        trekkerschappen += [
            Trekkerschap(
                persoon=persoon,
                leeratelier=atelier,
                rol=rng.choice([TrekkerRol.ONDERZOEKER, TrekkerRol.PROMOVENDUS]),
            )
            for atelier, persoon in zip(
                rng.sample(ateliers, len(onderzoekers)), onderzoekers, strict=True
            )
        ]
        Trekkerschap.objects.bulk_create(trekkerschappen)
        self.deelnames(rng, ateliers, organisaties)

    def leeratelier(self, rng, titel):
        start = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(1800))
        status = rng.choices(
            [
                LeeratelierStatus.ACTIEF,
                LeeratelierStatus.IN_VOORBEREIDING,
                LeeratelierStatus.AFGEROND,
            ],
            weights=[8, 1, 1],
        )[0]
        return Leeratelier(
            titel=titel,
            slug=slugify(titel),
            samenvatting=f"Partners werken, evalueren en leren samen over {titel.lower()}.",
            status=status,
            start_on=start,
            end_on=start + datetime.timedelta(days=730)
            if status == LeeratelierStatus.AFGEROND
            else None,
        )

    def spread(self, rng, ateliers, items, *, per_atelier):
        """Each item in one leeratelier round the ring, then more at random up to a count
        between ``per_atelier`` (inclusive) per leeratelier."""
        chosen = {atelier: [] for atelier in ateliers}
        for index, item in enumerate(rng.sample(items, len(items))):
            chosen[ateliers[index % len(ateliers)]].append(item)
        for picked in chosen.values():
            wanted = rng.randint(*per_atelier)
            others = [item for item in items if item not in picked]
            picked += rng.sample(others, max(0, wanted - len(picked)))
        return chosen

    def praktijken(self, rng, ateliers, gemeenten):
        order = rng.sample(gemeenten, len(gemeenten))
        praktijken, plaatsen = [], []
        for atelier in ateliers:
            for index in range(rng.randint(3, 5)):
                # The first gemeente of each praktijk goes round all gemeenten in turn.
                eerste = order[len(praktijken) % len(order)]
                extra = rng.sample(gemeenten, rng.randint(0, 2))
                titel = f"{rng.choice(PRAKTIJK_VORMEN)} {eerste.naam}"
                praktijken.append(
                    LerendePraktijk(
                        leeratelier=atelier,
                        titel=titel,
                        slug=f"{slugify(titel)}-{index + 1}",
                        start_on=atelier.start_on,
                    )
                )
                plaatsen.append({eerste, *extra})
        praktijken = LerendePraktijk.objects.bulk_create(praktijken)
        through = LerendePraktijk.gemeenten.through
        through.objects.bulk_create(
            through(lerendepraktijk=praktijk, gemeente=gemeente)
            for praktijk, chosen in zip(praktijken, plaatsen, strict=True)
            for gemeente in sorted(chosen, key=lambda gemeente: gemeente.pk)
        )

    def deelnames(self, rng, ateliers, organisaties):
        chosen = self.spread(rng, ateliers, organisaties, per_atelier=(30, 42))
        deelnames = []
        for atelier, partners in chosen.items():
            sinds = atelier.start_on + datetime.timedelta(days=rng.randrange(365))
            for organisatie in partners:
                rol = Rol.ARENA if rng.random() < 0.4 else Rol.TRIBUNE
                if rng.random() < 0.1:
                    # A role change: the earlier deelname has ended.
                    eerder = Rol.TRIBUNE if rol == Rol.ARENA else Rol.ARENA
                    deelnames.append(
                        Deelname(
                            organisatie=organisatie,
                            leeratelier=atelier,
                            rol=eerder,
                            sinds=atelier.start_on,
                            tot=sinds,
                        )
                    )
                deelnames.append(
                    Deelname(organisatie=organisatie, leeratelier=atelier, rol=rol, sinds=sinds)
                )
        Deelname.objects.bulk_create(deelnames)

    # --- Measurements --------------------------------------------------------------------------

    def line(self, text, target=None):
        self.stdout.write(f"{text}  (doel < {target} ms)" if target else text)

    @override_settings(PAGE_CACHE=False)  # the server time of rendering, every time
    def measure_json(self, requests):
        client = Client(HTTP_HOST="localhost")
        for _ in range(2):
            client.get("/netwerk.json")
        samples = []
        for _ in range(requests):
            began = time.perf_counter()
            response = client.get("/netwerk.json")
            samples.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise CommandError(f"/netwerk.json gaf status {response.status_code}.")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/netwerk.json")
        data = json.loads(response.content)
        self.line(f"/netwerk.json p50: {statistics.median(samples):.1f} ms", JSON_TARGET_MS)
        self.line(f"/netwerk.json p95: {percentile(samples, 0.95):.1f} ms", JSON_TARGET_MS)
        self.line(f"/netwerk.json knopen: {len(data['nodes'])}")
        self.line(f"/netwerk.json verbindingen: {len(data['edges'])}")
        self.line(f"/netwerk.json SQL-queries per verzoek: {len(queries)}")
        self.line(f"/netwerk.json grootte: {len(response.content) / 1024:.0f} KB")

    def measure_drawing(self, visits):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError("Playwright ontbreekt: installeer de dev-extra's.") from error
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
        chromium = chromium or "/usr/bin/chromium"
        # The page cache off: every visit measures the page as rendered.
        with gunicorn(
            "werkplaats.wsgi", workers=1, env={"DJANGO_PAGE_CACHE": "false"}, check="/netwerk/"
        ) as (base, _server):
            drawn, first_byte, size = [], [], 0
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    for _ in range(visits):
                        # A fresh context each time: nothing cached from the visit before.
                        context = browser.new_context()
                        page = context.new_page()
                        response = page.goto(f"{base}/netwerk/", wait_until="commit")
                        page.wait_for_selector("html[data-netwerk=ready]", state="attached")
                        drawn.append(
                            page.evaluate(
                                "performance.getEntriesByName('netwerk-ready')[0].startTime"
                            )
                        )
                        first_byte.append(
                            page.evaluate(
                                "performance.getEntriesByType('navigation')[0].responseStart"
                            )
                        )
                        size = len(response.body())
                        context.close()
                finally:
                    browser.close()
        self.line(f"/netwerk/ getekend p50: {statistics.median(drawn):.0f} ms", DRAWN_TARGET_MS)
        self.line(f"/netwerk/ getekend max: {max(drawn):.0f} ms", DRAWN_TARGET_MS)
        self.line(f"/netwerk/ eerste byte p50: {statistics.median(first_byte):.0f} ms")
        self.line(f"/netwerk/ HTML: {size / 1024:.0f} KB")
