# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What an uploaded file really is, judged by its content: one check for every module.

The name and the browser's content type are the sender's claims; the first bytes are not.
A PNG starts with its eight-byte signature and an IHDR chunk, a JPEG with the SOI marker
FF D8 FF, a PDF with ``%PDF-`` and ends with ``%%EOF``. Images are then decoded by Pillow,
so a file that only begins like an image is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PNG = FileType("image/png", "png", "PNG")
JPEG = FileType("image/jpeg", "jpg", "JPEG")
PDF = FileType("application/pdf", "pdf", "PDF")


class UploadRefused(Exception):
    """The upload is not what it may be; the message is translated for the uploader."""


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


def check_upload(upload, accepted: tuple[FileType, ...], max_bytes: int) -> FileType:
    """The type of ``upload`` if it is one of ``accepted`` and not over ``max_bytes``;
    :class:`UploadRefused` with the reason otherwise. The file is left at its start."""
    if upload.size > max_bytes:
        raise UploadRefused(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    if upload.size == 0:
        raise UploadRefused(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(max(0, upload.size - 1024))
    tail = upload.read()
    upload.seek(0)
    found = sniff(head, tail)
    if found is None or found not in accepted:
        raise UploadRefused(
            _("This file is not a %(types)s file, whatever its name says.")
            % {"types": " / ".join(t.label for t in accepted)}
        )
    if found in (PNG, JPEG) and not _decodes_as_image(upload):
        raise UploadRefused(_("This image is damaged and cannot be read."))
    return found
