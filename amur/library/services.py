# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogue imports: every record on its own, a bad one reported and skipped."""

from __future__ import annotations

import pymarc
from django.db import IntegrityError, transaction
from django.utils import timezone

from amur.library import marc
from amur.library.enums import JobStatus, SourceFormat
from amur.library.models import Authority, ImportJob, Record

PROGRESS_EVERY = 50


class LibraryError(Exception):
    pass


def import_job_create(*, library, filename: str, data: bytes) -> ImportJob:
    return ImportJob.objects.create(
        library=library, filename=filename, source_format=marc.detect_format(filename, data)
    )


def _items(job: ImportJob, data: bytes):
    if job.source_format == SourceFormat.MARC21:
        return marc.read_iso2709(data)
    return marc.read_marcxml(data)


def import_run(*, job: ImportJob, data: bytes) -> ImportJob:
    """Import every readable record; re-importing updates records with the same control
    number.  Progress is saved every few records so that a page can show it."""
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    extract = (
        marc.unimarc_fields if job.source_format == SourceFormat.UNIMARC else marc.marc21_fields
    )
    authorities = list(Authority.objects.all())
    for item in _items(job, data):
        job.read += 1
        try:
            if item.record is None:
                raise LibraryError(item.error)
            values = extract(item.record)
            if not values["title"]:
                raise LibraryError("no title (245 $a / 200 $a)")
            if not values["control_number"]:
                values["control_number"] = f"{job.filename}#{item.position}"
            with transaction.atomic():
                _, created = Record.objects.update_or_create(
                    library=job.library,
                    control_number=values["control_number"],
                    defaults={
                        **values,
                        "source_format": job.source_format,
                        "marcxml": pymarc.record_to_xml(item.record).decode("utf-8"),
                        "cluster_key": marc.cluster_key(values),
                        "search_keys": marc.record_search_keys(
                            values, extra=authority_forms(values, authorities)
                        ),
                    },
                )
        except (LibraryError, IntegrityError, ValueError, KeyError, AttributeError) as exc:
            job.rejected += 1
            job.errors.append({"position": item.position, "reason": str(exc)[:300]})
        else:
            job.imported += created
            job.updated += not created
        if job.read % PROGRESS_EVERY == 0:
            job.save(update_fields=["read", "imported", "updated", "rejected", "errors"])
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


def record_marcxml(record: Record) -> str:
    """The record as MARCXML: the original, exactly as imported."""
    return record.marcxml


def _names_match(authorised: str, name: str) -> bool:
    """ "Pushkin, Aleksandr Sergeevich" matches "Pushkin, Aleksandr Sergeevich, 1799-1837"."""
    head, _sep, given = authorised.casefold().partition(",")
    name = name.casefold()
    return name.startswith(head.strip()) and given.strip() in name


def _named(values: dict) -> list[str]:
    """Names in a record: its authors and its subjects (a name subject, MARC 600)."""
    return [a["name"] for a in values["authors"]] + list(values["subjects"])


def authority_forms(values: dict, authorities) -> list[str]:
    """The authorised forms and variants of every authority naming an author or subject."""
    forms: list[str] = []
    for authority in authorities:
        if any(_names_match(authority.authorised, name) for name in _named(values)):
            forms += [authority.authorised, *authority.variants]
    return forms


@transaction.atomic
def authority_save(*, authorised: str, variants: list[str]):
    """Create or update an authority and re-key the records whose authors it names, so
    that every variant (普希金, Пушкин …) finds them."""
    from amur.core.search import search_keys

    authority, _created = Authority.objects.update_or_create(
        authorised=authorised,
        defaults={"variants": variants, "search_keys": search_keys(authorised, *variants)},
    )
    authorities = list(Authority.objects.all())
    for record in Record.objects.all():
        values = _values(record)
        if any(_names_match(authorised, name) for name in _named(values)):
            record.search_keys = marc.record_search_keys(
                values, extra=authority_forms(values, authorities)
            )
            record.save(update_fields=["search_keys"])
    return authority


def _values(record) -> dict:
    return {
        "title": record.title, "title_original": record.title_original,
        "other_title": record.other_title, "responsibility": record.responsibility,
        "authors": record.authors, "publisher": record.publisher, "subjects": record.subjects,
        "isbn": record.isbn,
    }  # fmt: skip
