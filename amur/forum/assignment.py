# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reviewer assignment as an exact min-cost flow (networkx), one track at a time.

The network, for k reviewers per submission:

    submission s ──(k−1)──▶ s·cn ──(1)──▶ reviewer r (Chinese side) ─┐
                 └─(k−1)──▶ s·ru ──(1)──▶ reviewer r (Russian side) ─┴─▶ r·1 … r·cap ──▶ sink

Each submission supplies k units and each side's arc carries at most k−1, so both sides
get at least one reviewer (cn + ru = k, each ≤ k−1).  An edge s·side → r exists only when
r is on that side, has no conflict with s, and reads a version of s at the edition's
level.  A reviewer's j-th unit costs 2j−1, so the total load cost is Σ load², which the
optimum spreads evenly; reading the author's original version is preferred by a smaller
cost.  Assignments the chair fixed by hand (or that already carry a review) stay and
count towards caps and sides.  When no flow exists, ``diagnose`` names the cause.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from django.db import transaction
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.i18n import localised_text
from amur.forum import levels, locking
from amur.forum.conflicts import Context, detect
from amur.forum.enums import Side, SubmissionStatus
from amur.forum.models import PAIRED, Assignment, Edition, Reviewer, Submission, Track

ORIGINAL_COST = 0
TRANSLATION_COST = 1
LOAD_WEIGHT = 4  # load balance outweighs reading the original rather than a translation


@dataclass
class Candidate:
    reviewer: Reviewer
    language: str  # the version the reviewer will read
    level: int
    source: str


@dataclass
class Problem:
    """One track's assignment problem, also used by tests over random pools."""

    k: int
    submissions: list[int]
    reviewers: dict[int, tuple[str, int]]  # reviewer id → (side, cap)
    eligible: dict[int, dict[int, int]]  # submission → {reviewer: edge cost}
    fixed: dict[int, list[int]] = field(default_factory=dict)  # submission → reviewers


@dataclass
class Outcome:
    assigned: dict[int, list[int]]  # submission → reviewers (new ones only)
    causes: list[str]

    @property
    def feasible(self) -> bool:
        return not self.causes


def solve(problem: Problem) -> dict[int, list[int]] | None:
    """The min-cost assignment of ``problem`` (new reviewers per submission), or None."""
    graph = nx.DiGraph()
    load = defaultdict(int)
    for rids in problem.fixed.values():
        for rid in rids:
            load[rid] += 1
    total = 0
    for sid in problem.submissions:
        fixed = problem.fixed.get(sid, [])
        sides = {problem.reviewers[r][0] for r in fixed if r in problem.reviewers}
        remaining = problem.k - len(fixed)
        if remaining <= 0:
            if not (Side.CN in sides and Side.RU in sides):
                return None
            continue
        need = {s: 0 if s in sides else 1 for s in (Side.CN, Side.RU)}
        graph.add_node(("s", sid), demand=-remaining)
        total += remaining
        for side, other in ((Side.CN, Side.RU), (Side.RU, Side.CN)):
            cap = remaining - need[other]
            if cap < 0:
                return None
            if cap > 0:
                graph.add_edge(("s", sid), ("side", sid, side), capacity=cap, weight=0)
        for rid, cost in problem.eligible.get(sid, {}).items():
            if rid in fixed:
                continue
            side = problem.reviewers[rid][0]
            if graph.has_edge(("s", sid), ("side", sid, side)):
                graph.add_edge(("side", sid, side), ("r", rid), capacity=1, weight=cost)
    if total == 0:
        return {}
    graph.add_node("sink", demand=total)
    for rid, (_side, cap) in problem.reviewers.items():
        if not graph.has_node(("r", rid)):
            continue
        for j in range(load[rid] + 1, cap + 1):
            graph.add_edge(("r", rid), ("u", rid, j), capacity=1, weight=LOAD_WEIGHT * (2 * j - 1))
            graph.add_edge(("u", rid, j), "sink", capacity=1, weight=0)
    try:
        flow = nx.min_cost_flow(graph)
    except nx.NetworkXUnfeasible:
        return None
    assigned: dict[int, list[int]] = defaultdict(list)
    for sid in problem.submissions:
        for side in (Side.CN, Side.RU):
            for target, amount in flow.get(("side", sid, side), {}).items():
                if amount:
                    assigned[sid].append(target[1])
    return dict(assigned)


