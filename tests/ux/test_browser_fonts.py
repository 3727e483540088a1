# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages draw Chinese and Russian with the font shipped in the platform, not whatever the
visitor's system happens to have (and with no font fetched from the internet)."""

import pytest

from tests.pg import sqlite_only

pytestmark = [pytest.mark.browser, sqlite_only, pytest.mark.django_db(transaction=True)]

LOADED = """async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter(f => f.family.replace(/"/g, "") === "Noto Sans SC");
  return {
    loaded: faces.filter(f => f.status === "loaded").length,
    declared: faces.length,
    family: getComputedStyle(document.body).fontFamily,
  };
}"""


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_pages_use_the_shipped_font(visit, live_server, language):
    requests: list[str] = []
    page = visit("/", language=language, width=1280)
    page.on("request", lambda r: requests.append(r.url))
    page.reload()

    fonts = page.evaluate(LOADED)

    assert fonts["family"].startswith('"Noto Sans SC"')
    assert fonts["declared"] > 50  # split by unicode-range: a page loads only what it shows
    assert 0 < fonts["loaded"] < fonts["declared"]
    woff2 = [url for url in requests if url.endswith(".woff2")]
    assert woff2
    assert all(url.startswith(live_server.url) for url in woff2)
