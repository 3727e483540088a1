# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reviews, normalised scores, blind views and the decision workflow."""

from decimal import Decimal

import pytest

from amur.forum import scoring, services
from amur.forum.models import Assignment
from amur.forum.selectors import identity_leaks, versions_for
from amur.forum.services import ForumError
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


def test_z_scores_by_hand():
    stats = scoring.z_scores({1: [4.0, 2.0], 2: [5.0, 5.0], 3: [1.0, 2.0, 3.0]})

    assert stats[1] == (3.0, 1.0)
    assert stats[2] == (5.0, 0.0)
    assert stats[3][0] == 2.0
    assert abs(stats[3][1] - (2 / 3) ** 0.5) < 1e-12
    assert scoring.z_of(4.0, *stats[1]) == 1.0
    assert scoring.z_of(5.0, *stats[2]) == 0.0


@pytest.fixture
def reviewed():
    s = f.scene()
    music = s.tracks[0]
    a = f.reviewer(music, "a", "张甲", side="cn", languages=f.ZH_NATIVE_RU_B2, latin="Zhang Jia")
    b = f.reviewer(music, "b", "Смирнов Борис", side="ru", languages=f.RU_NATIVE_HSK5)
    s1 = f.submission(s.edition, music, title_ru="Первая", title_zh="第一")
    s2 = f.submission(s.edition, music, title_ru="Вторая", title_zh="第二")
    for sub in (s1, s2):
        for r in (a, b):
            Assignment.objects.create(submission=sub, reviewer=r, language="zh")
    services.edition_update(edition=s.edition, by=None, phase="review")
    s.extra.update(a=a, b=b, s1=s1, s2=s2)
    return s


def _review(reviewer, submission, relevance, originality, quality="good"):
    a = Assignment.objects.get(reviewer=reviewer, submission=submission)
    return services.review_save(
        assignment=a,
        by=reviewer.person.user,
        scores={"relevance": relevance, "originality": originality},
        language_quality=quality,
        submit=True,
    )


def test_weighted_scores_and_normalisation_on_a_hand_computed_example(reviewed):
    x = reviewed.extra
    r = _review(x["a"], x["s1"], 5, 2)  # (2·5 + 2) / 3 = 4
    _review(x["a"], x["s2"], 2, 2)  # 2
    _review(x["b"], x["s1"], 3, 3, quality="weak")  # 3
    _review(x["b"], x["s2"], 3, 3)  # 3

    rows = scoring.table(reviewed.edition)
    ranking = scoring.ranking(reviewed.edition, reviewed.tracks[0])

    assert r.weighted == Decimal("4.000")
    assert (rows[x["s1"].pk].raw_mean, rows[x["s1"].pk].z_mean) == (3.5, 0.5)  # z: +1 and 0
    assert (rows[x["s2"].pk].raw_mean, rows[x["s2"].pk].z_mean) == (2.5, -0.5)
    assert rows[x["s1"].pk].weak_language == 1
    assert [s.pk for s, _row in ranking] == [x["s1"].pk, x["s2"].pk]


def test_only_the_assigned_reviewer_reviews_with_valid_scores(reviewed):
    x = reviewed.extra
    a = Assignment.objects.get(reviewer=x["a"], submission=x["s1"])

    with pytest.raises(ForumError):
        services.review_save(assignment=a, by=x["b"].person.user, scores={"relevance": 3})
    with pytest.raises(ForumError):
        services.review_save(assignment=a, by=x["a"].person.user, scores={"relevance": 6})
    with pytest.raises(ForumError):
        services.review_save(
            assignment=a, by=x["a"].person.user, scores={"relevance": 3}, submit=True
        )


def test_a_version_naming_its_author_in_another_script_is_flagged_and_masked(reviewed):
    x = reviewed.extra
    s = x["s1"]
    services.submission_update(
        submission=s,
        by=s.author,
        texts={
            "abstract_zh": "伊万诺夫的研究。",
            "abstract_ru": "В работах Иванова (2019) показано …",
            "abstract_en": "As Ivanov showed earlier.",
        },
    )
    person = s.authors.get().person
    person.name_zh = "伊万诺夫"
    person.save()
    s.refresh_from_db()
    reviewer_user = x["a"].person.user

    leaks = identity_leaks(s)
    seen = {v.language: v for v in versions_for(reviewer_user, s)}

    assert sorted(leaks) == ["en", "ru", "zh"]
    assert "Иванов" not in seen["ru"].abstract
    assert "■■■" in seen["ru"].abstract
    assert "伊万诺夫" not in seen["zh"].abstract
    assert "Ivanov" not in seen["en"].abstract
    assert not reviewer_user.has_perm("forum.view_authors", s)
    assert s.author.has_perm("forum.view_authors", s)


def test_decisions_legal_and_illegal(reviewed):
    x = reviewed.extra
    convener_user, convener = f.user_with_person("conv", "Конвинер Кон")
    services.committee_add(
        edition=reviewed.edition,
        person=convener,
        role="convener",
        side="ru",
        track=reviewed.tracks[0],
    )
    s1, s2 = x["s1"], x["s2"]

    with pytest.raises(ForumError, match="No decision"):
        services.decision_sign_off(submission=s1, by=reviewed.chair)
    with pytest.raises(ForumError):
        services.decision_propose(submission=s1, decision="merge", by=convener_user, related=s1)
    with pytest.raises(ForumError):
        services.decision_propose(
            submission=s1, decision="move", by=convener_user, track=reviewed.tracks[0]
        )
    services.decision_propose(submission=s2, decision="duplicate", by=convener_user, related=s1)
    services.decision_sign_off(submission=s2, by=reviewed.chair)
    services.decision_propose(submission=s1, decision="accept", by=convener_user)
    assert s1.__class__.objects.get(pk=s1.pk).status == "submitted"  # not before sign-off
    services.decision_sign_off(submission=s1, by=reviewed.chair)
    with pytest.raises(ForumError):
        services.decision_propose(submission=s1, decision="reject", by=convener_user)
    services.speaker_confirm(submission=s1, by=s1.author)

    s1.refresh_from_db()
    s2.refresh_from_db()
    assert (s1.status, s2.status, s2.related_id) == ("accepted", "duplicate", s1.pk)
    assert s1.speaker_confirmed_at is not None
    assert convener_user.has_perm("forum.propose_decision", s1)
    assert not convener_user.has_perm("forum.sign_off", s1)
    assert reviewed.chair.has_perm("forum.sign_off", s1)


def test_a_move_sends_the_submission_to_the_other_track(reviewed):
    x = reviewed.extra
    services.decision_propose(
        submission=x["s1"], decision="move", by=reviewed.chair, track=reviewed.tracks[1]
    )

    services.decision_sign_off(submission=x["s1"], by=reviewed.chair)

    x["s1"].refresh_from_db()
    assert (x["s1"].status, x["s1"].track) == ("submitted", reviewed.tracks[1])
    assert not x["s1"].assignments.exists()
