# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django_tasks import task

from amur.observatory import reports, summary
from amur.observatory.models import Report


@task()
def report_build(report_id: int) -> None:
    """Build a queued yearly report; its row shows the progress."""
    reports.report_build(Report.objects.get(pk=report_id))


@task()
def boards_refresh() -> None:
    """Compute the landing boards again after their records changed (queued on commit)."""
    summary.landing_boards_refresh()
