"""Running the portal (or another WSGI app) under gunicorn for a benchmark, and waiting for it."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management.base import CommandError


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, round(fraction * len(ordered)) - 1)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(server, url, log, timeout=30):
    """Until the server answers ``url`` (which also warms it up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    log.seek(0)
    raise CommandError(
        f"De server op {url} antwoordt niet:\n{log.read().decode(errors='replace')[-2000:]}"
    )


def drain(base, workers=2, timeout=300):
    """Wait until the server has answered what a load run left in its queue: wrk stops after
    its seconds, but each worker still answers every request already sent. One request per
    worker at once, queued behind the rest, returns when the backlog is gone; without this, a
    slow page's backlog would count against the page measured after it."""

    def ask(_number):
        with urllib.request.urlopen(base + "/healthz", timeout=timeout) as response:
            response.read()

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(ask, range(workers)))


@contextlib.contextmanager
def gunicorn(app, *, workers=2, env=None, check="/"):
    """``app`` (a WSGI module:callable) under gunicorn with sync workers on a free port;
    yields ``(base url, master process)`` once it answers ``check``."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--no-control-socket",
                # gunicorn.conf.py replaces workers after 1,000 requests: not in the middle of
                # a measurement.
                "--max-requests=0",
            ],
            cwd=settings.BASE_DIR,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(server, base + check, log)
            yield base, server
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def workers_rss_mb(master: subprocess.Popen) -> list[float]:
    """The resident memory of each worker of a gunicorn master, in MB (Linux)."""
    sizes = []
    children = f"/proc/{master.pid}/task/{master.pid}/children"
    try:
        with open(children) as handle:
            pids = handle.read().split()
    except OSError:
        return sizes
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sizes
