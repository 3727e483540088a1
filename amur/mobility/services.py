# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Calls and selection: applications move through a table of legal steps, each decided by
the side it belongs to; nominations never exceed the seats of a call."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.mail import send_localised
from amur.core.permissions import EDITOR, has_role
from amur.mobility.conversion import CreditRule, convert_credits, convert_grade, grade_to_cn_mark
from amur.mobility.enums import DECIDED_BY, TRANSITIONS, ApplicationStatus, CreditSystem
from amur.mobility.models import Application, ApplicationEvent, Call, ExpertEngagement, ExpertTarget

S = ApplicationStatus
# A transcript may be issued in the stay's last two weeks (exams end before the last day).
TRANSCRIPT_EARLIEST_DAYS = 14


class MobilityError(Exception):
    pass


def _side_of(user, application: Application) -> set[str]:
    sides = set()
    if application.applicant_id == getattr(user, "pk", None):
        sides.add("applicant")
    if getattr(user, "is_staff", False) or has_role(user, application.call.sending_id, EDITOR):
        sides.add("sending")
    if getattr(user, "is_staff", False) or has_role(user, application.call.host_id, EDITOR):
        sides.add("host")
    return sides


@transaction.atomic
def application_transition(
    *, application: Application, to: str, by, comment: str = ""
) -> Application:
    """One step of the selection workflow; illegal steps and the wrong side are refused.

    The sending office decides eligibility, ranking and nomination; the host accepts or
    rejects (a rejection needs a comment); the applicant submits or withdraws.
    """
    call = Call.objects.select_for_update().get(pk=application.call_id)
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    current = S(application.status)
    if to not in TRANSITIONS[current]:
        raise MobilityError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.label, "to": S(to).label}
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
        application=application, from_status=current, to_status=to,
        by=by if getattr(by, "is_authenticated", False) else None, comment=comment,
    )  # fmt: skip
    audit_record(actor=by, action="mobility.application", obj=application, old={"status": current},
                 new={"status": to}, reason=comment, organisation_id=call.sending_id)  # fmt: skip
    transaction.on_commit(lambda: _notify(application))
    return application


def _notify(application: Application) -> None:
    email = application.applicant.email
    if email:
        send_localised(
            to=[email], language=application.language,
            subject_template="mobility/email/application_subject.txt",
            body_template="mobility/email/application_body.txt",
            context={"application": application},
        )  # fmt: skip


def application_score(application: Application) -> Decimal:
    call = application.call
    parts = [
        (application.grade_mark, call.weight_grades),
        (application.language_score, call.weight_language),
        (application.interview_score, call.weight_interview),
    ]
    total = sum((Decimal(v or 0) * w for v, w in parts), Decimal(0))
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


@transaction.atomic
def call_rank(*, call: Call, by) -> list[Application]:
    """Score every eligible application and rank them. Ties are broken, in this order, by
    the higher grade average, the higher language score, then the earlier submission."""
    eligible = list(call.applications.select_for_update().filter(status__in=[S.ELIGIBLE, S.RANKED]))
    for application in eligible:
        application.score = application_score(application)
    eligible.sort(key=lambda a: (-a.score, -(a.grade_mark or 0), -(a.language_score or 0),
                                 a.submitted_at or timezone.now()))  # fmt: skip
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


# Learning agreements ------------------------------------------------------------------


def la_sides(user, mobility) -> set[str]:
    """The sides ``user`` may act for on ``mobility``'s learning agreement."""
    sides = set()
    if mobility.person.user_id is not None and mobility.person.user_id == getattr(user, "pk", None):
        sides.add("student")
    staff = getattr(user, "is_staff", False)
    if staff or has_role(user, mobility.sending_id, EDITOR):
        sides.add("sending")
    if staff or has_role(user, mobility.receiving_id, EDITOR):
        sides.add("receiving")
    return sides


def _clean_components(components: list[dict]) -> list[dict]:
    if not components:
        raise MobilityError(_("A learning agreement lists at least one course."))
    cleaned = []
    for line in components:
        if line.get("scheme") not in ("cn", "ru", "ects"):
            raise MobilityError(_("Each course names its credit scheme (cn, ru or ects)."))
        try:
            credits = Decimal(str(line.get("credits", "")))
        except ArithmeticError:
            raise MobilityError(_("Credits are a number.")) from None
        if not credits.is_finite() or credits <= 0:
            raise MobilityError(_("Credits are a number."))
        cleaned.append(
            {
                "code": str(line.get("code", "")).strip(),
                "title": str(line.get("title", "")).strip(),
                "credits": str(credits.normalize()),
                "scheme": line["scheme"],
                "recognised_as": str(line.get("recognised_as", "")).strip(),
            }
        )
    return cleaned


