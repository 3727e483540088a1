# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of review assignments: a reviewer finds only their own assignment, the
chair an assignment of the submission addressed and a reviewer of its track's pool."""

import pytest
from django.http import Http404

from amur.forum import assignment, selectors
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    s = f.scene()
    music, libraries = s.tracks
    s.extra["reviewers"] = [
        f.reviewer(music, "cn0", "张零号", side="cn", languages=f.ZH_NATIVE_RU_B2),
        f.reviewer(music, "ru0", "Смирнова Ольга", side="ru", languages=f.RU_NATIVE_HSK5),
        f.reviewer(libraries, "cn1", "李一号", side="cn", languages=f.ZH_NATIVE_RU_B2),
    ]
    s.extra["submission"] = f.submission(s.edition, music)
    s.extra["other"] = f.submission(s.edition, music)
    return s


def test_a_reviewer_finds_only_their_own_assignment(scene):
    assigned, unassigned, _elsewhere = scene.extra["reviewers"]
    submission = scene.extra["submission"]
    own = assignment.assignment_set(submission=submission, reviewer=assigned, by=None)

    found = selectors.own_assignment_get_for(assigned.person.user, submission=submission)

    assert found == own
    for user in (unassigned.person.user, scene.chair):
        with pytest.raises(Http404):
            selectors.own_assignment_get_for(user, submission=submission)


def test_an_assignment_is_found_only_through_its_own_submission(scene):
    assigned = scene.extra["reviewers"][0]
    own = assignment.assignment_set(
        submission=scene.extra["submission"], reviewer=assigned, by=None
    )

    found = selectors.assignment_get_for(
        scene.chair, submission=scene.extra["submission"], pk=own.pk
    )

    assert found == own
    with pytest.raises(Http404):
        selectors.assignment_get_for(scene.chair, submission=scene.extra["other"], pk=own.pk)


def test_a_reviewer_is_picked_from_the_pool_of_the_submissions_track(scene):
    in_track, _ru, other_track = scene.extra["reviewers"]
    submission = scene.extra["submission"]

    found = selectors.reviewer_get_for(scene.chair, submission=submission, pk=in_track.pk)

    assert found == in_track
    with pytest.raises(Http404):
        selectors.reviewer_get_for(scene.chair, submission=submission, pk=other_track.pk)
