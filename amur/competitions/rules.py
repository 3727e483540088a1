# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The organiser's editors run a competition; jurors act only through their own sheet,
which services check (a juror is a user on the jury of the edition)."""

import rules

from amur.core.permissions import is_org_editor, is_staff

rules.add_perm("competitions.manage_competition", is_staff | is_org_editor)
