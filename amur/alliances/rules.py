# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An alliance is run by its secretariat organisation; members act for themselves."""

import rules

from amur.alliances.enums import VoteStatus
from amur.core.permissions import is_org_admin, is_org_editor, is_staff


@rules.predicate
def is_published_vote(user, vote) -> bool:
    return vote is not None and vote.status != VoteStatus.DRAFT


@rules.predicate
def is_teller(user, vote) -> bool:
    """One of the vote's tellers (who count an in-person vote), whatever their roles."""
    return vote is not None and user.is_authenticated and vote.tellers.filter(pk=user.pk).exists()


# Objects owned by the secretariat (alliance, body, vote): its editors run them.
rules.add_perm("alliances.manage_alliance", is_staff | is_org_editor)
# A membership is owned by the member organisation: its admin applies or withdraws.
rules.add_perm("alliances.apply_membership", is_staff | is_org_admin)
rules.add_perm("alliances.view_membership", is_staff | is_org_editor)
# A draft vote is seen only by those who prepare it; once open, by everyone.
rules.add_perm("alliances.view_vote", is_staff | is_org_editor | is_published_vote)
# Tellers enter and confirm an in-person tally; the secretariat may watch the page.
rules.add_perm("alliances.count_tally", is_teller)
rules.add_perm("alliances.view_tally", is_staff | is_org_editor | is_teller)
