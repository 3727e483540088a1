# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: calls, an applicant's own applications, and workflow steps (each decided
by its own side, as on the pages)."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Form, Query, Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import (
    WRITE_ERRORS,
    ApiError,
    ErrorOut,
    Pagination,
    refused,
    require_perm,
    require_user,
)
from amur.directory.models import Organisation, Person
from amur.mobility import ewp, selectors, services
from amur.mobility.models import (
    Agreement,
    Application,
    Call,
    Cohort,
    Condition,
    JointProgramme,
    LearningAgreementVersion,
)

router = Router(tags=["mobility"])


class CallOut(Schema):
    id: int
    kind: str
    title_en: str
    title_ru: str
    title_zh: str
    seats: int
    nominated: int
    deadline: datetime


class ApplicationOut(Schema):
    id: int
    call: int
    status: str
    rank: int | None

    @staticmethod
    def resolve_call(obj):
        return obj.call_id


class StepIn(Schema):
    to: str
    comment: str = ""


@router.get("/calls", response=list[CallOut])
@paginate(Pagination)
def call_list(request):
    return Call.objects.order_by("-deadline")


@router.get("/applications/mine", response={200: list[ApplicationOut], 401: ErrorOut})
def my_applications(request):
    """An applicant sees only their own applications."""
    return list(Application.objects.filter(applicant=require_user(request)))


