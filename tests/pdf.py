# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading the PDFs Amur writes as a reader's viewer would: the text pypdf extracts, and
whether every font the pages use travels inside the file."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The text of every page, as a PDF viewer's copy and paste gives it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Each font the pages use, mapped to whether its glyphs are embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def assert_reads_everywhere(data: bytes, *texts: str) -> None:
    """Every font is embedded and each of ``texts`` can be found in the extracted text."""
    fonts = pdf_fonts(data)
    assert fonts, "the PDF uses no font"
    assert all(fonts.values()), f"fonts not embedded: {[f for f, e in fonts.items() if not e]}"
    text = pdf_text(data)
    missing = [t for t in texts if t not in text]
    assert not missing, f"{missing} not in the PDF's text: {text[:500]!r}"
