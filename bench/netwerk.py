"""``python -m bench netwerk``: how fast the network picture is with a large network.

Fills the database once with a synthetic but plausible network (about 500 nodes and 2,000
edges in the picture), then prints the server time of ``/netwerk.json`` (p50, p95) and the
time until ``/netwerk/`` is drawn in headless Chromium (p50, max). Meant for an empty
benchmark database (see ``make bench-netwerk``): it refuses a database without "bench" in
its name.
"""

import json
import os
import random
import shutil
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from leerateliers.models import Leeratelier
from portaal import volume

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
        volume.netwerk(rng, AANTAL)

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
