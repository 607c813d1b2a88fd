"""``python -m bench search``: server time of the publicaties search on a large library.

Fills the (PostgreSQL) database with synthetic but realistic publicaties, then times the
search page for twenty Dutch terms and prints p50 and p95. Meant for an empty benchmark
database (see ``make bench-search``); it refuses to run on anything but PostgreSQL.
"""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings

from publicaties.models import Auteurschap, Publicatie, Soort, Status

ONDERWERPEN = [
    "armoede", "schulden", "bestaanszekerheid", "eenzaamheid", "betekenisvol contact",
    "jonge mantelzorgers", "ervaringsdeskundigheid", "sociale basis", "wijkteams",
    "jongeren met een ondersteuningsbehoefte", "energietransitie", "laaggeletterdheid",
    "participatie", "welzijnswerk", "sociale cohesie", "inclusie", "empowerment", "zingeving",
    "gezondheidsongelijkheid", "stigma", "vrijwilligers", "cliëntenraden", "buurtinitiatieven",
]  # fmt: skip
VORMEN = [
    "Handreiking", "Verkenning", "Evaluatie", "Lessen uit", "Werken aan", "Samen leren over",
    "Praktijkonderzoek naar", "Een gesprek over", "Werkvormen voor", "Monitor",
]  # fmt: skip
PLAATSEN = [
    "Arnhem", "Nijmegen", "Heumen", "Lingewaard", "Overbetuwe", "Zevenaar", "Duiven",
    "Westervoort", "Cuijk", "Grave", "Venlo", "de Spoorbuurt", "de Kolpingwijk",
]  # fmt: skip
# Sentences about the publicatie's own subject and place, and generic ones that recur.
OVER_ONDERWERP = [
    "Deze {vorm} gaat over {o} in {p}.",
    "Wat werkt bij {o}? Professionals en inwoners van {p} delen hun ervaringen.",
    "De geleerde lessen over {o} zijn van lokale naar regionale kennis getild.",
    "Gemeente en maatschappelijke organisaties in {p} trekken samen op rond {o}.",
]
# Generic sentences from parts, so that no common word sits in every other publicatie.
WIE = [
    "Professionals", "Vrijwilligers", "Inwoners", "Studenten", "Docenten", "Onderzoekers",
    "Ervaringsdeskundigen", "Beleidsmedewerkers", "Wijkteams", "Jongeren", "Ouderen",
    "Mantelzorgers", "Buurtbewoners", "Sociaal werkers", "Huisartsen", "Bestuurders",
    "Cliëntenraden", "Jongerenwerkers", "Schuldhulpverleners", "Woningcorporaties",
]  # fmt: skip
DOEN = [
    "leren van", "praten over", "onderzoeken", "evalueren", "ontwerpen", "beschrijven",
    "bespreken", "verbeteren", "volgen", "verkennen", "delen ervaringen over", "werken aan",
    "reflecteren op", "ontwikkelen", "meten", "vertellen over", "toetsen", "begeleiden bij",
]  # fmt: skip
WAT = [
    "de leefwereld van gezinnen", "een werkvorm voor het teamoverleg", "de sociale kaart",
    "het gesprek aan de keukentafel", "een training op maat", "de toegang tot voorzieningen",
    "een buurtbudget", "de rol van de huisarts", "informele steun", "een lerend netwerk",
    "een kennisclip", "het goede gesprek", "een handreiking", "de inzet van sleutelfiguren",
    "vroegsignalering", "een wijkplatform", "het verschil tussen wijken", "samenwerking",
]  # fmt: skip


def algemene_zin(rng):
    return f"{rng.choice(WIE)} {rng.choice(DOEN)} {rng.choice(WAT)}."


VOORNAMEN = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Iris", "Joris"]
ACHTERNAMEN = ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Bos"]
TERMEN = [
    "armoede", "eenzaam", "schulden", "mantelzorgers", "ervaringsdeskundige", "wijkteam",
    "jongeren", "energietransitie", "cliënten", "clienten", "sociale basis", "participatie",
    "stigma", "zingeving", "vrijwilliger", "Nijmegen", "Heumen", "bestaanszekerheid",
    "laaggeletterdheid", "werkvormen",
]  # fmt: skip


def synthetic(rng, number):
    onderwerp = rng.choice(ONDERWERPEN)
    plaats = rng.choice(PLAATSEN)
    vorm = rng.choice(VORMEN)
    titel = f"{vorm} {onderwerp} in {plaats} ({number})"
    eigen = [zin.format(vorm=vorm.lower(), o=onderwerp, p=plaats) for zin in OVER_ONDERWERP]
    zinnen = [eigen[0], algemene_zin(rng), algemene_zin(rng)]
    body = [*eigen[1:], *(algemene_zin(rng) for _ in range(4))]
    return Publicatie(
        titel=titel,
        slug=f"bench-{number}",
        soort=rng.choice(Soort.values),
        samenvatting=" ".join(zinnen),
        inhoud=" ".join(body),
        gepubliceerd_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3600)),
        status=Status.GEPUBLICEERD,
    )


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
        rng = random.Random(2026)
        began = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            # One refresh of all vectors at the end instead of one per author row; in one
            # transaction, so a crash cannot leave the triggers switched off.
            cursor.execute("ALTER TABLE publicaties_auteurschap DISABLE TRIGGER USER")
            for first in range(start, count, 5_000):
                batch = [synthetic(rng, n) for n in range(first, min(first + 5_000, count))]
                created = Publicatie.objects.bulk_create(batch)
                Auteurschap.objects.bulk_create(
                    Auteurschap(
                        publicatie=publicatie,
                        naam=f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
                        volgorde=volgorde,
                    )
                    for publicatie in created
                    for volgorde in range(rng.randint(1, 3))
                )
            # Deferred foreign-key checks must run before the table can be altered again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE publicaties_auteurschap ENABLE TRIGGER USER")
            cursor.execute(
                "UPDATE publicaties_publicatie pub "
                "SET search_vector = publicatie_search_document(pub) WHERE slug LIKE 'bench-%%'"
            )
        fill_time = time.perf_counter() - began
        self.stdout.write(f"{count - start} publicaties aangemaakt in {fill_time:.1f} s")
        with connection.cursor() as cursor:
            # Compact the table as it would be after routine maintenance (the vector
            # refresh above left a dead copy of every row).
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
