# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Calls and selection: applications move through a table of legal steps, each decided by
the side it belongs to; nominations never exceed the seats of a call. Foreign experts against
targets."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from amur.core.audit import audit_record
from amur.core.mail import send_localised
from amur.core.validators import finite_decimal
from amur.mobility import locking
from amur.mobility import rules as mobility_rules
from amur.mobility.enums import DECIDED_BY, TRANSITIONS, ApplicationStatus
from amur.mobility.models import Application, ApplicationEvent, Call, ExpertEngagement, ExpertTarget
from amur.mobility.services.errors import MobilityError

S = ApplicationStatus


def _side_of(user, application: Application) -> set[str]:
    """The sides ``user`` acts for on ``application``, from the predicates of rules.py."""
    predicates = {
        "applicant": mobility_rules.acts_as_applicant,
        "sending": mobility_rules.acts_for_application_sending,
        "host": mobility_rules.acts_for_application_host,
    }
    return {side for side, predicate in predicates.items() if predicate.test(user, application)}


def application_next_steps(application: Application, user) -> list[S]:
    """The steps ``user`` may take now on ``application``, in workflow order (ranking is
    done for the whole call at once, not per application)."""
    sides = _side_of(user, application)
    legal = TRANSITIONS[S(application.status)]
    return [s for s in S if s in legal and s != S.RANKED and DECIDED_BY[s] in sides]


@transaction.atomic
def application_transition(
    *, application: Application, to: str, by, comment: str = ""
) -> Application:
    """One step of the selection workflow; illegal steps and the wrong side are refused.

    The sending office decides eligibility, ranking and nomination; the host accepts or
    rejects (a rejection needs a comment); the applicant submits or withdraws.
    """
    call, application = locking.application_locked(application)
    current = S(application.status)
    if to not in TRANSITIONS[current]:
        raise MobilityError(
            pgettext("mobility", "An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.label, "to": S(to).label if to in S.values else to}
        )
    if DECIDED_BY[S(to)] not in _side_of(by, application):
        raise MobilityError(_("This step is decided by the other side."))
    if to == S.REJECTED and not comment.strip():
        raise MobilityError(_("A rejection needs a comment."))
    if to == S.SUBMITTED and timezone.now() > call.deadline:
        raise MobilityError(_("The deadline of this call has passed."))
    if to == S.NOMINATED:
        # The call row is locked: concurrent nominations queue here and see each other.
        if call.nominated >= call.seats:
            raise MobilityError(_("All seats of this call are taken."))
        Call.objects.filter(pk=call.pk).update(nominated=F("nominated") + 1)
    if current == S.NOMINATED and to in (S.REJECTED, S.WITHDRAWN):
        Call.objects.filter(pk=call.pk).update(nominated=F("nominated") - 1)
    application.status = to
    if to == S.SUBMITTED:
        application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    ApplicationEvent.objects.create(
        application=application,
        from_status=current,
        to_status=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        comment=comment,
    )
    audit_record(
        actor=by,
        action="mobility.application",
        obj=application,
        old={"status": current},
        new={"status": to},
        reason=comment,
        organisation_id=call.sending_id,
    )
    transaction.on_commit(lambda: _notify(application))
    return application


def _notify(application: Application) -> None:
    email = application.applicant.email
    if email:
        send_localised(
            to=[email],
            language=application.language,
            subject_template="mobility/email/application_subject.txt",
            body_template="mobility/email/application_body.txt",
            context={"application": application},
        )


def application_score(application: Application) -> Decimal:
    call = application.call
    parts = [
        (application.grade_mark, call.weight_grades),
        (application.language_score, call.weight_language),
        (application.interview_score, call.weight_interview),
    ]
    total = sum((Decimal(v or 0) * w for v, w in parts), Decimal(0))
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


SCORE_FIELDS = ("grade_mark", "language_score", "interview_score")


def score_0_100(value) -> Decimal:
    """A grade average, language or interview score as a number from 0 to 100."""
    number = finite_decimal(value)
    if number is None or not Decimal(0) <= number <= Decimal(100):
        raise MobilityError(_("A score is between 0 and 100."))
    return number


@transaction.atomic
def application_scores_enter(*, application: Application, by, **scores) -> Application:
    """The sending office enters or corrects the scores (0–100) of an application before
    nominations: the grade average converted to 100, the language score, the interview.
    Ranking again (:func:`call_rank`) uses them; every change is audited with old values."""
    _call, application = locking.application_locked(application)
    if "sending" not in _side_of(by, application):
        raise MobilityError(_("Only the sending office scores applications."))
    if application.status not in (S.SUBMITTED, S.ELIGIBLE, S.RANKED):
        raise MobilityError(_("Scores can change only before nominations."))
    old, new = {}, {}
    for name, value in scores.items():
        if name not in SCORE_FIELDS or value is None:
            continue
        value = score_0_100(value)
        before = getattr(application, name)
        old[name] = None if before is None else str(before)
        new[name] = str(value)
        setattr(application, name, value)
    if not new:
        return application
    application.save(update_fields=list(new))
    audit_record(
        actor=by,
        action="mobility.application_scores",
        obj=application,
        old=old,
        new=new,
        organisation_id=application.call.sending_id,
    )
    return application


@transaction.atomic
def call_rank(*, call: Call, by) -> list[Application]:
    """Score every eligible application and rank them. Ties are broken, in this order, by
    the higher grade average, the higher language score, then the earlier submission."""
    call, eligible = locking.call_applications_locked(call, [S.ELIGIBLE, S.RANKED])
    for application in eligible:
        application.score = application_score(application)
    eligible.sort(
        key=lambda a: (
            -a.score,
            -(a.grade_mark or 0),
            -(a.language_score or 0),
            a.submitted_at or timezone.now(),
        )
    )
    for position, application in enumerate(eligible, start=1):
        application.rank = position
        application.save(update_fields=["score", "rank"])
        if application.status == S.ELIGIBLE:
            application_transition(application=application, to=S.RANKED, by=by)
    return list(call.applications.filter(pk__in=[a.pk for a in eligible]).order_by("rank"))


def expert_progress(host) -> dict:
    """Foreign experts engaged now against the organisation's nearest target."""
    today = timezone.localdate()
    current = (
        ExpertEngagement.objects.filter(host=host, start__lte=today).exclude(end__lt=today).count()
    )
    target = (
        ExpertTarget.objects.filter(host=host, by_year__gte=today.year).order_by("by_year").first()
    )
    return {
        "current": current,
        "target": target.target if target else None,
        "by_year": target.by_year if target else None,
        "share": round(100 * current / target.target) if target and target.target else None,
    }
