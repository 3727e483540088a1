# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What every part of the competitions services shares."""

from amur.competitions.models import Juror, Round
from amur.core.errors import DomainError


class CompetitionsError(DomainError):
    pass


def is_chair(round_: Round, user) -> bool:
    return Juror.objects.filter(
        edition=round_.discipline.edition, user=user, is_chair=True
    ).exists()
