# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The organiser's editors (the competition office) run a competition; an applicant sees and
changes their own application; jurors act only through their own sheet, which services
check (a juror is a user on the jury of the edition).

A round's integrity analysis is the chair's and the office's while the competition runs —
never the other jurors' — and everyone's once the chair publishes it with the results."""

import rules

from amur.core.permissions import is_org_editor, is_staff

PUBLIC_ROUND = ("closed", "confirmed")


@rules.predicate
def is_applicant(user, contestant) -> bool:
    return (
        contestant is not None
        and getattr(user, "is_authenticated", False)
        and contestant.user_id == user.pk
    )


@rules.predicate
def is_round_chair(user, round_) -> bool:
    if round_ is None or not getattr(user, "is_authenticated", False):
        return False
    from amur.competitions.models import Juror

    return Juror.objects.filter(
        edition_id=round_.discipline.edition_id, user=user, is_chair=True
    ).exists()


@rules.predicate
def is_juror(user, round_) -> bool:
    """A juror of the round's edition (chair or not)."""
    if round_ is None or not getattr(user, "is_authenticated", False):
        return False
    from amur.competitions.models import Juror

    return Juror.objects.filter(edition_id=round_.discipline.edition_id, user=user).exists()


@rules.predicate
def integrity_is_published(user, round_) -> bool:
    return round_ is not None and round_.integrity_published and round_.status in PUBLIC_ROUND


rules.add_perm("competitions.manage_competition", is_staff | is_org_editor)
rules.add_perm("competitions.view_application", is_staff | is_org_editor | is_applicant)
rules.add_perm("competitions.change_application", is_staff | is_org_editor | is_applicant)
rules.add_perm(
    "competitions.view_integrity",
    is_staff | is_org_editor | is_round_chair | integrity_is_published,
)
rules.add_perm("competitions.publish_integrity", is_round_chair)
# A round's jury sheet is its jurors' own; its prizes are the jury's and the office's.
rules.add_perm("competitions.sit_on_jury", is_juror)
rules.add_perm("competitions.view_prizes", is_staff | is_org_editor | is_juror)
