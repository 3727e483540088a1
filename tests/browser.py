# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Playwright driving Debian's Chromium (/usr/bin/chromium) against the live test server.

Use the ``page`` fixture from ``tests/conftest.py`` in a test marked ``@pytest.mark.browser``
together with pytest-django's ``live_server``.
"""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags the machine's notes ask for: no background networking on a closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
