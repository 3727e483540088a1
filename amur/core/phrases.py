# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""UI strings used in several places: one msgid each, translated once."""

from django.utils.translation import gettext_lazy as _

# The page shell's navigation: (URL name, label). Each module app provides `<app>:index`.
MODULES = [
    ("directory:list", _("Directory")),
    ("alliances:index", _("Alliances")),
    ("events:index", _("Events")),
    ("competitions:index", _("Competitions")),
    ("mobility:index", _("Mobility")),
    ("library:index", _("Library")),
    ("resources:index", _("Resources")),
    ("forum:index", _("Forum")),
    ("talent:index", _("Talent")),
    ("observatory:index", _("Observatory")),
]

MODULE_SUMMARIES = {
    "directory:list": _("Organisations and people of the cooperation, found in any script."),
    "alliances:index": _("Alliances, their members, governing bodies and elections."),
    "events:index": _("Exchange events from announcement to report."),
    "competitions:index": _("International competitions, juries and results."),
    "mobility:index": _("Agreements, joint programmes and the mobility of students and staff."),
    "library:index": _("The union catalogue and inter-library loan."),
    "resources:index": _("Teaching and academic resources shared by the members, and a termbase."),
    "forum:index": _(
        "The Sino-Russian cultural forum: call for papers, review, programme, proceedings."
    ),
    "talent:index": _("People who carry the work in both languages, and opportunities."),
    "observatory:index": _("Is the cooperation broad, balanced and reciprocal?"),
}

SAVED = _("Saved.")
NOT_FOUND = _("Not found.")
FORBIDDEN = _("You are not allowed to do this.")

MODULE_TITLES = {
    "directory": _("Directory"),
    "alliances": _("Alliances"),
    "events": _("Events"),
    "competitions": _("Competitions"),
    "mobility": _("Mobility"),
    "library": _("Library"),
    "resources": _("Resources"),
    "forum": _("Forum"),
    "talent": _("Talent"),
    "observatory": _("Observatory"),
}
