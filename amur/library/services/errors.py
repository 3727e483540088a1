# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The library's refusals."""

from amur.core.errors import DomainError


class LibraryError(DomainError):
    pass
