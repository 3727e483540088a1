# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.mobility.models import Application
from tests.factories.directory import UserFactory, give_role
from tests.factories.mobility import ApplicationFactory, CallFactory
from tests.pg import sqlite_only

PASSWORD = "correct horse battery staple"


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def choose_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)


def take_step(page, application: Application, to: str) -> None:
    page.select_option(f"#to-{application.pk}", to)
    with page.expect_navigation():
        page.click(f"form[action$='/applications/{application.pk}/step/'] button[type=submit]")


@pytest.mark.browser
@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_applicant_applies_in_russian_and_the_office_ranks_and_nominates_in_chinese(
    browser_page, live_server
):
    call = CallFactory(
        title_en="Semester in Saint Petersburg",
        title_zh="圣彼得堡交换学期",
        title_ru="Семестр в Санкт-Петербурге",
        seats=1,
    )
    office = UserFactory(username="office")
    give_role(office, call.sending, "editor")
    UserFactory(username="olga")
    rival = ApplicationFactory(
        call=call, name="张伟", status="eligible", grade_mark=80, language_score=70
    )
    page, base = browser_page, live_server.url

    # The applicant, in Russian.
    log_in(page, base, "olga")
    page.goto(f"{base}/mobility/calls/{call.pk}/")
    choose_language(page, "ru")
    assert page.locator("h1").inner_text() == "Семестр в Санкт-Петербурге"
    page.fill("#name", "Ольга Петрова")
    page.fill("#grade_mark", "92")
    page.fill("#language_score", "85")
    page.fill("#motivation", "Хочу учиться у профессоров консерватории.")
    with page.expect_navigation():
        page.click("text=Подать заявку")
    assert page.locator(".application-status").inner_text() == "Ваша заявка: Подана"
    mine = Application.objects.get(applicant__username="olga")
    assert (mine.status, mine.language) == ("submitted", "ru")

    # The sending office, in Chinese: eligibility, ranking, nomination.
    page.context.clear_cookies()
    log_in(page, base, "office")
    page.goto(f"{base}/mobility/calls/{call.pk}/")
    choose_language(page, "zh-hans")
    take_step(page, mine, "eligible")
    with page.expect_navigation():
        page.click("text=对符合条件的申请排名")
    ranks = page.locator("table.compact tbody tr td:first-child").all_inner_texts()
    names = page.locator("table.compact tbody tr td:nth-child(2)").all_inner_texts()
    assert list(zip(ranks, names, strict=True)) == [("1", "Ольга Петрова"), ("2", "张伟")]
    take_step(page, mine, "nominated")

    assert page.locator(".message-success").inner_text() == "已完成。"
    assert "已推荐" in page.locator("table.compact").inner_text()
    mine.refresh_from_db()
    rival.refresh_from_db()
    assert (mine.status, mine.rank, rival.status, rival.rank) == ("nominated", 1, "ranked", 2)
