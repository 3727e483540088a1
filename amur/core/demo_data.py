# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Core's part of `amur demo`: the reference data every other module refers to."""

from amur.core.reference import fields_load, places_load


def load(*, scale: int, log) -> None:
    log(f"  places: {places_load()}")
    log(f"  fields of exchange: {fields_load()}")
