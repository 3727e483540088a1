# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An alliance is run by its secretariat organisation; members act for themselves."""

import rules

from amur.core.permissions import is_org_admin, is_org_editor, is_staff

# Objects owned by the secretariat (alliance, body, vote): its editors run them.
rules.add_perm("alliances.manage_alliance", is_staff | is_org_editor)
# A membership is owned by the member organisation: its admin applies or withdraws.
rules.add_perm("alliances.apply_membership", is_staff | is_org_admin)
rules.add_perm("alliances.view_membership", is_staff | is_org_editor)
