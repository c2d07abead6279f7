"""Settings of the register, read from the environment (one module).

Every value comes from an environment variable; a bad value stops start-up with a
message that names the variable. See the README ("Configuration") for the list.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use one of 1, true, yes, on, 0, false, no, off."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'); "
            "only a DEBUG=1 development run may go without one."
        )
    # Development only (DEBUG=1): a fixed key so that sessions survive restarts.
    SECRET_KEY = "development-only-key-never-used-when-debug-is-off"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set it to the comma-separated host names the register is "
        "served under (for example: ALLOWED_HOSTS=registry.example.kz)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widget templates, for FORM_RENDERER below
    "django_filters",
    "django_bootstrap5",
    "bootstrap",  # django-bootstrap-static: Bootstrap's CSS and JS as static files
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # single-use recovery codes
    "registry",
    "children",
    "housing",
    "benefits",
    "care",
    "documents",
    "exchange",
    "reports",
    # The exchange API (/api/v1/): Django REST framework (token authentication,
    # throttling, content negotiation), its OpenAPI description by drf-spectacular
    # and Swagger UI's files from drf-spectacular-sidecar (served by the application).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]
# Development data (the demo region of `load_demo`, the synthetic register of the
# benchmarks and `generate_register`): the app `devdata`, installed only when it is
# wanted, with DEBUG (`make run`) or DEVELOPMENT_DATA=1 (the benchmarks); never in
# production.
DEVELOPMENT_DATA = env_bool("DEVELOPMENT_DATA", DEBUG)
if DEVELOPMENT_DATA:
    INSTALLED_APPS.append("devdata")

MIDDLEWARE = [
    # The request's id on every log line and in X-Request-ID; one access line each.
    "registry.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Under /api/ no session names the caller: only a token does (api.authentication).
    "api.middleware.SessionlessApiMiddleware",
    # The signed-in user's id and district id on every log line of the request.
    "registry.middleware.LogUserMiddleware",
    # Pages of signed-in users are never cached by browsers or proxies.
    "registry.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sessions end after 30 minutes without activity and 12 hours in all.
    "registry.middleware.SessionLimitsMiddleware",
    # Every view needs a signed-in user unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Every account confirms its second factor before any page (decided per request).
    "registry.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-auditlog's, recording the address of registry.audit.client_address.
    "registry.middleware.AuditlogMiddleware",
    # Login throttling: must come last.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "registry.backends.PersonBackend",
]

ROOT_URLCONF = "registry.urls"
WSGI_APPLICATION = "registry.wsgi.application"

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
                "registry.context_processors.navigation",
            ],
        },
    },
]

# Widgets are rendered with the project's templates, so that templates/django/forms
# can replace Django's own (a select's options written in place, see select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: DATABASE_URL, an SQLite file in the project folder by default.
PLANNER_OPTIONS = "-c jit=off -c random_page_cost=1.1"


# Seconds a worker keeps its database connection between requests (0: one per request).
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
# Behind a connection pooler (PgBouncer) in transaction mode: no `options` start-up
# parameter (PgBouncer refuses it; set the planner options on the role instead, see
# the README) and no server-side cursors (a cursor does not survive the pooler
# handing the connection to another client between transactions).
DATABASE_POOLER = env_bool("DATABASE_POOLER", False)


def database_from_url(name: str, url: str) -> dict:
    """The DATABASES entry of a URL, with the register's options for its engine."""
    try:
        database = dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE)
    except Exception as error:  # dj-database-url raises several kinds of errors
        raise ImproperlyConfigured(f"{name}={url!r} cannot be read: {error}") from None
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Writers queue instead of failing with "database is locked".
        database["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
        database["CONN_MAX_AGE"] = 0
        return database
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    # A kept connection is checked before a request's first query: after PostgreSQL
    # restarted (maintenance, a failover) the worker opens a new one instead of
    # answering 500 (tests/ops/test_restart.py, tests/ops/test_several_hosts.py).
    database["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
    options = database.setdefault("OPTIONS", {})
    if DATABASE_POOLER:
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        return database
    # Two planner settings, before any `options` the URL gives (which win):
    # - no JIT compilation: the register's statements take tens to hundreds of
    #   milliseconds, and compiling them cost more than it saved (a region's visits
    #   count: ~20 ms of JIT in ~95 ms);
    # - random reads costed as on SSD or in memory (1.1, not the default 4, which
    #   assumes spinning disks): the planner then looks a few hundred children up by
    #   index rather than scanning 100,000 (the children list's count: 35 ms to 24).
    options["options"] = f"{PLANNER_OPTIONS} {options.get('options', '')}".strip()
    return database


DATABASE_URL = os.environ.get("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": database_from_url("DATABASE_URL", DATABASE_URL)}
# A streaming standby of the same database (optional): dashboards, indicator pages,
# their lists of children, the annual report and exports read from it
# (registry.replica); every write, and every read that must see one, stays on
# "default". Without it, everything reads "default".
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    _replica = database_from_url("DATABASE_REPLICA_URL", DATABASE_REPLICA_URL)
    if not _replica["ENGINE"] == DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL names a PostgreSQL standby of DATABASE_URL's database; "
            "both must be postgres:// URLs."
        )
    # Nothing is written through it, even if it named the primary by mistake; a
    # standby that does not answer is left within seconds for the primary
    # (registry.replica), not waited for as long as the operating system would.
    # (Behind a pooler, set `default_transaction_read_only` on the standby's role.)
    if not DATABASE_POOLER:
        _replica["OPTIONS"]["options"] += " -c default_transaction_read_only=on"
    _replica["OPTIONS"].setdefault("connect_timeout", 3)
    DATABASES["replica"] = _replica
# The alias figures are read from (registry.replica.figures_db).
FIGURES_DATABASE = "replica" if "replica" in DATABASES else "default"
# Jobs write their progress on a connection of their own (registry/jobs.py), so that
# it is seen while the job's transaction is open: on PostgreSQL a second alias of the
# same database (in tests it mirrors the default one); SQLite, which has one writer
# at a time, writes it on the job's own connection.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["job_progress"] = {
        **DATABASES["default"],
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},
    }
