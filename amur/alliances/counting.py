# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Vote arithmetic as plain functions of the counts (no database), exact in integers.

Definitions used throughout (shown on every result page):

- turnout = participants / electorate; the quorum is met when
  participants ≥ quorum share × electorate.
- base = votes for options + abstentions when abstentions count, else without them.
- Motions (yes/no): simple majority — more yes than all other votes in the base;
  absolute majority — yes from more than half of the electorate; two-thirds — yes from at
  least two thirds of the base. A tie (yes equal to the rest) is not adopted.
- Elections to ``seats`` positions: candidates are ranked by votes; each must also reach
  the majority (simple: plurality; absolute: more than half of the base; two-thirds: at
  least two thirds of the base). When candidates tie for the last seat(s), none of them
  is elected and the tie is reported for the body's tie rule (a run-off).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def quorum_met(participants: int, electorate: int, quorum: Decimal) -> bool:
    return electorate > 0 and Decimal(participants) >= quorum * electorate


def turnout(participants: int, electorate: int) -> Decimal:
    if electorate == 0:
        return Decimal(0)
    return (Decimal(participants) / electorate).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def base(counts: dict[str, int], abstentions: int, abstentions_count: bool) -> int:
    return sum(counts.values()) + (abstentions if abstentions_count else 0)


def motion_adopted(
    *, yes: int, no: int, abstentions: int, electorate: int, majority: str, abstentions_count: bool
) -> tuple[bool, bool]:
    """(adopted, tie) for a yes/no vote under the given majority rule."""
    total = yes + no + (abstentions if abstentions_count else 0)
    others = total - yes
    if majority == "simple":
        return yes > others, yes == others
    if majority == "absolute":
        return 2 * yes > electorate, 2 * yes == electorate
    if majority == "two_thirds":
        return 3 * yes >= 2 * total and total > 0, False
    raise ValueError(f"unknown majority {majority!r}")


def election_winners(
    *, counts: dict[str, int], seats: int, abstentions: int, majority: str, abstentions_count: bool
) -> tuple[list[str], list[str]]:
    """(elected, tied): candidates elected, and those tied for the last seat(s)."""
    total = base(counts, abstentions, abstentions_count)

    def reaches(votes: int) -> bool:
        if majority == "simple":
            return votes > 0
        if majority == "absolute":
            return 2 * votes > total
        if majority == "two_thirds":
            return 3 * votes >= 2 * total and total > 0
        raise ValueError(f"unknown majority {majority!r}")

    ranked = sorted((c for c in counts if reaches(counts[c])), key=lambda c: -counts[c])
    if len(ranked) <= seats:
        return ranked, []
    cut = counts[ranked[seats - 1]]
    above = [c for c in ranked if counts[c] > cut]
    at_cut = [c for c in ranked if counts[c] == cut]
    if len(above) + len(at_cut) <= seats:
        return above + at_cut, []
    return above, at_cut


def result(
    *,
    kind: str,
    counts: dict[str, int],
    abstentions: int,
    participants: int,
    electorate: int,
    quorum: Decimal,
    majority: str,
    abstentions_count: bool,
    seats: int = 1,
) -> dict:
    """Everything a result page shows, as JSON-ready values."""
    met = quorum_met(participants, electorate, quorum)
    outcome = {
        "counts": counts,
        "abstentions": abstentions,
        "participants": participants,
        "electorate": electorate,
        "turnout": str(turnout(participants, electorate)),
        "quorum_met": met,
        "base": base(counts, abstentions, abstentions_count),
    }
    if kind == "election":
        elected, tied = election_winners(
            counts=counts,
            seats=seats,
            abstentions=abstentions,
            majority=majority,
            abstentions_count=abstentions_count,
        )
        outcome.update(
            elected=elected if met else [], tied=tied if met else [], majority_met=bool(elected)
        )
        outcome["adopted"] = met and bool(elected)
    else:
        adopted, tie = motion_adopted(
            yes=counts.get("yes", 0),
            no=counts.get("no", 0),
            abstentions=abstentions,
            electorate=electorate,
            majority=majority,
            abstentions_count=abstentions_count,
        )
        outcome.update(majority_met=adopted, tie=tie, adopted=met and adopted)
    return outcome
