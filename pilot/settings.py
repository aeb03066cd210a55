"""Settings for the AquaFarm Pilot Portal, read from the environment (see .env.example).

Every variable has a safe development default so `make run` works on a fresh clone; production
sets DEBUG=off and then must provide SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-key-change-me" if DEBUG else environ.Env.NOTSET)
BASE_DOMAIN = env("BASE_DOMAIN", default="localhost")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1"])
# Hosts answered by the back office (public schema). Every other host must be a customer domain.
PUBLIC_HOSTS = [BASE_DOMAIN, "127.0.0.1", "[::1]", *env.list("PUBLIC_HOST_ALIASES", default=[])]
PORTAL_SCHEME = env("PORTAL_SCHEME", default="http")
PORTAL_PORT = env("PORTAL_PORT", default="8000" if DEBUG else "")

SHARED_APPS = [
    "django_tenants",
    "tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "backoffice",  # before the admin: its templates override the admin's (navigation, language switch)
    "backoffice.site.BackOfficeAdminConfig",  # django.contrib.admin, with backoffice.site as admin.site
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_celery_beat",
    "simple_history",
    "django_prometheus",
    "ops",
    "pilot",
    "incidents",
    "monitoring",
    "reports",
]
# Customer-owned data: one copy of these tables in every customer's schema. Auth and sessions
# are here too so that a customer account or session can never resolve on another customer.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "simple_history",
    "farms",
    "feedback",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.CustomerTenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New customers are cloned from this prepared schema (see tenants/services/provisioning.py):
# ~0.3 s instead of ~1 s of migrations. `manage.py prepare_base_schema` keeps it migrated.
TENANT_BASE_SCHEMA = "tenant_base"
TENANT_CREATION_FAKES_MIGRATIONS = env.bool("TENANT_CREATION_FAKES_MIGRATIONS", default=True)
PUBLIC_SCHEMA_URLCONF = "pilot.urls_public"
ROOT_URLCONF = "pilot.urls_tenant"

MIDDLEWARE = [
    "tenants.middleware.PilotTenantMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tenants.middleware.RetiredCustomerMiddleware",
    # Before anything reads parameters: NUL and control characters are a 400, never a server error.
    "pilot.middleware.ControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backoffice.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.current_customer",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "pilot.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/pilot")}
DATABASES["default"]["ENGINE"] = "django_tenants.postgresql_backend"
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# Each web thread and worker process keeps its connection for this many seconds (0: a new one per request, which
# cost every request a PostgreSQL backend start). Checked before reuse, so a restarted database or PgBouncer
# costs one reconnect, not an error. With PgBouncer (session mode) size its pool for all threads and workers.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        # django-redis, because it can fail open: with Redis unreachable, reads miss and writes are dropped
        # (logged) instead of answering 500. Everything cached here (throttle counters, navigation counts)
        # is an optimisation or a limit that may lapse for a while; the data itself is in PostgreSQL.
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        # Without the schema in the key, one customer could read another's cached data.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Cross-customer figures (dashboard, scorecard, SLO overview, feedback dashboard, a customer's status) are
# computed at most this often and shared by every process; each page says when (core/figures.py). 0: always live.
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=60)
# A first survey answer or a new feedback item appends its change to the public summaries instead of recounting
# its day (feedback.services.rollups). Off only while pods of a release before rollups/0003 may still run (a
# rolling upgrade from one, or before a rollback to one): their code expects one summary row per day and title.
ROLLUPS_APPEND_CHANGES = env.bool("ROLLUPS_APPEND_CHANGES", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)

# --- production transport (manage.py check --deploy is clean with DEBUG off) ---
# TLS ends at the ingress (nginx / the load balancer), which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Probes and the Prometheus scraper talk plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). Scripts only from our origin or with the per-response nonce
# (templates: nonce="{{ CSP_NONCE }}"); inline styles stay allowed because the templates and the
# inline SVG charts use style attributes, and a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- login throttling (django-axes) ---
# Both logins (admin and customer portal) go through authenticate(), which axes watches.
# core.permissions answers permission checks in one statement; ModelBackend signs users in (sessions name it).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.permissions.OneQueryPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Per account (the schema is part of the name, see tenants/security.py) and per client address (against
# spraying one password over many accounts). A successful sign-in resets its address's count, so an
# office behind one NAT address is only locked by 5 failures in a row with no good sign-in between.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "tenants.security.login_username"
AXES_LOCKOUT_CALLABLE = "tenants.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address is REMOTE_ADDR (django-ipware is not installed): behind the ingress, have it pass
# the client's address (nginx real_ip) rather than trusting a header the client can forge.
# Hosts escalation webhooks may reach even though they resolve to private addresses (incidents/services/webhooks.py).
WEBHOOK_ALLOWED_HOSTS = env.list("WEBHOOK_ALLOWED_HOSTS", default=[])
# Largest upload (receipts, training materials, evidence) in bytes; allowed types: core/uploads.py.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Behind nginx: protected files are handed over with X-Accel-Redirect to this internal location
# (serving MEDIA_ROOT), after the permission check; empty = Django streams them itself.
MEDIA_X_ACCEL_PREFIX = env("MEDIA_X_ACCEL_PREFIX", default="")
# Password-reset e-mails per address and hour (tenants/security.py).
PASSWORD_RESET_LIMIT_PER_HOUR = env.int("PASSWORD_RESET_LIMIT_PER_HOUR", default=3)

LANGUAGE_CODE = "en"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One number format per language, decided in pilot/formats.py; this makes Django's own localized
# numbers agree with it (Django's Arabic defaults use "," for decimals).
FORMAT_MODULE_PATH = ["pilot.formats_locale"]
TIME_ZONE = "Asia/Riyadh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="AquaFarm Pilot <pilot@aquafarm.example>")

PROGRAM_CURRENCY = env("PROGRAM_CURRENCY", default="USD")

PROMETHEUS_URL = env("PROMETHEUS_URL", default="")
PROMETHEUS_TENANT_LABEL = env("PROMETHEUS_TENANT_LABEL", default="tenant")
# /metrics answers these networks, or any caller presenting METRICS_TOKEN as a bearer token. Loopback
# only in development: in production a proxy on the same host would make every client "loopback".
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"] if DEBUG else [])
METRICS_TOKEN = env("METRICS_TOKEN", default="")

REST_FRAMEWORK = {
    # Token auth is added only on the staff API: tokens live in the public schema.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
        # Failed API tokens per client address (pilot/api/base.py).
        "bad_token": env("API_THROTTLE_BAD_TOKEN", default="20/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AquaFarm Pilot Portal API",
    "DESCRIPTION": "Staff API of the AquaFarm pilot back office.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files: the CSP allows no outside script.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set that several serializers share.
    "ENUM_NAME_OVERRIDES": {
        "ItemKindEnum": "feedback.choices.ItemKind",
        "ItemStatusEnum": "feedback.choices.ItemStatus",
        "QuestionKindEnum": "feedback.choices.QuestionKind",
        "IncidentStatusEnum": "incidents.choices.Status",
        "IncidentCategoryEnum": "incidents.choices.Category",
        "EventKindEnum": "incidents.choices.EventKind",
        "CustomerStatusEnum": "tenants.choices.Status",
        "LanguageEnum": "tenants.choices.Language",
        "ChecklistKindEnum": "pilot.choices.ChecklistKind",
        "MaterialKindEnum": "pilot.choices.MaterialKind",
        "BudgetCategoryEnum": "pilot.choices.BudgetCategory",
        "RiskCategoryEnum": "pilot.choices.RiskCategory",
        "RiskStatusEnum": "pilot.choices.RiskStatus",
        "TrainingStatusEnum": "pilot.choices.TrainingStatus",
        "CriterionStatusEnum": "pilot.choices.CriterionStatus",
        "ReportKindEnum": "reports.choices.ReportKind",
        "ReportStatusEnum": "reports.choices.ReportStatus",
    },
    "SERVE_PERMISSIONS": ["core.api.IsStaffUser"],
    "SERVE_AUTHENTICATION": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# Without socket timeouts a Redis that accepts but never answers blocks .delay() forever.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 3, "socket_connect_timeout": 3, "max_retries": 1}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_timeout": 3, "socket_connect_timeout": 3}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Rendering PDFs holds memory until the process exits: recycle worker children.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Report builds (seconds of WeasyPrint each) go to a queue of their own, so a burst of PDFs never waits in
# front of the incident timers; every worker command line consumes `-Q celery,reports` (pilot/celery.py routes).
REPORTS_QUEUE = "reports"
CELERY_TASK_ROUTES = ("pilot.celery.task_route",)
# Each app adds its periodic tasks in pilot/schedule.py; `manage.py beat_schedule_sync` registers them.
# Entry -> seconds, applied when an entry is first registered (e.g. "incidents-timers=5" in a demo or test).
BEAT_INTERVAL_OVERRIDES = env.dict("BEAT_INTERVAL_OVERRIDES", cast={"value": int}, default={})
# The outbox: attempts before a message is marked failed, and the first retry's delay (doubling each time).
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=30)
# The hour (Asia/Riyadh) on Sunday when the weekly survey round opens.
FEEDBACK_ROUND_OPENS_HOUR = env.int("FEEDBACK_ROUND_OPENS_HOUR", default=9)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- reports ---
# WeasyPrint logs every layout step at INFO: keep the worker's log readable.
LOGGING["loggers"].update(
    {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}}
)
# Stored files on S3 (pilot/s3.py) when S3_BUCKET is set: the default storage (receipts, materials, evidence),
# report PDFs and customer backups, in one bucket under their own prefixes. The older REPORTS_S3_* variables
# still put report PDFs alone on S3. Else files stay under MEDIA_ROOT and backups under BACKUP_DIR.
from pilot.s3 import s3_storage  # noqa: E402 - the section is appended


def _s3_from_env(prefix: str, location: str = "") -> dict:
    return s3_storage(
        bucket=env(f"{prefix}BUCKET"),
        endpoint_url=env(f"{prefix}ENDPOINT_URL", default=None),
        access_key=env(f"{prefix}ACCESS_KEY", default=None),
        secret_key=env(f"{prefix}SECRET_KEY", default=None),
        region=env(f"{prefix}REGION", default=None),
        location=location,
    )


if env("S3_BUCKET", default=""):
    STORAGES["default"] = STORAGES["reports"] = _s3_from_env("S3_")
    STORAGES["backups"] = _s3_from_env("S3_", location="backups")  # tenants/services/backup_storage.py
elif env("REPORTS_S3_BUCKET", default=""):
    STORAGES["reports"] = _s3_from_env("REPORTS_S3_")

# --- tenants / reports: nothing lost (issue #11) ---
# Customer backups (`customer_backup`, the nightly beat task): where, and how many per customer to keep.
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=7)
# A report "running" this long lost its worker (a build takes seconds): the sweeper fails it.
REPORT_STALE_AFTER_SECONDS = env.int("REPORT_STALE_AFTER_SECONDS", default=120)

# --- deployment (issue 15) ---
# One JSON object per line on stdout (Loki) unless LOG_FORMAT=text; development defaults to text.
# The same configuration serves the web (also gunicorn's own loggers, gunicorn.conf.py) and Celery (pilot/celery.py).
from pilot.logs import logging_config  # noqa: E402 - the section is appended; it needs DEBUG above

LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))
# First: every response, even an unknown host's 404, carries the request id the log lines carry.
MIDDLEWARE.insert(0, "pilot.logs.RequestIdMiddleware")

# --- reports (issue 14) ---
# How many reports a customer may request from its own portal in any 24 hours.
REPORT_PORTAL_REQUESTS_PER_DAY = env.int("REPORT_PORTAL_REQUESTS_PER_DAY", default=3)

# --- monitoring: usage and health (issue 18) ---
# AquaFarm's usage metrics, pulled with the SLOs (one grouped query each for all customers).
USAGE_FEATURE_EVENTS_METRIC = env("USAGE_FEATURE_EVENTS_METRIC", default="aquafarm_feature_events_total")
USAGE_FEATURE_LABEL = env("USAGE_FEATURE_LABEL", default="feature")
USAGE_ACTIVE_USERS_METRIC = env("USAGE_ACTIVE_USERS_METRIC", default="aquafarm_active_users_today")
# The label of AquaFarm's http_requests_total that names the route (top routes by 5xx).
PROMETHEUS_ROUTE_LABEL = env("PROMETHEUS_ROUTE_LABEL", default="route")
# Loki's HTTP API; unset = the customer's error page shows no log messages.
LOKI_URL = env("LOKI_URL", default="")

# --- speed (issue 17b) ---
# `SET search_path` once per connection and schema change, not before every query (pilot/postgresql_backend).
DATABASES["default"]["ENGINE"] = "pilot.postgresql_backend"
TENANT_LIMIT_SET_CALLS = True

# --- rollups: per-customer summaries in the public schema (issue 17a) ---
SHARED_APPS += ["rollups"]
INSTALLED_APPS += ["rollups"]