@transaction.atomic
def la_propose(*, mobility, components: list[dict], by):
    """The student (or the sending office) proposes the first version or a change.

    Only one proposal is open at a time: the latest version must be agreed by all three
    sides or rejected by the receiving institution before the next one is proposed.
    """
    from amur.mobility.models import LearningAgreementVersion, Mobility

    mobility = Mobility.objects.select_for_update().select_related("person").get(pk=mobility.pk)
    if not la_sides(by, mobility) & {"student", "sending"}:
        raise MobilityError(_("Only the student or the sending institution proposes changes."))
    latest = mobility.la_versions.order_by("-number").first()
    if latest is not None and latest.open:
        raise MobilityError(_("A proposal is still open; it must be settled first."))
    components = _clean_components(components)
    version = LearningAgreementVersion.objects.create(
        mobility=mobility, number=(latest.number + 1) if latest else 1, components=components,
        proposed_by=by if getattr(by, "is_authenticated", False) else None,
    )  # fmt: skip
    audit_record(actor=by, action="la.propose", obj=version, new={"components": components},
                 organisation_id=mobility.sending_id)  # fmt: skip
    return version


def _lock_latest(version):
    from amur.mobility.models import LearningAgreementVersion

    version = (
        LearningAgreementVersion.objects.select_for_update()
        .select_related("mobility", "mobility__person")
        .get(pk=version.pk)
    )
    latest = version.mobility.la_versions.order_by("-number").first()
    if latest.pk != version.pk:
        raise MobilityError(_("This proposal is no longer the latest one."))
    if version.rejected:
        raise MobilityError(_("This proposal was rejected; propose a new version."))
    if version.agreed:
        raise MobilityError(_("This version is already agreed."))
    return version


@transaction.atomic
def la_sign(*, version, by, side: str):
    """The student or the sending institution signs the latest version."""
    version = _lock_latest(version)
    mobility = version.mobility
    sides = la_sides(by, mobility)
    if side == "student":
        if "student" not in sides:
            raise MobilityError(_("Only the student signs as the student."))
        version.signed_by_student = timezone.now()
    elif side == "sending" and "sending" in sides:
        version.signed_by_sending = timezone.now()
        version.sending_signer = by
    else:
        raise MobilityError(_("This step is decided by the other side."))
    version.save()
    audit_record(actor=by, action=f"la.sign.{side}", obj=version,
                 organisation_id=mobility.sending_id)  # fmt: skip
    return version


@transaction.atomic
def la_receiving_answer(*, version, by, approve: bool, comment: str = ""):
    """The receiving institution approves the latest version, or comments to reject it."""
    version = _lock_latest(version)
    if "receiving" not in la_sides(by, version.mobility):
        raise MobilityError(_("This step is decided by the other side."))
    if approve:
        if not (version.signed_by_student and version.signed_by_sending):
            raise MobilityError(_("The student and the sending institution sign first."))
        version.approved_by_receiving = timezone.now()
        version.receiving_comment = ""
    else:
        if not comment.strip():
            raise MobilityError(_("A rejection needs a comment."))
        version.receiving_comment = comment.strip()
        version.rejected_at = timezone.now()
    version.receiving_signer = by
    version.save()
    audit_record(
        actor=by, action="la.answer", obj=version, new={"approved": approve}, reason=comment,
        organisation_id=version.mobility.receiving_id,
    )  # fmt: skip
    return version


def la_current(mobility):
    """The latest agreed version of a mobility's learning agreement, or None."""
    for version in mobility.la_versions.order_by("-number"):
        if version.agreed:
            return version
    return None


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
    if not entries:
        raise MobilityError(_("A transcript lists at least one course."))
    cleaned = []
    for entry in entries:
        if entry.get("scheme") not in ("cn", "ru", "ects"):
            raise MobilityError(_("Each course names its credit scheme (cn, ru or ects)."))
        try:
            credits = Decimal(str(entry.get("credits", "")))
            grade_to_cn_mark(entry.get("grade", ""), entry.get("grade_scale", ""))
        except (ArithmeticError, ValueError):
            raise MobilityError(
                _("“%(title)s”: the credits or the grade do not fit the chosen scale.")
                % {"title": entry.get("title", "")}
            ) from None
        if not credits.is_finite() or credits <= 0:
            raise MobilityError(_("Credits are a number."))
        cleaned.append({
            "code": str(entry.get("code", "")).strip(), "title": str(entry["title"]).strip(),
            "credits": credits, "scheme": entry["scheme"],
            "grade": str(entry["grade"]).strip(), "grade_scale": entry["grade_scale"],
        })  # fmt: skip
    return cleaned


