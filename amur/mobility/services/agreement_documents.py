# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The signed texts of an agreement, one PDF per language version."""

from __future__ import annotations

from django.db import transaction

from amur.core.audit import audit_record
from amur.core.uploads import PDF, UploadRefused, check_upload
from amur.mobility.models import Agreement, AgreementDocument
from amur.mobility.services.errors import MobilityError

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def agreement_document_add(
    *, agreement: Agreement, upload, language: str, title: str, by
) -> AgreementDocument:
    """Keep a language version of the agreement; the content must be a PDF of 20 MB at most."""
    try:
        check_upload(upload, (PDF,), DOCUMENT_MAX_BYTES)
    except UploadRefused as exc:
        raise MobilityError(str(exc)) from None
    document = AgreementDocument(
        agreement=agreement, language=language, title=title.strip(), uploaded_by=by
    )
    document.file.save("agreement.pdf", upload, save=False)
    document.full_clean(exclude=["file", "uploaded_by"])
    document.save()
    audit_record(
        actor=by,
        action="agreement.document_add",
        obj=agreement,
        new={"document": document.pk, "language": language},
        organisation_id=agreement.owner_id,
    )
    return document


@transaction.atomic
def agreement_document_delete(*, document: AgreementDocument, by) -> None:
    audit_record(
        actor=by,
        action="agreement.document_delete",
        obj=document.agreement,
        old={"document": document.pk, "title": document.title},
        organisation_id=document.agreement.owner_id,
    )
    document.file.delete(save=False)
    document.delete()
