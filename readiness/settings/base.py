"""Settings shared by every environment, read from the environment (12-factor, as in cookiecutter-django).

Pick one module with DJANGO_SETTINGS_MODULE: `readiness.settings.local` (a checkout: DEBUG, development
key, console e-mail), `readiness.settings.production` (gunicorn, db_worker, migrate on a server) or
`readiness.settings.test` (pytest). This module alone never turns DEBUG on.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from readiness.settings.object_storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")  # production.py refuses to start without a real one
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "health_check",
    "readiness",
    "assessments",
    "assessments.reports",
    "firms",
    "consultants",
    "deliverables",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "readiness.cache_control.PrivateCacheControlMiddleware",  # pages with secrets: private, no-store
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "readiness.middleware.DomainErrorMiddleware",  # a selector's NotFound is a 404
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "readiness.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "readiness.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Keep each process's database connection between requests (a new PostgreSQL connection costs about as
# much as a whole cached page); checked before reuse, so a restarted database is no error.
# A `?conn_max_age=N` in DATABASE_URL wins.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two tabs saving one step, a double-click on submit: writers queue for the lock (IMMEDIATE takes
    # it at BEGIN, so no transaction has to be upgraded and fail), readers never wait (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.float("SQLITE_TIMEOUT", default=20.0),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling: first, so lockouts stop the attempt
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",  # log in with username or e-mail
]
from readiness.settings.limits import *  # noqa: E402,F403  (login throttling and rate limits)

# Accounts (django-allauth): a firm signs up with its admin; colleagues join by e-mailed invitation.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "firms.forms.FirmSignupForm"
ACCOUNT_ADAPTER = "firms.adapters.FirmAccountAdapter"
ACCOUNT_FORMS = {"login": "firms.forms.FirmLoginForm"}
# Confirming a sensitive change (e.g. adding or removing an authenticator) asks for the password or
# the TOTP code, never a code e-mailed to an inbox that may be the weaker factor.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CiberListo PyME] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Login throttling is django-axes' job (429 after AXES_FAILURE_LIMIT failures); allauth keeps its
# own limits on password-reset and confirmation e-mails.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CiberListo PyME"

# Content Security Policy: no inline script, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],  # style attributes only (e.g. progress widths); never script
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "assessments" / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))  # filled by `collectstatic`
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media (PDF reports, firm logos, Word files) on S3-compatible object storage when a bucket is named, so
# every web process and report worker, on any machine, sees the same files. Static files stay on whitenoise.
if _object_storage := media_storage(env):
    STORAGES["default"] = _object_storage

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
# The SMTP server (e.g. your provider's relay on port 587 with STARTTLS and a user and password).
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # a slow relay never holds a web worker for long
# Public address of the site (e.g. https://ciberlisto.example.mx), for links in e-mails sent outside a
# request (`manage.py send_reminders` from cron). Reminders queued from a page use that page's address.
SITE_URL = env.str("SITE_URL", default="")
# Sender of the owners' resume-link e-mails.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CiberListo PyME <no-responder@localhost>")

# The app's own privacy notice (LFPDPPP): who is responsible for the data and where to write about it.
PRIVACY_CONTROLLER_NAME = env.str("PRIVACY_CONTROLLER_NAME", default="")
PRIVACY_CONTROLLER_ADDRESS = env.str("PRIVACY_CONTROLLER_ADDRESS", default="")
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="")
# Drafts nobody saved for this many days are deleted by `manage.py purge_drafts` (run daily).
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=180)

# Background jobs (PDF reports): django-tasks with its database backend; run `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# A report render is killed after this many seconds (it runs in a child process of the worker).
REPORTS_RENDER_TIMEOUT = env.float("REPORTS_RENDER_TIMEOUT", default=60.0)

LOGIN_URL = "account_login"

# Shared by every process when several serve the site: point CACHE_URL at Redis (redis://...).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# With Redis, sessions are read from it and written through to the database: one query less on every
# consultant page. Only with a cache every process shares: a logout must end the session everywhere.
SHARED_SESSION_CACHES = ("django.core.cache.backends.redis.RedisCache",)
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"] in SHARED_SESSION_CACHES
    else "django.contrib.sessions.backends.db"
)

LOGIN_REDIRECT_URL = "consultants:dashboard"
LOGOUT_REDIRECT_URL = "assessments:landing"

# --- Logging: secret links never printed in full (readiness.redact) --------------------------------
# The filter sits on the console handler and on the two loggers Django prints URLs with: django.server
# (runserver's request lines; redeclared as Django's default) and django.request ("Not Found: /...").
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "readiness.redact.RedactTokensFilter"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["redact_tokens"]},
    },
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
# --- end of logging -------------------------------------------------------------------------------
