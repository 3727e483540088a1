# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import os
import subprocess
import sys
from pathlib import Path

import pytest

from amur import config

BASE = Path("/srv/amur")


def test_database_defaults_to_sqlite_under_var():
    db = config.database_config({}, BASE)

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == "/srv/amur/var/amur.sqlite3"


def test_database_url_for_postgresql_is_parsed():
    db = config.database_config(
        {"AMUR_DATABASE_URL": "postgres://amur:secret@db.example:5433/amur"}, BASE
    )

    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql",
        "amur",
        "amur",
        "secret",
        "db.example",
        5433,
    )


@pytest.mark.parametrize("url", ["nonsense", "mysqlx://x/y", "postgres://host:notaport/db"])
def test_unparseable_database_url_names_the_variable(url):
    with pytest.raises(config.ConfigError) as caught:
        config.database_config({"AMUR_DATABASE_URL": url}, BASE)

    assert "AMUR_DATABASE_URL" in str(caught.value)


def test_start_up_with_bad_database_url_prints_one_line_naming_the_variable():
    env = {**os.environ, "AMUR_DATABASE_URL": "nonsense", "AMUR_DEBUG": "1"}

    result = subprocess.run(
        [sys.executable, "-m", "amur", "check"], env=env, capture_output=True, text=True
    )

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("amur: configuration error: AMUR_DATABASE_URL")


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "AMUR_SECRET_KEY"}
    env["AMUR_DEBUG"] = "0"

    result = subprocess.run(
        [sys.executable, "-m", "amur", "check"], env=env, capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "AMUR_SECRET_KEY" in result.stderr


def test_secret_key_has_development_default_only_in_debug():
    assert config.secret_key({}, debug=True) == config.DEV_SECRET_KEY
    assert config.secret_key({"AMUR_SECRET_KEY": "k"}, debug=False) == "k"
    with pytest.raises(config.ConfigError, match="AMUR_SECRET_KEY"):
        config.secret_key({}, debug=False)


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("on", True), ("0", False), ("no", False)]
)
def test_env_bool(raw, expected):
    assert config.env_bool({"AMUR_DEBUG": raw}, "AMUR_DEBUG", default=False) is expected


def test_env_bool_rejects_other_words():
    with pytest.raises(config.ConfigError, match="AMUR_DEBUG"):
        config.env_bool({"AMUR_DEBUG": "maybe"}, "AMUR_DEBUG", default=False)


def test_allowed_hosts_are_a_comma_list():
    assert config.env_list({"AMUR_ALLOWED_HOSTS": "a.org, b.org,"}, "AMUR_ALLOWED_HOSTS", []) == [
        "a.org",
        "b.org",
    ]


def test_cache_is_local_memory_by_default_and_redis_when_given():
    assert config.cache_config({})["default"]["BACKEND"].endswith("LocMemCache")
    redis = config.cache_config({"AMUR_CACHE_URL": "redis://127.0.0.1:6379/1"})["default"]

    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_cache_url_with_unknown_scheme_names_the_variable():
    with pytest.raises(config.ConfigError, match="AMUR_CACHE_URL"):
        config.cache_config({"AMUR_CACHE_URL": "memcached://x"})


def test_sessions_are_read_through_the_cache_only_when_it_is_shared():
    local = config.session_engine(config.cache_config({}))
    redis = config.session_engine(config.cache_config({"AMUR_CACHE_URL": "redis://127.0.0.1/1"}))

    assert (local, redis) == (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )


def test_no_replica_unless_its_url_is_given():
    assert config.replica_database_config({}) is None


def test_replica_url_is_parsed_and_mirrors_the_primary_in_tests():
    db = config.replica_database_config(
        {"AMUR_DATABASE_REPLICA_URL": "postgres://amur:secret@replica.example:5433/amur"}
    )

    assert (db["ENGINE"], db["HOST"], db["PORT"], db["NAME"], db["TEST"]) == (
        "django.db.backends.postgresql",
        "replica.example",
        5433,
        "amur",
        {"MIRROR": "default"},
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://host:notaport/db", "cannot be parsed"),
        ("mysql://amur@db.example/amur", "must name a PostgreSQL replica"),
        ("sqlite:////srv/amur/copy.sqlite3", "must name a PostgreSQL replica"),
    ],
)
def test_unusable_replica_url_names_the_variable(url, message):
    with pytest.raises(config.ConfigError) as caught:
        config.replica_database_config({"AMUR_DATABASE_REPLICA_URL": url})

    assert str(caught.value).startswith("AMUR_DATABASE_REPLICA_URL")
    assert message in str(caught.value)


def test_router_and_its_middleware_are_registered_only_with_a_replica():
    show = (
        "from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "
        "[m for m in settings.MIDDLEWARE if 'db_router' in m or 'SessionMiddleware' in m])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "amur.settings", "AMUR_DEBUG": "1"}
    env.pop("AMUR_DATABASE_REPLICA_URL", None)
    replica = {**env, "AMUR_DATABASE_REPLICA_URL": "postgres://postgres@127.0.0.1:5442/amur"}

    without, with_ = (
        subprocess.run(
            [sys.executable, "-c", show], env=e, capture_output=True, text=True, check=True
        ).stdout.strip()
        for e in (env, replica)
    )

    assert without == ("['default'] [] ['django.contrib.sessions.middleware.SessionMiddleware']")
    assert with_ == (
        "['default', 'replica'] ['amur.core.db_router.PrimaryReplicaRouter'] "
        "['amur.core.db_router.ReplicaReadsMiddleware', "
        "'django.contrib.sessions.middleware.SessionMiddleware']"
    )


def test_email_is_console_by_default_and_smtp_when_given():
    assert config.email_config({})["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = config.email_config({"AMUR_EMAIL_URL": "smtp://u:p@mail.example:587?tls=1"})

    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example",
        587,
        True,
    )
