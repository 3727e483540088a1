# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Submissions: drafts, paired versions with origins, limits, deadlines, audit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amur.core.audit import audit_trail
from amur.forum import services
from amur.forum.services import ForumError
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return f.scene()


def test_a_draft_in_russian_marks_the_chinese_version_missing(scene):
    s = f.submission(scene.edition, scene.tracks[0], both=False, submit=False)

    origins = {v.language: v.origin for v in s.versions.all()}

    assert s.status == "draft"
    assert origins == {"ru": "author", "zh": "missing"}
    assert [a.person.name for a in s.authors.all()] == ["Иванов Иван Петрович"]


def test_a_translation_names_its_translator(scene):
    s = f.submission(scene.edition, scene.tracks[0], both=False)
    translator = f.person("刘译", latin="Liu Yi")

    services.version_set(
        submission=s,
        language="zh",
        texts={"title": "哈尔滨的俄罗斯音乐", "abstract": "研究。"},
        origin="translated",
        person=translator,
        by=s.author,
    )

    version = s.versions.get(language="zh")
    assert (version.origin, version.person) == ("translated", translator)


def test_a_translation_without_its_person_is_refused(scene):
    s = f.submission(scene.edition, scene.tracks[0], both=False)

    with pytest.raises(ForumError):
        services.version_set(
            submission=s,
            language="zh",
            texts={"title": "标题", "abstract": "摘要"},
            origin="machine_checked",
            person=None,
            by=s.author,
        )


def test_chinese_is_counted_in_characters_and_russian_in_words(scene):
    scene.edition.zh_max_chars, scene.edition.ru_max_words = 5, 3
    scene.edition.save()

    with pytest.raises(ForumError, match="6 characters"):
        f.submission(
            scene.edition, scene.tracks[0], language="zh", both=False, abstract_zh="一二三 四五六"
        )
    with pytest.raises(ForumError, match="4 words"):
        f.submission(scene.edition, scene.tracks[0], both=False, abstract_ru="раз два три четыре")
    ok = f.submission(
        scene.edition, scene.tracks[0], language="zh", both=False, abstract_zh="一二 三四五"
    )
    assert ok.status == "submitted"


def test_the_deadline_is_enforced_on_the_server(scene):
    s = f.submission(scene.edition, scene.tracks[0], both=False, submit=False)
    late = scene.edition.cfp_closes + timedelta(minutes=1)

    with pytest.raises(ForumError, match="deadline"):
        services.submission_submit(submission=s, by=s.author, now=late)
    with pytest.raises(ForumError, match="deadline"):
        services.submission_update(
            submission=s, by=s.author, texts={"title_ru": "Другое"}, now=late
        )


def test_the_second_language_may_follow_until_its_own_date(scene):
    s = f.submission(scene.edition, scene.tracks[0], both=False)
    after_deadline = scene.edition.cfp_closes + timedelta(days=1)
    too_late = scene.edition.translation_due + timedelta(minutes=1)

    services.version_set(
        submission=s,
        language="zh",
        texts={"title": "标题", "abstract": "摘要"},
        origin="author",
        by=s.author,
        now=after_deadline,
    )
    with pytest.raises(ForumError):
        services.version_set(
            submission=s,
            language="zh",
            texts={"title": "新标题"},
            origin="author",
            by=s.author,
            now=too_late,
        )

    s.refresh_from_db()
    assert s.title_zh == "标题"


def test_withdrawal_is_final_and_everything_is_audited(scene):
    s = f.submission(scene.edition, scene.tracks[0])
    services.submission_update(submission=s, by=s.author, texts={"title_ru": "Новое название"})

    services.submission_withdraw(submission=s, by=s.author)

    with pytest.raises(ForumError):
        services.submission_update(submission=s, by=s.author, texts={"title_ru": "Ещё"})
    actions = [e.action for e in audit_trail(s)]
    assert actions[:2] == ["forum.submission.withdraw", "forum.submission.update"]
    assert "forum.submission.submit" in actions
    assert "forum.submission.create" in actions
    update = audit_trail(s).filter(action="forum.submission.update").first()
    assert (update.old, update.new) == (
        {"title_ru": "Русская музыка в Харбине"},
        {"title_ru": "Новое название"},
    )


def test_the_call_not_yet_open_refuses(scene):
    services.edition_update(
        edition=scene.edition, by=None, cfp_opens=timezone.now() + timedelta(days=1)
    )

    with pytest.raises(ForumError, match="not opened"):
        f.submission(scene.edition, scene.tracks[0])


def test_missing_translations_are_requested(scene):
    f.submission(scene.edition, scene.tracks[0], both=False)
    f.submission(scene.edition, scene.tracks[0])

    count = services.translations_request(edition=scene.edition, by=None)

    assert count == 1
