# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading AMUR_* environment variables into settings values.

Kept apart from settings.py so that the parsing rules (and their error messages) are plain
functions the tests can call with any environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
DEV_SECRET_KEY = "amur-development-key-not-for-production"


class ConfigError(Exception):
    """A setting in the environment cannot be used; the message names the variable."""


def env_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off")


def env_list(env: Mapping[str, str], name: str, default: list[str]) -> list[str]:
    raw = env.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _database_url(env: Mapping[str, str], name: str, url: str) -> dict:
    """The settings of the database that ``url`` (the value of variable ``name``) names."""
    try:
        max_age = int(env.get("AMUR_DB_CONN_MAX_AGE", "60"))
        config = dj_database_url.parse(url, conn_max_age=max_age, conn_health_checks=True)
    except Exception as exc:  # dj_database_url raises several unrelated types
        raise ConfigError(f"{name} cannot be parsed ({exc}): {url!r}") from exc
    if not config.get("ENGINE"):
        raise ConfigError(f"{name} has an unknown scheme: {url!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.pop("CONN_MAX_AGE", None)
    return config


def database_config(env: Mapping[str, str], base_dir: Path) -> dict:
    """AMUR_DATABASE_URL, or an SQLite file under var/ when it is not set."""
    url = env.get("AMUR_DATABASE_URL", "").strip()
    if not url:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(base_dir / "var" / "amur.sqlite3"),
        }
    else:
        config = _database_url(env, "AMUR_DATABASE_URL", url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL and a busy timeout let the dev server, a task worker and the tests share one file.
        # A page cache of 64 MiB and reads through a memory map of up to 256 MiB: the
        # observatory's cold board scans events and stays several times (at 20,000 events
        # and 50,000 stays, 343 -> 300 ms for the board of all years).
        config["OPTIONS"] = {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;",
            "transaction_mode": "IMMEDIATE",
        }
        config["TEST"] = {"NAME": None}
    return config


def replica_database_config(env: Mapping[str, str]) -> dict | None:
    """AMUR_DATABASE_REPLICA_URL: a read-only copy of the primary (a PostgreSQL streaming
    replica) that serves the reads of public pages (amur/core/db_router.py), or None."""
    url = env.get("AMUR_DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    config = _database_url(env, "AMUR_DATABASE_REPLICA_URL", url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ConfigError(f"AMUR_DATABASE_REPLICA_URL must name a PostgreSQL replica: {url!r}")
    # The test suite reads the test database through this alias; no second database is made.
    config["TEST"] = {"MIRROR": "default"}
    return config


def cache_config(env: Mapping[str, str]) -> dict:
    """AMUR_CACHE_URL (redis://…) or process-local memory."""
    url = env.get("AMUR_CACHE_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss", "unix"}:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "amur",
            }
        }
    if scheme == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if scheme == "dummy":
        return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    raise ConfigError(f"AMUR_CACHE_URL has an unsupported scheme {scheme!r}: {url!r}")


def session_engine(caches: dict) -> str:
    """Sessions live in the database, which every app server shares. With a shared cache
    (Redis) they are also kept there and read from it (Django's cached_db): a signed-in
    request costs no session query, and a cache that is emptied or restarted loses no
    session. A process-local cache would give each process its own, soon stale, copy."""
    if caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


def email_config(env: Mapping[str, str]) -> dict:
    """AMUR_EMAIL_URL: smtp://user:pass@host:port?tls=1, or the console backend by default."""
    url = env.get("AMUR_EMAIL_URL", "").strip()
    config = {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DEFAULT_FROM_EMAIL": env.get("AMUR_EMAIL_FROM", "Amur <noreply@amur.localhost>"),
    }
    if not url or url == "console:":
        return config
    parts = urlsplit(url)
    if parts.scheme == "smtp":
        query = parse_qs(parts.query)
        config.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or 25,
            EMAIL_HOST_USER=parts.username or "",
            EMAIL_HOST_PASSWORD=parts.password or "",
            EMAIL_USE_TLS=query.get("tls", ["0"])[0] in TRUE_WORDS,
            # A server that does not answer fails the try (it is retried later) instead of
            # holding the worker, or with in-process tasks the request, indefinitely.
            EMAIL_TIMEOUT=30,
        )
        return config
    if parts.scheme == "locmem":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
        return config
    raise ConfigError(f"AMUR_EMAIL_URL has an unsupported scheme {parts.scheme!r}: {url!r}")


def secret_key(env: Mapping[str, str], debug: bool) -> str:
    key = env.get("AMUR_SECRET_KEY", "").strip()
    if key:
        return key
    if debug:
        return DEV_SECRET_KEY
    raise ConfigError(
        "AMUR_SECRET_KEY is not set; production (AMUR_DEBUG off) refuses to start without one"
    )


def https_config(env: Mapping[str, str], debug: bool) -> dict:
    """AMUR_HTTPS: the site is served over HTTPS only, usually behind a proxy that terminates TLS.

    Then cookies travel only over HTTPS, the proxy's X-Forwarded-Proto says whether a request
    came over HTTPS, plain-HTTP requests are redirected (except /healthz, which a load balancer
    may probe over plain HTTP) and browsers are told to use HTTPS only (HSTS, one year by
    default; AMUR_HSTS_SECONDS=0 turns it off, AMUR_HSTS_PRELOAD=0 drops the preload token).
    The proxy must set X-Forwarded-Proto itself and drop any the client sent.
    """
    if debug or not env_bool(env, "AMUR_HTTPS", default=False):
        return {}
    raw_seconds = env.get("AMUR_HSTS_SECONDS", "31536000").strip()
    try:
        hsts_seconds = int(raw_seconds)
    except ValueError:
        raise ConfigError(f"AMUR_HSTS_SECONDS={raw_seconds!r} is not a number of seconds") from None
    if hsts_seconds < 0:
        raise ConfigError(f"AMUR_HSTS_SECONDS={raw_seconds!r} is negative")
    return {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_SSL_REDIRECT": True,
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
        "SECURE_HSTS_SECONDS": hsts_seconds,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env_bool(
            env, "AMUR_HSTS_INCLUDE_SUBDOMAINS", default=True
        ),
        "SECURE_HSTS_PRELOAD": env_bool(env, "AMUR_HSTS_PRELOAD", default=True),
    }
