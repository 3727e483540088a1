# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The documented production configuration passes Django's deployment checks (issue 12)."""

import os
import secrets
import subprocess
import sys

import pytest

from amur import config


def production_env(**extra):
    # The test run's own AMUR_* and DJANGO_ALLOW_ASYNC_UNSAFE (set for browser tests) are not
    # part of a production environment.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AMUR_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        AMUR_SECRET_KEY=secrets.token_urlsafe(50),
        AMUR_HTTPS="1",
        AMUR_ALLOWED_HOSTS="amur.example.org",
    )
    env.update(extra)
    return env


def test_check_deploy_passes_without_warnings_in_the_production_configuration():
    result = subprocess.run(
        [sys.executable, "-m", "amur", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_is_off():
    # The check above can fail: without AMUR_HTTPS the same checks complain.
    result = subprocess.run(
        [sys.executable, "-m", "amur", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(AMUR_HTTPS="0"),
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_https_turns_on_hsts_secure_cookies_and_the_redirect():
    settings = config.https_config({"AMUR_HTTPS": "1"}, debug=False)

    assert settings["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_https_settings_stay_off_in_debug_and_without_amur_https():
    assert config.https_config({"AMUR_HTTPS": "1"}, debug=True) == {}
    assert config.https_config({}, debug=False) == {}


@pytest.mark.parametrize("raw", ["soon", "-1"])
def test_bad_hsts_seconds_names_the_variable(raw):
    with pytest.raises(config.ConfigError, match="AMUR_HSTS_SECONDS"):
        config.https_config({"AMUR_HTTPS": "1", "AMUR_HSTS_SECONDS": raw}, debug=False)


def test_behind_the_proxy_plain_http_is_redirected_but_healthz_answers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600

    plain = client.get("/search/")
    secure = client.get("/search/", headers={"x-forwarded-proto": "https"})

    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert secure.status_code == 200
    assert "max-age=3600" in secure["Strict-Transport-Security"]
