# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The forum demo: a 2026 edition taken through the real services from the call to the
programme, in Chinese and Russian, and loaded twice without a change."""

import pytest
from django.apps import apps

from amur.core.demo import demo_load
from amur.core.models import AuditEntry
from amur.forum import outputs
from amur.forum.conflicts import detect
from amur.forum.enums import Origin, SubmissionStatus
from amur.forum.models import Edition
from amur.talent.models import Task

pytestmark = pytest.mark.django_db

NEEDED = ["core", "directory", "accounts", "events", "forum"]
HAN = range(0x4E00, 0xA000)


def _counts() -> dict[str, int]:
    models = [*apps.get_app_config("forum").get_models(), Task]
    models += [apps.get_model(label) for label in ("directory.Person", "events.Session")]
    return {m._meta.label: m.objects.count() for m in models}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo loaded twice, once for the module (it is the slow part); the counts after
    each load are kept for the idempotence test."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            demo_load(only=NEEDED, log=lambda _m: None)
            first = _counts()
            demo_load(only=NEEDED, log=lambda _m: None)
            second = _counts()
            yield first, second
            transaction.set_rollback(True)


@pytest.fixture
def edition(loaded):
    return Edition.objects.get(forum__slug="sino-russian-humanities-forum", year=2026)


def test_a_second_load_changes_no_count(loaded):
    first, second = loaded

    assert second == first
    assert first["forum.Submission"] > 0


def test_four_tracks_named_in_three_languages(edition):
    tracks = list(edition.tracks.all())

    assert [t.title_en for t in tracks] == [
        "Music and arts",
        "Vocational education",
        "Libraries and books",
        "Folk culture",
    ]
    for track in tracks:
        assert track.title_zh
        assert track.title_ru
        assert track.categories.count() == 3


def test_sixty_submissions_in_chinese_and_russian_or_with_a_translation_task(edition):
    submissions = list(edition.submissions.prefetch_related("versions"))

    assert 50 <= len(submissions) <= 70
    assert {s.language for s in submissions} == {"zh", "ru"}
    for s in submissions:
        assert any(ord(c) in HAN for c in s.title_zh + s.abstract_zh) or s.abstract_zh == ""
        versions = {v.language: v for v in s.versions.all()}
        for lang in ("zh", "ru"):
            text = getattr(s, f"abstract_{lang}")
            if versions[lang].origin == Origin.MISSING:
                assert text == ""
                task = Task.objects.get(pk=versions[lang].talent_task_id)
                assert (task.content_id, task.target_language) == (s.pk, lang)
            else:
                assert getattr(s, f"title_{lang}")
                assert text
        assert any(ord(c) in HAN for c in getattr(s, f"abstract_{s.language}")) == (
            s.language == "zh"
        )
        assert s.authors.filter(organisation__isnull=False).count() == s.authors.count()


def test_every_origin_of_a_version_is_present_with_its_person(edition):
    versions = [v for s in edition.submissions.all() for v in s.versions.all()]

    assert {v.origin for v in versions} == set(Origin.values)
    for v in versions:
        assert (v.person_id is not None) == (v.origin in ("translated", "machine_checked"))


def test_every_assignment_keeps_the_editions_rules(edition):
    k = edition.reviewers_per_submission

    for s in edition.submissions.all():
        assignments = list(s.assignments.select_related("reviewer__person"))
        assert len(assignments) == k, s
        assert {a.reviewer.side for a in assignments} == {"cn", "ru"}
        for a in assignments:
            assert detect(s, a.reviewer.person) == []
            assert not s.conflicts.filter(person=a.reviewer.person).exists()
            assert a.review.submitted_at is not None
            assert a.language in ("zh", "ru")
            assert getattr(s, f"abstract_{a.language}")
    assert edition.submissions.filter(conflicts__isnull=False).exists()


def test_decisions_taken_some_papers_moved_and_a_programme_made(edition):
    statuses = {s.status for s in edition.submissions.all()}
    moves = AuditEntry.objects.filter(
        action="forum.decision.sign_off", new__decision="move", object_type="forum.submission"
    )

    assert statuses == {SubmissionStatus.ACCEPTED, SubmissionStatus.REJECTED}
    assert moves.count() == 3
    assert edition.phase == "programme"
    sessions = list(edition.sessions.select_related("session"))
    assert len(sessions) == 9
    assert {s.interpretation for s in sessions} == {"simultaneous", "consecutive", "none"}
    placed = {p.pk for item in sessions for p in item.submissions.all()}
    assert placed == set(edition.submissions.filter(status="accepted").values_list("pk", flat=True))
    assert outputs.programme_conflicts(edition) == []


def test_the_book_of_abstracts_renders(edition):
    pdf = outputs.book_of_abstracts(edition)

    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 20_000
