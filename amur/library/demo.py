# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Four member libraries and real catalogue records (amur/library/data/SOURCE.md)."""

from __future__ import annotations

from pathlib import Path

from amur.directory.models import Organisation
from amur.library import services
from amur.library.models import Holding, ImportJob, LibrarySettings, Record

DATA = Path(__file__).resolve().parent / "data"
LIBRARIES = [
    ("hl-library", "CN-HLJPL", "lc_booksall2016p01_chi_rus_subset.mrc"),
    ("fesl-khabarovsk", "RU-KHFESL", "evergreen_FSL_rus_arm.marc"),
    ("amur-regional-library", "RU-AMRSL", "marcrecord_rusmarc_12.xml"),
    ("heihe-university-library", "CN-HHUL", None),
]


def load(*, scale: int, log) -> None:
    services.authority_save(
        authorised="Pushkin, Aleksandr Sergeevich",
        variants=[
            "Пушкин, Александр Сергеевич",
            "Pushkin, Alexander",
            "普希金",
            "亚历山大·谢尔盖耶维奇·普希金",
        ],
    )
    for slug, code, filename in LIBRARIES:
        organisation = Organisation.objects.get(slug=slug)
        LibrarySettings.objects.update_or_create(
            organisation=organisation,
            defaults={"code": code, "ill_policy": "Loans of 30 days, one renewal; no rare books."},
        )
        if filename is None:
            continue
        # An import job is a record of work done: loading the demo again reuses it.
        job = ImportJob.objects.filter(
            library=organisation, filename=filename, status="done"
        ).first()
        if job is None:
            data = (DATA / filename).read_bytes()
            job = services.import_job_create(library=organisation, filename=filename, data=data)
            services.import_run(job=job, data=data)
        for number, record in enumerate(Record.objects.filter(library=organisation).order_by("pk")):
            Holding.objects.get_or_create(
                library=organisation,
                barcode=f"{code}-{number:06d}",
                defaults={"record": record, "call_number": record.classification},
            )
        log(f"  {organisation}: {job.imported + job.updated} records")