@transaction.atomic
def transcript_issue(*, mobility, entries: list[dict], by, issued_on=None):
    """The receiving institution issues the transcript of records at the end of the stay."""
    from amur.mobility.models import Mobility, Transcript, TranscriptEntry

    mobility = Mobility.objects.select_for_update().select_related("person").get(pk=mobility.pk)
    if "receiving" not in la_sides(by, mobility):
        raise MobilityError(_("The receiving institution issues the transcript."))
    issued_on = issued_on or timezone.localdate()
    if issued_on < mobility.end - timedelta(days=TRANSCRIPT_EARLIEST_DAYS):
        raise MobilityError(_("A transcript is issued at the end of the stay."))
    if Transcript.objects.filter(mobility=mobility).exists():
        raise MobilityError(_("The transcript of this stay is already issued."))
    cleaned = _clean_entries(entries)
    transcript = Transcript.objects.create(
        mobility=mobility, issued_on=issued_on,
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )  # fmt: skip
    TranscriptEntry.objects.bulk_create(
        TranscriptEntry(transcript=transcript, **e) for e in cleaned
    )
    audit_record(actor=by, action="mobility.transcript", obj=transcript,
                 new={"entries": len(cleaned)}, organisation_id=mobility.receiving_id)  # fmt: skip
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
        lines.append({
            "entry": entry,
            "home_credits": convert_credits(entry.credits, source, home),
            "home_grade": convert_grade(entry.grade, entry.grade_scale, home.system),
            "recognised_as": recognised_as.get(entry.code, ""),
        })  # fmt: skip
    return lines


@transaction.atomic
def recognition_decide(*, mobility, by, recognised: set[int], comment: str = ""):
    """The sending institution decides which transcript lines it recognises, once.

    ``recognised`` holds the ids of the recognised transcript entries; a partial or refused
    recognition needs a comment. The decision records who took it and when.
    """
    from amur.mobility.models import Mobility, Recognition, RecognitionLine

    mobility = Mobility.objects.select_for_update().select_related("person").get(pk=mobility.pk)
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
        mobility=mobility, decision=decision, comment=comment.strip(), home_scheme=home.system,
        home_hours_per_credit=home.hours_per_credit, decided_at=timezone.now(),
        decided_by=by if getattr(by, "is_authenticated", False) else None,
    )  # fmt: skip
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
    audit_record(actor=by, action="mobility.recognition", obj=recognition,
                 new={"decision": decision}, reason=comment,
                 organisation_id=mobility.sending_id)  # fmt: skip
    return recognition


# Joint programmes ------------------------------------------------------------------------


def programme_plan(programme) -> dict:
    """The teaching plan with each course's credits in every partner's own system.

    Hours are what a plan states; credits follow from each partner's hours-per-credit rule
    (``credit_rule_for``), so one 72-hour course is 4.5 Chinese credits at a 16-hour school
    and 2 зачётные единицы at a Russian one.
    """
    partners = list(programme.partners.select_related("place", "credit_rule").order_by("id"))
    rules_ = {p.pk: credit_rule_for(p) for p in partners}
    rows, totals = [], {p.pk: Decimal(0) for p in partners}
    for course in programme.courses.select_related("teacher"):
        credits = [
            (hours_to_credits(course.hours, rules_[p.pk]), rules_[p.pk].system) for p in partners
        ]
        for partner, (value, _system) in zip(partners, credits, strict=True):
            totals[partner.pk] += value
        rows.append({"course": course, "credits": credits})
    return {
        "partners": [(p, rules_[p.pk], CreditSystem(rules_[p.pk].system).label) for p in partners],
        "rows": rows,
        "totals": [totals[p.pk] for p in partners],
        "hours": sum(course.hours for course in programme.courses.all()),
    }


def hours_to_credits(hours, rule: CreditRule) -> Decimal:
    return (Decimal(hours) / rule.hours_per_credit).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _programme_editor(by, programme) -> bool:
    return getattr(by, "is_staff", False) or has_role(by, programme.owner_id, EDITOR)


@transaction.atomic
def programme_course_add(
    *, programme, by, code: str, semester: int, hours: int, language: str, teacher,
    title_zh: str = "", title_ru: str = "", title_en: str = "",
):  # fmt: skip
    """The managing partner adds a course to the teaching plan, taught by one partner."""
    from amur.mobility.models import ProgrammeCourse

    if not _programme_editor(by, programme):
        raise MobilityError(_("Only the managing partner edits the teaching plan."))
    if not programme.partners.filter(pk=teacher.pk).exists():
        raise MobilityError(_("A course is taught by one of the programme's partners."))
    if not (title_zh or title_ru or title_en).strip():
        raise MobilityError(_("A course needs a title in at least one language."))
    if ProgrammeCourse.objects.filter(programme=programme, code=code).exists():
        raise MobilityError(_("This course code is already in the plan."))
    course = ProgrammeCourse.objects.create(
        programme=programme, code=code, semester=semester, hours=hours, language=language,
        teacher=teacher, title_zh=title_zh, title_ru=title_ru, title_en=title_en,
    )  # fmt: skip
    audit_record(actor=by, action="mobility.programme_course", obj=course,
                 organisation_id=programme.owner_id)  # fmt: skip
    return course


