#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fill an app's catalogue from a JSON mapping and list what is still untranslated.

    .venv/bin/python scripts/po_fill.py APP LANG translations.json
    .venv/bin/python scripts/po_fill.py APP LANG --missing   # only list the gaps

JSON: {"msgid": "msgstr", ...}; for a plural entry give a list of forms; an entry with a
message context is keyed "context\u0004msgid" (gettext's own separator).  Entries marked
fuzzy are cleared of the flag when filled.  LANG is zh_Hans or ru.
"""

import json
import re
import sys
from pathlib import Path

import polib


def main() -> int:
    app, lang, source = sys.argv[1], sys.argv[2], sys.argv[3]
    path = Path("amur") / app / "locale" / lang / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    if source != "--missing":
        mapping = json.loads(Path(source).read_text(encoding="utf-8"))
        for entry in catalogue:
            key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
            if key not in mapping:
                continue
            value = mapping[key]
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value]
                plural_forms = catalogue.metadata.get("Plural-Forms", "nplurals=1;")
                count = int(re.search(r"nplurals=(\d+)", plural_forms).group(1))
                forms = (forms + [forms[-1]] * count)[:count]
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
    gaps = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
    for msgid in gaps:
        print(f"untranslated: {msgid!r}")
    print(f"{path}: {len(gaps)} untranslated")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
