# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Browser scenes of the whole product: a visitor in a language, at a width, maybe signed in."""

import os

import pytest


@pytest.fixture
def visit(live_server, client):
    """``visit(path, language=…, width=…, user=…)`` → a Playwright page that fails the test
    on any console error; closed at the end of the test."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: browser tests cannot run")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    errors: list[str] = []

    def open_page(path="/", *, language="en", width=1280, user=None, zone="Asia/Shanghai"):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="en-US", timezone_id=zone
        )
        cookies = [{"name": "amur_language", "value": language, "url": live_server.url}]
        if user is not None:
            client.force_login(user)
            cookies.append(
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            )
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(live_server.url + path)
        return page

    try:
        yield open_page
    finally:
        browser.close()
        playwright.stop()
    assert errors == [], errors
