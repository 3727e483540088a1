# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: the host's transcript of records and the home side's recognition."""

from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from amur.core.api import (
    WRITE_ERRORS,
    ApiError,
    ErrorOut,
    require_user,
)
from amur.mobility import selectors, services
from amur.mobility.api.common import mobility_for

router = Router(tags=["mobility"])


class TranscriptEntryIO(Schema):
    code: str = ""
    title: str
    credits: Decimal
    scheme: str
    grade: str
    grade_scale: str


class TranscriptIn(Schema):
    entries: list[TranscriptEntryIO]
    issued_on: date | None = None


class TranscriptOut(Schema):
    id: int
    issued_on: date
    entries: list[TranscriptEntryIO]

    @staticmethod
    def resolve_entries(obj):
        return list(obj.entries.all())


class RecognitionLineOut(Schema):
    entry: int
    title: str
    home_credits: Decimal
    home_grade: str
    recognised_as: str
    recognised: bool | None = None


class RecognitionOut(Schema):
    decision: str | None
    decided_at: datetime | None
    decided_by: str | None
    comment: str
    home_scheme: str
    lines: list[RecognitionLineOut]


class RecognitionIn(Schema):
    recognised: list[int]
    comment: str = ""


@router.post(
    "/mobilities/{pk}/transcript",
    response={201: TranscriptOut, **WRITE_ERRORS},
)
def transcript_issue(request, pk: int, payload: TranscriptIn):
    """The receiving office issues the transcript of records."""
    mobility = mobility_for(request, pk, "mobility.issue_transcript")
    transcript = services.transcript_issue(
        mobility=mobility,
        entries=[e.dict() for e in payload.entries],
        by=request.user,
        issued_on=payload.issued_on,
    )
    return Status(201, transcript)


@router.get(
    "/mobilities/{pk}/recognition",
    response={200: RecognitionOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def recognition_detail(request, pk: int):
    """The decision if taken, else the converted proposal the sending office decides on."""
    require_user(request)
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    recognition = getattr(mobility, "recognition", None)
    if recognition is not None:
        return _recognition_out(recognition)
    if not hasattr(mobility, "transcript"):
        raise ApiError(409, "refused", _("The transcript of records is not issued yet."))
    home = services.credit_rule_for(mobility.sending)
    return {
        "decision": None,
        "decided_at": None,
        "decided_by": None,
        "comment": "",
        "home_scheme": home.system,
        "lines": [
            {**line, "entry": line["entry"].pk, "title": line["entry"].title}
            for line in services.recognition_proposal(mobility)
        ],
    }


def _recognition_out(recognition) -> dict:
    return {
        "decision": recognition.decision,
        "decided_at": recognition.decided_at,
        "decided_by": str(recognition.decided_by) if recognition.decided_by else None,
        "comment": recognition.comment,
        "home_scheme": recognition.home_scheme,
        "lines": [
            {
                "entry": line.entry_id,
                "title": line.entry.title,
                "home_credits": line.home_credits,
                "home_grade": line.home_grade,
                "recognised_as": line.recognised_as,
                "recognised": line.recognised,
            }
            for line in recognition.lines.select_related("entry")
        ],
    }


@router.post(
    "/mobilities/{pk}/recognition",
    response={201: RecognitionOut, **WRITE_ERRORS},
)
def recognition_decide(request, pk: int, payload: RecognitionIn):
    """The sending office records its recognition decision."""
    mobility = mobility_for(request, pk, "mobility.decide_recognition")
    recognition = services.recognition_decide(
        mobility=mobility,
        by=request.user,
        recognised=set(payload.recognised),
        comment=payload.comment,
    )
    return Status(201, _recognition_out(recognition))
