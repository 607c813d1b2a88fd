"""Fault test: the database goes away under a running portal, and comes back.

The portal runs as in production (gunicorn, debug off, persistent connections with health
checks, the page cache, tasks waiting in the database) against the test database, through a
TCP proxy (tests/dbproxy.py) that the test cuts and restores:

- while every connection is cut and new ones are refused, every request — public pages,
  /healthz, signed-in pages, and writes: a signed-in registration for a bijeenkomst, a guest's
  registration form and confirmation link, a trekker adding a lerende praktijk — is answered
  503 with Retry-After (or, for a public page stored before, from the page cache), never 500;
- the first requests after the proxy is back are answered as usual, without a restart;
- while the server is silent (new connections taken and never answered, as a server that is
  down behind a network that drops its packets), requests are answered 503 within the connect
  time-out (``DJANGO_PG_CONNECT_TIMEOUT``), not held until the app server kills its worker;
- every write that was answered as done is stored whole, every write answered 503 is absent,
  and nothing is half-written, also when one connection is cut in the middle of a transaction:
  after the praktijk's row and before its gemeenten, or just before COMMIT. Cut just after the
  COMMIT (the answer lost, or the confirmation email's task not queued), the visitor gets 503
  for a write that is stored whole, once; the 503 page asks them to look before sending again,
  sending again says they are registered already, and the email is caught up.

Run with ``pytest -s`` to see the figures.
"""

import http.client
import itertools
import json
import os
import secrets
import string
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test import Client

from bench.serving import free_port
from bijeenkomsten.models import Aanmelding, AanmeldingStatus
from bijeenkomsten.notifications import confirm_token, send_pending
from leerateliers.models import LerendePraktijk, PraktijkStatus
from tests.dbproxy import PostgresProxy

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = secrets.token_urlsafe(50)
RETRY_AFTER = "30"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the proxy cuts a TCP connection; SQLite is a file",
    ),
    pytest.mark.django_db(transaction=True),
]


# --- The portal through the proxy --------------------------------------------------------------


def production_environment(**extra):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"}
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "werkplaats.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_ALLOW_PLAIN_HTTP": "true",
        "DJANGO_FETCH_VIDEO_STILLS": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    environment = production_environment(
        DJANGO_STATIC_ROOT=str(root), DATABASE_URL=f"sqlite:///{root / 'unused.sqlite3'}"
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    return root


@pytest.fixture
def proxy():
    params = connection.settings_dict
    proxy = PostgresProxy(upstream=(params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)))
    yield proxy.start()
    proxy.stop()


