# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one error of the mobility services, with a translatable message."""

from amur.core.errors import DomainError


class MobilityError(DomainError):
    pass
