# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import os

import pytest
from django.core.cache import cache

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # A second alias, "replica", reads the test database itself (Django's test mirror), as a
    # streaming replica would read the primary: the database router's tests route queries
    # to it (tests/core/test_db_router.py). Nothing else reads through it: the router is
    # registered only when AMUR_DATABASE_REPLICA_URL is set, as in production.
    from django.conf import settings

    from amur.core.db_router import REPLICA

    if REPLICA not in settings.DATABASES:
        default = settings.DATABASES["default"]
        settings.DATABASES[REPLICA] = {
            **default,
            "TEST": {**default.get("TEST", {}), "MIRROR": "default"},
        }


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Pages are rendered without `collectstatic`: the manifest storage of production
    # would fail on files it has not hashed yet.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # The database starts empty for each test; what was cached from another test's rows
    # (pages, aggregates) must not outlive them.
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords, not test users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def browser_page(live_server):
    """A Chromium page (Playwright) with the visitor's time zone and language unset."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        # CI installs Debian's Chromium and must never skip; a developer's machine may lack it.
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: browser tests cannot run")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US", timezone_id="Asia/Shanghai")
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files of one test never land in the developer's var/ or meet another test's.
    settings.MEDIA_ROOT = tmp_path / "media"