# The edition's data → problems -------------------------------------------------------------


def _versions(submission: Submission) -> list[str]:
    return [
        lang
        for lang in PAIRED
        if (getattr(submission, f"title_{lang}") or "").strip()
        and (getattr(submission, f"abstract_{lang}") or "").strip()
    ]


def candidates(
    submission: Submission, reviewers: list[Reviewer], context: Context, reader_levels: dict
) -> tuple[list[Candidate], dict[int, list]]:
    """Reviewers who may review ``submission`` (with the version they read), and for the
    others why not: ``{reviewer id: [conflicts] or "language"}``."""
    edition = submission.edition
    needed = {"zh": edition.min_level_zh, "ru": edition.min_level_ru}
    versions = _versions(submission)
    found, excluded = [], {}
    for reviewer in reviewers:
        conflicts = detect(submission, reviewer.person, context=context)
        if conflicts:
            excluded[reviewer.pk] = conflicts
            continue
        levels_of = reader_levels[reviewer.pk]
        readable = [
            (lang, levels_of[lang])
            for lang in versions
            if lang in levels_of and levels_of[lang][0] >= needed[lang]
        ]
        if not readable:
            excluded[reviewer.pk] = "language"
            continue
        readable.sort(key=lambda item: (item[0] != submission.language, -item[1][0]))
        lang, (rung, source) = readable[0]
        found.append(Candidate(reviewer, lang, rung, source))
    return found, excluded


def _track_label(track: Track) -> str:
    return localised_text(track, "title") or track.key


def _side_label(side: str) -> str:
    return str(Side(side).label)


def _language_label(lang: str) -> str:
    return {"zh": _("Chinese"), "ru": _("Russian")}[lang]


def diagnose(problem: Problem, track: Track, titles: dict[int, str], versions: dict) -> list[str]:
    """Why ``problem`` has no solution, in words a chair can act on."""
    edition = track.edition
    needed = {"zh": edition.min_level_zh, "ru": edition.min_level_ru}
    causes: list[str] = []
    track_name = _track_label(track)
    for sid in problem.submissions:
        fixed = problem.fixed.get(sid, [])
        eligible = set(problem.eligible.get(sid, {})) | set(fixed)
        for side in (Side.CN, Side.RU):
            if not any(problem.reviewers[r][0] == side for r in eligible if r in problem.reviewers):
                readable = " / ".join(
                    f"{_language_label(lang)} {levels.label(lang, needed[lang])}"
                    for lang in versions[sid]
                ) or _("no complete version")
                causes.append(
                    _(
                        "No %(side)s reviewer without a conflict reads %(languages)s "
                        "in track “%(track)s” for “%(title)s”."
                    )
                    % {
                        "side": _side_label(side),
                        "languages": readable,
                        "track": track_name,
                        "title": titles[sid],
                    }
                )
        if len(eligible) < problem.k:
            causes.append(
                _(
                    "“%(title)s” has %(count)d eligible reviewers in track “%(track)s”; "
                    "it needs %(k)d."
                )
                % {
                    "title": titles[sid],
                    "count": len(eligible),
                    "track": track_name,
                    "k": problem.k,
                }
            )
    if causes:
        return causes
    for side in (Side.CN, Side.RU):
        capacity = sum(cap for s, cap in problem.reviewers.values() if s == side)
        if capacity < len(problem.submissions):
            causes.append(
                _(
                    "The %(side)s reviewers of track “%(track)s” can take %(capacity)d "
                    "submissions together; %(count)d need one of them."
                )
                % {
                    "side": _side_label(side),
                    "track": track_name,
                    "capacity": capacity,
                    "count": len(problem.submissions),
                }
            )
    capacity = sum(cap for _s, cap in problem.reviewers.values())
    if capacity < problem.k * len(problem.submissions):
        causes.append(
            _(
                "The reviewers of track “%(track)s” can take %(capacity)d reviews together; "
                "%(needed)d are needed."
            )
            % {
                "track": track_name,
                "capacity": capacity,
                "needed": problem.k * len(problem.submissions),
            }
        )
    if not causes:
        causes.append(_bottleneck(problem, track_name, titles))
    return causes


