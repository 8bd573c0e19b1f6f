"""Settings for egov-stats, read from the environment (see .env.example and the README)."""

import hashlib
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# ------------------------------------------------------------------------------
# CORE
# ------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A development key is only acceptable while DEBUG is on; production refuses to start without
# its own.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "rest_framework_api_key",
    "egov_api.keys",
    "services",
    "transactions",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "egov_api.api.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "egov_api.api.middleware.UrlLengthLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "egov_api.api.middleware.DatabaseUnavailableMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "egov_api.urls"
WSGI_APPLICATION = "egov_api.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "egov_api" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# DATABASES
# ------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes concurrent writers queue for the lock instead of failing with
    # "database is locked"; the timeout bounds how long one waits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env.int("SQLITE_TIMEOUT", default=20)}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    # A reused connection is checked first, so a restarted PostgreSQL costs no failed request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3))
    # A query running past this is cancelled and answered 503, instead of holding a worker.
    options.setdefault(
        "options", f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=15000)}"
    )
# Query counts and latencies per database, for /metrics.
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends.", 1
)

# ------------------------------------------------------------------------------
# INTERNATIONALISATION
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Amman")
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# STATIC FILES
# ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Without collectstatic (development, tests) whitenoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# ------------------------------------------------------------------------------
# REST FRAMEWORK
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "egov_api.api.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "egov_api.api.problems.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "egov_api.api.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("EGOV_PAGE_SIZE", default=100),
    # orjson writes the same JSON as DRF's renderer several times faster; the browsable API
    # is for development only.
    "DEFAULT_RENDERER_CLASSES": ["egov_api.api.renderers.ORJSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    # Systems send API keys; staff signed in to the admin use the browsable API with a session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "egov_api.keys.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reads as EGOV_PUBLIC_READ says; endpoints that write name their own permission.
    "DEFAULT_PERMISSION_CLASSES": ["egov_api.keys.permissions.PublicRead"],
    "COERCE_DECIMAL_TO_STRING": False,
}
EGOV_MAX_PAGE_SIZE = env.int("EGOV_MAX_PAGE_SIZE", default=1000)

# ------------------------------------------------------------------------------
# WRITES
# ------------------------------------------------------------------------------
# Open data: anyone may read unless this is false, then reads need a key or a staff session.
EGOV_PUBLIC_READ = env.bool("EGOV_PUBLIC_READ", default=True)
# Rows one bulk request (or one imported file) may hold.
EGOV_BULK_MAX_ROWS = env.int("EGOV_BULK_MAX_ROWS", default=50_000)
# Largest body accepted (413 above it): 50,000 CSV rows with 80-character service codes take
# about 6 MiB, the same rows as indented JSON about 10 MiB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("EGOV_MAX_BODY_BYTES", default=16 * 1024 * 1024)
# Longest path plus query string, as sent (414 above it). The widest real filter, every agency
# and channel code with a range, fits in well under 2 KiB; gunicorn's own limit on the whole
# request line (8190 bytes, gunicorn.conf.py) is just above this one, so the app answers first.
EGOV_MAX_URL_BYTES = env.int("EGOV_MAX_URL_BYTES", default=8000)

# ------------------------------------------------------------------------------
# CACHE, CONDITIONAL REQUESTS, THROTTLING
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# Deployments sharing one Redis keep apart by their secret key: every server of a deployment
# has the same one, and two deployments never do (their figures must never mix, and may well
# be at the same data version). The prefix is a hash: the key itself is not readable in Redis.
EGOV_CACHE_PREFIX = env(
    "EGOV_CACHE_PREFIX",
    default=hashlib.sha256(f"egov-cache:{SECRET_KEY}".encode()).hexdigest()[:12],
)
CACHES = {
    "default": (
        {
            # Django's Redis cache, served from process memory while Redis is unreachable.
            "BACKEND": "egov_api.api.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": EGOV_CACHE_PREFIX,
            "RETRY_SECONDS": env.float("REDIS_RETRY_SECONDS", default=5),
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.5),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "egov"}
    )
}
EGOV_CACHE_ALIAS = "default"
# The function answering `(version, changed_at)` of the data, behind every ETag and cache key.
EGOV_DATA_VERSION = "transactions.models.current_data_version"
# Computed figures are cached until the data changes (the key holds the data version).
EGOV_CACHE_ENABLED = env("EGOV_CACHE", default="on").lower() not in ("off", "false", "0")
EGOV_CACHE_SECONDS = env.int("EGOV_CACHE_SECONDS", default=3600)
# Seconds a client is asked to wait (Retry-After) when the database is unavailable.
EGOV_RETRY_AFTER_SECONDS = env.int("EGOV_RETRY_AFTER_SECONDS", default=5)
# Widest range a statistic may span.
EGOV_STATS_MAX_YEARS = env.int("EGOV_STATS_MAX_YEARS", default=25)
EGOV_STATS_MAX_ROWS = env.int("EGOV_STATS_MAX_ROWS", default=10_000)

REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "egov_api.api.throttling.ApiKeyRateThrottle",
    "egov_api.api.throttling.AnonymousRateThrottle",
]
# Rates per API key and per anonymous client address; empty turns a limit off.
EGOV_THROTTLE_RATES = {
    "key": env("EGOV_THROTTLE_KEY", default="1200/min") or None,
    "anon": env("EGOV_THROTTLE_ANON", default="300/min") or None,
}
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = EGOV_THROTTLE_RATES
# Client addresses behind this many proxies come from X-Forwarded-For (0: REMOTE_ADDR).
REST_FRAMEWORK["NUM_PROXIES"] = env.int("EGOV_NUM_PROXIES", default=0) or None

# ------------------------------------------------------------------------------
# SECURITY (production)
# ------------------------------------------------------------------------------
# TLS ends at the reverse proxy, which must set X-Forwarded-Proto; Django trusts that header
# only when told so.
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Health probes come over plain HTTP from the load balancer on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a one-way commitment for the whole domain; the ministry decides it
    # (DJANGO_HSTS_PRELOAD), not the application.
    "security.W021",
]

# ------------------------------------------------------------------------------
# OBSERVABILITY
# ------------------------------------------------------------------------------
# /metrics answers a scrape with this bearer token, or one made directly from these addresses.
EGOV_METRICS_TOKEN = env("EGOV_METRICS_TOKEN", default="")
EGOV_METRICS_ALLOWED_IPS = env.list("EGOV_METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])

# ------------------------------------------------------------------------------
# OPENAPI
# ------------------------------------------------------------------------------
SPECTACULAR_SETTINGS = {
    "TITLE": "egov-stats API",
    "DESCRIPTION": (
        "Government e-service statistics: the catalogue of agencies, channels and services, "
        "the monthly transaction counts each agency reports, and the figures computed from "
        "them (electronic transactions, growth, electronic share, electronic services)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "services.models.AgencyKind",
        "SectorEnum": "services.models.Sector",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "egov_api.api.schema.copy_parameter_descriptions",
        "egov_api.api.schema.constrain_query_parameters",
    ],
}

# ------------------------------------------------------------------------------
# LOGGING
# ------------------------------------------------------------------------------
# One JSON object per line in production (text while debugging), each with the request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "egov_api.api.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env("EGOV_LOG_FORMAT", default="text" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Every request is logged once, by egov.access; Django's own request log would repeat
        # each 4xx with a stack of text.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
