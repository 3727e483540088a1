# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Competition pages in the permission matrix; behaviour is tested in test_jury.py (services:
a recused juror, another juror's sheet, the chair's rights) and test_pages.py (outsiders)."""

VIEWS_COVERED = {"competitions:sheet", "competitions:round_close", "competitions:apply"}
VIEWS_READ_ONLY = {"competitions:index", "competitions:edition", "competitions:results"}
API_COVERED = {"POST /api/v1/competitions/rounds/{pk}/scores"}
