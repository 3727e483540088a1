# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from pathlib import Path

from django_tasks import task

from amur.library import services
from amur.library.models import ImportJob


@task()
def catalogue_import(job_id: int, data_path: str) -> None:
    """Run an import job in the background; the job row shows its progress."""
    job = ImportJob.objects.get(pk=job_id)
    path = Path(data_path)
    try:
        services.import_run(job=job, data=path.read_bytes())
    finally:
        path.unlink(missing_ok=True)
