# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""One settings module, configured through AMUR_* environment variables (see README)."""

import os
from datetime import timedelta
from pathlib import Path

from amur import config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("AMUR_VAR_DIR", BASE_DIR / "var"))
ENV = os.environ

DEBUG = config.env_bool(ENV, "AMUR_DEBUG", default=False)
SECRET_KEY = config.secret_key(ENV, DEBUG)
ALLOWED_HOSTS = config.env_list(
    ENV, "AMUR_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = config.env_list(ENV, "AMUR_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = ENV.get("AMUR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "template_partials",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # Amur's own apps, in dependency order: `amur demo` loads their demo data in this order.
    "amur.core",
    "amur.directory",
    "amur.accounts",
    "amur.alliances",
    "amur.events",
    "amur.competitions",
    "amur.mobility",
    "amur.library",
    "amur.resources",
    "amur.forum",
    "amur.talent",
    "amur.observatory",
    "amur.portal",
    # After Amur's apps: the first app holding a template wins, and the account pages
    # (registration/password_reset_form.html …) must be Amur's, not the admin's.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "amur.core.audit.AuditAddressMiddleware",
    "amur.accounts.middleware.StaffIdleTimeoutMiddleware",
    "amur.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "amur.core.middleware.ContentSecurityPolicyMiddleware",
    "amur.core.middleware.TimezoneMiddleware",
    "amur.core.middleware.PostOnlyGetMiddleware",
    # Last: turns a login refused for too many failures into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amur.urls"
WSGI_APPLICATION = "amur.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amur.core.context_processors.shell",
            ],
            "builtins": ["amur.core.templatetags.amur"],
        },
    }
]

DATABASES = {"default": config.database_config(ENV, BASE_DIR)}
# A streaming replica serves the reads of public pages; writes, transactions and whatever a
# client reads just after writing stay on the primary (amur/core/db_router.py).
if (REPLICA := config.replica_database_config(ENV)) is not None:
    DATABASES["replica"] = REPLICA
    DATABASE_ROUTERS = ["amur.core.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "amur.core.db_router.ReplicaReadsMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = config.cache_config(ENV)
SESSION_ENGINE = config.session_engine(CACHES)
globals().update(config.email_config(ENV))

TASKS = {
    "default": {
        # Tasks run in-process unless AMUR_TASKS=database, where `amur worker` picks them up.
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if ENV.get("AMUR_TASKS") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 (memory-hard) for new and changed passwords; the others still verify older hashes,
# which Django rewrites as Argon2 at the user's next successful login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out after failed logins (issue 12): per account from one address, per account and per
# address; the limits of each are in amur/accounts/lockout.py. AMUR_LOGIN_LOCKOUT=off is
# for the test suite only (its tests turn it on where they test it).
AXES_ENABLED = config.env_bool(ENV, "AMUR_LOGIN_LOCKOUT", default=True)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_FAILURE_LIMIT = "amur.accounts.lockout.failure_limit"
AXES_HANDLER = "amur.accounts.lockout.LockoutHandler"
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lock-out are not recorded: a flood then costs reads only, and
# the record of an attempt (which grows with each failure) stays small.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "amur.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "amur.accounts.lockout.client_address"
# Successful logins are not logged by axes (personal data kept for no purpose).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Reverse proxies in front of Amur that append to X-Forwarded-For (0: none, use REMOTE_ADDR).
AMUR_PROXY_COUNT = int(ENV.get("AMUR_PROXY_COUNT", "0") or 0)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Languages: the reader's choice decides the UI catalogue and the fallback order of content.
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", "中文"), ("ru", "Русский"), ("en", "English")]
CONTENT_LANGUAGES = ["zh", "ru", "en"]  # suffixes of per-language model columns
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Harbin"
LANGUAGE_COOKIE_NAME = "amur_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV.get("AMUR_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_HTTPONLY = True
# A session lasts two weeks after its last change; platform staff are logged out after
# 12 hours without a request (amur/accounts/middleware.py).
SESSION_COOKIE_AGE = 14 * 24 * 3600
AMUR_STAFF_IDLE_SECONDS = 12 * 3600
# Platform staff must log in with a second factor (an authenticator app); off only for
# test suites. Anyone else may turn it on in their profile.
AMUR_STAFF_TWO_FACTOR = config.env_bool(ENV, "AMUR_STAFF_TWO_FACTOR", default=True)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag instead
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# AMUR_HTTPS: secure cookies, X-Forwarded-Proto trusted, HTTPS redirect and HSTS (config.py).
globals().update(config.https_config(ENV, DEBUG))
# Maps with boundaries need an approval number in China: by default anonymous visitors of
# the observatory see a tile-grid cartogram and only signed-in users the schematic map.
AMUR_OBSERVATORY_PUBLIC_MAP = config.env_bool(ENV, "AMUR_OBSERVATORY_PUBLIC_MAP", default=False)

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "amur.core.api.Pagination"  # bounded limit/offset (issue 12)
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.get("AMUR_LOG_LEVEL", "WARNING")},
}
