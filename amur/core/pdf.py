# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""PDF building blocks for documents in Chinese, Russian and English.

Adobe's STSong-Light CID font (built into reportlab, the Adobe-GB1 collection) covers
Han characters, Cyrillic and Latin, so one font serves all three languages without a
font file to ship or install: PDF readers supply the glyphs.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

FONT = "STSong-Light"


@cache
def register_fonts() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles using the trilingual font: title, heading, body, small."""
    font = register_fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("AmurTitle", parent=base["Title"], fontName=font, fontSize=18),
        "heading": ParagraphStyle("AmurHeading", parent=base["Heading2"], fontName=font),
        "body": ParagraphStyle(
            "AmurBody",
            parent=base["BodyText"],
            fontName=font,
            fontSize=10.5,
            leading=15,
            wordWrap="CJK",
        ),
        "small": ParagraphStyle(
            "AmurSmall",
            parent=base["BodyText"],
            fontName=font,
            fontSize=8,
            leading=11,
            wordWrap="CJK",
        ),
    }
