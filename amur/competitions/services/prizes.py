# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Prizes: an allocation proposed from the ranking and decided by a jury vote."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.competitions import locking
from amur.competitions.enums import (
    PrizeStatus,
    RoundStatus,
)
from amur.competitions.models import (
    Juror,
    PrizeAllocation,
    PrizeAward,
    PrizeVote,
    Round,
)
from amur.competitions.services.common import CompetitionsError, is_chair
from amur.core.audit import audit_record


def prize_proposal(round_: Round, count: int = 3) -> dict[int, int]:
    """``{contestant_id: place}`` from the round's ranking: every contestant ranked within the
    first ``count`` places, ties ex aequo (ranks 1, 2, 2 leave no third prize)."""
    contestants = (round_.results or {}).get("contestants", {})
    return {int(pk): data["rank"] for pk, data in contestants.items() if data["rank"] <= count}


def quorum(edition, jurors: int) -> int:
    """Votes in favour needed: the edition's fraction of the jurors, rounded up, exactly."""
    numerator, denominator = edition.prize_quorum_numerator, edition.prize_quorum_denominator
    return -(-jurors * numerator // denominator)


@transaction.atomic
def prize_allocation_propose(
    *, round_: Round, by, awards: dict[int, int] | None = None, count: int = 3
) -> PrizeAllocation:
    """The chair puts an allocation of prizes to the jury's vote.

    Without ``awards`` the computed ranking is proposed as it stands; the chair may change
    places (ex aequo allowed) before the vote, but only among the round's ranked contestants.
    """
    round_ = locking.round_locked(round_.pk)
    if not is_chair(round_, by):
        raise CompetitionsError(_("Only the chair of the jury can put prizes to the vote."))
    if round_.status not in (RoundStatus.CLOSED, RoundStatus.CONFIRMED):
        raise CompetitionsError(_("Prizes follow the ranking of a closed round."))
    if round_.prize_allocations.filter(
        status__in=[PrizeStatus.OPEN, PrizeStatus.ACCEPTED]
    ).exists():
        raise CompetitionsError(_("A prize allocation of this round is open or accepted already."))
    awards = prize_proposal(round_, count) if awards is None else awards
    ranked = {int(pk) for pk in round_.results.get("contestants", {})}
    if not awards or not set(awards) <= ranked or any(place < 1 for place in awards.values()):
        raise CompetitionsError(
            _("Prizes go to contestants ranked in this round, with places from 1.")
        )
    edition = round_.discipline.edition
    jurors = Juror.objects.filter(edition=edition).count()
    allocation = PrizeAllocation.objects.create(
        round=round_, proposed_by=by, jurors=jurors, required=quorum(edition, jurors)
    )
    PrizeAward.objects.bulk_create(
        PrizeAward(allocation=allocation, contestant_id=pk, place=place)
        for pk, place in sorted(awards.items(), key=lambda kv: kv[1])
    )
    audit_record(
        actor=by,
        action="competition.prizes_proposed",
        obj=allocation,
        new={
            "awards": {str(k): v for k, v in awards.items()},
            "required": allocation.required,
            "jurors": jurors,
        },
    )
    return allocation


def _prize_decide(allocation: PrizeAllocation, *, closing: bool) -> None:
    votes = list(allocation.votes.values_list("approve", flat=True))
    yes, cast = sum(votes), len(votes)
    if yes >= allocation.required:
        allocation.status = PrizeStatus.ACCEPTED
    elif closing or yes + (allocation.jurors - cast) < allocation.required:
        allocation.status = PrizeStatus.REJECTED
    else:
        return
    allocation.decided_at = timezone.now()
    allocation.save(update_fields=["status", "decided_at"])
    audit_record(
        actor=None,
        action="competition.prizes_decided",
        obj=allocation,
        new={
            "status": allocation.status,
            "for": yes,
            "votes": cast,
            "required": allocation.required,
        },
    )


@transaction.atomic
def prize_vote(*, allocation: PrizeAllocation, user, approve: bool) -> PrizeVote:
    """A juror votes once on an allocation; it is accepted as soon as the quorum votes for it
    and rejected as soon as the quorum can no longer be reached."""
    allocation = locking.allocation_locked(allocation.pk)
    juror = Juror.objects.filter(edition=allocation.round.discipline.edition, user=user).first()
    if juror is None:
        raise CompetitionsError(_("You are not on the jury of this competition."))
    if allocation.status != PrizeStatus.OPEN:
        raise CompetitionsError(_("This vote is over."))
    try:
        with transaction.atomic():
            vote = PrizeVote.objects.create(allocation=allocation, juror=juror, approve=approve)
    except IntegrityError:
        raise CompetitionsError(_("You have voted on this allocation already.")) from None
    audit_record(
        actor=user,
        action="competition.prize_vote",
        obj=allocation,
        new={"juror": juror.pk, "approve": approve},
    )
    _prize_decide(allocation, closing=False)
    return vote


@transaction.atomic
def prize_vote_close(*, allocation: PrizeAllocation, by) -> PrizeAllocation:
    """The chair ends the vote: without the quorum in favour the allocation is not accepted."""
    allocation = locking.allocation_locked(allocation.pk)
    if not is_chair(allocation.round, by):
        raise CompetitionsError(_("Only the chair of the jury can end the vote."))
    if allocation.status != PrizeStatus.OPEN:
        raise CompetitionsError(_("This vote is over."))
    _prize_decide(allocation, closing=True)
    audit_record(actor=by, action="competition.prize_vote_closed", obj=allocation)
    return allocation
