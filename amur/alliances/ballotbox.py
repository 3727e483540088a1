# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ballot box: what keeps a secret ballot secret from whoever reads the database.

How a ballot travels
    ``ballot_cast`` writes, in one transaction under the vote's row lock, the voter's
    Participation and a :class:`~amur.alliances.models.SealedBallot`: the choices and the
    receipt hash, encrypted with a key derived from ``SECRET_KEY`` (which lives in the
    server's configuration, never in the database or its backups).  ``vote_close``, under
    the same lock, opens every sealed ballot of the vote, shuffles them with the system's
    random source and writes them as :class:`~amur.alliances.models.Ballot` rows in one
    transaction, then deletes the sealed ones.

What a reader of the database or of a backup cannot learn
    - which ballot is whose: every Ballot row has the closing transaction's id (``xmin``),
      not a voter's; rows lie on disk in shuffled order; a Ballot has a random UUID key
      and no time; a Participation has no time and no reference to a ballot;
    - while the vote is open, a sealed ballot's ``xmin`` and position match its voter's
      Participation, but it holds only ciphertext: the choices and the receipt hash cannot
      be read, and nothing in it matches the Ballot it becomes.

What is not protected
    - someone holding both the database (or a backup taken while the vote is open) and
      ``SECRET_KEY`` can open the sealed ballots of open votes and link them to voters;
    - until PostgreSQL vacuums the table, deleted sealed ballots stay on disk as dead
      rows: ciphertext, with the same caveat;
    - a voter's receipt code still proves to that voter that their ballot is in the box
      and then in the count (``receipt_verify``), as it must.

The cipher is HMAC-SHA256 in counter mode with encrypt-then-MAC (Python's standard
library: a keyed PRF as keystream, a separate key for the tag), so no further dependency.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets

from django.conf import settings

NONCE = 16
TAG = 32


def _key(purpose: str) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"amur.alliances.ballotbox.{purpose}".encode(), "sha256"
    ).digest()


def _keystream(nonce: bytes, length: int) -> bytes:
    key, blocks = _key("encrypt"), []
    for counter in range((length + 31) // 32):
        blocks.append(hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def seal(payload: dict) -> str:
    """``payload`` encrypted and authenticated, as text for the database."""
    plain = json.dumps(payload, sort_keys=True).encode()
    nonce = secrets.token_bytes(NONCE)
    cipher = bytes(a ^ b for a, b in zip(plain, _keystream(nonce, len(plain)), strict=True))
    tag = hmac.new(_key("authenticate"), nonce + cipher, hashlib.sha256).digest()
    return base64.b64encode(nonce + cipher + tag).decode()


class BrokenSeal(ValueError):
    """The sealed ballot was altered, or sealed with another key."""


def unseal(token: str) -> dict:
    raw = base64.b64decode(token)
    nonce, cipher, tag = raw[:NONCE], raw[NONCE:-TAG], raw[-TAG:]
    expected = hmac.new(_key("authenticate"), nonce + cipher, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise BrokenSeal("the sealed ballot does not verify")
    plain = bytes(a ^ b for a, b in zip(cipher, _keystream(nonce, len(cipher)), strict=True))
    return json.loads(plain)