def _bottleneck(problem: Problem, track_name: str, titles: dict[int, str]) -> str:
    """A set of submissions that compete for too few reviewers (a minimum cut)."""
    graph = nx.DiGraph()
    for sid in problem.submissions:
        need = problem.k - len(problem.fixed.get(sid, []))
        graph.add_edge("source", ("s", sid), capacity=max(need, 0))
        for rid in problem.eligible.get(sid, {}):
            graph.add_edge(("s", sid), ("r", rid), capacity=1)
    for rid, (_side, cap) in problem.reviewers.items():
        used = sum(rid in f for f in problem.fixed.values())
        graph.add_edge(("r", rid), "sink", capacity=max(cap - used, 0))
    _value, (reachable, _rest) = nx.minimum_cut(graph, "source", "sink")
    stuck = [titles[n[1]] for n in reachable if isinstance(n, tuple) and n[0] == "s"]
    reviewers = [n[1] for n in reachable if isinstance(n, tuple) and n[0] == "r"]
    return _(
        "In track “%(track)s”, %(count)d submissions (%(titles)s) can only go to %(reviewers)d "
        "reviewers whose caps are too small for them, or the sides cannot both be covered."
    ) % {
        "track": track_name,
        "count": len(stuck),
        "titles": "; ".join(stuck[:5]),
        "reviewers": len(reviewers),
    }


def _explanation(candidate: Candidate, submission: Submission, load: int, cap: int) -> list:
    return [
        {"why": "side", "side": candidate.reviewer.side},
        {
            "why": "reads",
            "language": candidate.language,
            "level": candidate.level,
            "source": candidate.source,
            "original": candidate.language == submission.language,
        },
        {"why": "no_conflict"},
        {"why": "load", "load": load, "cap": cap},
    ]


def explanation_text(item: dict) -> str:
    """One line of an assignment's explanation, in the reader's language."""
    why = item.get("why")
    if why == "side":
        return _("reviews for the %(side)s") % {"side": _side_label(item["side"])}
    if why == "reads":
        text = _("reads the %(language)s version at %(level)s") % {
            "language": _language_label(item["language"]),
            "level": levels.label(item["language"], item["level"]),
        }
        return text + (" " + _("(the original)") if item.get("original") else "")
    if why == "no_conflict":
        return _("no conflict of interest found")
    if why == "load":
        return _("%(load)d of at most %(cap)d submissions") % item
    if why == "manual":
        return _("set by the chair")
    return ""


