"""gunicorn.conf.py: address, workers, time-outs and proxies come from the environment, with
defaults that suit a two-core server; gunicorn itself accepts every value."""

import os
import runpy
from pathlib import Path

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
VARIABLES = (
    "GUNICORN_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_TIMEOUT",
    "GUNICORN_FORWARDED_ALLOW_IPS",
    "FORWARDED_ALLOW_IPS",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_CONTROL_SOCKET",
)


def loaded(monkeypatch, **environment):
    """The settings gunicorn takes from the file in ``environment``."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(ROOT / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_the_defaults_serve_the_portal_on_loopback_with_workers_for_the_cores(monkeypatch):
    config = loaded(monkeypatch)

    assert config.wsgi_app == "werkplaats.wsgi:application"
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == 2 * len(os.sched_getaffinity(0)) + 1
    assert config.timeout == 60
    assert config.graceful_timeout == 30
    assert config.forwarded_allow_ips == ["127.0.0.1", "::1"]
    assert config.accesslog == "-"
    assert config.max_requests == 1000
    assert config.max_requests_jitter == 100
    assert config.control_socket_disable is True


def test_the_environment_sets_address_workers_timeout_and_proxies(monkeypatch):
    config = loaded(
        monkeypatch,
        GUNICORN_BIND="0.0.0.0:8080, unix:/run/werkplaats/gunicorn.sock",
        WEB_CONCURRENCY="3",
        GUNICORN_TIMEOUT="90",
        GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.5",
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_CONTROL_SOCKET="/run/werkplaats/gunicorn.ctl",
    )

    assert config.bind == ["0.0.0.0:8080", "unix:/run/werkplaats/gunicorn.sock"]
    assert config.workers == 3
    assert config.timeout == 90
    assert config.forwarded_allow_ips == ["10.0.0.5"]
    assert config.max_requests == 0
    assert config.control_socket == "/run/werkplaats/gunicorn.ctl"
    assert config.control_socket_disable is False


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no writable /dev/shm here")
def test_the_workers_heartbeat_lives_in_memory(monkeypatch):
    assert loaded(monkeypatch).worker_tmp_dir == "/dev/shm"
