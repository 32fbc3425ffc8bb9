"""Settings shared by every environment, read from the environment (see `.env.example`)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "tusoi"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "treebeard",
    "ninja",  # its bundled Swagger UI (templates and static files): the API docs load nothing from a CDN
    "django_tasks",
    "django_tasks_db",
    "tusoi.core",
    "tusoi.accounts",
    "tusoi.org",
    "tusoi.catalog",
    "tusoi.campaigns",
    "tusoi.reviews",
    "tusoi.rounds",
    "tusoi.stats",
    "tusoi.notifications",
    "tusoi.bulletin",
    "tusoi.remediation",
    "tusoi.demo",
    "tusoi.api",
    "tusoi.jobs",
    "tusoi.roster",
]

MIDDLEWARE = [
    "tusoi.core.security.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tusoi.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tusoi.core.security.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tusoi.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it is the first to see a view's 404/403: refusals go to the audit log (issue 8).
    "tusoi.core.denials.DenialAuditMiddleware",
]

ROOT_URLCONF = "tusoi.urls"
WSGI_APPLICATION = "tusoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tusoi.notifications.context_processors.unread_notifications",
                "tusoi.core.context_processors.site",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;",
    }
# Persistent connections on both: a new SQLite connection per request costs ~15 ms (reading the
# schema and the WAL index; closing the last one checkpoints the WAL), more than the request (issue 9).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tusoi.accounts.backends.AccountBackend",  # ModelBackend that loads the member with the user
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout: 5 failures for one username, or from one address, lock it for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind nginx the client's address is nginx's X-Real-IP (tusoi.core.proxy), believed only from a unix
# socket or these addresses; without it one client's failures would lock out everyone behind the proxy.
AXES_CLIENT_IP_CALLABLE = "tusoi.core.proxy.client_ip"
TUSOI_TRUSTED_PROXIES: list[str] = env.list("TUSOI_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])

# Second factor (TOTP): required for office and admin roles always, for branch committee roles
# while this setting is on.
TUSOI_OTP_FOR_BRANCH_COMMITTEE = env.bool("TUSOI_OTP_FOR_BRANCH_COMMITTEE", default=True)
OTP_TOTP_ISSUER = "tusoi"
# `loaddemo` creates accounts whose passwords and TOTP secrets are public: allowed in development and
# tests, refused by the production settings unless this is set on purpose (a public demo server).
TUSOI_DEMO_ALLOWED = env.bool("TUSOI_DEMO_ALLOWED", default=True)
# The self-review form saves itself at most once every this many seconds while changes keep coming
# (changes made meanwhile go in the next save; what is unsent goes at once when the page is left).
# The autosave is most of a national round's load: see docs/scaling.md.
TUSOI_AUTOSAVE_SECONDS = env.int("TUSOI_AUTOSAVE_SECONDS", default=10)
# Counts below this are shown as "—" above the branch (small-cell suppression).
TUSOI_SMALL_CELL_K = env.int("TUSOI_SMALL_CELL_K", default=5)
# Background jobs: django-tasks with its database backend; `manage.py run_worker` runs them and sweeps
# up after dead workers: a RUNNING job whose heartbeat is older than TUSOI_JOBS_STALE_MINUTES is
# queued again (or failed after TUSOI_JOBS_MAX_ATTEMPTS); task rows left RUNNING are closed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TUSOI_JOBS_HEARTBEAT_SECONDS = env.int("TUSOI_JOBS_HEARTBEAT_SECONDS", default=30)
TUSOI_JOBS_STALE_MINUTES = env.int("TUSOI_JOBS_STALE_MINUTES", default=5)
TUSOI_JOBS_MAX_ATTEMPTS = env.int("TUSOI_JOBS_MAX_ATTEMPTS", default=3)
TUSOI_TASKS_STALE_MINUTES = env.int("TUSOI_TASKS_STALE_MINUTES", default=60)  # task rows of no job
# Branches that have not held a "tự soi, tự sửa" round this year are reminded from the first date
# (MM-DD), and from the second their superior is told too (remediation app, yearly rhythm).
TUSOI_RHYTHM_REMIND_FROM = env.str("TUSOI_RHYTHM_REMIND_FROM", default="10-01")
TUSOI_RHYTHM_ESCALATE_FROM = env.str("TUSOI_RHYTHM_ESCALATE_FROM", default="12-01")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Off, as Django's default: ids, years and form values must never render as "1.086" or "2.026".
# Figures shown to people are grouped explicitly with `intcomma` ("1.699" in Vietnamese).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["tusoi.formats"]

STATIC_URL = "/static/"
# The stylesheet pruned to the classes in use (scripts/build_css.py); dev uses the unpruned one.
TUSOI_CSS = "css/tusoi.min.css"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="tusoi <no-reply@localhost>")

# Sessions end 30 minutes after the last request and 12 hours after log-in (tusoi.core.security).
SESSION_COOKIE_AGE = 12 * 60 * 60
TUSOI_SESSION_IDLE_SECONDS = env.int("TUSOI_SESSION_IDLE_SECONDS", default=30 * 60)
TUSOI_SESSION_ABSOLUTE_SECONDS = env.int("TUSOI_SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "tusoi.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tusoi.core.security.RequestIdLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # 500 tracebacks must reach the log with DEBUG off (STACK trap 5).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
