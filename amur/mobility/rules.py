# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Calls belong to the sending office; which side may take a step is decided in services
(the sending office cannot act for the host, an applicant only for themself)."""

import rules

from amur.core.permissions import is_org_editor, is_staff


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == user.pk


rules.add_perm("mobility.manage_call", is_staff | is_org_editor)
rules.add_perm("mobility.view_application", is_staff | is_org_editor | is_applicant)