JOBS_PROGRESS_DATABASE = "job_progress" if "job_progress" in DATABASES else "default"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: computed indicator figures, in a table of the register's own database, so
# that every worker and server shares them, a backup carries them consistently with
# the data, and nothing else needs installing (the table is made by `migrate`).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "registry_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)},
    }
}
# Statements of figures a page counts at once on PostgreSQL, each on its own connection.
FIGURES_PARALLEL = env_int("FIGURES_PARALLEL", 3)

AUTH_USER_MODEL = "registry.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Kazakh, Russian, English; the default is Kazakh or Russian by setting.
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "kk")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE={LANGUAGE_CODE!r} is not one of the register's languages: "
        + ", ".join(code for code, _name in LANGUAGES)
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django has no Kazakh number and date formats: the register's own (registry/formats/kk).
FORMAT_MODULE_PATH = ["registry.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# The children's documents (scans and photos, documents/): a private folder only the
# application reads (DOCUMENTS_DIR), or, for several hosts, a private bucket of an
# S3-compatible store (DOCUMENTS_S3_BUCKET: MinIO, a government cloud's S3, AWS) through
# django-storages. Never served under a URL: every download goes through a view that
# applies the child's area rules.
DOCUMENTS_DIR = Path(os.environ.get("DOCUMENTS_DIR", "") or BASE_DIR / "documents-storage")
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
if DOCUMENT_MAX_BYTES <= 0:
    raise ImproperlyConfigured(
        f"DOCUMENT_MAX_BYTES={DOCUMENT_MAX_BYTES} is not a size: give the largest document "
        "accepted, in bytes (for example 20971520 for 20 MB)."
    )


def documents_storage(environ=os.environ, folder: Path = DOCUMENTS_DIR) -> dict:
    """The STORAGES entry of the documents: the private folder, or, when
    DOCUMENTS_S3_BUCKET names a bucket, that bucket. The store's address and keys come
    from DOCUMENTS_S3_ENDPOINT_URL, DOCUMENTS_S3_ACCESS_KEY, DOCUMENTS_S3_SECRET_KEY and
    DOCUMENTS_S3_REGION; any of them left unset falls back to boto3's own (AWS_ENDPOINT_URL,
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, an instance's role)."""
    bucket = environ.get("DOCUMENTS_S3_BUCKET", "").strip()
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(folder),
                "base_url": None,
                "directory_permissions_mode": 0o700,
                "file_permissions_mode": 0o600,
            },
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "access_key": environ.get("DOCUMENTS_S3_ACCESS_KEY") or None,
            "secret_key": environ.get("DOCUMENTS_S3_SECRET_KEY") or None,
            "region_name": environ.get("DOCUMENTS_S3_REGION") or None,
            # Private objects; a URL of one, should anything ask, is signed and short-lived
            # (nothing does: downloads go through the documents' view).
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    "documents": documents_storage(),
}
WHITENOISE_USE_FINDERS = DEBUG

# Login throttling (django-axes): five failed attempts for a username from one
# address lock that pair out for 15 minutes; attempts are logged.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = True
# The address a failure counts against is the client's (see TRUSTED_PROXIES below).
AXES_CLIENT_IP_CALLABLE = "registry.audit.client_address"

