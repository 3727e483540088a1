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
