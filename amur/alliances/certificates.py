# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Membership certificates as PDF, in Chinese, Russian and English on one page."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from amur.core.i18n import localised_text
from amur.core.pdf import styles

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def membership_certificate_pdf(membership) -> bytes:
    s = styles()
    story = []
    for language in LANGUAGES:
        with translation.override(language):
            story += [
                Paragraph(localised_text(membership.alliance, "name", language), s["title"]),
                Paragraph(_("Certificate of membership"), s["heading"]),
                Paragraph(
                    _("%(organisation)s is a %(category)s of the alliance since %(date)s.")
                    % {
                        "organisation": localised_text(membership.organisation, "name", language),
                        "category": membership.get_category_display(),
                        "date": membership.joined_on.isoformat() if membership.joined_on else "—",
                    },
                    s["body"],
                ),
                Spacer(1, 8 * mm),
            ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), title="Certificate").build(story)
    return buffer.getvalue()
