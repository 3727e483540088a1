# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in the observatory: reading is public; importing external series, which
every official's dashboard then shows, is for platform staff."""

import rules

from amur.core.permissions import is_staff

rules.add_perm("observatory.import_series", is_staff)
