# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory owns no data: its demo reads what the other apps' demos loaded and
says in one line per indicator what the dashboard now shows (the research's story)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from amur.observatory.selectors import Slice
from amur.observatory.summary import dashboard_for


def load(*, scale: int, log) -> None:
    with translation.override("en"):
        cards, findings = dashboard_for(Slice(), AnonymousUser())
        for card in cards:
            log(f"  {card.title}: {card.display or 'no data yet'} (n = {card.n})")
        log(f"  {len(findings)} findings, e.g. {findings[0]['text']}" if findings else "")