@transaction.atomic
def enrolment_create(*, cohort, person, home, by, enrolled_on=None):
    """A partner enrols one of its students in a cohort (each person once per cohort)."""
    from amur.mobility.models import Enrolment

    programme = cohort.programme
    if not programme.partners.filter(pk=home.pk).exists():
        raise MobilityError(_("Students are enrolled through one of the programme's partners."))
    if not (getattr(by, "is_staff", False) or has_role(by, home.pk, EDITOR)):
        raise MobilityError(_("Each partner enrols its own students."))
    if Enrolment.objects.filter(cohort=cohort, person=person).exists():
        raise MobilityError(_("This person is already enrolled in the cohort."))
    enrolment = Enrolment.objects.create(
        cohort=cohort, person=person, home=home, enrolled_on=enrolled_on or timezone.localdate()
    )
    audit_record(actor=by, action="mobility.enrol", obj=enrolment, organisation_id=home.pk)
    return enrolment


def script_of(name: str) -> str:
    """The script a name is written in, as the directory records it."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return "han"
    if any("\u0400" <= ch <= "\u04ff" for ch in name):
        return "cyrillic"
    return "latin"


@transaction.atomic
def enrolment_create_for_name(*, cohort, home, by, name: str, email: str, name_latin: str = ""):
    """Enrol a student found (or recorded) in the directory by name and e-mail."""
    from amur.directory.services import person_ensure

    if not (getattr(by, "is_staff", False) or has_role(by, home.pk, EDITOR)):
        raise MobilityError(_("Each partner enrols its own students."))
    person = person_ensure(
        name=name.strip(), email=email.strip(), script=script_of(name),
        name_latin=name_latin.strip(), listed=False,
    )  # fmt: skip
    return enrolment_create(cohort=cohort, person=person, home=home, by=by)


# Agreement expiry reminders ----------------------------------------------------------------

REMINDER_DAYS = (90, 30)


def _reminder_recipients(agreement) -> list[tuple[str, str]]:
    """(e-mail, language) of the editors and administrators of every partner."""
    from amur.accounts.models import OrganisationRole

    partner_ids = [*agreement.partners.values_list("pk", flat=True), agreement.owner_id]
    roles = (
        OrganisationRole.objects.filter(
            organisation_id__in=partner_ids, role__in=["editor", "admin"]
        )
        .exclude(user__email="")
        .select_related("user__profile")
        .order_by("user__email")
    )
    found: dict[str, str] = {}
    for role in roles:
        profile = getattr(role.user, "profile", None)
        found.setdefault(role.user.email, profile.language if profile else "en")
    return sorted(found.items())


def agreement_reminders_send(*, today=None) -> int:
    """E-mail the partners of every signed or active agreement 90 and 30 days before its end.

    Each reminder is sent once: a row per agreement, threshold and end date is claimed
    before sending (a unique constraint makes a second run, even a concurrent one, a no-op).
    An agreement first seen inside 30 days gets only the 30-day reminder.
    """
    from amur.mobility.models import Agreement, AgreementReminder

    today = today or timezone.localdate()
    due = Agreement.objects.filter(
        status__in=["signed", "active"], valid_until__gte=today,
        valid_until__lte=today + timedelta(days=max(REMINDER_DAYS)),
    ).order_by("valid_until", "id")  # fmt: skip
    sent = 0
    for agreement in due:
        days_left = (agreement.valid_until - today).days
        thresholds = [d for d in REMINDER_DAYS if days_left <= d]
        try:
            with transaction.atomic():
                claimed = [
                    AgreementReminder.objects.get_or_create(
                        agreement=agreement,
                        days_before=d,
                        valid_until=agreement.valid_until,
                        defaults={"sent_at": timezone.now()},
                    )
                    for d in thresholds
                ]
        except IntegrityError:
            continue  # another run claimed it at the same moment
        reminder, created = claimed[-1]  # the most urgent threshold
        if not created:
            continue
        recipients = _reminder_recipients(agreement)
        for email, language in recipients:
            send_localised(
                to=[email], language=language,
                subject_template="mobility/email/reminder_subject.txt",
                body_template="mobility/email/reminder_body.txt",
                context={"agreement": agreement, "days_left": days_left},
            )  # fmt: skip
        reminder.recipients = len(recipients)
        reminder.save(update_fields=["recipients"])
        sent += 1
    return sent
