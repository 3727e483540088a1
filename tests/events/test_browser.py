# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import re

import pytest
from django.core.management import call_command

from amur.events.models import Registration
from tests.pg import sqlite_only


@pytest.mark.browser
@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_visitor_in_russian_finds_a_harbin_event_typed_in_cyrillic_and_registers_online(
    browser_page, live_server
):
    call_command("demo", only=["core", "directory", "events"], verbosity=0)
    page = browser_page
    page.goto(live_server.url + "/events/")
    with page.expect_navigation():
        page.select_option("#language-select", "ru")

    page.fill("#id_q", "Харбин Третья")
    # Wait for htmx to swap the filtered list in (it pushes the query to the URL) and for
    # the page to go quiet, so that no request is still running when the visitor clicks.
    page.wait_for_url(re.compile(r"[?&]q="))
    page.wait_for_load_state("networkidle")
    # Wait for the event's page itself: "networkidle" right after the click could be met
    # before the navigation began (a loaded CI run timed out looking for the form).
    with page.expect_navigation():
        page.click("text=Третья Харбинская неделя")
    page.select_option("#id_mode", label="Онлайн")
    page.fill("#id_name", "Ольга Петрова")
    page.fill("#id_email", "olga@example.org")
    page.select_option("#id_language", "ru")
    page.click("form[action$='/register/'] button[type=submit]")

    assert "olga@example.org" in page.locator(".registration-status").inner_text()
    registration = Registration.objects.get(email="olga@example.org")
    assert (registration.status, registration.mode.attendance) == ("unconfirmed", "online")
    # She opens the link from her mail and confirms.
    page.goto(f"{live_server.url}/events/confirm/{registration.confirm_token}/")
    page.click("button[type=submit]")
    assert (
        page.locator(".registration-status")
        .inner_text()
        .startswith("Ваша регистрация подтверждена.")
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"
