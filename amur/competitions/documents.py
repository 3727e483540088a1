# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What an uploaded application document really is, judged by its content.

The name and the browser's content type are the sender's claims; the first bytes are not.
A PNG starts with its eight-byte signature and an IHDR chunk, a JPEG with the SOI marker
FF D8 FF, a PDF with ``%PDF-`` and ends with ``%%EOF``. Images are then decoded by Pillow,
so a file that only begins like an image is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from amur.competitions.enums import DocumentKind

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PNG = FileType("image/png", "png", "PNG")
JPEG = FileType("image/jpeg", "jpg", "JPEG")
PDF = FileType("application/pdf", "pdf", "PDF")

ACCEPTED = {
    DocumentKind.PHOTO: (JPEG, PNG),
    DocumentKind.CV: (PDF,),
    DocumentKind.IDENTITY: (PDF, JPEG, PNG),
}


class DocumentRefused(Exception):
    pass


def max_bytes() -> int:
    return getattr(settings, "COMPETITIONS_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def sniff(head: bytes, tail: bytes = b"") -> FileType | None:
    """The type the content shows, or None: never the name or the claimed content type."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"%PDF-") and b"%%EOF" in tail:
        return PDF
    return None


def _decodes_as_image(upload) -> bool:
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        upload.seek(0)
    return True


def check(upload, kind: str) -> FileType:
    """The type of ``upload`` if it is acceptable for ``kind``; DocumentRefused otherwise."""
    limit = max_bytes()
    if upload.size > limit:
        raise DocumentRefused(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise DocumentRefused(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    found = sniff(head, tail)
    accepted = ACCEPTED[DocumentKind(kind)]
    if found is None or found not in accepted:
        raise DocumentRefused(
            _("This file is not a %(types)s file, whatever its name says.")
            % {"types": " / ".join(t.label for t in accepted)}
        )
    if found in (PNG, JPEG) and not _decodes_as_image(upload):
        raise DocumentRefused(_("This image is damaged and cannot be read."))
    return found