# The client's address, for login throttling, the audit trail and the access log alike
# (registry.audit.client_address): REMOTE_ADDR when the application is reached
# directly (0, the default: X-Forwarded-For, which any client can write, is never
# read); behind that many reverse proxies, each appending the address it was reached
# from to X-Forwarded-For, the address the outermost proxy was reached from.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXIES={TRUSTED_PROXIES} is not a number of proxies: use 0 when clients "
        "reach the application directly, 1 behind one reverse proxy (nginx), and so on."
    )

# Sessions: 30 minutes without activity, 12 hours in all (registry.middleware).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_MAX_SECONDS = env_int("SESSION_MAX_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Second factor: TOTP (django-otp) with single-use recovery codes, required for every
# account (ASVS 2.7 at level 2: every account reads personal data). During a roll-out
# OTP_REQUIRED_FOR_OFFICERS=0 lets district officers go without it; regional,
# national and administrator accounts always need it (registry.access).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Orphan register")
OTP_REQUIRED_FOR_OFFICERS = env_bool("OTP_REQUIRED_FOR_OFFICERS", True)

# Content-Security-Policy (django-csp): only the application's own origin, no inline
# script, no plug-ins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Security. Production runs behind a TLS-terminating proxy that sets
# X-Forwarded-Proto; HTTPS is enforced unless DEBUG is on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A balancer probes /healthz in plain HTTP (registry/views/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Cookies only over HTTPS unless DEBUG (or SECURE_COOKIES=0 for a plain-HTTP load test
# on 127.0.0.1: never in production, where `check --deploy` would say so).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a decision for the operator of the domain, not for the register.
    "security.W021",
    # An index's covering columns (INCLUDE) serve PostgreSQL's index-only scans; SQLite
    # builds the same index without them, which is all it needs.
    "models.W040",
]

# Background jobs (registry/jobs.py): Django's tasks API (django-tasks) with its
# database backend, run by `manage.py db_worker` on each worker host. With
# JOBS_IN_PROCESS=1 a job runs inside the request that starts it (no worker): the
# default of `make run` (DEBUG) and of the tests.
JOBS_IN_PROCESS = env_bool("JOBS_IN_PROCESS", DEBUG)
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if JOBS_IN_PROCESS
        else "django_tasks_db.DatabaseBackend"
    }
}
# A running job refreshes its heartbeat every JOBS_HEARTBEAT_SECONDS; one whose
# heartbeat is older than JOBS_STALE_AFTER seconds lost its worker and shows as failed.
JOBS_HEARTBEAT_SECONDS = env_int("JOBS_HEARTBEAT_SECONDS", 15)
JOBS_STALE_AFTER = env_int("JOBS_STALE_AFTER", 300)
if JOBS_STALE_AFTER < 4 * JOBS_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "JOBS_STALE_AFTER must be at least four times JOBS_HEARTBEAT_SECONDS, or running "
        "jobs would be taken for stopped ones."
    )

# What a workbook read by the import may hold (exchange/workbook/xlsx.py): rows of a
# sheet (by number: rows a sheet leaves out count), and cells in all (an empty row
# counts as one). The largest sheet of a national register of 100,000 children has
# some 634,000 rows (Visits), and its whole workbook, every column filled, 19.5
# million cells; Excel's own sheets end at row 1,048,576.
WORKBOOK_MAX_ROWS = env_int("WORKBOOK_MAX_ROWS", 1_000_000)
WORKBOOK_MAX_CELLS = env_int("WORKBOOK_MAX_CELLS", 40_000_000)

# E-mail: Django's settings; the console backend unless configured. A server reached
# over the network is reached over TLS (STARTTLS) or SSL: `check --deploy` warns
# otherwise (registry/checks.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; set one of them: EMAIL_USE_TLS=1 for "
        "STARTTLS (usually port 587), EMAIL_USE_SSL=1 for implicit TLS (usually port 465)."
    )
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "registry@localhost")

# The audit trail: django-auditlog, with our own log entry model that carries the
# region, district and child each entry belongs to (see registry/models/audit.py).
AUDITLOG_LOGENTRY_MODEL = "registry.AuditEntry"
# auditlog's own migrations create its default LogEntry table even when the model is
# swapped out; that table would stay empty and block flushing the database.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_STORE_JSON_CHANGES = True
# A foreign key is recorded as what it named then ("Детский дом №1"), so that the
# trail reads without looking records up, and still reads after they change.
AUDITLOG_USE_FK_STRING_REPRESENTATION = True

# Checking a workbook looks its IINs up in the whole register: each check is in the
# access log, and an account checks at most this many workbooks an hour
# (exchange/workbook/checks.py).
# The most rows a list's Excel download holds (registry/downloads.py).
LIST_DOWNLOAD_MAX_ROWS = env_int("LIST_DOWNLOAD_MAX_ROWS", 20000)

WORKBOOK_CHECKS_PER_HOUR = env_int("WORKBOOK_CHECKS_PER_HOUR", 20)