@router.post(
    "/calls/{pk}/applications",
    response={201: ApplicationOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_apply(
    request,
    pk: int,
    name: Form[str] = "",
    motivation: Form[str] = "",
    grade_mark: Form[Decimal | None] = None,
    language_score: Form[Decimal | None] = None,
    language: Form[str] = "en",
):
    """Apply to a call and submit (multipart). Documents go in file fields named
    ``document_transcript``, ``document_language``, ``document_cv``, ``document_other``
    (PDF, JPEG or PNG by content, 10 MB each); a refused one keeps nothing."""
    from django.db import IntegrityError

    from amur.mobility.enums import ApplicationDocumentKind

    user = require_user(request)
    call = get_object_or_404(Call, pk=pk)
    documents = [
        (kind, upload)
        for kind in ApplicationDocumentKind.values
        for upload in request.FILES.getlist(f"document_{kind}")
    ]
    try:
        application = services.application_apply(
            call=call,
            user=user,
            name=name,
            language=language,
            motivation=motivation,
            grade_mark=grade_mark,
            language_score=language_score,
            documents=documents,
        )
    except IntegrityError:
        raise ApiError(409, "refused", _("You have already applied to this call.")) from None
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, application)


class ScoresIn(Schema):
    grade_mark: Decimal | None = None
    language_score: Decimal | None = None
    interview_score: Decimal | None = None


@router.post(
    "/applications/{pk}/scores",
    response={200: ApplicationOut, **WRITE_ERRORS},
)
def application_scores(request, pk: int, payload: ScoresIn):
    """The sending office enters scores (0–100) before nominations; rank the call again."""
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    require_perm(request, "mobility.view_application", application)
    try:
        return services.application_scores_enter(
            application=application, by=request.user, **payload.dict()
        )
    except services.MobilityError as exc:
        raise refused(exc) from None


@router.post(
    "/applications/{pk}/steps",
    response={200: ApplicationOut, **WRITE_ERRORS},
)
def application_step(request, pk: int, payload: StepIn):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    require_perm(request, "mobility.view_application", application)
    try:
        return services.application_transition(
            application=application, to=payload.to, by=request.user, comment=payload.comment
        )
    except (services.MobilityError, ValueError) as exc:
        raise refused(exc) from None


# Mobilities and learning agreements ----------------------------------------------------


class ComponentIO(Schema):
    code: str = ""
    title: str
    credits: str
    scheme: str
    recognised_as: str = ""


class LaVersionOut(Schema):
    id: int
    number: int
    components: list[ComponentIO]
    signed_by_student: datetime | None
    signed_by_sending: datetime | None
    approved_by_receiving: datetime | None
    rejected_at: datetime | None
    receiving_comment: str
    agreed: bool


class MobilityOut(Schema):
    id: int
    person: str
    sending: int
    receiving: int
    kind: str
    start: date
    end: date

    @staticmethod
    def resolve_person(obj):
        return str(obj.person)

    @staticmethod
    def resolve_sending(obj):
        return obj.sending_id

    @staticmethod
    def resolve_receiving(obj):
        return obj.receiving_id


class MobilityDetailOut(MobilityOut):
    learning_agreement: list[LaVersionOut]
    # What EWP needs of the stay (ewp.py), and which of it is still missing.
    eqf_level: int | None
    isced_code: str
    language: str
    language_level: str
    sending_contact: int | None
    receiving_contact: int | None
    blended: bool
    ewp_missing: list[str]

    @staticmethod
    def resolve_sending_contact(obj):
        return obj.sending_contact_id

    @staticmethod
    def resolve_receiving_contact(obj):
        return obj.receiving_contact_id

    @staticmethod
    def resolve_ewp_missing(obj):
        return list(dict.fromkeys(ewp.la_missing(obj)))

    @staticmethod
    def resolve_learning_agreement(obj):
        return list(obj.la_versions.order_by("number"))


class EwpDataIn(Schema):
    eqf_level: int | None = None
    isced_code: str = ""
    language: str = ""
    language_level: str = ""
    sending_contact: int | None = None
    receiving_contact: int | None = None
    blended: bool = False


@router.put("/mobilities/{pk}/ewp-data", response={200: MobilityDetailOut, **WRITE_ERRORS})
def mobility_ewp_data(request, pk: int, payload: EwpDataIn):
    """The sending office records what EWP needs of the stay: EQF level, ISCED-F field, CEFR
    level in the language of the stay, and a contact person (directory person with an
    e-mail address) at each institution."""
    from amur.directory.models import Person

    mobility = _mobility_for(request, pk, "mobility.record_ewp_data")
    data = payload.dict()
    for name in ("sending_contact", "receiving_contact"):
        if data[name] is not None:
            data[name] = get_object_or_404(Person, pk=data[name])
    try:
        return services.mobility_ewp_data_save(mobility=mobility, by=request.user, **data)
    except services.MobilityError as exc:
        raise refused(exc) from None


class ProposalIn(Schema):
    components: list[ComponentIO]


class SignIn(Schema):
    side: str


class AnswerIn(Schema):
    approve: bool
    comment: str = ""


@router.get("/mobilities", response={200: list[MobilityOut], 401: ErrorOut})
@paginate(Pagination)
def mobility_list(request):
    """The stays the user may see: their own, or those their organisation sends or receives."""
    require_user(request)
    return selectors.mobilities_visible_to(request.user).order_by("-start", "id")


@router.get("/mobilities/{pk}", response={200: MobilityDetailOut, 401: ErrorOut, 404: ErrorOut})
def mobility_detail(request, pk: int):
    require_user(request)
    return selectors.mobility_get_for(request.user, pk=pk)


def _mobility_for(request, pk: int, permission: str):
    """A stay the user may see (else 404) on which they hold ``permission`` (else 403)."""
    require_user(request)
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    require_perm(request, permission, mobility)
    return mobility


@router.post(
    "/mobilities/{pk}/learning-agreement",
    response={201: LaVersionOut, **WRITE_ERRORS},
)
def la_propose(request, pk: int, payload: ProposalIn):
    mobility = _mobility_for(request, pk, "mobility.sign_la")
    components = [c.dict() for c in payload.components]
    try:
        version = services.la_propose(mobility=mobility, components=components, by=request.user)
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, version)


def _version_for(request, pk: int, permission: str):
    require_user(request)
    version = get_object_or_404(LearningAgreementVersion, pk=pk)
    mobility = selectors.mobility_get_for(request.user, pk=version.mobility_id)
    require_perm(request, permission, mobility)
    return version


@router.post(
    "/learning-agreements/{pk}/signatures",
    response={200: LaVersionOut, **WRITE_ERRORS},
)
def la_sign(request, pk: int, payload: SignIn):
    """The student (side ``student``) or the sending office (``sending``) signs."""
    version = _version_for(request, pk, "mobility.sign_la")
    try:
        return services.la_sign(version=version, by=request.user, side=payload.side)
    except services.MobilityError as exc:
        raise refused(exc) from None


