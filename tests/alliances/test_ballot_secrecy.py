# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Ballot secrecy against whoever reads the database (issue 12, part 1): ballots cannot be
paired with participations by transaction id, physical order, time or identifier; casting
and closing agree on what is counted; a participation never exists without its ballot."""

import base64
import threading

import pytest
from django.db import connection, models

from amur.alliances import ballotbox, services
from amur.alliances.models import Ballot, Participation, SealedBallot
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import UserFactory
from tests.pg import postgres_only
from tests.pg import race as pg_race

VOTERS = 24


def open_vote(voters: int):
    alliance = AllianceFactory()
    delegates = [UserFactory() for _ in range(voters)]
    for user in delegates:
        MembershipFactory(alliance=alliance, delegate=user)
    vote = services.vote_open(vote=VoteFactory(alliance=alliance, quorum="0"), by=None)
    return vote, delegates


def rows(sql: str, *params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_linking_queries_pair_ballots_with_voters_no_better_than_chance():
    vote, delegates = open_vote(VOTERS)
    truth = {}  # participation id -> its ballot's receipt hash (known only to this test)
    for n, user in enumerate(delegates):
        code = services.ballot_cast(vote=vote, user=user, choices=["yes" if n % 2 else "no"])
        participation = Participation.objects.get(vote=vote, voter=services.voter_key(vote, user))
        truth[participation.pk] = services._hash(code)

    # While the vote is open, the box holds ciphertext only.
    for sealed in SealedBallot.objects.filter(vote=vote):
        raw = base64.b64decode(sealed.sealed)
        assert b"choices" not in raw
        assert not any(h.encode() in raw or h in sealed.sealed for h in truth.values())
    services.vote_close(vote=vote, by=None)

    participations = rows(
        "SELECT id, xmin::text::bigint FROM alliances_participation WHERE vote_id = %s "
        "ORDER BY ctid",
        vote.pk,
    )
    ballots = rows(
        "SELECT receipt_hash, xmin::text::bigint, id FROM alliances_ballot WHERE vote_id = %s "
        "ORDER BY ctid",
        vote.pk,
    )
    assert len(participations) == len(ballots) == VOTERS

    # By transaction id: no ballot was written by a voter's transaction; all were written
    # together by the close (whose id may follow the last voter's, but equally for every
    # ballot, so it tells nothing about which ballot is whose).
    voter_xids = {xid for _pk, xid in participations}
    assert not [b for b in ballots if b[1] in voter_xids]
    assert len({b[1] for b in ballots}) == 1

    # By physical order and by key order: pairing the n-th participation with the n-th
    # ballot finds about one right pair, as a random guess would (before: all 24).
    def right_pairs(ballot_order):
        return sum(truth[p[0]] == b[0] for p, b in zip(participations, ballot_order, strict=True))

    assert right_pairs(ballots) < 6  # a random permutation has ≥ 6 fixed points p < 0.001
    assert right_pairs(sorted(ballots, key=lambda b: str(b[2]))) < 6

    # By time: neither table records one.
    for model in (Ballot, Participation):
        assert not [f for f in model._meta.fields if isinstance(f, models.DateTimeField)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_ballots_cast_while_the_vote_closes_are_counted_exactly_when_their_receipt_says():
    threads = 16
    vote, delegates = open_vote(threads)
    closed = threading.Event()

    def worker(n):
        if n == 0:
            result = services.vote_close(vote=vote, by=None)
            closed.set()
            return result
        return services.ballot_cast(vote=vote, user=delegates[n], choices=["yes"])

    outcomes = pg_race(worker, threads)

    receipts = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, services.AlliancesError)]
    assert len(receipts) + len(refused) == threads - 1
    assert all("not open" in str(e) for e in refused)
    vote.refresh_from_db()
    assert vote.result["participants"] == len(receipts)
    assert vote.result["counts"]["yes"] == len(receipts)
    assert Ballot.objects.filter(vote=vote).count() == len(receipts)
    assert all(services.receipt_verify(vote=vote, code=code) for code in receipts)
    assert not SealedBallot.objects.filter(vote=vote).exists()


@pytest.mark.django_db
def test_a_failure_writing_the_ballot_leaves_no_participation(monkeypatch):
    vote, delegates = open_vote(2)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(SealedBallot.objects, "create", broken)
    with pytest.raises(OSError, match="disk full"):
        services.ballot_cast(vote=vote, user=delegates[0], choices=["yes"])

    assert not Participation.objects.filter(vote=vote).exists()
    monkeypatch.undo()
    code = services.ballot_cast(vote=vote, user=delegates[0], choices=["yes"])
    assert services.receipt_verify(vote=vote, code=code)


@pytest.mark.django_db
def test_the_box_is_opened_at_close_and_receipts_verify_before_and_after():
    vote, delegates = open_vote(3)
    codes = [services.ballot_cast(vote=vote, user=u, choices=["yes"]) for u in delegates[:2]]
    assert not Ballot.objects.filter(vote=vote).exists()
    assert all(services.receipt_verify(vote=vote, code=c) for c in codes)

    vote = services.vote_close(vote=vote, by=None)

    assert vote.result["counts"]["yes"] == 2
    assert Ballot.objects.filter(vote=vote).count() == 2
    assert not SealedBallot.objects.exists()
    assert all(services.receipt_verify(vote=vote, code=c) for c in codes)
    assert not services.receipt_verify(vote=vote, code="0000000000000000")


def test_a_sealed_ballot_cannot_be_read_or_altered_without_the_key(settings):
    token = ballotbox.seal({"choices": ["yes"], "receipt": "abc"})
    assert b"choices" not in base64.b64decode(token)
    assert ballotbox.unseal(token) == {"choices": ["yes"], "receipt": "abc"}
    raw = bytearray(base64.b64decode(token))
    raw[20] ^= 1
    with pytest.raises(ballotbox.BrokenSeal):
        ballotbox.unseal(base64.b64encode(bytes(raw)).decode())
    settings.SECRET_KEY = "another key"
    with pytest.raises(ballotbox.BrokenSeal):
        ballotbox.unseal(token)
