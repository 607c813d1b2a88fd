"""Production settings, tested the way an operator meets them: by starting the portal.

Each test starts ``manage.py`` or a small probe script in a subprocess with a clean environment
(no DJANGO_*, DATABASE_URL or REDIS_URL from the calling shell), so the settings module is
read afresh with exactly the variables the test sets.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "werkplaats.example.nl"
ONE_YEAR = 365 * 24 * 60 * 60

# Sets up Django with the environment it was given and prints, as one JSON line, the settings
# that matter and what a client sees for a few requests to the first allowed host.
PROBE = """
import json

import django

django.setup()

from django.conf import settings
from django.test import Client

host = settings.ALLOWED_HOSTS[0]


def get(path, **extra):
    response = Client().get(path, HTTP_HOST=host, **extra)
    return {
        "status": response.status_code,
        "location": response.get("Location"),
        "headers": {name.lower(): value for name, value in response.headers.items()},
    }


print(json.dumps({
    "settings": {
        name: getattr(settings, name)
        for name in [
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_PROXY_SSL_HEADER",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "CACHES",
            "STAFF_MFA_REQUIRED",
        ]
    },
    "https": get("/robots.txt", secure=True),
    "http": get("/robots.txt"),
    "http_behind_proxy": get("/robots.txt", HTTP_X_FORWARDED_PROTO="https"),
    "healthz_http": get("/healthz"),
}))
"""


def run(*args, env):
    """Run ``python *args`` in the repository root with only ``env`` on top of a clean environ."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "werkplaats.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def probe(env):
    result = run("-c", PROBE, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """What an operator sets on a production server (with a throwaway database and static root)."""
    tmp = tmp_path_factory.mktemp("production")
    (tmp / "static").mkdir()
    return {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": PUBLIC_HOST,
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp / "cache"),  # no page stored by another run
    }


@pytest.fixture(scope="module")
def production(production_env):
    return probe(production_env)


@pytest.fixture(scope="module")
def plain_http_on_loopback(production_env):
    return probe(
        {
            **production_env,
            "DJANGO_ALLOW_PLAIN_HTTP": "true",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )


# --- Refusing to start on an unsafe configuration --------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param(
            {"DJANGO_SECRET_KEY": ""},
            "DJANGO_SECRET_KEY ontbreekt of is te kort",
            id="no-secret-key",
        ),
        pytest.param(
            {"DJANGO_SECRET_KEY": "django-insecure-only-for-development-never-in-production"},
            "DJANGO_SECRET_KEY ontbreekt of is te kort",
            id="development-secret-key",
        ),
        pytest.param(
            {"DJANGO_SECRET_KEY": secrets.token_urlsafe(30)},
            "DJANGO_SECRET_KEY ontbreekt of is te kort",
            id="short-secret-key",
        ),
        pytest.param(
            {"DJANGO_ALLOWED_HOSTS": ""},
            "DJANGO_ALLOWED_HOSTS is leeg",
            id="no-allowed-hosts",
        ),
        pytest.param(
            {"DJANGO_ALLOW_PLAIN_HTTP": "true"},
            "DJANGO_ALLOW_PLAIN_HTTP is alleen toegestaan",
            id="plain-http-on-public-host",
        ),
    ],
)
def test_debug_off_refuses_to_start_on_unsafe_settings(production_env, overrides, message):
    result = run("manage.py", "check", env={**production_env, **overrides})

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert message in last_line


# --- Production-like environment -------------------------------------------------------------


def test_check_deploy_passes_without_any_warning(production_env):
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production_env)
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "?: (security." not in output
    assert "System check identified no issues" in output


def test_production_turns_on_https_only_settings(production):
    settings = production["settings"]

    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert settings["STAFF_MFA_REQUIRED"] is True  # staff enter the admin with a second factor


def test_production_response_carries_the_security_headers(production):
    response = production["https"]
    headers = response["headers"]

    assert response["status"] == 200
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "base-uri 'none'" in csp  # no injected <base> can send relative links elsewhere
    assert "max-age=" in headers["strict-transport-security"]
    assert "includeSubDomains" in headers["strict-transport-security"]
    assert "preload" in headers["strict-transport-security"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"


def test_production_redirects_plain_http_to_https(production):
    assert production["http"]["status"] == 301
    assert production["http"]["location"] == f"https://{PUBLIC_HOST}/robots.txt"


def test_production_trusts_https_reported_by_the_proxy(production):
    assert production["http_behind_proxy"]["status"] == 200


def test_healthz_is_not_redirected_for_the_load_balancer(production):
    assert production["healthz_http"]["status"] in {200, 503}


def test_collectstatic_writes_hashed_and_compressed_files(production_env, tmp_path):
    static_root = tmp_path / "static"
    result = run(
        "manage.py",
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        env={**production_env, "DJANGO_STATIC_ROOT": str(static_root)},
    )
    assert result.returncode == 0, result.stderr

    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["css/site.css"]
    assert hashed_css != "css/site.css"
    assert hashed_css.startswith("css/site.") and hashed_css.endswith(".css")
    assert (static_root / hashed_css).is_file()
    compressed = [static_root / f"{hashed_css}.gz", static_root / f"{hashed_css}.br"]
    assert any(path.is_file() for path in compressed)


# --- Plain http on the loopback address (`make serve`) ---------------------------------------


def test_plain_http_on_loopback_starts_without_https_only_settings(plain_http_on_loopback):
    settings = plain_http_on_loopback["settings"]

    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["CSRF_COOKIE_SECURE"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_plain_http_on_loopback_serves_http_without_redirect_or_hsts(plain_http_on_loopback):
    response = plain_http_on_loopback["http"]

    assert response["status"] == 200
    assert "strict-transport-security" not in response["headers"]


# --- Cache ---------------------------------------------------------------------------------


def test_without_redis_url_worker_processes_share_one_cache(production_env, tmp_path):
    env = {**production_env, "DJANGO_CACHE_DIR": str(tmp_path / "cache")}
    count = "import django; django.setup(); from django.core.cache import cache; "
    count += "cache.add('teller', 0); print(cache.incr('teller'))"

    first, second = run("-c", count, env=env), run("-c", count, env=env)

    assert first.returncode == 0, first.stderr
    # The second process (another worker) sees what the first one counted.
    assert (first.stdout.split()[-1], second.stdout.split()[-1]) == ("1", "2")
    cache = probe(env)["settings"]["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"


def test_a_worker_that_starts_serves_no_page_stored_by_the_release_before(production_env):
    script = (
        "import django; django.setup(); from werkplaats import pagecache; "
        "before = pagecache.generation(); import werkplaats.wsgi; "
        "print(before != pagecache.generation())"
    )
    result = run("-c", script, env=production_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"


def test_redis_url_selects_the_redis_cache(production_env):
    redis_url = "redis://127.0.0.1:6379/0"
    cache = probe({**production_env, "REDIS_URL": redis_url})["settings"]["CACHES"]["default"]

    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == redis_url
