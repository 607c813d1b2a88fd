"""gunicorn's settings for the portal, from the environment (gunicorn reads this file by
itself when started in this folder; `make serve` and deploy/systemd/werkplaats.service do).

- GUNICORN_BIND: address(es) to listen on, comma-separated, ``unix:/run/…`` too
  (default 127.0.0.1:8000);
- WEB_CONCURRENCY: sync worker processes (default two per core and one more: 5 on 2 cores);
- GUNICORN_TIMEOUT: seconds a request may take before its worker is replaced (default 60);
- GUNICORN_FORWARDED_ALLOW_IPS: addresses of the reverse proxies whose X-Forwarded-* headers
  gunicorn believes (default 127.0.0.1,::1; FORWARDED_ALLOW_IPS is read too);
- GUNICORN_MAX_REQUESTS: requests after which a worker is replaced, 0 for never (default 1000);
- GUNICORN_CONTROL_SOCKET: path of gunicorn's control socket for gunicornc (default none).

Command-line options still win over this file.
"""

import os


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux, or not allowed to ask
        return os.cpu_count() or 1


wsgi_app = "werkplaats.wsgi:application"
bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
    if address.strip()
]
# Sync workers: one request each. Twice the cores and one more keeps the cores busy while
# some workers wait for the database.
workers = _number("WEB_CONCURRENCY", 2 * _cores() + 1)

# Above the database's own limits (DJANGO_PG_STATEMENT_TIMEOUT 30 s, DJANGO_PG_CONNECT_TIMEOUT
# 5 s), so a slow query ends in the portal's 503 page rather than in a killed worker.
timeout = _number("GUNICORN_TIMEOUT", 60)
# On a restart or a new release, a worker finishes what it is doing for this long.
graceful_timeout = 30
keepalive = 5

# A worker is replaced after this many requests (plus up to a tenth more, so they do not all
# restart at once): memory that grows slowly never grows for long.
max_requests = _number("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# One line per request on stdout (the journal under systemd), with its time in milliseconds.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"

forwarded_allow_ips = os.environ.get(
    "GUNICORN_FORWARDED_ALLOW_IPS", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
)

# The workers' heartbeat files in memory: on a disk they can stall a worker (gunicorn's docs,
# "Blocking OS calls").
if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
    worker_tmp_dir = "/dev/shm"

# gunicorn's control socket only where one is asked for: by default it would live in the
# home folder, which a hardened service cannot write.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

proc_name = "werkplaats"