@transaction.atomic
def assign_track(track: Track, *, by=None, context: Context | None = None) -> Outcome:
    """Assign reviewers to every submitted submission of ``track``; keeps fixed ones."""
    track = locking.track_locked(track.pk)
    edition = track.edition
    context = context or Context(edition)
    reviewers = list(
        Reviewer.objects.filter(track=track).select_related("person").prefetch_related("languages")
    )
    reader_levels = {r.pk: levels.reviewer_levels(r) for r in reviewers}
    submissions = list(
        track.submissions.filter(status=SubmissionStatus.SUBMITTED).prefetch_related("versions")
    )
    Assignment.objects.filter(
        submission__in=submissions, manual=False, review__isnull=True
    ).delete()
    fixed: dict[int, list[int]] = defaultdict(list)
    for a in Assignment.objects.filter(submission__in=submissions):
        fixed[a.submission_id].append(a.reviewer_id)
    by_reviewer = {r.pk: r for r in reviewers}
    problem = Problem(
        k=edition.reviewers_per_submission,
        submissions=[s.pk for s in submissions],
        reviewers={r.pk: (r.side, r.cap) for r in reviewers},
        eligible={},
        fixed=dict(fixed),
    )
    found: dict[int, dict[int, Candidate]] = {}
    for submission in submissions:
        cands, _excluded = candidates(submission, reviewers, context, reader_levels)
        found[submission.pk] = {c.reviewer.pk: c for c in cands}
        problem.eligible[submission.pk] = {
            c.reviewer.pk: ORIGINAL_COST if c.language == submission.language else TRANSLATION_COST
            for c in cands
        }
    result = solve(problem)
    if result is None:
        titles = {s.pk: localised_text(s, "title") for s in submissions}
        versions = {s.pk: _versions(s) for s in submissions}
        return Outcome({}, diagnose(problem, track, titles, versions))
    load = defaultdict(int)
    for rids in fixed.values():
        for rid in rids:
            load[rid] += 1
    for rids in result.values():
        for rid in rids:
            load[rid] += 1
    by_submission = {s.pk: s for s in submissions}
    for sid, rids in result.items():
        for rid in rids:
            cand = found[sid][rid]
            Assignment.objects.create(
                submission=by_submission[sid],
                reviewer=by_reviewer[rid],
                language=cand.language,
                explanation=_explanation(cand, by_submission[sid], load[rid], by_reviewer[rid].cap),
            )
    audit_record(
        actor=by,
        action="forum.assignment.run",
        obj=track,
        new={"assigned": sum(len(v) for v in result.values())},
        organisation_id=edition.owning_organisation_id(),
    )
    return Outcome(result, [])


def assign_edition(edition: Edition, *, by=None) -> dict[int, Outcome]:
    """Run the assignment for every track; each track stands on its own."""
    from amur.forum.conflicts import conflicts_refresh

    conflicts_refresh(edition)
    context = Context(edition)
    return {track.pk: assign_track(track, by=by, context=context) for track in edition.tracks.all()}


@transaction.atomic
def assignment_set(*, submission: Submission, reviewer: Reviewer, by) -> Assignment:
    """The chair adds a reviewer by hand; the same rules hold (no conflict, reads a version,
    within the cap)."""
    from amur.forum.services import ForumError

    if reviewer.track_id != submission.track_id:
        raise ForumError(_("The reviewer is not in this submission's track."))
    locking.track_locked(submission.track_id)
    context = Context(submission.edition)
    cands, excluded = candidates(
        submission, [reviewer], context, {reviewer.pk: levels.reviewer_levels(reviewer)}
    )
    if reviewer.pk in excluded:
        if excluded[reviewer.pk] == "language":
            raise ForumError(_("The reviewer reads no version of this submission well enough."))
        raise ForumError(_("The reviewer has a conflict of interest with this submission."))
    if reviewer.assignments.count() >= reviewer.cap:
        raise ForumError(_("The reviewer is at their cap."))
    cand = cands[0]
    assignment, _created = Assignment.objects.update_or_create(
        submission=submission,
        reviewer=reviewer,
        defaults={
            "language": cand.language,
            "manual": True,
            "explanation": [
                {"why": "manual"},
                *_explanation(cand, submission, reviewer.assignments.count() + 1, reviewer.cap),
            ],
        },
    )
    audit_record(
        actor=by,
        action="forum.assignment.set",
        obj=assignment,
        new={"reviewer": reviewer.pk},
        organisation_id=submission.owning_organisation_id(),
    )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by) -> None:
    from amur.forum.services import ForumError

    locking.track_locked(assignment.reviewer.track_id)
    if hasattr(assignment, "review"):
        raise ForumError(_("This reviewer has already written a review."))
    audit_record(
        actor=by,
        action="forum.assignment.remove",
        obj=assignment,
        old={"reviewer": assignment.reviewer_id},
        organisation_id=assignment.owning_organisation_id(),
    )
    assignment.delete()
