# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The library's pages in the permission matrix; the tests are in test_pages.py."""

VIEWS_COVERED = {"library:import_upload", "library:import_job", "library:ill_queue",
                 "library:ill_request"}  # fmt: skip
VIEWS_READ_ONLY = {"library:index", "library:record", "library:record_marcxml"}
API_COVERED: set[str] = set()