@pytest.fixture
def portal(proxy, static_root, tmp_path, settings):
    """gunicorn with production settings on the test database, through the proxy."""
    settings.SECRET_KEY = SECRET_KEY  # sessions and guests' links made here work there
    params = connection.settings_dict
    login = quote(params["USER"] or "", safe="")
    if params["PASSWORD"]:
        login += ":" + quote(str(params["PASSWORD"]), safe="")
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    environment = production_environment(
        DATABASE_URL=f"postgres://{login}@127.0.0.1:{proxy.port}/{params['NAME']}?sslmode=disable",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_TRUSTED_PROXY_COUNT="1",  # each guest comes from an address of their own
        DJANGO_PG_CONNECT_TIMEOUT="2",  # a silent server: 503 after 2 s (5 s by default)
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "werkplaats.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--graceful-timeout=2",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(port, server, tmp_path / "gunicorn.log")
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_up(port, server, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{log.read_text()}")
        try:
            if Visitor(port).get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer:\n{log.read_text()}")


# --- Visitors ------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    seconds: float


@dataclass
class Visitor:
    """A browser without redirects: its own cookies, and for forms a CSRF token it made up (as
    the cookie and the form field; Django checks that they match)."""

    port: int
    cookies: dict = field(default_factory=dict)

    def with_csrf(self):
        token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.cookies["csrftoken"] = token
        return self

    def get(self, path):
        return self.request("GET", path, None, {})

    def post(self, path, data, headers=None):
        data = {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.request("POST", path, urlencode(data, doseq=True), headers or {})

    def request(self, method, path, body, headers):
        headers = {"Host": f"127.0.0.1:{self.port}", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode(errors="replace")
        finally:
            conn.close()
        return Answer(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            content,
            time.monotonic() - started,
        )


def signed_in(port, user):
    """A visitor with a session made here (same secret key) for ``user``."""
    client = Client()
    client.force_login(user)
    return Visitor(port, {"sessionid": client.cookies["sessionid"].value}).with_csrf()


# --- The writes, and what the database holds of them ---------------------------------------------


@dataclass
class Write:
    kind: str
    key: tuple
    phase: str
    status: int
    expect: str = ""  # "whole" or "absent", from the answer


@dataclass
class World:
    port: int
    trekker: Visitor
    members: list
    bijeenkomsten: list
    leeratelier: object
    gemeenten: list
    partners: list
    writes: list = field(default_factory=list)
    requests: Counter = field(default_factory=Counter)
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1))
    pairs: Iterator | None = None

    def record(self, phase, answer, kind=None, key=None):
        self.requests[phase, answer.status] += 1
        if kind is not None:
            self.writes.append(Write(kind, key, phase, answer.status))
        return answer

    # Each write is new: a pair of member and bijeenkomst, a guest address, a praktijk title.

    def register(self, phase, *, repeat=None):
        member, bijeenkomst = repeat or next(self.pairs)
        answer = member["visitor"].post(bijeenkomst.get_absolute_url(), {})
        key = (member["user"].pk, bijeenkomst.pk)
        return self.record(phase, answer, "aanmelding", key), (member, bijeenkomst)

    def guest_form(self, phase):
        n = next(self.numbers)
        email = f"gast-formulier-{n}@example.nl"
        answer = (
            Visitor(self.port)
            .with_csrf()
            .post(
                self.bijeenkomsten[0].get_absolute_url(),
                {"naam": f"Gast {n}", "email": email, "organisatie": "Buurtteam"},
                headers={"X-Forwarded-For": f"198.51.100.{n % 250 + 1}"},
            )
        )
        return self.record(phase, answer, "gastformulier", (email,))

    def guest_confirm(self, phase):
        n = next(self.numbers)
        email = f"gast-{n}@example.nl"
        bijeenkomst = self.bijeenkomsten[n % len(self.bijeenkomsten)]
        token = confirm_token(
            bijeenkomst=bijeenkomst, naam=f"Gast {n}", email=email, organisatie="Buurtteam"
        )
        answer = Visitor(self.port).with_csrf().post(f"/bijeenkomsten/bevestigen/{token}/", {})
        return self.record(phase, answer, "gast", (email, f"Gast {n}"))

    def praktijk(self, phase):
        titel = f"Praktijk tijdens storing {next(self.numbers)}"
        answer = self.trekker.post(
            f"/mijn/leerateliers/{self.leeratelier.slug}/praktijken/nieuw/",
            {
                "titel": titel,
                "beschrijving": "Wat we samen uitproberen.",
                "status": PraktijkStatus.LOPEND,
                "start_on": "2024-02-01",
                "end_on": "",
                "externe_link": "",
                "gemeenten": [g.pk for g in self.gemeenten],
                "partners": [o.pk for o in self.partners],
            },
        )
        return self.record(phase, answer, "praktijk", (titel,))

    def pages(self, phase, *, warmed=()):
        """Public pages for a visitor without a session (from the page cache when stored),
        one that is never stored, /healthz, and pages of a signed-in member."""
        answers = []
        for path in PUBLIC_PAGES:
            answer = self.record(phase, Visitor(self.port).get(path))
            answers.append((path, answer, path in warmed))
        unique = f"/publicaties/?q=storing{next(self.numbers)}"
        answers.append((unique, self.record(phase, Visitor(self.port).get(unique)), False))
        answers.append(("/healthz", self.record(phase, Visitor(self.port).get("/healthz")), False))
        for path in ("/mijn/", f"/mijn/leerateliers/{self.leeratelier.slug}/"):
            answers.append((path, self.record(phase, self.trekker.get(path)), False))
        member = self.members[0]["visitor"]
        answers.append(("/mijn/", self.record(phase, member.get("/mijn/")), False))
        return answers

    def all_writes(self, phase):
        return [
            self.register(phase)[0],
            self.guest_form(phase),
            self.guest_confirm(phase),
            self.praktijk(phase),
        ]


PUBLIC_PAGES = ["/", "/leerateliers/", "/bijeenkomsten/", "/publicaties/", "/partners/"]


def stored(write, world):
    """``whole``, ``absent`` or ``partial``: what the database holds of ``write``."""
    if write.kind == "aanmelding":
        user, bijeenkomst = write.key
        rows = list(Aanmelding.objects.filter(user_id=user, bijeenkomst_id=bijeenkomst))
        return _one(rows, lambda a: a.status in AanmeldingStatus.active() and a.aangemeld_at)
    if write.kind == "gast":
        email, naam = write.key
        rows = list(Aanmelding.objects.filter(email=email))
        return _one(rows, lambda a: a.naam == naam and a.organisatie == "Buurtteam")
    if write.kind == "gastformulier":
        from django_tasks_db.models import DBTaskResult

        (email,) = write.key
        rows = [
            task
            for task in DBTaskResult.objects.filter(task_path__endswith="send_guest_confirmation")
            if email in json.dumps(task.args_kwargs)
        ]
        return _one(rows, lambda task: True)
    (titel,) = write.key
    rows = list(LerendePraktijk.objects.filter(titel=titel))
    history = LerendePraktijk.history.filter(titel=titel).count()
    if not rows:
        return "absent" if history == 0 else "partial"
    return _one(
        rows,
        lambda p: (
            set(p.gemeenten.all()) == set(world.gemeenten)
            and set(p.partners.all()) == set(world.partners)
            and history == 1
        ),
    )


def _one(rows, is_whole):
    if not rows:
        return "absent"
    return "whole" if len(rows) == 1 and is_whole(rows[0]) else "partial"


# --- The test ----------------------------------------------------------------------------------


@pytest.fixture
def stage(portal, world, make_bijeenkomst, make_user, make_gemeente):
    """The conftest's small network (its trekker leads leeratelier A), six upcoming
    bijeenkomsten and eight signed-in members, each with a session on the portal."""
    bijeenkomsten = [make_bijeenkomst(f"Bijeenkomst {n}", days=10 + n) for n in range(6)]
    users = [world.partner, world.andere_partner, world.stranger, world.trekker_b]
    users += [make_user() for _ in range(4)]
    members = [{"user": user, "visitor": signed_in(portal, user)} for user in users]
    stage = World(
        port=portal,
        trekker=signed_in(portal, world.trekker),
        members=members,
        bijeenkomsten=bijeenkomsten,
        leeratelier=world.a,
        gemeenten=[make_gemeente("Heumen"), make_gemeente("Lingewaard")],
        partners=[world.organisatie, world.andere],
    )
    stage.pairs = iter([(m, b) for b in bijeenkomsten for m in members])
    return stage


def test_with_the_database_away_the_portal_answers_503_loses_nothing_and_recovers(
    stage, proxy, mailoutbox
):
    world = stage
    # Up: everything answers, and after the last write public pages are stored in the page
    # cache (a write to what they show starts a new generation of it).
    for path, answer, _warmed in world.pages("up"):
        assert answer.status == 200, (path, answer.status, answer.body[:500])
    for answer in world.all_writes("up"):
        assert answer.status == 302, answer.body[:500]
    for path, answer, _warmed in world.pages("up"):
        assert answer.status == 200, (path, answer.status, answer.body[:500])
    warmed = set(PUBLIC_PAGES)

    # Away: every connection cut, new ones refused.
    proxy.cut()
    outage = []
    for _round in range(3):
        outage += [(p, a, w) for p, a, w in world.pages("away", warmed=warmed)]
        outage += [("(write)", a, False) for a in world.all_writes("away")]
    for path, answer, was_warmed in outage:
        if answer.status == 200 and was_warmed:
            continue  # a public page stored before: served without the database
        assert answer.status == 503, (path, answer.status, answer.body[:500])
        if path != "/healthz":
            assert answer.headers.get("retry-after") == RETRY_AFTER, path
            assert "Het portaal is even niet bereikbaar" in answer.body
    assert proxy.open_connections == 0

    # Back: the next requests are answered as usual, by the same workers.
    proxy.resume()
    for path, answer, _warmed in world.pages("back"):
        assert answer.status == 200, (path, answer.status, answer.body[:500])
    for answer in world.all_writes("back"):
        assert answer.status == 302, answer.body[:500]

    # Silent: the server answers nothing (down behind a network that drops its packets), so
    # nothing is refused; a new connection gives up after DJANGO_PG_CONNECT_TIMEOUT.
    proxy.cut(silent=True)
    silent = [
        world.record("silent", Visitor(world.port).get("/healthz")),
        world.record("silent", world.trekker.get("/mijn/")),
        world.register("silent")[0],
        world.guest_confirm("silent"),
    ]
    for answer in silent:
        assert answer.status == 503, (answer.status, answer.body[:500])
        assert answer.seconds < 10
    proxy.resume()
    assert world.record("back", world.trekker.get("/mijn/")).status == 200

    # One connection cut in the middle of a transaction, at a chosen point.
    praktijk = LerendePraktijk._meta
    gemeenten = LerendePraktijk.gemeenten.through._meta
    aanmelding = f'INSERT INTO "{Aanmelding._meta.db_table}"'
    task = 'INSERT INTO "django_tasks_database_dbtaskresult"'
    cuts = {
        "praktijk saved, its gemeenten not yet": (
            (f'INSERT INTO "{praktijk.db_table}" ', f'INSERT INTO "{gemeenten.db_table}"'),
            world.praktijk,
        ),
        "registration before COMMIT": ((aanmelding, "COMMIT"), lambda p: world.register(p)[0]),
        "guest registration before COMMIT": ((aanmelding, "COMMIT"), world.guest_confirm),
    }
    for name, (patterns, write) in cuts.items():
        trigger = proxy.cut_when(*patterns)
        answer = write("mid-transaction")
        assert trigger.fired.is_set(), name
        assert answer.status == 503 and answer.headers["retry-after"] == RETRY_AFTER, name
        assert world.trekker.get("/mijn/").status == 200, name  # the next request: as usual

    # Cut just after the COMMIT: the answer is lost, or the email's task is not queued.
    trigger = proxy.cut_when(aanmelding, "COMMIT", after_reply=True)
    lost_answer, pair = world.register("after COMMIT")
    assert trigger.fired.is_set() and lost_answer.status == 503
    again, _pair = world.register("after COMMIT, sent again", repeat=pair)
    assert again.status == 302
    trigger = proxy.cut_when(aanmelding, "COMMIT", task)
    no_task, _pair = world.register("after COMMIT")
    assert trigger.fired.is_set() and no_task.status == 503

    # What the database holds.
    after_commit = {"after COMMIT", "after COMMIT, sent again"}
    outcome = Counter()
    for write in world.writes:
        if write.status == 302:
            write.expect = "whole"
        elif write.status == 503:
            write.expect = "whole" if write.phase in after_commit else "absent"
        else:
            write.expect = f"an answer {write.status}"
        found = stored(write, world)
        outcome[write.expect, found] += 1
        assert found == write.expect, write
    attempted = {w.key for w in world.writes if w.kind == "aanmelding"}
    stored_pairs = set(
        Aanmelding.objects.filter(user__isnull=False).values_list("user", "bijeenkomst")
    )
    assert stored_pairs <= attempted
    titles = {w.key[0] for w in world.writes if w.kind == "praktijk" and w.expect == "whole"}
    assert set(world.leeratelier.praktijken.values_list("titel", flat=True)) == titles

    # No email lost: the catch-up sends every stored registration its confirmation, also the
    # ones whose answer or task the cut took.
    send_pending()
    registered = {
        a.email or a.user.email
        for a in Aanmelding.objects.select_related("user").filter(
            status__in=AanmeldingStatus.active()
        )
    }
    assert registered <= {address for message in mailoutbox for address in message.to}

    statuses = Counter()
    for (_phase, status), count in world.requests.items():
        statuses[status] += count
    away = {status: count for (phase, status), count in world.requests.items() if phase == "away"}
    slowest = max(answer.seconds for _path, answer, _warmed in outage)
    slowest_silent = max(answer.seconds for answer in silent)
    lost = outcome["whole", "absent"] + outcome["whole", "partial"]
    partial = sum(count for (expect, found), count in outcome.items() if found == "partial")
    print(
        f"\nDatabase outage through the proxy: {sum(statuses.values())} requests "
        f"({dict(sorted(statuses.items()))}); while away: {sum(away.values())} requests, "
        f"{away.get(503, 0)} × 503, {away.get(200, 0)} × 200 from the page cache, "
        f"{sum(c for s, c in away.items() if s >= 500 and s != 503)} × other 5xx, slowest "
        f"{slowest * 1000:.0f} ms; while silent: {len(silent)} × 503, slowest "
        f"{slowest_silent:.1f} s. Writes: {len(world.writes)} ("
        f"{sum(1 for w in world.writes if w.status == 302)} answered done, "
        f"{sum(1 for w in world.writes if w.status == 503)} answered 503, of which "
        f"{sum(1 for w in world.writes if w.status == 503 and w.phase in after_commit)} "
        f"stored after the COMMIT); rows lost: {lost}; half-written: {partial}; "
        f"connections through the proxy: {proxy.accepted}."
    )
    assert statuses.get(500, 0) == 0
    assert all(status < 500 or status == 503 for status in statuses)
    assert lost == 0
    assert partial == 0
