# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which files an application may carry: the types per document kind and the size limit.

The content decides the type (``amur.core.uploads``), never the name.
"""

from __future__ import annotations

from django.conf import settings

from amur.competitions.enums import DocumentKind
from amur.core.uploads import JPEG, PDF, PNG, FileType, UploadRefused, check_upload, sniff

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

ACCEPTED = {
    DocumentKind.PHOTO: (JPEG, PNG),
    DocumentKind.CV: (PDF,),
    DocumentKind.IDENTITY: (PDF, JPEG, PNG),
}

DocumentRefused = UploadRefused

__all__ = [
    "ACCEPTED",
    "JPEG",
    "PDF",
    "PNG",
    "DocumentRefused",
    "FileType",
    "check",
    "max_bytes",
    "sniff",
]


def max_bytes() -> int:
    return getattr(settings, "COMPETITIONS_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def check(upload, kind: str) -> FileType:
    """The type of ``upload`` if it is acceptable for ``kind``; DocumentRefused otherwise."""
    return check_upload(upload, ACCEPTED[DocumentKind(kind)], max_bytes())
