"""Settings for the Werkplaats portal, read from the environment.

Every value that differs between a laptop and production comes from a ``DJANGO_…``
variable (or ``DATABASE_URL``/``REDIS_URL``); see the table in README.md. With debug off
the portal refuses to start on an unsafe configuration.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from werkplaats.video import PLAYER_ORIGINS

BASE_DIR = Path(__file__).resolve().parent.parent

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
DEVELOPMENT_SECRET_KEY = "django-insecure-only-for-development-never-in-production"


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} moet true of false zijn, niet {value!r}.")


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} moet een geheel getal zijn, niet {value!r}.") from error


def env_list(name):
    return [item.strip() for item in env(name).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
# Earlier keys, while a new one takes over: sessions, links in emails and second-factor secrets
# made with them keep working (comma-separated).
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Plain http on the loopback address only, for trying the production setup locally
# (`make serve`). It never applies to a public host name.
ALLOW_PLAIN_HTTP = env_bool("DJANGO_ALLOW_PLAIN_HTTP", False)

if not DEBUG:
    if (
        SECRET_KEY == DEVELOPMENT_SECRET_KEY
        or len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ontbreekt of is te kort (minstens 50 tekens) terwijl "
            "DJANGO_DEBUG uit staat. Zet een lange, geheime sleutel in de omgeving."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is leeg terwijl DJANGO_DEBUG uit staat. "
            "Noem de hostnamen waarop het portaal bereikbaar is, gescheiden door komma's."
        )
    if ALLOW_PLAIN_HTTP and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOW_PLAIN_HTTP is alleen toegestaan als DJANGO_ALLOWED_HOSTS "
            "uitsluitend 127.0.0.1, localhost of [::1] noemt."
        )

# The portal's apps come first and in their floors, lowest first (see the import contract in
# pyproject.toml): `load_demo` loads each app's demo in this order, so what an app builds on
# exists before it; the personal-data download reads each app's privacy.py in this order and
# account deletion erases them the other way round.
INSTALLED_APPS = [
    "werkplaats",
    "accounts",
    "leerateliers",
    "publicaties",
    "kennisagenda",
    "bijeenkomsten",
    "netwerk",
    "nieuwsbrief",
    "reacties",
    "landelijk",
    "onderwijs",
    "quickscan",
    "portaal",
    "portaal.apps.BeheerConfig",  # django.contrib.admin with the workbench
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "werkplaats.requestguard.RequestGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page, feed and download, and 304 when the browser has it already.
    "django.middleware.http.ConditionalGetMiddleware",
    # The language of the address (/en/… or Dutch); above the cache, which it may bypass.
    "werkplaats.i18n.LanguageMiddleware",
    "werkplaats.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "werkplaats.audit.RequestMiddleware",  # the request at hand for the audit log
    "accounts.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "werkplaats.urls"
WSGI_APPLICATION = "werkplaats.wsgi.application"
ASGI_APPLICATION = "werkplaats.asgi.application"

# The largest request body read (werkplaats.requestguard): twice the largest upload (25 MB), so
# a file somewhat too large gets the form's own message; a visitor without a session uploads
# nothing, so 1 MB does.
MAX_REQUEST_BYTES = env_int("DJANGO_MAX_REQUEST_BYTES", 50 * 1024 * 1024)
MAX_ANONYMOUS_REQUEST_BYTES = env_int("DJANGO_MAX_ANONYMOUS_REQUEST_BYTES", 1024 * 1024)

FORM_RENDERER = "werkplaats.form_renderer.Renderer"  # select boxes without a template per option
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "werkplaats.context_processors.profiel",
                "werkplaats.context_processors.taal",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's planner assumes a random read costs four sequential ones (spinning disks);
    # with the tables in memory or on SSD it is nearer 1.1, and then full-text search reads its
    # GIN index for common words too instead of every row (about half the time at 50,000
    # publicaties).
    # A statement that runs away (a slow query, a lock that is not let go) is stopped instead
    # of holding a worker and a connection: 30 s for a statement, 10 s waiting for a lock.
    # Commands that need longer (seed_volume, backup) set their own.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={env('DJANGO_PG_RANDOM_PAGE_COST', '1.1')}"
        f" -c statement_timeout={env('DJANGO_PG_STATEMENT_TIMEOUT', '30s')}"
        f" -c lock_timeout={env('DJANGO_PG_LOCK_TIMEOUT', '10s')}"
    )
    # A database server that does not answer (down, or a network that drops the packets)
    # refuses nothing: without a limit a new connection waits 130 s (psycopg's default), the
    # app server kills the worker after 30 s, and the visitor gets a bare 500 instead of the
    # 503 page. A limit well below the worker's time-out (DATABASE_URL's ?connect_timeout=
    # wins).
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env_int("DJANGO_PG_CONNECT_TIMEOUT", 5)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "werkplaats.User"

if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "werkplaats",
        }
    }
else:
    # Without Redis, a cache in files that every worker process on this machine shares, so
    # rate limits count a client once however many workers answer it.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("DJANGO_CACHE_DIR")
            or str(Path(tempfile.gettempdir()) / f"werkplaats-cache-{BASE_DIR.name}"),
        }
    }

# Public pages for visitors without a session come from the cache above, and are current at
# every request (werkplaats/pagecache.py). Writes to these models never change a public page,
# so they leave the cached pages alone.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)
PAGE_CACHE_PRIVATE_MODELS = [
    "sessions.Session",
    "admin.LogEntry",
    "werkplaats.User",
    "werkplaats.UitgaandeMail",
    "werkplaats.GeplandeTaak",
    "account.EmailAddress",
    "account.EmailConfirmation",
    "accounts.Koppeling",
    "accounts.Meldingsvoorkeur",
    "leerateliers.Abonnement",
    "leerateliers.Melding",
    "bijeenkomsten.Bericht",
    "bijeenkomsten.Ontvanger",
    "nieuwsbrief.Inschrijving",
    "nieuwsbrief.Afmelding",
    "nieuwsbrief.Afmeldsleutel",
    "nieuwsbrief.Bezorging",
    "reacties.Reactie",
    "quickscan.Respondent",
    "quickscan.Antwoord",
    "quickscan.Opmerking",
    "django_tasks_database.DBTaskResult",
]

# --- Accounts (django-allauth) ----------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portaal:dashboard"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"  # mails wait when the server is away
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# No email to an address without an account: a password reset for any address typed in would
# let anyone flood a stranger's mailbox. The page says the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Werkplaats Sociaal Domein] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG or ALLOW_PLAIN_HTTP else "https"
# allauth's rate limits are on by default; they count in the cache, which is Redis (shared by
# all app servers) when REDIS_URL is set. They count per client address: behind reverse
# proxies, say how many (each adds itself to X-Forwarded-For), or every visitor would count as
# the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
# allauth's defaults, with password resets held to 3 an hour per address (5 a minute let one
# visitor send 300 an hour to someone) and 10 an hour per client.
ACCOUNT_RATE_LIMITS = {"reset_password": "10/h/ip,3/h/key"}
# A reset link works for an hour (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 60 * 60

# A second factor: a code from an authenticator app (TOTP), with one-time recovery codes for
# when the phone is lost. Staff need it to enter the admin (accounts.middleware); anyone may
# switch it on from their account pages.
# Second-factor secrets encrypted with the secret key; staff cannot switch theirs off.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Werkplaats Sociaal Domein"
STAFF_MFA_REQUIRED = True

# Who hears of a vulnerability (/.well-known/security.txt and /beveiliging/): an address or a
# web page; without it, the werkplaats' address from its profile.
SECURITY_CONTACT = env("DJANGO_SECURITY_CONTACT") or ""
SECURITY_TXT_DAYS = 180

# Where the portal's source code (EUPL-1.2) can be read, for the colofon; without it, the
# colofon says it is available on request.
SOURCE_CODE_URL = env("DJANGO_SOURCE_CODE_URL") or ""

# A signed-in session ends after this many seconds without a request; requests renew the
# period, writing the session at most once per SESSION_REFRESH_SECONDS (accounts.middleware).
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_SECONDS", 2 * 60 * 60)
SESSION_REFRESH_SECONDS = 5 * 60
# However active, a signed-in session ends this long after signing in.
SESSION_ABSOLUTE_SECONDS = env_int("DJANGO_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)

# --- Background tasks (django-tasks) -------------------------------------------------------------

# In production tasks wait in the database until `manage.py db_worker` runs them; with debug on
# (a laptop, the tests) they run at once, in the request that enqueues them.
TASKS_BACKEND = env("DJANGO_TASKS_BACKEND") or ("immediate" if DEBUG else "database")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND moet immediate of database zijn.")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}

# --- The read-only API (/api/v1/, werkplaats/rest.py) -----------------------------------------

API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],  # nothing is written through the API
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # anonymous: no session, so no CSRF and no user
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Pagination and the rate limit are set on the API's views (werkplaats.rest), which DRF's
    # own classes would otherwise import while they are being defined.
    "DEFAULT_THROTTLE_RATES": {"api": env("DJANGO_API_RATE") or "120/min"},
    "EXCEPTION_HANDLER": "werkplaats.rest.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FIELD_NAME": "api_url",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API van de Werkplaats Sociaal Domein",
    "DESCRIPTION": (
        "Alleen-lezen, zonder aanmelden: de leerateliers, het netwerk, publicaties, "
        "bijeenkomsten en de kennisagenda, zoals de openbare pagina's ze tonen."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "werkplaats.rest.add_problem_responses",
    ],
}

# A publicatie with a YouTube or Vimeo link and no omslag gets a still of the video, fetched
# once by a background task and stored here (visitors' browsers then ask the video site
# nothing until they press play). Off where the server may not reach those sites.
FETCH_VIDEO_STILLS = env_bool("DJANGO_FETCH_VIDEO_STILLS", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"accounts.passwords.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# --- Language and time ----------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# Set only by the language switcher (werkplaats/i18n.py): functional, for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files and media -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL") or "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("DJANGO_S3_BUCKET"):
    # Shared media for several app servers (django-storages, `pip install .[s3]`);
    # credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DJANGO_S3_BUCKET"),
            "endpoint_url": env("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": env("DJANGO_S3_REGION") or None,
            "custom_domain": env("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# --- Email ------------------------------------------------------------------------------------

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = (
    env("DJANGO_DEFAULT_FROM_EMAIL") or "Werkplaats Sociaal Domein <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Beheer", address) for address in env_list("DJANGO_ADMINS")]
# The nieuwsbrief goes out in batches: this many emails, then this many seconds' pause.
NIEUWSBRIEF_BATCH_SIZE = max(1, env_int("DJANGO_NIEUWSBRIEF_BATCH_SIZE", 50))
NIEUWSBRIEF_BATCH_PAUSE = max(0, env_int("DJANGO_NIEUWSBRIEF_BATCH_PAUSE", 10))
# OAI-PMH at /oai (HBO Kennisbank harvests the publicaties): the repository identifier in every
# record's identifier (oai:<this>:publicatie/<id>, never to change once harvested), the URN:NBN
# prefix the KB assigned (the record's number follows it after a hyphen), the lectoraat named
# in the HBO MODS extension and the address in Identify.
OAI_REPOSITORY_IDENTIFIER = (
    env("DJANGO_OAI_REPOSITORY_IDENTIFIER") or "werkplaats-sociaal-domein.nl"
)
OAI_REPOSITORY_NAME = env("DJANGO_OAI_REPOSITORY_NAME") or "Werkplaats Sociaal Domein"
OAI_URN_NBN_PREFIX = env("DJANGO_OAI_URN_NBN_PREFIX") or "urn:nbn:nl:hs:0000"
OAI_LECTORAAT = env("DJANGO_OAI_LECTORAAT") or "Versterken van Sociale Kwaliteit"
OAI_ADMIN_EMAIL = env("DJANGO_OAI_ADMIN_EMAIL") or f"beheer@{OAI_REPOSITORY_IDENTIFIER}"

# --- Security ---------------------------------------------------------------------------------

HTTPS = not DEBUG and not ALLOW_PLAIN_HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

_media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_media_origin] if _media_origin else [])],
        "media-src": [SELF, *([_media_origin] if _media_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Only the privacy-friendly players of YouTube and Vimeo, loaded after a click.
        "frame-src": list(PLAYER_ORIGINS),
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Changes are read in the admin's history; going back happens through the steps that record
# a decision, never by restoring an old row.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The audit log (werkplaats.audit): JSON lines to the file DJANGO_AUDIT_LOG (reopened when
# logrotate moves it), else to stderr; never mixed into the other logs.
AUDIT_LOG = env("DJANGO_AUDIT_LOG")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"audit": {"()": "werkplaats.audit.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "audit": (
            {"class": "logging.handlers.WatchedFileHandler", "filename": AUDIT_LOG}
            if AUDIT_LOG
            else {"class": "logging.StreamHandler"}
        )
        | {"formatter": "audit"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "werkplaats.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
    },
}
