# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Template helpers loaded as builtins: ``{% tr obj "title" %}`` and friends."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from amur.core import codes
from amur.core.i18n import LANGUAGE_NAMES, localised

register = template.Library()


@register.simple_tag
def tr(obj, field: str):
    """Content in the reader's language; a fallback carries a visible language tag, and
    the name of a generated demo organisation or person says that it is illustrative."""
    value = localised(obj, field)
    text = value.text
    if value.is_fallback:
        text = format_html(
            '<span lang="{lang}">{text}</span> '
            '<small class="fallback-tag" title="{title}">{name}</small>',
            lang="zh-Hans" if value.language == "zh" else value.language,
            text=value.text,
            title=_("Not yet translated; shown in another language"),
            name=LANGUAGE_NAMES[value.language],
        )
    if field == "name" and getattr(obj, "illustrative", False):
        return format_html("{} {}", text, illustrative(obj))
    return text


@register.simple_tag
def illustrative(obj):
    """A mark on what ``amur demo --scale`` generated, wherever it is shown."""
    if not getattr(obj, "illustrative", False):
        return ""
    return format_html(
        '<small class="illustrative-tag" title="{}">{}</small>',
        _("Generated for the demonstration: not a real organisation or person."),
        _("illustrative"),
    )


@register.simple_tag
def tr_text(obj, field: str) -> str:
    """Content in the reader's language without a marker (attributes, titles)."""
    return localised(obj, field).text


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter(name="zone_label")
def zone_label_filter(name, at=None) -> str:
    """A tz identifier as the reader names it: ``{{ event.timezone|zone_label }}``."""
    from amur.core.zones import zone_label

    return zone_label(name, at)


@register.simple_tag
def current_zone(at=None) -> str:
    """The label of the zone times on this page are shown in."""
    from amur.core.zones import current_zone_label

    return current_zone_label(at)


@register.filter
def language_names(codes) -> str:
    """``{{ event.languages|language_names }}``: "zh,ru" → "Chinese, Russian"."""
    from amur.core.codes import language_list

    return language_list(codes)


@register.filter
def country(code) -> str:
    """``{{ person.nationality|country }}``: "CN" → "China" in the reader's language."""
    from amur.core.codes import country_name

    return country_name(code)


@register.filter(name="display")
def display_filter(obj, field: str):
    """``{{ event|display:"kind" }}``: ``get_kind_display`` with labels built once per field
    and language (amur.core.codes.display)."""
    return codes.display(obj, field)


@register.filter
def label_of(value, choices: str) -> str:
    """A stored status as words: ``{{ step.to_status|label_of:"alliances.MembershipStatus" }}``
    (the app and the choices class in its ``enums``); "—" when there is none."""
    from django.utils.module_loading import import_string

    from amur.core.codes import choice_label

    app, name = choices.split(".")
    return choice_label(import_string(f"amur.{app}.enums.{name}"), value)
