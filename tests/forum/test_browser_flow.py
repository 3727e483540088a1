# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Done means (issue 17): through the real pages, a Russian author submits a paper in
Russian and Chinese, a Chinese reviewer reads the Chinese version blind and reviews it,
the track's convener proposes to accept, the chair signs off, and the author reads the
decision in Russian."""

import os

import pytest
from django.utils import translation

from amur.accounts.models import Profile
from amur.forum import services
from amur.forum.models import Submission
from tests.factories import forum as f
from tests.pg import sqlite_only

pytestmark = [pytest.mark.browser, sqlite_only, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # the factories' password
TITLE_RU = "Баян в музыкальной жизни Харбина 1920-х годов"
ABSTRACT_RU = "На материале афиш и воспоминаний показано, как баян вошёл в городскую музыку."
TITLE_ZH = "二十世纪二十年代哈尔滨音乐生活中的巴扬手风琴"
ABSTRACT_ZH = "本文根据海报和回忆录，说明巴扬手风琴如何进入城市音乐生活。"


def _ru(text: str) -> str:
    with translation.override("ru"):
        return translation.gettext(text)


def _zh(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


@pytest.fixture
def browser(live_server):
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: browser tests cannot run")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def login(browser, live_server):
    """``login(user, language)``: a fresh browser signed in through the login page, with the
    interface in ``language``; fails the test on any error in the page's console."""
    errors: list[str] = []

    def sign_in(user, language: str):
        context = browser.new_context(locale="en-US", timezone_id="Asia/Shanghai")
        context.add_cookies([{"name": "amur_language", "value": language, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.locator("form:has(#id_username) button[type=submit]").click()
        page.wait_for_load_state()
        return page

    yield sign_in
    assert errors == [], errors


def _language(user, language: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _person(username: str, name: str, language: str, **kwargs):
    user, person = f.user_with_person(username, name, **kwargs)
    _language(user, language)
    return user, person


def test_a_paper_goes_from_a_russian_author_to_a_blind_chinese_review_and_acceptance(
    login, live_server, mailoutbox
):
    scene = f.scene(k=2)
    edition, music = scene.edition, scene.tracks[0]
    _language(scene.chair, "zh-hans")
    author, _p = _person(
        "petrova", "Петрова Анна Сергеевна", "ru", latin="Anna Petrova", nationality="RU"
    )
    translator = f.person("陈译文", latin="Chen Yiwen")
    cn_reviewer = f.reviewer(music, "zhang", "张明华", side="cn", languages=f.ZH_ONLY)
    f.reviewer(
        music, "orlov", "Орлов Павел", side="ru", languages=f.RU_NATIVE_HSK5, nationality="RU"
    )
    convener, convener_person = _person("kuznetsova", "Кузнецова Ольга", "ru", nationality="RU")
    services.committee_add(
        edition=edition, person=convener_person, role="convener", side="ru", track=music
    )
    _language(cn_reviewer.person.user, "zh-hans")

    # The author, in Russian: a draft in her language, the Chinese version by a named
    # translator, then submitted.
    page = login(author, "ru")
    page.goto(f"{live_server.url}/forum/{edition.slug}/")
    page.locator(f'a[href="/forum/{edition.slug}/submit/"]').click()
    assert page.locator("h1").inner_text() == _ru("Submit a proposal")
    assert page.locator("#id_track option[value=music]").inner_text() == "Музыка и искусство"
    page.select_option("#id_track", "music")
    page.select_option("#id_kind", "paper")
    page.select_option("#id_language", "ru")
    page.fill("#id_title", TITLE_RU)
    page.fill("#id_abstract", ABSTRACT_RU)
    page.fill("#id_keywords", "баян; Харбин")
    page.uncheck("input[name=submit_now]")
    page.locator("form:has(#id_title) button[type=submit]").click()
    submission = Submission.objects.get(author=author)
    assert page.url.endswith(f"/forum/submissions/{submission.pk}/")
    page.locator("details summary").click()
    version = page.locator(f'form[action="/forum/submissions/{submission.pk}/version/"]')
    version.locator("#id_language").select_option("zh")
    version.locator("#id_title").fill(TITLE_ZH)
    version.locator("#id_abstract").fill(ABSTRACT_ZH)
    version.locator("#id_keywords").fill("巴扬；哈尔滨")
    version.locator("#id_origin").select_option("translated")
    version.locator("#id_person").fill(str(translator.pk))
    version.locator("button[type=submit]").click()
    page.locator(f'form[action="/forum/submissions/{submission.pk}/submit/"] button').click()
    assert page.locator(".status").inner_text() == _ru("Submitted")
    page.context.close()
    submission.refresh_from_db()
    assert (submission.status, submission.title_zh) == ("submitted", TITLE_ZH)
    assert submission.versions.get(language="zh").person == translator

    # The chair assigns reviewers on the desk; the review opens.
    page = login(scene.chair, "zh-hans")
    page.goto(f"{live_server.url}/forum/{edition.slug}/manage/")
    page.locator(f'form[action="/forum/{edition.slug}/assign/"] button').click()
    assert _zh("Reviewers assigned.") in page.content()
    page.context.close()
    chinese = submission.assignments.get(reviewer=cn_reviewer)
    assert chinese.language == "zh"
    assert {a.reviewer.side for a in submission.assignments.all()} == {"cn", "ru"}
    services.edition_update(edition=edition, by=None, phase="review")

    # The Chinese reviewer, in Chinese, reads the Chinese version without the author's
    # or the translator's name, and submits the review.
    page = login(cn_reviewer.person.user, "zh-hans")
    page.goto(f"{live_server.url}/forum/submissions/{submission.pk}/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator(".blind").inner_text() == _zh("Blind review: the authors are hidden.")
    assert page.locator('section.version[lang="zh"] h3').inner_text() == TITLE_ZH
    assert page.locator('section.version[lang="zh"] p').first.inner_text() == ABSTRACT_ZH
    text = page.locator("main").inner_text()
    for name in ("Петрова", "Petrova", "陈译文", "Chen Yiwen"):
        assert name not in text
    page.locator(f'a[href="/forum/submissions/{submission.pk}/review/"]').click()
    assert page.locator("h1").inner_text() == _zh("Write the review")
    page.select_option("#id_score_relevance", "5")
    page.select_option("#id_score_originality", "4")
    page.select_option("#id_language_quality", "good")
    page.fill("#id_comment", "资料翔实，建议补充与其他城市的比较。")
    page.locator("button[name=submit_review]").click()
    assert page.url.endswith(f"/forum/submissions/{submission.pk}/")
    page.context.close()
    chinese.refresh_from_db()
    assert chinese.review.submitted_at is not None
    assert chinese.review.scores == {"relevance": 5, "originality": 4}

    # The track's convener proposes to accept; the chair signs off.
    page = login(convener, "ru")
    page.goto(f"{live_server.url}/forum/submissions/{submission.pk}/")
    page.select_option("#id_decision", "accept")
    page.locator(f'form[action="/forum/submissions/{submission.pk}/decide/"] button').click()
    assert _ru("Proposed") in page.locator("hgroup").inner_text()
    page.context.close()
    page = login(scene.chair, "zh-hans")
    page.goto(f"{live_server.url}/forum/submissions/{submission.pk}/")
    page.locator(f'form[action="/forum/submissions/{submission.pk}/sign-off/"] button').click()
    assert page.locator(".status").inner_text() == _zh("Accepted")
    page.context.close()

    submission.refresh_from_db()
    assert submission.status == "accepted"
    assert (submission.proposed, submission.signed_off_by) == ("", scene.chair)
    assert submission.decided_at is not None

    # The author reads the decision in Russian, on the page and in her mail.
    page = login(author, "ru")
    page.goto(f"{live_server.url}/forum/submissions/{submission.pk}/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".status").inner_text() == _ru("Accepted")
    page.context.close()
    assert [m.to for m in mailoutbox] == [[author.email]]
    assert mailoutbox[0].subject == _ru("Decision on your forum submission")
    assert TITLE_RU in mailoutbox[0].body
