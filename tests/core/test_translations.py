# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every UI string is translated: a missing or fuzzy msgstr in any catalogue fails here."""

from pathlib import Path

import polib
import pytest

import amur

APPS_DIR = Path(amur.__file__).parent
CATALOGUES = sorted(APPS_DIR.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_with_ui_strings_has_both_catalogues():
    for po in CATALOGUES:
        app_locale = po.parents[2]
        assert (app_locale / "zh_Hans/LC_MESSAGES/django.po").exists(), app_locale
        assert (app_locale / "ru/LC_MESSAGES/django.po").exists(), app_locale


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(APPS_DIR)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))

    gaps = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]

    assert gaps == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(APPS_DIR)))
def test_catalogue_placeholders_match(path):
    catalogue = polib.pofile(str(path))

    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    broken = [
        e.msgid
        for e in catalogue
        if e.msgstr
        and sorted(placeholder.findall(e.msgid)) != sorted(placeholder.findall(e.msgstr))
    ]

    assert broken == []


@pytest.mark.parametrize("language", ["ru", "zh_Hans"])
def test_one_english_string_has_one_translation_across_apps(language):
    """Django merges the apps' catalogues into one, where the first app's translation of a
    string wins: the same msgid (and context) translated differently in two apps shows one
    app's wording on the other's pages. Give differing meanings a message context
    (pgettext / {% translate ... context ... %}), and the same meaning the same words."""
    seen: dict[tuple, dict[str, str]] = {}
    for path in (p for p in CATALOGUES if p.parts[-3] == language):
        app = path.relative_to(APPS_DIR).parts[0]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.translated():
                continue
            value = entry.msgstr or repr(sorted(entry.msgstr_plural.items()))
            seen.setdefault((entry.msgctxt, entry.msgid), {})[app] = value

    conflicts = {key[1]: apps for key, apps in seen.items() if len(set(apps.values())) > 1}

    assert conflicts == {}
