# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applications, conflicts of interest, jury sheets, round results and prizes: every write
that matters in competitions, one module per part, all reachable as ``services.<name>``."""

from amur.competitions.services.applications import (
    EDITABLE,
    PieceData,
    application_gaps,
    contestant_apply,
    contestant_notify,
    contestant_submit,
    contestant_transition,
    document_upload,
    fee_mark_paid,
    programme_problems,
    repertoire_set,
)
from amur.competitions.services.common import CompetitionsError, is_chair
from amur.competitions.services.integrity import RoundAudit, round_audit, round_integrity_publish
from amur.competitions.services.jury import (
    conflicts_propose,
    round_cells,
    round_close,
    round_confirm,
    round_open,
    round_reveal_names,
    score_enter,
    sheet_read,
    sheet_reopen,
    sheet_submit,
)
from amur.competitions.services.prizes import (
    prize_allocation_propose,
    prize_proposal,
    prize_vote,
    prize_vote_close,
    quorum,
)

__all__ = [
    "EDITABLE",
    "CompetitionsError",
    "PieceData",
    "RoundAudit",
    "application_gaps",
    "conflicts_propose",
    "contestant_apply",
    "contestant_notify",
    "contestant_submit",
    "contestant_transition",
    "document_upload",
    "fee_mark_paid",
    "is_chair",
    "prize_allocation_propose",
    "prize_proposal",
    "prize_vote",
    "prize_vote_close",
    "programme_problems",
    "quorum",
    "repertoire_set",
    "round_audit",
    "round_cells",
    "round_close",
    "round_confirm",
    "round_integrity_publish",
    "round_open",
    "round_reveal_names",
    "score_enter",
    "sheet_read",
    "sheet_reopen",
    "sheet_submit",
]
