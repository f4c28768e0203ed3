"""Gongkai's one settings module, configured by GONGKAI_* environment variables.

Every variable is documented in README.md ("Configuration"). A bad value raises
ImproperlyConfigured with a one-line reason; `gongkai` prints it without a traceback.
"""

import base64
import os
import secrets
import zoneinfo
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1 or 0)")


def env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def make_dir(path: Path, variable: str) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"{variable}: cannot create {path}: {exc.strerror}") from None


def development_secret_key() -> str:
    """A key kept under var/ so that sessions survive restarts of a development server."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        make_dir(VAR_DIR, "GONGKAI_VAR_DIR")
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def development_data_key() -> str:
    """A Fernet key kept under var/ for development (never used with GONGKAI_DEBUG=0)."""
    path = VAR_DIR / "dev-data-key"
    if not path.exists():
        make_dir(VAR_DIR, "GONGKAI_VAR_DIR")
        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("GONGKAI_DEBUG", False)
SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("GONGKAI_SECRET_KEY is required when GONGKAI_DEBUG=0")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

TIME_ZONE = os.environ.get("GONGKAI_TIME_ZONE", "Asia/Shanghai")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"GONGKAI_TIME_ZONE={TIME_ZONE!r} is not a known time zone"
    ) from None
USE_TZ = True

INSTALLED_APPS = [
    "gongkai.accounts",  # first: its createsuperuser/changepassword replace contrib.auth's
    "gongkai.audit",  # its flush replaces Django's
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "gongkai.workcalendar",
    "gongkai.documents",
    "gongkai.console",
    "gongkai.portal",
    "rest_framework",
    "drf_spectacular",
    "gongkai.api",
    "gongkai.review",
    "gongkai.applications",
    "gongkai.reports",
    "gongkai.workreport",
    "gongkai.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.console.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "gongkai.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.console.context_processors.console",
            ],
        },
    },
]

# Database: SQLite under var/ by default; postgres://… for PostgreSQL.
DATABASE_URL = os.environ.get("GONGKAI_DATABASE_URL", "")
if not DATABASE_URL:
    make_dir(VAR_DIR, "GONGKAI_VAR_DIR")
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60)
except (ValueError, KeyError) as exc:
    raise ImproperlyConfigured(f"GONGKAI_DATABASE_URL is not usable: {exc}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open between requests: opening the file and reading its schema for every
    # request cost more than serving a page snapshot (docs/benchmarks.md).
    _database["CONN_MAX_AGE"] = 600
    _database["CONN_HEALTH_CHECKS"] = True
    _database["OPTIONS"] = {
        # IMMEDIATE: writers queue up instead of failing, and the audit chain stays linear.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456;"
        ),
    }
    _database["TEST"] = {"NAME": None}
elif _database["ENGINE"] not in {"django.db.backends.postgresql"}:
    raise ImproperlyConfigured("GONGKAI_DATABASE_URL must be sqlite:///… or postgres://…")
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.accounts.validators.CharacterClassValidator"},
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:home"
LOGOUT_REDIRECT_URL = "console:login"

# Lockout (django-axes): after N failures for one account, or from one IP address.
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "console/locked_out.html"
# A success clears that account's own failures only (accounts/signals.py). axes's own reset
# would also clear every failure from the same IP address: an insider could then guess
# another account's password without limit by logging into their own account in between.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
# Reverse proxies in front of Gongkai whose X-Forwarded-For may be trusted (0: none).
GONGKAI_PROXY_COUNT = env_int("GONGKAI_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "gongkai.audit.context.request_ip"

# Idle timeout: the session ends after this many minutes without a request.
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Behind HTTPS in production; GONGKAI_HTTPS=0 only for a plain-HTTP intranet test install.
HTTPS = env_bool("GONGKAI_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("GONGKAI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if GONGKAI_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", "")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
make_dir(STATIC_ROOT, "GONGKAI_VAR_DIR")  # collectstatic fills it for production
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT") or VAR_DIR / "media")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"axes": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}

# The read API (gongkai.api, docs/api.md): public, anonymous and read-only. No
# authentication class at all, so a staff session never changes what the API shows.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongkai API",
    "DESCRIPTION": "Published government information (主动公开 and 删减后公开) and its columns.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
}

# Applicants' identity numbers and identity images are encrypted with this Fernet key
# (several, comma-separated, while rotating: the first encrypts). Development: a key is kept
# under var/ as the development secret key is.
GONGKAI_DATA_KEYS = env_list("GONGKAI_DATA_KEY", "")
if not GONGKAI_DATA_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "GONGKAI_DATA_KEY is required when GONGKAI_DEBUG=0 (it encrypts applicants' identity "
            "numbers; make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())')"
        )
    GONGKAI_DATA_KEYS = [development_data_key()]
for _key in GONGKAI_DATA_KEYS:
    try:
        Fernet(_key.encode())
    except ValueError:
        raise ImproperlyConfigured(
            "GONGKAI_DATA_KEY is not a Fernet key (32 url-safe base64-encoded bytes)"
        ) from None

# The hard budget of the privacy scan of one attachment (the publication gate and sweeps):
# a file that takes longer, or more memory, is reported unreadable ("needs manual review").
GONGKAI_SCAN_SECONDS = env_int("GONGKAI_SCAN_SECONDS", 300)
GONGKAI_SCAN_MEMORY_MB = env_int("GONGKAI_SCAN_MEMORY_MB", 1024)

# One cache shared by every worker process of the installation (page-snapshot generations,
# the rate limits of /apply/ and /track/): files under the var directory, no server needed.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("GONGKAI_CACHE_DIR") or str(VAR_DIR / "cache"),
    }
}

# E-mail (notices of leaks found on published records). Without a mail server the notice
# stays in the console and the e-mail is written to the log (standard error).
EMAIL_HOST = os.environ.get("GONGKAI_SMTP_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("GONGKAI_SMTP_PORT", 25)
EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_SMTP_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_MAIL_FROM", "gongkai@localhost")
# The console's address as staff reach it (links in e-mails), e.g. https://gk.example.gov.cn
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "").rstrip("/")

# The agency whose site the portal is (its code); empty: the first agency by code.
GONGKAI_SITE_AGENCY = os.environ.get("GONGKAI_SITE_AGENCY", "")

# The disclosure office is told to enter next year's State Council notice from this month on.
GONGKAI_CALENDAR_ALERT_MONTH = 11
