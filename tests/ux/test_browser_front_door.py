# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The front door in a browser: what is happening, in the reader's language, and the
search box leading to hits grouped by kind."""

import pytest

from tests.factories.directory import OrganisationFactory
from tests.factories.events import EventFactory
from tests.factories.mobility import CallFactory
from tests.pg import sqlite_only

pytestmark = [pytest.mark.browser, sqlite_only, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("zh-hans", "哈尔滨冰雪节", "近期活动"),
        ("ru", "Харбинский фестиваль льда", "Ближайшие события"),
    ],
)
def test_front_door_shows_whats_on_and_searches_every_module(visit, language, title, heading):
    EventFactory(
        title_zh="哈尔滨冰雪节",
        title_ru="Харбинский фестиваль льда",
        title_en="Harbin Ice Festival",
    )
    CallFactory(title_en="Semester in Harbin", title_zh="哈尔滨学期", title_ru="Семестр в Харбине")
    OrganisationFactory(name_zh="哈尔滨音乐学院", name_ru="Харбинская консерватория")

    page = visit("/", language=language)

    assert page.locator("#front-events").inner_text() == heading
    assert page.locator("section", has=page.locator("#front-events")).get_by_text(title).count()
    assert "Harbin Ice Festival" not in page.content()
    page.fill("#front-q", "Харбин")
    page.click("form.front-search button")
    page.wait_for_url("**/search/?q=*")
    kinds = page.eval_on_selector_all("section.search-group", "s => s.map(e => e.dataset.kind)")
    assert kinds == ["organisations", "events", "calls"]


def test_my_amur_lists_what_concerns_the_person_and_leads_to_it(visit, django_user_model):
    from amur.events.models import Registration
    from tests.factories.events import ModeFactory

    user = django_user_model.objects.create_user("olga", "olga@example.org", "x")
    event = EventFactory(title_ru="Харбинский фестиваль льда", title_en="Harbin Ice Festival")
    Registration.objects.create(
        event=event,
        mode=ModeFactory(event=event),
        name="Ольга",
        email=user.email,
        status="confirmed",
    )

    page = visit("/me/", language="ru", user=user)

    section = page.locator("section[data-section=registrations]")
    assert section.locator("h2").inner_text() == "Регистрации и билеты"
    assert "Подтверждена" in section.inner_text() or "Подтверждено" in section.inner_text()
    section.get_by_role("link", name="Харбинский фестиваль льда").click()
    page.wait_for_url(f"**/events/{event.slug}/")
