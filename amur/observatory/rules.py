# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in the observatory: reading is public; importing external series, which
every official's dashboard then shows, is for platform staff.  Any signed-in user may ask for
a yearly report; one of public records is public, one that includes unpublished records
(computed with its requester's rights) is for its requester and staff only."""

import rules

from amur.core.permissions import is_authenticated, is_staff


@rules.predicate
def report_is_public(user, report) -> bool:
    return report is not None and not report.private


@rules.predicate
def requested_report(user, report) -> bool:
    return report is not None and report.requested_by_id == user.pk


rules.add_perm("observatory.import_series", is_staff)
rules.add_perm("observatory.request_report", is_authenticated)
rules.add_perm("observatory.view_report", report_is_public | requested_report | is_staff)
