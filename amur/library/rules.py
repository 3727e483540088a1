# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Librarians (editors of a member library) change their own library's catalogue only."""

import rules

from amur.core.permissions import is_org_editor, is_org_member, is_staff

rules.add_perm("library.import_records", is_staff | is_org_editor)
rules.add_perm("library.change_record", is_staff | is_org_editor)
# A holding belongs to the library that has the copy, whoever catalogued the record.
rules.add_perm("library.change_holding", is_staff | is_org_editor)
# Acting in a book exchange for one side: the organisation is the offering or the
# receiving library, as the transition table says.
rules.add_perm("library.change_exchange", is_staff | is_org_editor)


@rules.predicate
def is_the_reader(user, patron_request=None) -> bool:
    return patron_request is not None and patron_request.reader_id == user.pk


# Readers: anyone with a role in a member library asks it for a book it does not hold; its
# librarians order the loan or decline; the reader follows and withdraws their own request.
rules.add_perm("library.ask_library", is_staff | is_org_member)
rules.add_perm("library.view_patronrequest", is_staff | is_the_reader | is_org_editor)
rules.add_perm("library.answer_patronrequest", is_staff | is_org_editor)
rules.add_perm("library.cancel_patronrequest", is_the_reader)
# Every library's loans: platform staff, without a role in each library.
rules.add_perm("library.view_all_loans", is_staff)
