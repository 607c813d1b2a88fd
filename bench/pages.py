"""``python -m bench pages``: how fast every kind of public page is, next to a bare Django page.

Starts three servers under gunicorn (sync workers, the settings of the environment — ``make
bench`` gives production settings and PostgreSQL): the portal with its page cache, the portal
without it (every page rendered), and ``bench.bare``, a page that runs one query and renders
20 rows. Then, for several rounds, it runs ``wrk`` against the bare page and each page type in
turn, and prints per page: requests per second, p50 and p95 latency, the number of queries
(counted in this process, rendered), and the ratio to the bare page of the same round — with
the cache warm and cold. Signed-in pages (with a demo account's session) are never cached.
Figures only: nothing here passes or fails.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from .serving import drain, gunicorn, workers_rss_mb

# wrk prints these after its run (its Lua ``done`` hook): requests/s, p50 and p95 in µs.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d\\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), summary.errors.status))
end
"""
TARGET_WARM = 0.5
TARGET_COLD = 0.15


def public_pages() -> list[tuple[str, str]]:
    """One address per kind of public page, from what the database holds (the demo, or the
    volume of ``seed_volume``)."""
    from bijeenkomsten.models import Bijeenkomst
    from leerateliers.models import Leeratelier, LerendePraktijk
    from publicaties.models import Publicatie
    from quickscan.models import Scan
    from werkplaats.models import Gemeente, Organisatie, Persoon

    pages = [
        ("home", "/"),
        ("leerateliers", "/leerateliers/"),
        ("publicaties", "/publicaties/"),
        ("zoeken", "/zoeken/?q=eenzaamheid"),
        ("bijeenkomsten", "/bijeenkomsten/"),
        ("kennisagenda", "/kennisagenda/"),
        ("sociale kwaliteit", "/sociale-kwaliteit/"),
        ("gemeenten", "/gemeenten/"),
        ("partners", "/partners/"),
        ("netwerk", "/netwerk/"),
        ("netwerk.json", "/netwerk.json"),
        ("feed", "/feeds/publicaties/"),
        ("sitemap", "/sitemap.xml"),
        ("oai", "/oai?verb=ListRecords&metadataPrefix=oai_dc"),
        ("api", "/api/v1/publicaties/"),
        ("quick scan", "/quickscan/"),
    ]
    rows = [
        ("leeratelier", Leeratelier.objects.order_by("pk").first()),
        ("praktijk", LerendePraktijk.objects.order_by("pk").first()),
        ("publicatie", Publicatie.objects.published().order_by("pk").first()),
        ("bijeenkomst", Bijeenkomst.objects.order_by("pk").first()),
        ("gemeente", Gemeente.objects.werkgebied().order_by("pk").first()),
        ("partner", Organisatie.objects.order_by("pk").first()),
        ("persoon", Persoon.objects.order_by("pk").first()),
        ("quick scan uitkomsten", Scan.objects.published().order_by("pk").first()),
    ]
    return pages + [(name, row.get_absolute_url()) for name, row in rows if row is not None]


def signed_in_pages() -> list[tuple[str, str]]:
    return [("mijn (ingelogd)", "/mijn/")]


def session_cookie(email: str) -> str | None:
    """A session of the demo account ``email`` in the database the servers use."""
    from werkplaats.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Run:
    rps: float
    p50_ms: float
    p95_ms: float


@dataclass
class Figures:
    runs: list[Run] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)

    def add(self, run: Run, bare: Run) -> None:
        self.runs.append(run)
        self.ratios.append(run.rps / bare.rps if bare.rps else 0.0)

    def text(self, target: float) -> str:
        if not self.runs:
            return "–"
        rps = statistics.median(run.rps for run in self.runs)
        p50 = statistics.median(run.p50_ms for run in self.runs)
        p95 = statistics.median(run.p95_ms for run in self.runs)
        ratio = statistics.median(self.ratios)
        mark = "" if ratio >= target else " !"
        return f"{rps:7.0f} {p50:6.1f} {p95:6.1f} {ratio:5.2f}{mark}"


