# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applying to a call with documents: judged by their content, kept with the application."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from amur.core.uploads import JPEG, PDF, PNG, UploadRefused, check_upload
from amur.mobility.models import Application, ApplicationDocument, Call
from amur.mobility.services.errors import MobilityError

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def application_document_add(*, application: Application, kind: str, upload) -> ApplicationDocument:
    """Keep one document (PDF, JPEG or PNG by content, 10 MB at most) with the application;
    the caller's transaction decides whether the application is kept at all."""
    try:
        found = check_upload(upload, (PDF, JPEG, PNG), DOCUMENT_MAX_BYTES)
    except UploadRefused as exc:
        raise MobilityError(f"{upload.name}: {exc}") from None
    document = ApplicationDocument(application=application, kind=kind, extension=found.extension)
    document.file.save(f"document.{found.extension}", upload, save=False)
    document.full_clean(exclude=["file"])
    document.save()
    return document


@transaction.atomic
def application_apply(
    *,
    call: Call,
    user,
    name: str,
    language: str,
    motivation: str = "",
    grade_mark=None,
    language_score=None,
    documents: list[tuple[str, object]] = (),
) -> Application:
    """Apply to ``call`` and submit at once, with ``documents`` as (kind, upload) pairs.

    All or nothing: a refused document, a passed deadline or a second application by the
    same person (the database's unique constraint) is a ``MobilityError`` and leaves no
    application behind.
    """
    from amur.mobility.services.selection import application_transition, score_0_100

    grade_mark, language_score = (
        None if value in (None, "") else score_0_100(value)
        for value in (grade_mark, language_score)
    )
    application = Application(
        call=call,
        applicant=user,
        name=name.strip() or user.get_username(),
        language=language,
        motivation=motivation,
        grade_mark=grade_mark,
        language_score=language_score,
    )
    # Field by field (an over-long number or name is a ValidationError, not a database error);
    # a second application is the unique constraint's to find (two racing requests would
    # both pass a check made here), refused as the user's error like any other.
    application.full_clean(
        exclude=["call", "applicant"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            application.save(force_insert=True)
    except IntegrityError:
        raise MobilityError(_("You have already applied to this call.")) from None
    for kind, upload in documents:
        application_document_add(application=application, kind=kind, upload=upload)
    return application_transition(application=application, to="submitted", by=user)
