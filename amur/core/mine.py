# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Selectors of "My Amur": what concerns one signed-in person, read from each app's models
and selectors (core never writes to another app)."""

from __future__ import annotations


def sections_for(user) -> list[dict]:
    return []
