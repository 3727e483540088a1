# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every write of the mobility app that matters, by topic; import from here."""

from amur.mobility.services.agreement_documents import (
    agreement_document_add,
    agreement_document_delete,
)
from amur.mobility.services.agreements import (
    agreement_save,
    call_save,
    condition_delete,
    condition_save,
)
from amur.mobility.services.application_documents import (
    application_apply,
    application_document_add,
)
from amur.mobility.services.errors import MobilityError
from amur.mobility.services.ewp_data import mobility_ewp_data_save
from amur.mobility.services.ewp_receive import ewp_receive
from amur.mobility.services.learning_agreements import (
    la_current,
    la_propose,
    la_receiving_answer,
    la_sides,
    la_sign,
)
from amur.mobility.services.programmes import (
    enrolment_create,
    enrolment_create_for_name,
    hours_to_credits,
    programme_course_add,
    programme_plan,
    script_of,
)
from amur.mobility.services.recognition import (
    TRANSCRIPT_EARLIEST_DAYS,
    credit_rule_for,
    recognition_decide,
    recognition_proposal,
    transcript_issue,
)
from amur.mobility.services.reminders import REMINDER_DAYS, agreement_reminders_send
from amur.mobility.services.selection import (
    SCORE_FIELDS,
    application_next_steps,
    application_score,
    application_scores_enter,
    application_transition,
    call_rank,
    expert_progress,
)

__all__ = [
    "REMINDER_DAYS",
    "SCORE_FIELDS",
    "TRANSCRIPT_EARLIEST_DAYS",
    "MobilityError",
    "agreement_document_add",
    "agreement_document_delete",
    "agreement_reminders_send",
    "agreement_save",
    "application_apply",
    "application_document_add",
    "application_next_steps",
    "application_score",
    "application_scores_enter",
    "application_transition",
    "call_rank",
    "call_save",
    "condition_delete",
    "condition_save",
    "credit_rule_for",
    "enrolment_create",
    "enrolment_create_for_name",
    "ewp_receive",
    "expert_progress",
    "hours_to_credits",
    "la_current",
    "la_propose",
    "la_receiving_answer",
    "la_sides",
    "la_sign",
    "mobility_ewp_data_save",
    "programme_course_add",
    "programme_plan",
    "recognition_decide",
    "recognition_proposal",
    "script_of",
    "transcript_issue",
]