@router.post(
    "/learning-agreements/{pk}/answer",
    response={200: LaVersionOut, **WRITE_ERRORS},
)
def la_answer(request, pk: int, payload: AnswerIn):
    """The receiving office approves, or rejects with a comment."""
    version = _version_for(request, pk, "mobility.answer_la")
    try:
        return services.la_receiving_answer(
            version=version, by=request.user, approve=payload.approve, comment=payload.comment
        )
    except services.MobilityError as exc:
        raise refused(exc) from None


# Transcript of records and recognition ---------------------------------------------------


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
    mobility = _mobility_for(request, pk, "mobility.issue_transcript")
    try:
        transcript = services.transcript_issue(
            mobility=mobility,
            entries=[e.dict() for e in payload.entries],
            by=request.user,
            issued_on=payload.issued_on,
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
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
    mobility = _mobility_for(request, pk, "mobility.decide_recognition")
    try:
        recognition = services.recognition_decide(
            mobility=mobility,
            by=request.user,
            recognised=set(payload.recognised),
            comment=payload.comment,
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, _recognition_out(recognition))


# Joint programmes ------------------------------------------------------------------------


class ProgrammeFields(Schema):
    id: int
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    owner: int
    partners: list[int]
    eqf_level: int | None


class ProgrammeOut(ProgrammeFields):
    @staticmethod
    def resolve_owner(obj):
        return obj.owner_id

    @staticmethod
    def resolve_partners(obj):
        return [p.pk for p in obj.partners.all()]


class PartnerCreditsOut(Schema):
    partner: int
    system: str
    credits: Decimal


class CourseOut(Schema):
    id: int
    code: str
    title_zh: str
    title_ru: str
    title_en: str
    semester: int
    hours: int
    language: str
    teacher: int
    credits: list[PartnerCreditsOut]


class ProgrammeDetailOut(ProgrammeFields):
    teaching_plan: list[CourseOut]
    cohorts: list[dict]


class CourseIn(Schema):
    code: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    semester: int
    hours: int
    language: str
    teacher: int


class EnrolmentIn(Schema):
    person: int
    home: int


class EnrolmentOut(Schema):
    id: int
    cohort: int
    person: int
    home: int
    status: str

    @staticmethod
    def resolve_cohort(obj):
        return obj.cohort_id

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_home(obj):
        return obj.home_id


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(Pagination)
def programme_list(request):
    return JointProgramme.objects.prefetch_related("partners").order_by("id")


@router.get("/programmes/{pk}", response={200: ProgrammeDetailOut, 404: ErrorOut})
def programme_detail(request, pk: int):
    """The teaching plan with each course's credits in every partner's system; cohort sizes."""
    programme = get_object_or_404(JointProgramme.objects.prefetch_related("partners"), pk=pk)
    plan = services.programme_plan(programme)
    partners = [partner for partner, _rule, _label in plan["partners"]]
    return {
        **ProgrammeOut.from_orm(programme).dict(),
        "teaching_plan": [
            {
                **_course_fields(row["course"]),
                "id": row["course"].pk,
                "credits": [
                    {"partner": p.pk, "system": system, "credits": value}
                    for p, (value, system) in zip(partners, row["credits"], strict=True)
                ],
            }
            for row in plan["rows"]
        ],
        "cohorts": [
            {
                "id": c.pk,
                "intake_year": c.intake_year,
                "name": c.name,
                "students": c.enrolments.count(),
            }
            for c in programme.cohorts.all()
        ],
    }


def _course_fields(course) -> dict:
    names = ("code", "title_zh", "title_ru", "title_en", "semester", "hours", "language")
    return {**{name: getattr(course, name) for name in names}, "teacher": course.teacher_id}


@router.post(
    "/programmes/{pk}/courses",
    response={201: CourseOut, **WRITE_ERRORS},
)
def programme_course_add(request, pk: int, payload: CourseIn):
    """The managing partner adds a course; the answer carries its credits per partner."""
    programme = get_object_or_404(JointProgramme, pk=pk)
    require_perm(request, "mobility.manage_programme", programme)
    teacher = get_object_or_404(Organisation, pk=payload.teacher)
    try:
        course = services.programme_course_add(
            programme=programme,
            by=request.user,
            teacher=teacher,
            **payload.dict(exclude={"teacher"}),
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
    credits = [
        {
            "partner": p.pk,
            "system": rule.system,
            "credits": services.hours_to_credits(course.hours, rule),
        }
        for p in programme.partners.order_by("id")
        for rule in [services.credit_rule_for(p)]
    ]
    return Status(201, {**payload.dict(), "id": course.pk, "credits": credits})


@router.post(
    "/cohorts/{pk}/enrolments",
    response={201: EnrolmentOut, **WRITE_ERRORS},
)
def enrolment_create(request, pk: int, payload: EnrolmentIn):
    """A partner enrols one of its students (a directory person) in a cohort."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    require_perm(request, "mobility.enrol_programme", cohort.programme)
    person = get_object_or_404(Person, pk=payload.person)
    home = get_object_or_404(Organisation, pk=payload.home)
    try:
        enrolment = services.enrolment_create(
            cohort=cohort, person=person, home=home, by=request.user
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, enrolment)


# Reports ---------------------------------------------------------------------------------


class FlowOut(Schema):
    year: int
    direction: str
    kind: str
    field: str
    sending: str
    receiving: str
    people: int


class SeatsOut(Schema):
    agreement: int
    sending: str
    receiving: str
    academic_year: str
    students_agreed: int
    students_used: int
    staff_agreed: int
    staff_used: int


class ExpiringOut(Schema):
    id: int
    title_en: str
    kind: str
    status: str
    valid_until: date
    auto_renewal: bool
    reminders_sent: list[int]

    @staticmethod
    def resolve_reminders_sent(obj):
        return [r.days_before for r in obj.reminders.all() if r.valid_until == obj.valid_until]


@router.get("/reports/flows", response={200: list[FlowOut], 422: ErrorOut})
def report_flows(request, year: int | None = Query(None, ge=1, le=9999)):
    """People moving between China and Russia by year, direction, kind, field, organisation."""
    return selectors.flows(year=year)


@router.get("/reports/seats", response=list[SeatsOut])
def report_seats(request, academic_year: str | None = None):
    """Seats agreed and used per agreement, direction and academic year."""
    return [
        {
            **row,
            "agreement": row["agreement"].pk,
            "sending": row["sending"].slug,
            "receiving": row["receiving"].slug,
        }
        for row in selectors.seats(academic_year=academic_year)
    ]


@router.get("/reports/expiring", response={200: list[ExpiringOut], 422: ErrorOut})
def report_expiring(request, within_days: int = Query(180, ge=0, le=36525)):
    return list(selectors.agreements_expiring(within_days=within_days))


# Erasmus Without Paper exports (XML) ----------------------------------------------------


def _xml(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


class ProblemOut(Schema):
    line: int
    message: str


class IiaOutcomeOut(Schema):
    partner_hei: str
    local_hei: str
    partner_iia_id: str
    state: str
    message: str
    agreement_id: int | None
    conditions_agree: bool | None


class ReceiptOut(Schema):
    ok: bool
    kind: str
    documents: int
    problems: list[ProblemOut]
    outcomes: list[IiaOutcomeOut]


def receipt_out(receipt) -> dict:
    return {
        "ok": receipt.ok,
        "kind": receipt.checked.kind,
        "documents": receipt.documents,
        "problems": [{"line": line, "message": m} for line, m in receipt.checked.problems],
        "outcomes": [vars(o) for o in receipt.outcomes],
    }


@router.post("/ewp/receive", response={200: ReceiptOut, 401: ErrorOut})
def ewp_receive(request):
    """Check a partner system's EWP get-response (the XML as the request body: IIAs v7,
    Outgoing Mobilities v2 or Learning Agreements v1) against the official schema; for
    IIAs, record the partner's own IIA ids where an agreement of an institution you edit
    matches.  ``ok`` false with ``problems`` (line, message): nothing was recorded."""
    require_user(request)
    return receipt_out(services.ewp_receive(content=request.body, by=request.user))


@router.get("/organisations/{slug}/ewp/iias", response={200: None, 404: ErrorOut})
def ewp_iias(request, slug: str):
    """The organisation's agreements as EWP IIAs get-response XML, split into pairs."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return _xml(ewp.iias_get_response(ewp.agreements_of(organisation), local=organisation))


@router.get(
    "/organisations/{slug}/ewp/omobilities",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def ewp_omobilities(request, slug: str):
    """Outgoing nominations and stays as an EWP Outgoing Mobilities get-response (members)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "mobility.view_dashboard", organisation)
    return _xml(ewp.omobilities_get_response(organisation))


@router.get(
    "/organisations/{slug}/ewp/learning-agreements",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def ewp_las(request, slug: str):
    """Learning agreements as an EWP Outgoing Mobility LAs get-response (members)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "mobility.view_dashboard", organisation)
    return _xml(ewp.las_get_response(ewp.stays_of(organisation)))


# Agreements and their cooperation conditions --------------------------------------------


class ConditionIn(Schema):
    sending: int
    receiving: int
    academic_year: str
    students: int = 0
    student_months: int = 0
    staff: int = 0
    staff_days: int = 0
    trainees: int = 0
    trainee_months: int = 0
    training_staff: int = 0
    training_days: int = 0
    language: str = ""
    language_level: str = ""
    isced_code: str = ""
    eqf_level: int | None = None
    blended: bool = False


class ConditionOut(ConditionIn):
    id: int

    @staticmethod
    def resolve_sending(obj):
        return obj.sending_id

    @staticmethod
    def resolve_receiving(obj):
        return obj.receiving_id


class AgreementPatch(Schema):
    kind: str | None = None
    title_zh: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    partners: list[int] | None = None
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    auto_renewal: bool | None = None
    status: str | None = None
    isced_codes: str | None = None
    signatories: str | None = None


class AgreementIn(Schema):
    owner: int
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    partners: list[int]
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    auto_renewal: bool = False
    status: str = "draft"
    isced_codes: str = ""
    signatories: str = ""


class AgreementOut(Schema):
    id: int
    owner: int
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    partners: list[int]
    signed_on: date | None
    valid_from: date | None
    valid_until: date | None
    auto_renewal: bool
    status: str
    isced_codes: str
    signatories: str
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_owner(obj):
        return obj.owner_id

    @staticmethod
    def resolve_partners(obj):
        return sorted(obj.partners.values_list("pk", flat=True))

    @staticmethod
    def resolve_conditions(obj):
        return list(obj.conditions.order_by("academic_year", "id"))


def _organisations(pks: list[int]) -> list:
    found = list(Organisation.objects.filter(pk__in=pks))
    if len(found) != len(set(pks)):
        raise ApiError(404, "not_found", _("Unknown organisation."))
    return found


@router.get("/agreements/{pk}", response={200: AgreementOut, 404: ErrorOut})
def agreement_detail(request, pk: int):
    """Agreements are public, as on the pages and in the EWP export."""
    return get_object_or_404(Agreement, pk=pk)


@router.post("/agreements", response={201: AgreementOut, **WRITE_ERRORS})
def agreement_create(request, payload: AgreementIn):
    """An editor of ``owner`` creates an agreement; the owner is always a partner."""
    require_user(request)
    owner = get_object_or_404(Organisation, pk=payload.owner)
    require_perm(request, "mobility.create_agreement", owner)
    data = payload.dict(exclude={"owner", "partners"})
    try:
        agreement = services.agreement_save(
            by=request.user, owner=owner, partners=_organisations(payload.partners), **data
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, agreement)


@router.api_operation(
    ["PATCH", "POST"], "/agreements/{pk}", response={200: AgreementOut, **WRITE_ERRORS}
)
def agreement_update(request, pk: int, payload: AgreementPatch):
    """The owner's editors change the fields given; the others keep their values."""
    agreement = get_object_or_404(Agreement, pk=pk)
    require_perm(request, "mobility.change_agreement", agreement)
    data = {name: getattr(agreement, name) for name in AgreementPatch.model_fields}
    data["partners"] = list(agreement.partners.all())
    given = payload.dict(exclude_unset=True)
    if given.get("partners") is not None:
        given["partners"] = _organisations(given["partners"])
    data |= {k: v for k, v in given.items() if v is not None or k in DATES}
    try:
        return services.agreement_save(
            by=request.user, agreement=agreement, owner=agreement.owner, **data
        )
    except services.MobilityError as exc:
        raise refused(exc) from None


DATES = ("signed_on", "valid_from", "valid_until")


def _condition_args(payload: ConditionIn) -> dict:
    data = payload.dict()
    sending, receiving = (
        _organisations([data.pop("sending")]),
        _organisations([data.pop("receiving")]),
    )
    return {**data, "sending": sending[0], "receiving": receiving[0]}


@router.post("/agreements/{pk}/conditions", response={201: ConditionOut, **WRITE_ERRORS})
def condition_add(request, pk: int, payload: ConditionIn):
    agreement = get_object_or_404(Agreement, pk=pk)
    require_perm(request, "mobility.change_agreement", agreement)
    try:
        condition = services.condition_save(
            by=request.user, agreement=agreement, **_condition_args(payload)
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, condition)


@router.api_operation(
    ["PUT", "POST"], "/conditions/{pk}", response={200: ConditionOut, **WRITE_ERRORS}
)
def condition_update(request, pk: int, payload: ConditionIn):
    condition = get_object_or_404(Condition.objects.select_related("agreement"), pk=pk)
    require_perm(request, "mobility.change_agreement", condition.agreement)
    try:
        return services.condition_save(
            by=request.user,
            agreement=condition.agreement,
            condition=condition,
            **_condition_args(payload),
        )
    except services.MobilityError as exc:
        raise refused(exc) from None


@router.delete("/conditions/{pk}", response={204: None, **WRITE_ERRORS})
def condition_delete(request, pk: int):
    condition = get_object_or_404(Condition.objects.select_related("agreement"), pk=pk)
    require_perm(request, "mobility.change_agreement", condition.agreement)
    services.condition_delete(by=request.user, condition=condition)
    return Status(204, None)


# Calls of a sending office ---------------------------------------------------------------


class CallIn(Schema):
    sending: int
    host: int
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    seats: int
    deadline: datetime
    min_language: str = ""
    eqf_level: int | None = None
    isced_code: str = ""
    blended: bool = False
    weight_grades: Decimal = Decimal("0.5")
    weight_language: Decimal = Decimal("0.3")
    weight_interview: Decimal = Decimal("0.2")


class CallPatch(Schema):
    host: int | None = None
    kind: str | None = None
    title_zh: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    seats: int | None = None
    deadline: datetime | None = None
    min_language: str | None = None
    eqf_level: int | None = None
    isced_code: str | None = None
    blended: bool | None = None
    weight_grades: Decimal | None = None
    weight_language: Decimal | None = None
    weight_interview: Decimal | None = None


class CallDetailOut(CallOut):
    agreement: int
    sending: int
    host: int
    min_language: str
    eqf_level: int | None
    isced_code: str
    blended: bool
    weight_grades: Decimal
    weight_language: Decimal
    weight_interview: Decimal

    @staticmethod
    def resolve_agreement(obj):
        return obj.agreement_id

    @staticmethod
    def resolve_sending(obj):
        return obj.sending_id

    @staticmethod
    def resolve_host(obj):
        return obj.host_id


@router.post("/agreements/{pk}/calls", response={201: CallDetailOut, **WRITE_ERRORS})
def call_create(request, pk: int, payload: CallIn):
    """A partner's office opens a call under the agreement; it sends, another partner hosts."""
    agreement = get_object_or_404(Agreement, pk=pk)
    require_perm(request, "mobility.open_call", agreement)
    sending, host = _organisations([payload.sending])[0], _organisations([payload.host])[0]
    try:
        call = services.call_save(
            by=request.user,
            agreement=agreement,
            sending=sending,
            host=host,
            **payload.dict(exclude={"sending", "host"}),
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
    return Status(201, call)


@router.api_operation(
    ["PATCH", "POST"], "/calls/{pk}", response={200: CallDetailOut, **WRITE_ERRORS}
)
def call_update(request, pk: int, payload: CallPatch):
    """The sending office changes the fields given (only seats once one is nominated)."""
    call = get_object_or_404(Call.objects.select_related("agreement", "sending", "host"), pk=pk)
    require_perm(request, "mobility.manage_call", call)
    data = {name: getattr(call, name) for name in CallPatch.model_fields}
    given = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "host" in given:
        given["host"] = _organisations([given["host"]])[0]
    try:
        return services.call_save(
            by=request.user,
            agreement=call.agreement,
            sending=call.sending,
            call=call,
            **(data | given),
        )
    except services.MobilityError as exc:
        raise refused(exc) from None
