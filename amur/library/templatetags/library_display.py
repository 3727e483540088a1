# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Records across scripts on the pages (amur.library.display)."""

from django import template

from amur.library import display

register = template.Library()


@register.filter
def record_display(record) -> display.RecordDisplay:
    return display.record_display(record)


@register.filter
def shown(text) -> str:
    return display.shown(text)
