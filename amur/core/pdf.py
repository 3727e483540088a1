# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""PDF building blocks for documents in Chinese, Russian and English.

Every PDF embeds its font: Noto Sans SC (SIL OFL 1.1, shipped in ``core/fonts``) covers Han
characters, Cyrillic, Latin and the punctuation our documents use (« » · — №), so a
certificate or a book of abstracts reads the same on a machine without Chinese fonts.
reportlab embeds the subset of glyphs a document uses, which keeps files small. The CID
font used before (STSong-Light) was not embedded: the reader's viewer had to supply the
glyphs, and Cyrillic came out badly spaced.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "NotoSansSC"
FONT_FILE = Path(__file__).parent / "fonts" / "NotoSansSC-Regular.ttf"


@cache
def register_fonts() -> str:
    """Register the embedded font once per process and return its name.

    One weight ships (the file is large); bold and italic map to it so that ``<b>`` in a
    paragraph never falls back to a built-in font without Han or Cyrillic glyphs.
    """
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)
    # A canvas starts in Helvetica, which has neither Han nor Cyrillic glyphs and would be
    # listed in every page's resources unembedded; every Amur PDF starts in ours instead.
    rl_config.canvas_basefontname = FONT
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
