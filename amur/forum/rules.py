# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in the forum.

The host organisation's editors and the committee's chair run an edition; a track's
conveners propose decisions and see its submissions and reviews; the chair signs off;
an assigned reviewer without a conflict reads and reviews one submission; an author
keeps their own.  In a blind edition reviewers never see authors, and authors never
see reviewers' names.
"""

import rules

from amur.core.permissions import is_org_editor, is_staff
from amur.forum.enums import CommitteeRole


def _edition(obj):
    from amur.forum.models import Edition

    if obj is None:
        return None
    if isinstance(obj, Edition):
        return obj
    if hasattr(obj, "edition"):
        return obj.edition
    if hasattr(obj, "submission"):
        return obj.submission.edition
    if hasattr(obj, "track"):
        return obj.track.edition
    return None


def _committee(user, edition, role: str, track_id=None) -> bool:
    if edition is None or not user.is_authenticated:
        return False
    qs = edition.committee.filter(person__user=user, role=role)
    if track_id is not None:
        qs = qs.filter(track_id=track_id)
    return qs.exists()


@rules.predicate
def is_chair(user, obj) -> bool:
    return _committee(user, _edition(obj), CommitteeRole.CHAIR)


@rules.predicate
def is_convener(user, obj) -> bool:
    """A convener of the object's track (a submission's or a track itself)."""
    from amur.forum.models import Track

    track_id = obj.pk if isinstance(obj, Track) else getattr(obj, "track_id", None)
    if track_id is None:
        return False
    return _committee(user, _edition(obj), CommitteeRole.CONVENER, track_id)


@rules.predicate
def is_author(user, submission) -> bool:
    if submission is None or not user.is_authenticated:
        return False
    return submission.author_id == user.pk or submission.authors.filter(person__user=user).exists()


@rules.predicate
def is_assigned_reviewer(user, submission) -> bool:
    """Assigned, and no conflict (declared or detected) since."""
    from amur.forum.conflicts import conflicted

    if submission is None or not user.is_authenticated:
        return False
    assignment = (
        submission.assignments.filter(reviewer__person__user=user)
        .select_related("reviewer__person")
        .first()
    )
    return assignment is not None and not conflicted(submission, assignment.reviewer.person)


@rules.predicate
def edition_is_blind(user, submission) -> bool:
    return submission is not None and submission.edition.blind


is_manager = is_staff | is_org_editor | is_chair

rules.add_perm("forum.manage_edition", is_manager)
rules.add_perm("forum.sign_off", is_staff | is_chair)
rules.add_perm("forum.propose_decision", is_staff | is_convener)
rules.add_perm("forum.view_submission", is_manager | is_convener | is_author | is_assigned_reviewer)
rules.add_perm("forum.change_submission", is_author)
rules.add_perm("forum.review_submission", is_assigned_reviewer)
rules.add_perm("forum.view_reviews", is_manager | is_convener)
rules.add_perm(
    "forum.view_authors",
    is_manager | is_convener | is_author | (is_assigned_reviewer & ~edition_is_blind),
)
