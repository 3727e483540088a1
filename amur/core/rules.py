# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in core: the audit trail and the failed e-mails are for platform staff only."""

import rules

from amur.core.permissions import is_staff

rules.add_perm("core.view_audit", is_staff)
rules.add_perm("core.view_mail", is_staff)
rules.add_perm("core.resend_mail", is_staff)
