"""Settings for the victims' complaints service.

Every value that differs between machines comes from the environment, and every
environment variable is listed in `.env.example` and the README. The helpers below refuse
to start the site on a value they cannot read, because a typo in production should stop
the deploy, not quietly fall back to a default. A variable set to nothing counts as not
set (see `_env`).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _env(name: str) -> str | None:
    # A variable set to nothing (`SECURE=` in an env file, as .env.example lists them) means
    # "not set": its default, never an empty value. An empty DATABASE_URL or QUICK_EXIT_URL
    # would break the site, and an empty SECURE must not switch HTTPS off.
    raw = os.environ.get(name)
    return raw if raw is not None and raw.strip() else None


def env_str(name: str, default: str | None = None) -> str | None:
    raw = _env(name)
    return default if raw is None else raw


def env_bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (_env(name) or default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = SECRET_KEY or "development-only-not-secret"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site will not start without it. "
            "Set SECRET_KEY to a long random string (see .env.example), or DEBUG=true locally."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. With DEBUG off the site will not start without it. "
            "Set ALLOWED_HOSTS to the comma-separated host names the site answers to."
        )

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SERVICE_NAME = _("Get help as a victim of crime")

INSTALLED_APPS = [
    # Django's admin, with `admin.site` replaced by the staff site (MFA, lockout).
    "victims_service.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "victims_service",
    "directory",
    "guidance",
    "complaints",
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files leave here, with their long cache and no page headers.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that can answer early or fail on the way out (sessions, CSRF,
    # APPEND_SLASH, a bad Host header), so every page gets its CSP nonce, no-store and the
    # other safety headers, and an error page made there still has a working exit button.
    "csp.middleware.CSPMiddleware",
    "victims_service.middleware.SafetyHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "victims_service.csrf.NoReferrerCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sessions, authentication, django-otp and messages, which it uses.
    "victims_service.staff_security.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "victims_service.urls"
WSGI_APPLICATION = "victims_service.wsgi.application"

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
                "csp.context_processors.nonce",
                "victims_service.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker use the file at the same time.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # Shared by every worker process; it holds only rendered guidance text, which any
    # process can make again. (Rate limits and staff sign-in failures are not cached:
    # victims_service/ratelimit.py counts them in their own table, exactly.)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "victims_cache",
        }
    }

# Rendered guidance pages, per process (guidance/views.py). Each is re-checked against the
# page's edit times every 2 seconds, so other processes show an edit within 2 seconds;
# nothing here needs sharing between processes.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "guidance-pages",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Django's database sessions, saved in one statement (see the module).
SESSION_ENGINE = "victims_service.sessions"
# Answers to a complaint live only in the session; they go when it expires.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Messages live in the session, so the site sets no cookie beyond the two the cookies page names.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "victims_service.views.csrf_failure"

# Production hardening; DEBUG on (local development over plain HTTP) turns it off.
SECURE = env_bool("SECURE", not DEBUG)
if SECURE:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# No page address ever leaves in a Referer header, not even to this site. Browsers then send
# `Origin: null` on form POSTs; victims_service.csrf accepts that when the browser says
# the request is same-origin.
SECURE_REFERRER_POLICY = "no-referrer"
# Django's W003 looks for its own CSRF class by name; victims_service.csrf checks ours.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# A strict policy: nothing from any other site, scripts only with this response's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Requests larger than this are refused with the styled 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Only languages the site is written in: <html lang> must name the language of the text
# (WCAG 3.1.1). The language is in the URL (English at the root, Welsh under /cy/, see
# victims_service/urls.py), never in a cookie or the browser's Accept-Language alone: a
# page's address always gives the same language, and /staff/ is always English.
# Each language is named in itself, as the switch in the header shows it.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded evidence is private: kept outside STATIC_ROOT and never given a public URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))

# Widgets render through the project's template folders too, so templates/gds/widgets/
# can bring crispy-forms-gds's widgets up to GOV.UK Frontend 6 ("django.forms" above
# supplies Django's own widget templates).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Where the quick exit sends people: a neutral site that says nothing about this one.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
FEEDBACK_URL = env_str("FEEDBACK_URL", "/feedback/")
# `manage.py delete_old_feedback` deletes feedback (which may hold an email address) older
# than this.
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = BASE_DIR / "sent_emails"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@example.org")

LOGIN_URL = "admin:login"
# Where staff land after signing in when `next=` is missing or unsafe (another site):
# Django's default, /accounts/profile/, does not exist here.
LOGIN_REDIRECT_URL = "/staff/"

# Staff security (victims_service/staff_security.py). Staff sign in at /staff/ with a
# password and, whenever DEBUG is off, a code from an authenticator app (TOTP).
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Victims complaints staff"
# Never show a device's secret key in admin once it exists.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 12)
STAFF_LOGIN_MAX_FAILURES = env_int("STAFF_LOGIN_MAX_FAILURES", 5)
STAFF_LOGIN_LOCKOUT_MINUTES = env_int("STAFF_LOGIN_LOCKOUT_MINUTES", 15)
# A ceiling per username across every address: higher and shorter, so a guesser spread
# over many addresses is slowed, while nobody can lock a colleague out for long.
STAFF_LOGIN_USER_MAX_FAILURES = env_int("STAFF_LOGIN_USER_MAX_FAILURES", 20)
STAFF_LOGIN_USER_LOCKOUT_MINUTES = env_int("STAFF_LOGIN_USER_LOCKOUT_MINUTES", 5)

# Closed complaints are anonymised this many years after closure (`anonymise_closed`).
RETENTION_YEARS = env_int("RETENTION_YEARS", 6)

# Error reports by email, off unless addresses are given. They carry the exception type, the
# code lines of the traceback and the URL path only: never the request's body, cookies,
# headers, local variables or the exception's message (a database error quotes the values).
ERROR_REPORT_EMAILS = env_list("ERROR_REPORT_EMAILS")
ADMINS = [(address, address) for address in ERROR_REPORT_EMAILS]
_LOG_HANDLERS = ["console"] + (["error_email"] if ERROR_REPORT_EMAILS else [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "victims_service.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
        "error_email": {"class": "victims_service.logging.ErrorEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": _LOG_HANDLERS, "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default handlers, whose AdminEmailHandler would mail the whole
        # request (form fields included) to ADMINS. Django's records reach the root instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Scanners send made-up Host headers all day: log them, never email them.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
        # Django logs request lines with the full path; ours never holds personal data, but
        # 4xx bodies and query strings might, so keep Django's request logger at errors only.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # The PDF parser warns about every oddity in an uploaded file, and a warning can
        # quote the file's own names and text. A refused file is explained to the person.
        "pypdf": {"level": "CRITICAL", "propagate": False, "handlers": []},
        # Pillow's debug lines list a photo's EXIF values, location included.
        "PIL": {"level": "WARNING"},
    },
}

# Rate limits' address ceilings (victims_service/ratelimit.py) use the address in X-Forwarded-For
# (the last entry, the one our own proxy added) instead of the connection's. Behind a load
# balancer the connection always comes from the balancer, so without this everyone shares
# one ceiling.
RATELIMIT_TRUST_FORWARDED_FOR = env_bool(
    "RATELIMIT_TRUST_FORWARDED_FOR", env_bool("BEHIND_PROXY", False)
)

# Benchmarks only: mounts /bench/baseline/<bytes>/, a bare view the benchmark compares pages
# with (bench/README.md). Never set it in production.
BENCH_BASELINE = env_bool("BENCH_BASELINE", False)
