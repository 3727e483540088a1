# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The track is the parent of its review assignments (amur/forum/locking.py): a reviewer
assigned by hand to two submissions at once is never taken beyond their cap."""

import threading

import pytest
from django.db import transaction

from amur.forum import assignment, services
from amur.forum.models import Assignment
from tests.factories import forum as f
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _reviewer_with_one_place_and_two_submissions():
    s = f.scene()
    music = s.tracks[0]
    reviewer = f.reviewer(music, "cn0", "张零号", side="cn", cap=1, languages=f.ZH_NATIVE_RU_B2)
    submissions = [f.submission(s.edition, music) for _ in range(2)]
    return reviewer, submissions


def test_two_assignments_by_hand_at_once_keep_the_reviewer_within_the_cap():
    reviewer, submissions = _reviewer_with_one_place_and_two_submissions()

    def worker(n):
        try:
            return assignment.assignment_set(submission=submissions[n], reviewer=reviewer, by=None)
        except services.ForumError as exc:
            return str(exc)

    outcomes = pg_race(worker, 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Assignment.objects.filter(reviewer=reviewer).count() == 1
    assert "The reviewer is at their cap." in outcomes


def test_negative_control_counting_the_cap_without_the_tracks_lock_assigns_beyond_it():
    reviewer, submissions = _reviewer_with_one_place_and_two_submissions()
    looked = threading.Barrier(2)

    def naive(n):
        with transaction.atomic():
            taken = Assignment.objects.filter(reviewer=reviewer).count()
            looked.wait()
            if taken < reviewer.cap:
                Assignment.objects.create(
                    submission=submissions[n], reviewer=reviewer, language="ru"
                )

    pg_race(naive, 2)

    assert Assignment.objects.filter(reviewer=reviewer).count() == 2
