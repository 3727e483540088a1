# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reviewer assignment: exact, within every constraint, and explained when impossible."""

from collections import Counter
from itertools import combinations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amur.forum import assignment
from amur.forum.assignment import Problem, solve
from amur.forum.models import Assignment
from amur.forum.services import ForumError
from tests.factories import forum as f


@st.composite
def pools(draw):
    k = draw(st.integers(2, 3))
    n = draw(st.integers(1, 3))
    m = draw(st.integers(2, 5))
    reviewers = {
        100 + r: (draw(st.sampled_from(["cn", "ru"])), draw(st.integers(1, 3))) for r in range(m)
    }
    eligible = {s: {r: 0 for r in reviewers if draw(st.booleans())} for s in range(n)}
    return Problem(k=k, submissions=list(range(n)), reviewers=reviewers, eligible=eligible)


def _valid(problem: Problem, result: dict) -> bool:
    load = Counter(r for rs in result.values() for r in rs)
    for s in problem.submissions:
        rs = result.get(s, [])
        sides = {problem.reviewers[r][0] for r in rs}
        if len(set(rs)) != problem.k or len(rs) != problem.k:
            return False
        if not set(rs) <= set(problem.eligible[s]) or sides != {"cn", "ru"}:
            return False
    return all(load[r] <= problem.reviewers[r][1] for r in load)


def _brute_force(problem: Problem):
    """The least Σ load² over every valid assignment, or None."""
    choices = [
        list(combinations(sorted(problem.eligible[s]), problem.k)) for s in problem.submissions
    ]
    best = None
    for pick in product(*choices):
        result = dict(zip(problem.submissions, (list(c) for c in pick), strict=True))
        if _valid(problem, result):
            cost = sum(v * v for v in Counter(r for rs in pick for r in rs).values())
            best = cost if best is None else min(best, cost)
    return best


@settings(max_examples=150, deadline=None)
@given(pools())
def test_the_assignment_holds_every_constraint_and_is_exact(problem):
    result = solve(problem)

    best = _brute_force(problem)
    if best is None:
        assert result is None
    else:
        assert result is not None
        assert _valid(problem, result)
        load = Counter(r for rs in result.values() for r in rs)
        assert sum(v * v for v in load.values()) == best


def test_fixed_assignments_count_for_the_sides_and_the_caps():
    problem = Problem(
        k=2,
        submissions=[1],
        reviewers={10: ("cn", 1), 11: ("ru", 1), 12: ("cn", 1)},
        eligible={1: {10: 0, 11: 0, 12: 0}},
        fixed={1: [12]},
    )

    assert solve(problem) == {1: [11]}


@pytest.fixture
def scene(db):
    s = f.scene()
    music = s.tracks[0]
    s.extra["cn"] = [
        f.reviewer(
            music,
            f"cn{i}",
            f"张{i}号",
            side="cn",
            languages=f.ZH_NATIVE_RU_B2,
            latin=f"Zhang Hao{i}",
        )
        for i in range(2)
    ]
    s.extra["ru"] = [
        f.reviewer(music, f"ru{i}", f"Смирнова Ольга{i}", side="ru", languages=f.RU_NATIVE_HSK5)
        for i in range(2)
    ]
    return s


@pytest.mark.django_db
def test_every_submission_gets_k_reviewers_from_both_sides_with_reasons(scene):
    subs = [f.submission(scene.edition, scene.tracks[0]) for _ in range(3)]

    outcome = assignment.assign_edition(scene.edition)

    assert all(o.feasible for o in outcome.values())
    for s in subs:
        rows = list(Assignment.objects.filter(submission=s).select_related("reviewer"))
        assert len(rows) == 3
        assert {a.reviewer.side for a in rows} == {"cn", "ru"}
        assert [item["why"] for item in rows[0].explanation] == [
            "side",
            "reads",
            "no_conflict",
            "load",
        ]
    loads = Counter(a.reviewer_id for a in Assignment.objects.all())
    assert max(loads.values()) - min(loads.values()) <= 1


@pytest.mark.django_db
def test_infeasibility_names_its_cause(scene):
    for r in scene.extra["ru"]:
        r.languages.filter(language="zh").delete()
    s = f.submission(scene.edition, scene.tracks[0], language="zh", both=False)

    outcome = assignment.assign_edition(scene.edition)[scene.tracks[0].pk]

    assert not outcome.feasible
    assert outcome.causes[0] == (
        "No Russian side reviewer without a conflict reads Chinese HSK 5 in track "
        f"“Music and arts” for “{s.title_zh}”."
    )
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_a_caps_shortage_is_reported_as_such(scene):
    for r in scene.extra["ru"]:
        r.cap = 1
        r.save()
    for _ in range(3):
        f.submission(scene.edition, scene.tracks[0])

    outcome = assignment.assign_edition(scene.edition)[scene.tracks[0].pk]

    assert outcome.causes == [
        "The Russian side reviewers of track “Music and arts” can take 2 submissions together; "
        "3 need one of them."
    ]


@pytest.mark.django_db
def test_a_conflicted_reviewer_is_never_assigned_nor_added_by_hand(scene):
    org = scene.extra["ru"][0].person.affiliations.first()
    assert org is None
    colleague_org = f.OrganisationFactory()
    from amur.directory.models import Affiliation

    Affiliation.objects.create(person=scene.extra["ru"][0].person, organisation=colleague_org)
    extra = f.reviewer(
        scene.tracks[0], "ru9", "Петрова Анна", side="ru", languages=f.RU_NATIVE_HSK5
    )
    s = f.submission(scene.edition, scene.tracks[0], organisation=colleague_org)

    assignment.assign_edition(scene.edition)

    assigned = set(Assignment.objects.filter(submission=s).values_list("reviewer_id", flat=True))
    assert scene.extra["ru"][0].pk not in assigned
    assert extra.pk in assigned
    with pytest.raises(ForumError, match="conflict"):
        assignment.assignment_set(submission=s, reviewer=scene.extra["ru"][0], by=None)
