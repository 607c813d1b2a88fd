"""``python -m bench search``: server time of the publicaties search on a large library.

Fills the (PostgreSQL) database with synthetic but realistic publicaties, then times the
search page for twenty Dutch terms and prints p50 and p95. Meant for an empty benchmark
database (see ``make bench-search``); it refuses to run on anything but PostgreSQL.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from portaal import volume
from publicaties.models import Publicatie

TERMEN = [
    "armoede", "eenzaam", "schulden", "mantelzorgers", "ervaringsdeskundige", "wijkteam",
    "jongeren", "energietransitie", "cliënten", "clienten", "sociale basis", "participatie",
    "stigma", "zingeving", "vrijwilliger", "Nijmegen", "Heumen", "bestaanszekerheid",
    "laaggeletterdheid", "werkvormen",
]  # fmt: skip


class Command(BaseCommand):
    help = "Meet de servertijd van zoeken in publicaties (p50, p95) op een grote bibliotheek."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50_000)
        parser.add_argument("--rounds", type=int, default=5)

    def handle(self, *args, count, rounds, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Deze meting hoort bij PostgreSQL: zet DATABASE_URL.")
        if "bench" not in connection.settings_dict["NAME"]:
            raise CommandError(
                "Deze meting vult de database met 50.000 nep-publicaties: gebruik een aparte "
                "database met 'bench' in de naam (zie make bench-search)."
            )
        existing = Publicatie.objects.filter(slug__startswith="bench-").count()
        if existing < count:
            self.fill(existing, count)
        self.stdout.write(f"{Publicatie.objects.published().count()} gepubliceerde publicaties")
        timings = self.measure(rounds)
        self.report(timings)

    def fill(self, start, count):
        with connection.cursor() as cursor:  # bulk work, past the limit set for requests
            cursor.execute("SET statement_timeout = 0")
        began = time.perf_counter()
        volume.publicaties(random.Random(2026), range(start, count))
        fill_time = time.perf_counter() - began
        self.stdout.write(f"{count - start} publicaties aangemaakt in {fill_time:.1f} s")
        with connection.cursor() as cursor:
            # Compact the table as it would be after routine maintenance (the vector
            # refresh left a dead copy of every row).
            cursor.execute("VACUUM (FULL, ANALYZE) publicaties_publicatie")
            cursor.execute("VACUUM (ANALYZE) publicaties_auteurschap")

    @override_settings(PAGE_CACHE=False)  # the server time of rendering, every time
    def measure(self, rounds):
        client = Client(HTTP_HOST="localhost")
        timings = {}
        for term in TERMEN:
            client.get("/publicaties/", {"q": term})  # warm up caches and plans
            samples = []
            for _ in range(rounds):
                began = time.perf_counter()
                response = client.get("/publicaties/", {"q": term})
                samples.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200
            timings[term] = samples
        return timings

    def report(self, timings):
        everything = sorted(sample for samples in timings.values() for sample in samples)
        for term, samples in timings.items():
            self.stdout.write(f"  {term:<22} mediaan {statistics.median(samples):6.1f} ms")
        p50 = statistics.median(everything)
        p95 = everything[max(0, round(0.95 * len(everything)) - 1)]
        self.stdout.write(
            self.style.SUCCESS(
                f"zoekpagina: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(everything)} verzoeken "
                f"({len(timings)} termen)"
            )
        )
