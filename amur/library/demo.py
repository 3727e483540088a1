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
    _exchanges(log)
    _readers(log)


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


def _exchanges(log) -> None:
    """Two book exchanges (once: they are a history): Heilongjiang gives duplicate Chinese
    copies to Khabarovsk, received; Blagoveshchensk offers a swap Heihe has asked for."""
    from amur.library.models import ExchangeOffer

    if ExchangeOffer.objects.exists():
        return
    hl = Organisation.objects.get(slug="hl-library")
    fesl = Organisation.objects.get(slug="fesl-khabarovsk")
    amur = Organisation.objects.get(slug="amur-regional-library")
    heihe = Organisation.objects.get(slug="heihe-university-library")
    # Libraries give away duplicates: the demo adds second copies to offer.
    gifts = _duplicates(hl, Record.objects.filter(library=hl).exclude(title_original=""), 3)
    donation = services.exchange_offer_publish(
        library=hl,
        kind="donation",
        barcodes=gifts,
        titles={
            "zh": "赠送俄罗斯图书馆的中文图书",
            "ru": "Китайские книги в дар российским библиотекам",
            "en": "Chinese books donated to Russian libraries",
        },
    )
    given = services.exchange_request_create(
        offer=donation, requester=fesl, items=list(donation.items.all())
    )
    for to, side in (("confirmed", hl), ("shipped", hl), ("received", fesl)):
        services.exchange_step(request=given, to=to, by_organisation=side)
    swaps = _duplicates(amur, Record.objects.filter(library=amur), 2)
    swap = services.exchange_offer_publish(
        library=amur,
        kind="swap",
        barcodes=swaps,
        titles={
            "zh": "俄罗斯当代文学交换",
            "ru": "Обмен: современная русская проза",
            "en": "Swap: contemporary Russian prose",
        },
    )
    services.exchange_request_create(
        offer=swap,
        requester=heihe,
        items=list(swap.items.all()),
        in_return="《红楼梦》俄译本两册 / two copies of the Russian translation of Hong lou meng",
    )
    log("  2 book exchanges (a donation received, a swap requested)")


def _duplicates(library, records, count: int) -> list[str]:
    code = library.library.code
    barcodes = []
    for number, record in enumerate(records.order_by("pk")[:count]):
        holding, _created = Holding.objects.get_or_create(
            library=library,
            barcode=f"{code}-DUP-{number:03d}",
            defaults={"record": record, "call_number": record.classification},
        )
        barcodes.append(holding.barcode)
    return barcodes


def _readers(log) -> None:
    """Two readers and their requests (once: they are a history): a Heihe student's request
    ordered from Khabarovsk and now ready, another waiting; a Blagoveshchensk reader's
    request declined with the library's reason."""
    from django.contrib.auth import get_user_model

    from amur.accounts.models import OrganisationRole, Profile
    from amur.library.models import PatronRequest

    if PatronRequest.objects.exists():
        return
    users = get_user_model()
    fesl = Organisation.objects.get(slug="fesl-khabarovsk")
    hl = Organisation.objects.get(slug="hl-library")
    heihe = Organisation.objects.get(slug="heihe-university-library")
    amur = Organisation.objects.get(slug="amur-regional-library")
    readers = {}
    for username, library, language in (
        ("demo-reader-heihe", heihe, "zh-hans"),
        ("demo-reader-amur", amur, "ru"),
    ):
        reader, _created = users.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        Profile.objects.update_or_create(user=reader, defaults={"language": language})
        OrganisationRole.objects.get_or_create(user=reader, organisation=library, role="member")
        readers[library.pk] = reader
    russian = [
        r
        for r in Record.objects.filter(library=fesl).order_by("pk")[3:12]
        if not services.library_holds_work(library=heihe, record=r)
    ]
    chinese = [
        r
        for r in Record.objects.filter(library=hl).exclude(title_original="").order_by("pk")[2:12]
        if not services.library_holds_work(library=amur, record=r)
    ]
    ready = services.patron_request_create(
        reader=readers[heihe.pk], library=heihe, record=russian[0], note="For my thesis."
    )
    loan = services.patron_request_order(patron_request=ready).loan
    for status in ("WillSupply", "Loaned"):
        services.loan_supplier_status(request=loan, status=status, by_organisation=fesl)
    services.loan_requester_action(request=loan, action="Received", by_organisation=heihe)
    services.patron_request_create(reader=readers[heihe.pk], library=heihe, record=russian[1])
    declined = services.patron_request_create(
        reader=readers[amur.pk], library=amur, record=chinese[0]
    )
    services.patron_request_decline(
        patron_request=declined,
        answer="Этот фонд не выдаётся по МБА; читальный зал Хэйлунцзянской библиотеки открыт.",
    )
    log("  3 readers' requests (one ready at the library, one waiting, one declined)")
