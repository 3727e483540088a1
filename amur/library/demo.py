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
    _loans(log)


def _loans(log) -> None:
    """Inter-library loans in several ISO 18626 states (once: they are a history)."""
    from amur.library.models import LoanRequest

    if LoanRequest.objects.exists():
        return
    hl = Organisation.objects.get(slug="hl-library")
    fesl = Organisation.objects.get(slug="fesl-khabarovsk")
    amur = Organisation.objects.get(slug="amur-regional-library")
    heihe = Organisation.objects.get(slug="heihe-university-library")
    russian = list(Record.objects.filter(library=fesl).order_by("pk")[:3])
    chinese = list(Record.objects.filter(library=hl).exclude(title_original="").order_by("pk")[:2])
    loaned = services.loan_request_send(requester=heihe, record=russian[0], suppliers=[fesl])
    services.loan_supplier_status(request=loaned, status="WillSupply", by_organisation=fesl)
    services.loan_supplier_status(request=loaned, status="Loaned", by_organisation=fesl)
    rota = services.loan_request_send(requester=hl, record=russian[1], suppliers=[fesl, amur])
    services.loan_supplier_status(
        request=rota, status="Unfilled", reason="NotOnShelf", by_organisation=fesl
    )
    services.loan_request_send(requester=fesl, record=chinese[0], suppliers=[hl])
    done = services.loan_request_send(requester=amur, record=chinese[1], suppliers=[hl])
    for status in ("Loaned", "LoanCompleted"):
        services.loan_supplier_status(request=done, status=status, by_organisation=hl)
    log("  4 inter-library loans (loaned, moved along the rota, received, completed)")
