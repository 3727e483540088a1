# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Librarians (editors of a member library) change their own library's catalogue only."""

import rules

from amur.core.permissions import is_org_editor, is_staff

rules.add_perm("library.import_records", is_staff | is_org_editor)
rules.add_perm("library.change_record", is_staff | is_org_editor)
# A holding belongs to the library that has the copy, whoever catalogued the record.
rules.add_perm("library.change_holding", is_staff | is_org_editor)
# Acting in a book exchange for one side: the organisation is the offering or the
# receiving library, as the transition table says.
rules.add_perm("library.change_exchange", is_staff | is_org_editor)
