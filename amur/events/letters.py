# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Invitation letters for delegations, in Chinese, Russian or English, on the host's
letterhead (its names, address, phone, e-mail and website from the directory)."""

from __future__ import annotations

import io
import zoneinfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from amur.core.i18n import localised_text
from amur.core.pdf import register_fonts, styles


def _host(event):
    return next((o.organisation for o in event.event_organisers.all() if o.role == "host"), None)


def invitation_letter_pdf(delegation, language: str) -> bytes:
    """One letter per delegation; ``language`` is zh-hans, ru or en."""
    event = delegation.event
    host = _host(event)
    zone = zoneinfo.ZoneInfo(event.timezone)
    with translation.override(language):
        s = styles()
        font = register_fonts()
        host_name = localised_text(host, "name", language) if host else ""
        place = localised_text(event.place, "name", language) if event.place else _("Online")
        invitation = _(
            "We are pleased to invite the delegation of %(organisation)s to %(event)s, "
            "held in %(place)s from %(start)s to %(end)s."
        ) % {
            "organisation": localised_text(delegation.organisation, "name", language),
            "event": localised_text(event, "title", language),
            "place": place,
            "start": timezone.localtime(event.start, zone).date().isoformat(),
            "end": timezone.localtime(event.end, zone).date().isoformat(),
        }
        story = []
        if host:
            story.append(Paragraph(host_name, s["title"]))
            parts = (
                localised_text(host, "address", language),
                host.phone,
                host.email,
                host.website,
            )
            contact = " · ".join(part for part in parts if part)
            if contact:
                story.append(Paragraph(contact, s["small"]))
        rows = [
            [
                pgettext("person", "Name"),
                _("Name as in the passport"),
                _("Nationality"),
                pgettext("delegation", "Role"),
            ]
        ]
        rows += [[m.name, m.passport_name, m.nationality, m.role] for m in delegation.members.all()]
        table = Table(rows, colWidths=[40 * mm, 55 * mm, 25 * mm, 45 * mm])
        table.setStyle(
            [("FONT", (0, 0), (-1, -1), font, 9), ("GRID", (0, 0), (-1, -1), 0.3, "#888888")]
        )
        story += [
            Spacer(1, 8 * mm),
            Paragraph(_("Letter of invitation"), s["heading"]),
            Paragraph(timezone.localdate().isoformat(), s["body"]),
            Spacer(1, 4 * mm),
            Paragraph(invitation, s["body"]),
            Paragraph(_("The members of the delegation are:"), s["body"]),
            Spacer(1, 3 * mm),
            table,
            Spacer(1, 6 * mm),
            Paragraph(
                _("We kindly ask the consular authorities to issue the visas they need."), s["body"]
            ),
            Spacer(1, 12 * mm),
            Paragraph(_("On behalf of the organisers"), s["body"]),
        ]
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            title=_("Letter of invitation"),
            author=host_name,
        )
        document.build(story)
        return buffer.getvalue()