class Command(BaseCommand):
    help = "Meet alle soorten openbare pagina's naast een kale Django-pagina (wrk, gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=2)
        parser.add_argument("--seconds", type=int, default=3)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--account", default="trekker@werkplaats.test")

    def handle(self, *args, rounds, seconds, connections, account, **options):
        if shutil.which("wrk") is None:
            raise CommandError("wrk ontbreekt: sudo apt-get install wrk")
        self.seconds, self.connections = seconds, connections
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_REPORT)
        self.script = script.name
        try:
            self.measure(rounds, account)
        finally:
            os.unlink(self.script)

    def measure(self, rounds, account):
        pages = public_pages()
        cookie = session_cookie(account)
        personal = signed_in_pages() if cookie else []
        queries = self.count_queries(pages, personal, cookie)
        warm = {name: Figures() for name, _path in pages}
        cold = {name: Figures() for name, _path in pages + personal}
        bare_runs = []
        with (
            gunicorn("bench.bare:application") as (bare, _bare_master),
            gunicorn("werkplaats.wsgi", env={"DJANGO_PAGE_CACHE": "true"}) as (on, on_master),
            gunicorn("werkplaats.wsgi", env={"DJANGO_PAGE_CACHE": "false"}) as (off, _off),
        ):
            for number in range(rounds):
                self.stdout.write(f"ronde {number + 1} van {rounds} …")
                for name, path in pages + personal:
                    headers = [f"Cookie: {cookie}"] if (name, path) in personal else []
                    reference = self.wrk(bare + "/")
                    bare_runs.append(reference)
                    if (name, path) not in personal:
                        self.wrk(on + path)  # fills the cache
                        drain(on)
                        warm[name].add(self.wrk(on + path), reference)
                        drain(on)
                    cold[name].add(self.wrk(off + path, headers), reference)
                    drain(off)
            memory = workers_rss_mb(on_master)
        self.report(pages + personal, queries, warm, cold, bare_runs, memory)

    def count_queries(self, pages, personal, cookie):
        """Queries per page when it is rendered (the second request: the site profile is
        cached by then, as on a running site)."""
        counts = {}
        with override_settings(PAGE_CACHE=False, ALLOWED_HOSTS=["*"]):
            client = Client()
            signed_in = Client()
            if cookie:
                name, value = cookie.split("=", 1)
                signed_in.cookies[name] = value
            for name, path in pages + personal:
                visitor = signed_in if (name, path) in personal else client
                visitor.get(path)
                with CaptureQueriesContext(connection) as captured:
                    response = visitor.get(path)
                counts[name] = (len(captured), response.status_code)
        return counts

    def wrk(self, url, headers=()):
        command = ["wrk", "-t1", f"-c{self.connections}", f"-d{self.seconds}s", "-s", self.script]
        for header in headers:
            command += ["-H", header]
        result = subprocess.run([*command, url], capture_output=True, text=True, check=True)
        line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
        _label, rps, p50, p95, errors = line.split()
        if int(errors):
            raise CommandError(f"{url}: {errors} antwoorden met een foutstatus")
        return Run(float(rps), float(p50) / 1000, float(p95) / 1000)

    def report(self, pages, queries, warm, cold, bare_runs, memory):
        bare_rps = statistics.median(run.rps for run in bare_runs)
        self.stdout.write(
            f"\nKale pagina: {bare_rps:.0f} verzoeken/s (mediaan van {len(bare_runs)} metingen); "
            f"{self.connections} verbindingen, {self.seconds} s per meting.\n"
        )
        header = (
            f"{'pagina':24} {'q':>3} | {'warm: req/s':>7} {'p50':>6} {'p95':>6} {'×kaal':>5} "
            f"| {'koud: req/s':>7} {'p50':>6} {'p95':>6} {'×kaal':>5}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for name, _path in pages:
            count, status = queries[name]
            count_text = str(count) if status == 200 else f"{status}"
            warm_text = warm.get(name, Figures()).text(TARGET_WARM)
            self.stdout.write(
                f"{name[:24]:24} {count_text:>3} | {warm_text:>27} "
                f"| {cold[name].text(TARGET_COLD):>27}"
            )
        self.stdout.write(
            f"\nDoelen: warm ≥ {TARGET_WARM} × kaal, koud en ingelogd ≥ {TARGET_COLD} × kaal "
            "(! = eronder). p50/p95 in ms; q = queries als de pagina gemaakt wordt."
        )
        if memory:
            sizes = ", ".join(f"{size:.0f}" for size in memory)
            self.stdout.write(f"Geheugen van de workers na afloop (met cache): {sizes} MB")
