# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""``{% load talent %}{% translation_credits obj %}``: who translated a text of ``obj``
and who reviewed it, shown beside the content the platform translated."""

from django import template

from amur.talent import selectors

register = template.Library()


@register.inclusion_tag("talent/_credits.html")
def translation_credits(obj):
    return {"credits": selectors.translation_credits(obj) if obj is not None else []}
