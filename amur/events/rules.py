# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Events belong to their host organisation: its editors run them."""

import rules

from amur.core.permissions import is_org_editor, is_staff

rules.add_perm("events.add_event", rules.is_authenticated)
rules.add_perm("events.change_event", is_staff | is_org_editor)
rules.add_perm("events.manage_registrations", is_staff | is_org_editor)
