# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Institutions' credit rules, the transcript of records and recognition at home."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.validators import fields_clean
from amur.mobility import locking
from amur.mobility.conversion import CreditRule, convert_credits, convert_grade, grade_to_cn_mark
from amur.mobility.services.errors import MobilityError
from amur.mobility.services.learning_agreements import credits_clean, la_current, la_sides

# A transcript may be issued in the stay's last two weeks (exams end before the last day).
TRANSCRIPT_EARLIEST_DAYS = 14


# Credit rules, transcripts of records and recognition ----------------------------------


def credit_rule_for(organisation) -> CreditRule:
    """The institution's stated credit rule, else the default of its country's system
    (Chinese credits in China, зачётные единицы in Russia, ECTS elsewhere)."""
    from amur.mobility.models import InstitutionCreditRule

    try:
        stated = organisation.credit_rule  # cached when the caller used select_related
    except InstitutionCreditRule.DoesNotExist:
        stated = None
    if stated is not None:
        return CreditRule(stated.system, stated.hours_per_credit)
    country = organisation.place.country_code if organisation.place_id else ""
    return CreditRule.default({"CN": "cn", "RU": "ru"}.get(country, "ects"))


def _rule_of_scheme(scheme: str, organisation) -> CreditRule:
    """Credits written in ``scheme`` at ``organisation``: its own hours if that is its scheme."""
    rule = credit_rule_for(organisation)
    return rule if rule.system == scheme else CreditRule.default(scheme)


def _clean_entries(entries: list[dict]) -> list[dict]:
    """The course lines of a transcript, each checked here for the page and the API alike."""
    from amur.mobility.models import TranscriptEntry

    if not entries:
        raise MobilityError(_("A transcript lists at least one course."))
    cleaned = []
    for entry in entries:
        if entry.get("scheme") not in ("cn", "ru", "ects"):
            raise MobilityError(_("Each course names its credit scheme (cn, ru or ects)."))
        title = str(entry.get("title") or "").strip()
        if not title:
            raise MobilityError(_("Each course has a title."))
        line = {
            "code": str(entry.get("code") or "").strip(),
            "title": title,
            "scheme": entry["scheme"],
            "grade": str(entry.get("grade") or "").strip(),
            "grade_scale": str(entry.get("grade_scale") or ""),
        }
        line["credits"] = credits_clean(entry.get("credits", ""))
        try:
            grade_to_cn_mark(line["grade"], line["grade_scale"])
        except (ArithmeticError, ValueError):
            raise MobilityError(
                _("“%(title)s”: the credits or the grade do not fit the chosen scale.")
                % {"title": title}
            ) from None
        fields_clean(TranscriptEntry(**line), ["code", "title", "grade"])
        cleaned.append(line)
    return cleaned


@transaction.atomic
def transcript_issue(*, mobility, entries: list[dict], by, issued_on=None):
    """The receiving institution issues the transcript of records at the end of the stay."""
    from amur.mobility.models import Transcript, TranscriptEntry

    mobility = locking.mobility_locked(mobility.pk)
    if "receiving" not in la_sides(by, mobility):
        raise MobilityError(_("The receiving institution issues the transcript."))
    today = timezone.localdate()
    issued_on = issued_on or today
    if issued_on > today:
        raise MobilityError(_("A transcript cannot be dated in the future."))
    if today < mobility.end - timedelta(days=TRANSCRIPT_EARLIEST_DAYS):
        raise MobilityError(_("A transcript is issued at the end of the stay."))
    if Transcript.objects.filter(mobility=mobility).exists():
        raise MobilityError(_("The transcript of this stay is already issued."))
    cleaned = _clean_entries(entries)
    transcript = Transcript.objects.create(
        mobility=mobility,
        issued_on=issued_on,
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )
    TranscriptEntry.objects.bulk_create(
        TranscriptEntry(transcript=transcript, **e) for e in cleaned
    )
    audit_record(
        actor=by,
        action="mobility.transcript",
        obj=transcript,
        new={"entries": len(cleaned)},
        organisation_id=mobility.receiving_id,
    )
    return transcript


def recognition_proposal(mobility) -> list[dict]:
    """Every transcript line converted to the home institution's credits and grade scale.

    Credits go through hours by each side's stated rule; grades through the default grade
    table. What a course is recognised as comes from the agreed learning agreement.
    """
    home = credit_rule_for(mobility.sending)
    agreed = la_current(mobility)
    recognised_as = {
        c["code"]: c.get("recognised_as", "") for c in (agreed.components if agreed else [])
    }
    lines = []
    for entry in mobility.transcript.entries.all():
        source = _rule_of_scheme(entry.scheme, mobility.receiving)
        lines.append(
            {
                "entry": entry,
                "home_credits": convert_credits(entry.credits, source, home),
                "home_grade": convert_grade(entry.grade, entry.grade_scale, home.system),
                "recognised_as": recognised_as.get(entry.code, ""),
            }
        )
    return lines


@transaction.atomic
def recognition_decide(*, mobility, by, recognised: set[int], comment: str = ""):
    """The sending institution decides which transcript lines it recognises, once.

    ``recognised`` holds the ids of the recognised transcript entries; a partial or refused
    recognition needs a comment. The decision records who took it and when.
    """
    from amur.mobility.models import Recognition, RecognitionLine

    mobility = locking.mobility_locked(mobility.pk)
    if "sending" not in la_sides(by, mobility):
        raise MobilityError(_("The sending institution decides on recognition."))
    if not hasattr(mobility, "transcript"):
        raise MobilityError(_("The transcript of records is not issued yet."))
    if Recognition.objects.filter(mobility=mobility).exists():
        raise MobilityError(_("Recognition is already decided for this stay."))
    lines = recognition_proposal(mobility)
    unknown = set(recognised) - {line["entry"].pk for line in lines}
    if unknown:
        raise MobilityError(_("Only courses of this transcript can be recognised."))
    chosen = [line["entry"].pk in recognised for line in lines]
    decision = "full" if all(chosen) else ("refused" if not any(chosen) else "partial")
    if decision != "full" and not comment.strip():
        raise MobilityError(_("A partial or refused recognition needs a comment."))
    home = credit_rule_for(mobility.sending)
    recognition = Recognition.objects.create(
        mobility=mobility,
        decision=decision,
        comment=comment.strip(),
        home_scheme=home.system,
        home_hours_per_credit=home.hours_per_credit,
        decided_at=timezone.now(),
        decided_by=by if getattr(by, "is_authenticated", False) else None,
    )
    RecognitionLine.objects.bulk_create(
        RecognitionLine(
            recognition=recognition,
            entry=line["entry"],
            recognised=ok,
            recognised_as=line["recognised_as"],
            home_credits=line["home_credits"],
            home_grade=line["home_grade"],
        )
        for line, ok in zip(lines, chosen, strict=True)
    )
    audit_record(
        actor=by,
        action="mobility.recognition",
        obj=recognition,
        new={"decision": decision},
        reason=comment,
        organisation_id=mobility.sending_id,
    )
    return recognition
