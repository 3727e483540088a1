# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from tests.pg import sqlite_only


@pytest.mark.browser
@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_visitor_switches_language_and_it_is_remembered(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/")

    with page.expect_navigation():
        page.select_option("#language-select", "ru")

    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("link", name="Справочник").first.is_visible()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ru"
