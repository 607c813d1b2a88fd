"""``manage.py seed_volume --scale N``: a synthetic but plausible network at N times the size
the portal is built for, to measure pages on (``make bench`` runs on the demo and on this).

At ``--scale 1``:

- 300 leerateliers: 60 % ended (afgerond, with an end date), 8 % in voorbereiding, the rest
  running; with voorwaarden, thema's, gemeenten, two to four lerende praktijken each, trekkers
  and onderzoekers;
- 2,000 organisaties (5 of them other Werkplaatsen Sociaal Domein, with joint praktijken) with
  their deelname history: every organisation but the werkplaatsen has at least one deelname (a
  werkplaats shares praktijken); those of ended
  leerateliers have ended, some organisations left running ones, and about one in seven
  changed role (the earlier row ended, a new one started), as the services record it;
- 50,000 publicaties, all published, each with one to three authors (some of them personen of
  the network), leerateliers, thema's and a voorwaarde, and (on PostgreSQL) their search
  vectors;
- 5,000 bijeenkomsten over ten years and the coming one, with 100,000 registrations (accounts
  and guests; seated until full, then the waiting list; some cancelled; nobody waits for an
  email);
- 20,000 accounts that cannot sign in with a password (one unusable password for all; the
  first is ``deelnemer@voorbeeld.test``, for the signed-in pages of ``make bench``);
- a network picture (``/netwerk.json``) of 500 nodes: every leeratelier (300), thema (40),
  gemeente (30) and trekker (60) is linked to a leeratelier, current deelnames are only those
  of 65 kernpartners in the running leerateliers, and the 5 other werkplaatsen share
  praktijken; the other 1,930 organisaties have only ended deelnames and the 20 onderzoekers
  are not in the picture.

Every count scales linearly with N (at least one of each): ``--scale 0.01`` makes 3
leerateliers, 20 organisaties, 500 publicaties and so on. Everything goes in with bulk
inserts in one transaction; like every write through the ORM it starts a new page-cache
generation when it commits, so a running portal shows the new data at once.

Only for a database of its own: it refuses a database without "bench" in its name, and does
nothing on one that holds leerateliers, organisaties, publicaties or bijeenkomsten already.
"""

import contextlib
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from bijeenkomsten.models import Bijeenkomst
from leerateliers.models import Leeratelier
from netwerk.graph import build_graph
from portaal import volume
from publicaties.models import Publicatie
from werkplaats.demo import load_privacyverklaringen
from werkplaats.fixtures import Loader, read
from werkplaats.models import Organisatie

SEED = 2026
FIRST_EMAIL = "deelnemer@voorbeeld.test"
PER_SCALE = {
    "leerateliers": 300,
    "organisaties": 2_000,
    "publicaties": 50_000,
    "bijeenkomsten": 5_000,
    "aanmeldingen": 100_000,
    "gebruikers": 20_000,
    # The picture: 300 + 40 + 30 + 60 + 65 + 5 = 500 nodes.
    "themas": 40,
    "gemeenten": 30,
    "trekkers": 60,
    "kernpartners": 65,
    "werkplaatsen": 5,
    "onderzoekers": 20,
}


def aantallen(scale: float) -> dict[str, int]:
    """The counts at ``scale``: linear, at least one of each; kernpartners and werkplaatsen are
    among the organisaties."""
    aantal = {kind: max(1, round(count * scale)) for kind, count in PER_SCALE.items()}
    aantal["kernpartners"] = min(aantal["kernpartners"], aantal["organisaties"])
    aantal["werkplaatsen"] = min(
        aantal["werkplaatsen"], aantal["organisaties"] - aantal["kernpartners"]
    )
    return aantal


def getal(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Vult een lege benchmarkdatabase (met 'bench' in de naam) met een synthetisch netwerk: "
        "bij --scale 1 300 leerateliers, 2.000 organisaties, 50.000 publicaties, 5.000 "
        "bijeenkomsten met 100.000 aanmeldingen en 20.000 accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Hoe groot: 1 is de omvang hierboven, 0.01 een honderdste (minstens één van elk).",
        )

    def handle(self, *args, scale, **options):
        if "bench" not in str(connection.settings_dict["NAME"]):
            raise CommandError(
                "seed_volume vult de database met een groot nep-netwerk: gebruik een aparte "
                "database met 'bench' in de naam, bijvoorbeeld werkplaats_bench_volume "
                "(zie make bench)."
            )
        if not scale > 0:
            raise CommandError("--scale moet groter dan 0 zijn, bijvoorbeeld 1 of 0.01.")
        models = (Leeratelier, Organisatie, Publicatie, Bijeenkomst)
        if any(model.objects.exists() for model in models):
            self.stdout.write("Gegevens al aanwezig in deze database: niets aangemaakt.")
            return
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # bulk work, past the limit set for requests
                cursor.execute("SET statement_timeout = 0")
        began = time.perf_counter()
        self.fill(random.Random(SEED), aantallen(scale))
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with self.step("onderhoud") as said, connection.cursor() as cursor:
                # Compact the publicaties (the vectors were written by a second pass) and give
                # the planner its statistics, as routine maintenance would.
                cursor.execute("VACUUM (FULL, ANALYZE) publicaties_publicatie")
                cursor.execute("VACUUM (ANALYZE)")
                said.append("VACUUM en ANALYZE")
        graph = build_graph()
        self.stdout.write(
            f"netwerkplaatje: {getal(len(graph.nodes))} knopen, "
            f"{getal(len(graph.edges))} verbindingen"
        )
        self.stdout.write(self.style.SUCCESS(f"klaar in {time.perf_counter() - began:.1f} s"))

    @transaction.atomic
    def fill(self, rng, aantal):
        now = timezone.now()
        with self.step("netwerk") as said:
            netwerk = volume.netwerk_met_geschiedenis(rng, aantal, timezone.localdate(now))
            ended = sum(1 for deelname in netwerk["deelnames"] if deelname.tot is not None)
            said += [
                f"{getal(len(netwerk['leerateliers']))} leerateliers",
                f"{getal(len(netwerk['organisaties']))} organisaties",
                f"{getal(len(netwerk['deelnames']))} deelnames ({getal(ended)} beëindigd)",
                f"{getal(len(netwerk['personen']))} personen",
            ]
        with self.step("publicaties") as said:
            numbers = range(aantal["publicaties"])
            ids = volume.publicaties(rng, numbers, personen=netwerk["personen"])
            volume.publicatie_links(rng, ids, netwerk)
            said.append(f"{getal(len(ids))} publicaties met auteurs")
        with self.step("accounts") as said:
            users = volume.gebruikers(rng, aantal["gebruikers"], first_email=FIRST_EMAIL, now=now)
            said.append(f"{getal(len(users))} accounts")
        with self.step("privacyverklaring") as said:
            # The werkplaats' own statement, as in the demo: every page links to it.
            loader = Loader()
            load_privacyverklaringen(loader, read("site"))
            said.append(f"{getal(sum(loader.created.values()))} versies")
        with self.step("bijeenkomsten") as said:
            made = volume.bijeenkomsten(rng, aantal["bijeenkomsten"], netwerk, now=now)
            count = volume.aanmeldingen(rng, aantal["aanmeldingen"], made, users, netwerk, now=now)
            said += [f"{getal(len(made))} bijeenkomsten", f"{getal(count)} aanmeldingen"]

    @contextlib.contextmanager
    def step(self, label):
        """Times one part; the part adds what it made to the list it is given."""
        began = time.perf_counter()
        said = []
        yield said
        self.stdout.write(f"{label}: {', '.join(said)} ({time.perf_counter() - began:.1f} s)")