# The exchange API (app `api`, /api/v1/). Calls per token (a number, "/", and s, min,
# hour or day), counted in the default cache (the database's, shared by every host);
# past it, 429 with Retry-After. Items per page unless `limit` says, and the most it
# may say. Days a new token is valid unless the administrator chooses.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "600/min").strip()
# Writes and dry runs (POST) per token besides: each looks every IIN it names up in the
# whole register, as a workbook's check does (WORKBOOK_CHECKS_PER_HOUR for people).
API_WRITE_THROTTLE_RATE = os.environ.get("API_WRITE_THROTTLE_RATE", "60/hour").strip()
for _name, _rate in (
    ("API_THROTTLE_RATE", API_THROTTLE_RATE),
    ("API_WRITE_THROTTLE_RATE", API_WRITE_THROTTLE_RATE),
):
    if not re.fullmatch(r"[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)", _rate):
        raise ImproperlyConfigured(
            f"{_name}={_rate!r} is not a rate: give calls per period, "
            "for example 600/min, 20/s, 10000/hour or 100000/day."
        )
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 100)
API_PAGE_MAX = env_int("API_PAGE_MAX", 1000)
if not 1 <= API_PAGE_SIZE <= API_PAGE_MAX:
    raise ImproperlyConfigured(
        "API_PAGE_SIZE must be at least 1 and at most API_PAGE_MAX "
        f"(now {API_PAGE_SIZE} and {API_PAGE_MAX})."
    )
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)
if not 1 <= API_TOKEN_DAYS <= 5 * 366:
    raise ImproperlyConfigured(
        f"API_TOKEN_DAYS={API_TOKEN_DAYS} is not a validity: give 1 to 1830 days."
    )
# The change feed serves audit entries at least this old (seconds), and none after the
# start of a transaction still writing (exchange/api/feed.py, settled_before): the
# margin for the clocks of the app hosts, which write the entries' times.
API_FEED_SETTLE_SECONDS = env_int("API_FEED_SETTLE_SECONDS", 5)
if not 0 <= API_FEED_SETTLE_SECONDS <= 3600:
    raise ImproperlyConfigured(
        f"API_FEED_SETTLE_SECONDS={API_FEED_SETTLE_SECONDS} is not a delay: give 0 to 3600."
    )
# The largest body of records a call may send (POST /api/v1/records): 413 past it.
# A call is written while its caller waits: a day's changes, not a whole register.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 2 * 1024 * 1024)
if API_MAX_BODY_BYTES < 1024:
    raise ImproperlyConfigured(
        f"API_MAX_BODY_BYTES={API_MAX_BODY_BYTES} is too small: give at least 1024 bytes."
    )
REST_FRAMEWORK = {
    # A service account's bearer token, and never a session (people's sessions do not
    # open the API): no SessionAuthentication.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.ServiceAccountOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.TokenRateThrottle",
        "api.throttling.TokenWriteThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Every error as RFC 9457 problem details, in the caller's language.
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Register of orphans: exchange API",
    "DESCRIPTION": (
        "Reads (and, for a district's service account, writes) the register for other "
        "systems. Every call carries a service account's token: "
        "`Authorization: Bearer <token>`; an administrator makes one under "
        "Administration, Service accounts. A token reads its account's area only: a "
        "record outside it answers 404. Lists come in pages: follow `next` (a URL with an "
        "opaque `cursor`) until it is null. Every error is RFC 9457 problem details "
        "(`application/problem+json`) in the language of Accept-Language (kk, ru, en). "
        "Calls per token are limited (429 with Retry-After past it). "
        "A child's records read and write in the words of the register workbook (its "
        "sheets, columns and codes): a consumer reads /children once, then follows "
        "/changes from the day it read them; a district's system pushes records with "
        "POST /records (safe to retry, `dry_run=true` to check)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The description and its page hold no data: public (see api/views/docs.py).
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVERS": [],
}

BOOTSTRAP5 = {
    "set_placeholder": False,
    "server_side_validation": True,
    "field_renderers": {"default": "registry.rendering.FieldRenderer"},
}

# Logs go to standard error (the journal under systemd): with LOG_FORMAT=json (the
# default unless DEBUG) one JSON object per line, with `text` lines for a person at a
# terminal. Each line carries the request id, the signed-in user's id and district id,
# or a job's id (registry/logcontext.py), never an IIN or a name; each request has one
# access line on the logger `registry.requests`.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not one of: json, text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "registry.logcontext.JsonFormatter"},
        "text": {"()": "registry.logcontext.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (a second, plain console line under DEBUG; e-mail to
        # ADMINS, which is not set) give way to the one above.
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        # runserver's own request lines repeat the query string: the access line of
        # registry.requests says the same without it.
        "django.server": {"level": "WARNING", "propagate": True},
    },
}
