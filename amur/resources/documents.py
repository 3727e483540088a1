# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""PDFs the resources module writes itself: a translation delivered as text through the
talent module becomes the version's file, typeset in the platform's trilingual font."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from amur.core.pdf import styles


def text_pdf(*, title: str, text: str, credit: str = "") -> bytes:
    """A plain document: the title, the text paragraph by paragraph, a credit line."""
    style = styles()
    story = [Paragraph(escape(title), style["title"]), Spacer(1, 8)]
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        if paragraph.strip():
            body = escape(paragraph.strip()).replace("\n", "<br/>")
            story.append(Paragraph(body, style["body"]))
    if credit:
        story += [Spacer(1, 12), Paragraph(escape(credit), style["small"])]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title).build(story)
    return buffer.getvalue()


def text_pdf_upload(*, title: str, text: str, credit: str = "") -> SimpleUploadedFile:
    """The same PDF as an upload, to go through the checks every uploaded file passes."""
    return SimpleUploadedFile(
        "translation.pdf",
        text_pdf(title=title, text=text, credit=credit),
        content_type="application/pdf",
    )
