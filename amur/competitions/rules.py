# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The organiser's editors (the competition office) run a competition; an applicant sees and
changes their own application; jurors act only through their own sheet, which services
check (a juror is a user on the jury of the edition)."""

import rules

from amur.core.permissions import is_org_editor, is_staff


@rules.predicate
def is_applicant(user, contestant) -> bool:
    return (
        contestant is not None
        and getattr(user, "is_authenticated", False)
        and contestant.user_id == user.pk
    )


rules.add_perm("competitions.manage_competition", is_staff | is_org_editor)
rules.add_perm("competitions.view_application", is_staff | is_org_editor | is_applicant)
rules.add_perm("competitions.change_application", is_staff | is_org_editor | is_applicant)
