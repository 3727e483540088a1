# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API, one module per topic of ``amur.mobility.services``, mounted at
``/api/v1/mobility/``."""

from ninja import Router

from amur.mobility.api import (
    agreements,
    applications,
    calls,
    ewp,
    learning_agreements,
    programmes,
    reports,
    transcripts,
)

router = Router()
for topic in (
    applications,
    learning_agreements,
    transcripts,
    programmes,
    reports,
    ewp,
    agreements,
    calls,
):
    router.add_router("", topic.router)
