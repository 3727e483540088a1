# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Talent API: profiles, needs, tasks and matches under the same rules as the pages.

A hidden profile is in no answer but its own person's ``/me/profile``; a members-only one
is never given to an anonymous caller.  A refused service call answers 409 with the
service's message (``amur.api``'s handler for domain errors).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import (
    WRITE_ERRORS,
    ApiError,
    ErrorOut,
    Pagination,
    require_perm,
    require_user,
)
from amur.core.models import FieldOfExchange, Place
from amur.core.pagecache import ALL, public_api
from amur.directory.models import Organisation
from amur.directory.selectors import organisation_get_for
from amur.resources import selectors as resources_selectors
from amur.talent import levels, matching, selectors, services
from amur.talent.models import Skill

router = Router(tags=["talent"])


class EquivalentOut(Schema):
    level: str
    source: str


class CredentialOut(Schema):
    id: int
    language: str
    scheme: str
    level: str
    skill: str
    mode: str
    evidence: str
    issued_on: date | None
    comparable: list[EquivalentOut]

    @staticmethod
    def resolve_comparable(obj):
        return [{"level": e.label, "source": e.source} for e in obj.equivalents]


class ProfileOut(Schema):
    id: int
    name: str
    name_latin: str
    headline_zh: str
    headline_ru: str
    headline_en: str
    place: str | None
    skills: list[str]
    experience_years: int
    willing_to_travel: bool
    available_from: date | None
    available_until: date | None
    rating_average: float | None
    rating_count: int

    @staticmethod
    def resolve_name(obj):
        return obj.person.name

    @staticmethod
    def resolve_name_latin(obj):
        return obj.person.name_latin

    @staticmethod
    def resolve_place(obj):
        return obj.place.key if obj.place_id else None

    @staticmethod
    def resolve_skills(obj):
        return [s.key for s in obj.skills.all()]


class ProfileDetailOut(ProfileOut):
    visibility: str
    fields: list[str]
    credentials: list[CredentialOut]

    @staticmethod
    def resolve_fields(obj):
        return [f.key for f in obj.fields.all()]

    @staticmethod
    def resolve_credentials(obj):
        return list(selectors.credentials_of(obj))


class ProfileIn(Schema):
    visibility: str | None = None
    headline_zh: str | None = None
    headline_ru: str | None = None
    headline_en: str | None = None
    experience_years: int | None = None
    place: str | None = None
    willing_to_travel: bool | None = None
    available_from: date | None = None
    available_until: date | None = None
    max_concurrent: int | None = None
    fields: list[str] | None = None
    skills: list[str] | None = None


class CredentialIn(Schema):
    language: str
    scheme: str
    level: str
    skill: str = "overall"
    mode: str = ""
    evidence: str = ""
    issued_on: date | None = None


def _lookup(model, key: str | None, what: str):
    if not key:
        return None
    found = model.objects.filter(key=key).first()
    if found is None:
        message = _("Unknown %(what)s “%(key)s”.") % {"what": what, "key": key}
        raise ApiError(422, "invalid", message)
    return found


@router.get("/profiles", response=list[ProfileOut])
@public_api(*ALL)
@paginate(Pagination)
def profile_list(
    request,
    q: str | None = None,
    language: str | None = None,
    min_level: str | None = None,
    skill: str | None = None,
    place: str | None = None,
):
    """The pool as the caller may list it (``min_level`` as A1 … C2 or native)."""
    rank = None
    if min_level:
        try:
            rank = levels.rank_of_label(min_level)
        except ValueError:
            raise ApiError(422, "invalid", _("Unknown level.")) from None
    return selectors.profiles_search(
        request.user,
        q,
        language=language,
        min_level=rank,
        skill=_lookup(Skill, skill, _("skill")),
        place=_lookup(Place, place, _("place")),
    ).prefetch_related("skills")


@router.get("/profiles/{pk}", response={200: ProfileDetailOut, 404: ErrorOut})
def profile_detail(request, pk: int):
    return selectors.profile_get_for(request.user, pk=pk)


class MergeIn(Schema):
    keep: int


@router.post("/profiles/{pk}/merge", response={200: ProfileDetailOut, **WRITE_ERRORS})
def profile_merge(request, pk: int, payload: MergeIn):
    """Merge profile ``pk`` into profile ``keep`` (one person entered twice): everything
    ``pk`` holds moves to ``keep`` (``services.profile_merge``).  Staff only."""
    require_perm(request, "talent.merge_profiles")
    drop = selectors.listed_profile_get_for(request.user, pk=pk)
    keep = selectors.listed_profile_get_for(request.user, pk=payload.keep)
    return services.profile_merge(keep=keep, drop=drop, by=request.user)


@router.get("/me/profile", response={200: ProfileDetailOut, 401: ErrorOut, 404: ErrorOut})
def my_profile(request):
    require_user(request)
    profile = selectors.profile_of(request.user)
    if profile is None:
        raise ApiError(404, "not_found", _("You have no talent profile yet."))
    return profile


@router.put("/me/profile", response={200: ProfileDetailOut, **WRITE_ERRORS, 422: ErrorOut})
def my_profile_save(request, payload: ProfileIn):
    """Create or change the caller's own profile (only ever the caller's)."""
    from amur.forum.services import person_for_user

    require_user(request)
    data = payload.dict(exclude_unset=True)
    if "place" in data:
        data["place"] = _lookup(Place, data["place"], _("place"))
    if data.get("fields") is not None:
        data["fields"] = list(FieldOfExchange.objects.filter(key__in=data["fields"]))
    if data.get("skills") is not None:
        data["skills"] = list(Skill.objects.filter(key__in=data["skills"]))
    data = {k: v for k, v in data.items() if v is not None or k in ("place",)}
    return services.profile_save(person=person_for_user(request.user), by=request.user, **data)


@router.post("/me/credentials", response={201: CredentialOut, **WRITE_ERRORS})
def my_credential_add(request, payload: CredentialIn):
    from amur.forum.services import person_for_user

    require_user(request)
    credential = services.credential_add(
        person=person_for_user(request.user), by=request.user, **payload.dict()
    )
    return Status(201, credential)


@router.delete("/me/credentials/{pk}", response={204: None, **WRITE_ERRORS})
def my_credential_remove(request, pk: int):
    require_user(request)
    credential = selectors.credential_get_for(request.user, pk=pk)
    services.credential_remove(credential=credential, by=request.user)
    return Status(204, None)


# -- needs ------------------------------------------------------------------------------


class RequirementOut(Schema):
    language: str
    skill: str
    min_level: str
    required: bool

    @staticmethod
    def resolve_min_level(obj):
        return levels.CEFR_LABELS[obj.min_level]


class RequirementIn(Schema):
    language: str
    min_level: str
    skill: str = "overall"
    required: bool = True


class NeedOut(Schema):
    id: int
    organisation: str
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    headcount: int
    in_post: int
    place: str | None
    remote: bool
    start: date | None
    end: date | None
    status: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug or str(obj.organisation_id)

    @staticmethod
    def resolve_place(obj):
        return obj.place.key if obj.place_id else None


class NeedDetailOut(NeedOut):
    description_zh: str
    description_ru: str
    description_en: str
    field: str | None
    filled: int
    requirements: list[RequirementOut]
    required_skills: list[str]
    preferred_skills: list[str]

    @staticmethod
    def resolve_field(obj):
        return obj.field.key if obj.field_id else None

    @staticmethod
    def resolve_filled(obj):
        return services.need_filled(obj)

    @staticmethod
    def resolve_requirements(obj):
        return list(obj.requirements.all())

    @staticmethod
    def resolve_required_skills(obj):
        return [s.key for s in obj.required_skills.all()]

    @staticmethod
    def resolve_preferred_skills(obj):
        return [s.key for s in obj.preferred_skills.all()]


class _StatedIn(Schema):
    organisation: int
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    field: str | None = None
    place: str | None = None
    start: date | None = None
    end: date | None = None
    requirements: list[RequirementIn] = []


class NeedIn(_StatedIn):
    description_zh: str = ""
    description_ru: str = ""
    description_en: str = ""
    headcount: int = 1
    in_post: int = 0
    remote: bool = False
    required_skills: list[str] = []
    preferred_skills: list[str] = []


def _stated(request, payload: _StatedIn, permission: str) -> tuple[Organisation, dict]:
    """The organisation (the caller must hold ``permission`` there) and the values."""
    organisation = organisation_get_for(request.user, pk=payload.organisation)
    require_perm(request, permission, organisation)
    data = payload.dict()
    data.pop("organisation")
    data["field"] = _lookup(FieldOfExchange, data["field"], _("field"))
    data["place"] = _lookup(Place, data["place"], _("place"))
    data["requirements"] = [dict(r) for r in data["requirements"]]
    return organisation, data


class ItemOut(Schema):
    criterion: str
    label: str
    met: bool
    required: bool


class MatchOut(Schema):
    profile: ProfileOut
    score: float
    points: dict[str, float]
    met: list[ItemOut]
    missing: list[ItemOut]
    load: int


@router.get("/needs", response=list[NeedOut])
@public_api(*ALL)
@paginate(Pagination)
def need_list(request, q: str | None = None, kind: str | None = None):
    """Open needs (and, for its people, an organisation's closed ones)."""
    return selectors.needs_search(request.user, q, kind=kind)


@router.get("/needs/{pk}", response={200: NeedDetailOut, 404: ErrorOut})
def need_detail(request, pk: int):
    return selectors.need_get_for(request.user, pk=pk)


@router.post("/needs", response={201: NeedDetailOut, **WRITE_ERRORS, 422: ErrorOut})
def need_create(request, payload: NeedIn):
    organisation, data = _stated(request, payload, "talent.change_need")
    data["required_skills"] = list(Skill.objects.filter(key__in=data["required_skills"]))
    data["preferred_skills"] = list(Skill.objects.filter(key__in=data["preferred_skills"]))
    need = services.need_create(organisation=organisation, by=request.user, **data)
    return Status(201, need)


@router.get("/needs/{pk}/candidates", response={200: list[MatchOut], 401: ErrorOut, 403: ErrorOut})
def need_candidates(request, pk: int, limit: int = 50):
    """Explained candidates for the need's organisation: who meets every requirement, best
    first, with what is met and what is missing."""
    need = selectors.need_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_need", need)
    return matching.candidates_for(
        need, selectors.profiles_listed_to(request.user), limit=min(limit, 200)
    )


class CandidateOut(Schema):
    id: int
    need: int
    profile: int
    name: str
    stage: str
    declaration_confirmed_at: datetime | None

    @staticmethod
    def resolve_need(obj):
        return obj.need_id

    @staticmethod
    def resolve_profile(obj):
        return obj.profile_id

    @staticmethod
    def resolve_name(obj):
        return obj.profile.person.name


class ShortlistIn(Schema):
    profile: int


class StageIn(Schema):
    stage: str


class DeclarationIn(Schema):
    text: str = ""


@router.get("/needs/{pk}/shortlist", response={200: list[CandidateOut], **WRITE_ERRORS})
def need_shortlist(request, pk: int):
    need = selectors.need_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_need", need)
    return list(selectors.candidates_of(need))


@router.post("/needs/{pk}/shortlist", response={201: CandidateOut, **WRITE_ERRORS})
def shortlist_add(request, pk: int, payload: ShortlistIn):
    need = selectors.need_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_need", need)
    profile = selectors.listed_profile_get_for(request.user, pk=payload.profile)
    return Status(201, services.candidate_shortlist(need=need, profile=profile, by=request.user))


@router.post("/candidates/{pk}/advance", response={200: CandidateOut, **WRITE_ERRORS})
def candidate_advance(request, pk: int, payload: StageIn):
    candidate = selectors.candidate_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_need", candidate.need)
    return services.candidate_advance(candidate=candidate, stage=payload.stage, by=request.user)


@router.post("/candidates/{pk}/declaration", response={200: CandidateOut, **WRITE_ERRORS})
def declaration_confirm(request, pk: int, payload: DeclarationIn):
    """Only the shortlisted person confirms their declaration; anyone else gets 404."""
    require_user(request)
    candidate = selectors.own_candidacy_get_for(request.user, pk=pk)
    return services.declaration_confirm(candidate=candidate, by=request.user, text=payload.text)


# -- tasks ------------------------------------------------------------------------------


class TaskOut(Schema):
    id: int
    organisation: str
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    source_language: str
    target_language: str
    volume: int | None
    volume_unit: str
    start: date | None
    end: date | None
    online: bool
    confidential: bool
    status: str
    assignee: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug or str(obj.organisation_id)

    @staticmethod
    def resolve_assignee(obj):
        return obj.assignee_id


class GlossaryEntryOut(Schema):
    entry_id: str
    source: str
    target: str
    part_of_speech: str


class TaskDetailOut(TaskOut):
    requirements: list[RequirementOut]
    cap_override_reason: str
    content_type: str
    content_id: int | None
    content_field: str
    reviewer: int | None
    published_at: datetime | None
    field: str | None
    glossary: list[GlossaryEntryOut]
    resource: int | None

    @staticmethod
    def resolve_reviewer(obj):
        return obj.reviewer_id

    @staticmethod
    def resolve_field(obj):
        return obj.field.key if obj.field_id else None

    @staticmethod
    def resolve_resource(obj, context):
        """The shared resource the task translates, when the caller may see it."""
        proposal = resources_selectors.proposal_for_task(obj, context["request"].user)
        return proposal.resource_id if proposal else None

    @staticmethod
    def resolve_glossary(obj):
        """The termbase's approved terms of the task's field, source → target."""
        return resources_selectors.task_glossary(
            obj.field.key if obj.field_id else None, obj.source_language, obj.target_language
        )

    @staticmethod
    def resolve_requirements(obj):
        return list(obj.requirements.all())


class TaskIn(_StatedIn):
    source_language: str
    target_language: str
    volume: int | None = None
    volume_unit: str = ""
    online: bool = False
    confidential: bool = False
    source_text: str = ""


class OfferIn(Schema):
    profile: int
    override_reason: str = ""


class DeliverIn(Schema):
    text: str = ""


class RateIn(Schema):
    score: int
    comment: str = ""


class RatingOut(Schema):
    side: str
    score: int
    comment: str


@router.get("/tasks", response=list[TaskOut])
@paginate(Pagination)
def task_list(request, status: str | None = None):
    tasks = selectors.tasks_visible_to(request.user).select_related("organisation")
    return tasks.filter(status=status) if status else tasks


@router.get("/tasks/{pk}", response={200: TaskDetailOut, 404: ErrorOut})
def task_detail(request, pk: int):
    return selectors.task_get_for(request.user, pk=pk)


@router.post("/tasks", response={201: TaskDetailOut, **WRITE_ERRORS, 422: ErrorOut})
def task_create(request, payload: TaskIn):
    organisation, data = _stated(request, payload, "talent.change_task")
    return Status(201, services.task_create(organisation=organisation, by=request.user, **data))


@router.get("/tasks/{pk}/candidates", response={200: list[MatchOut], 401: ErrorOut, 403: ErrorOut})
def task_candidates(request, pk: int, limit: int = 50):
    task = selectors.task_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_task", task)
    return matching.candidates_for(
        task, selectors.profiles_listed_to(request.user), limit=min(limit, 200)
    )


@router.post("/tasks/{pk}/offer", response={200: TaskDetailOut, **WRITE_ERRORS})
def task_offer(request, pk: int, payload: OfferIn):
    task = selectors.task_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_task", task)
    profile = selectors.listed_profile_get_for(request.user, pk=payload.profile)
    return services.task_offer(
        task=task, profile=profile, by=request.user, override_reason=payload.override_reason
    )


def _own_task(request, pk: int):
    require_user(request)
    return selectors.task_get_for(request.user, pk=pk)


@router.post("/tasks/{pk}/accept", response={200: TaskDetailOut, **WRITE_ERRORS})
def task_accept(request, pk: int):
    return services.task_accept(task=_own_task(request, pk), by=request.user)


@router.post("/tasks/{pk}/decline", response={200: TaskDetailOut, **WRITE_ERRORS})
def task_decline(request, pk: int):
    return services.task_decline(task=_own_task(request, pk), by=request.user)


@router.post("/tasks/{pk}/deliver", response={200: TaskDetailOut, **WRITE_ERRORS})
def task_deliver(request, pk: int, payload: DeliverIn):
    return services.task_deliver(task=_own_task(request, pk), by=request.user, text=payload.text)


@router.post("/tasks/{pk}/rate", response={201: RatingOut, **WRITE_ERRORS})
def task_rate(request, pk: int, payload: RateIn):
    rating = services.task_rate(
        task=_own_task(request, pk), by=request.user, score=payload.score, comment=payload.comment
    )
    return Status(201, rating)


@router.post("/tasks/{pk}/cancel", response={200: TaskDetailOut, **WRITE_ERRORS})
def task_cancel(request, pk: int):
    task = selectors.task_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_task", task)
    return services.task_cancel(task=task, by=request.user)


class ReviewerIn(Schema):
    profile: int


class ReviewIn(Schema):
    approve: bool
    text: str = ""
    note: str = ""


@router.post("/tasks/{pk}/reviewer", response={200: TaskDetailOut, **WRITE_ERRORS})
def review_assign(request, pk: int, payload: ReviewerIn):
    """The organisation names a second qualified person (never the translator)."""
    task = selectors.task_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_task", task)
    reviewer = selectors.listed_profile_get_for(request.user, pk=payload.profile)
    return services.review_assign(task=task, reviewer=reviewer, by=request.user)


@router.post("/tasks/{pk}/review", response={200: TaskDetailOut, **WRITE_ERRORS})
def translation_review(request, pk: int, payload: ReviewIn):
    """The named reviewer approves (publishes, crediting the translator) or returns it."""
    return services.translation_review(
        task=_own_task(request, pk),
        by=request.user,
        approve=payload.approve,
        text=payload.text,
        note=payload.note,
    )


@router.get("/translations", response=list[TaskOut])
@paginate(Pagination)
def translation_list(request):
    """Open translation tasks of the platform's own texts the caller may see."""
    return selectors.platform_translations(request.user)


# -- a person's matches -----------------------------------------------------------------


class OpeningOut(Schema):
    type: str
    id: int
    title: str
    organisation: str
    score: float
    met: list[ItemOut]
    missing: list[ItemOut]


@router.get("/me/matches", response={200: list[OpeningOut], 401: ErrorOut})
def my_matches(request):
    """Needs and tasks the caller qualifies for, each with what is met and missing."""
    from amur.core.i18n import localised_text

    require_user(request)
    profile = selectors.profile_of(request.user)
    if profile is None:
        return []
    openings = matching.openings_for(
        profile,
        selectors.needs_visible_to(request.user).filter(status="open"),
        selectors.open_tasks_for_matching(request.user),
    )
    return [
        {
            "type": obj._meta.model_name,
            "id": obj.pk,
            "title": localised_text(obj, "title"),
            "organisation": obj.organisation.slug or str(obj.organisation_id),
            "score": match.score,
            "met": match.met,
            "missing": match.missing,
        }
        for obj, match in openings
    ]


# -- training offers --------------------------------------------------------------------


class TrainingOut(Schema):
    id: int
    organisation: str
    title_zh: str
    title_ru: str
    title_en: str
    language: str
    entry_level: str
    skill: str | None
    start: datetime
    end: datetime
    place: str | None
    seats: int | None
    seats_taken: int
    award: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug or str(obj.organisation_id)

    @staticmethod
    def resolve_title_zh(obj):
        return obj.event.title_zh

    @staticmethod
    def resolve_title_ru(obj):
        return obj.event.title_ru

    @staticmethod
    def resolve_title_en(obj):
        return obj.event.title_en

    @staticmethod
    def resolve_entry_level(obj):
        return obj.get_entry_level_label()

    @staticmethod
    def resolve_skill(obj):
        return obj.skill.key if obj.skill_id else None

    @staticmethod
    def resolve_start(obj):
        return obj.event.start

    @staticmethod
    def resolve_end(obj):
        return obj.event.end

    @staticmethod
    def resolve_place(obj):
        return obj.event.place.key if obj.event.place_id else None

    @staticmethod
    def resolve_seats(obj):
        return obj.event.modes.all()[0].capacity

    @staticmethod
    def resolve_seats_taken(obj):
        return obj.event.modes.all()[0].seats_taken

    @staticmethod
    def resolve_award(obj):
        return f"{obj.award_scheme} {obj.award_level} ({obj.award_skill})"


class TrainingIn(Schema):
    organisation: int
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    summary_zh: str = ""
    summary_ru: str = ""
    summary_en: str = ""
    language: str
    entry_level: str | None = None
    skill: str | None = None
    award_scheme: str
    award_level: str
    award_skill: str = "overall"
    start: datetime
    end: datetime
    seats: int | None = None
    place: str | None = None


class EnrolmentOut(Schema):
    id: int
    offer: int
    profile: int
    status: str
    completed_at: datetime | None

    @staticmethod
    def resolve_offer(obj):
        return obj.offer_id

    @staticmethod
    def resolve_profile(obj):
        return obj.profile_id

    @staticmethod
    def resolve_status(obj):
        return obj.registration.status


@router.get("/training", response=list[TrainingOut])
@public_api(*ALL)
@paginate(Pagination)
def training_list(request):
    return selectors.training_offers().prefetch_related("event__modes")


@router.get("/training/{pk}", response={200: TrainingOut, 404: ErrorOut})
def training_detail(request, pk: int):
    return selectors.training_get(pk=pk)


@router.post("/training", response={201: TrainingOut, **WRITE_ERRORS, 422: ErrorOut})
def training_create(request, payload: TrainingIn):
    organisation = organisation_get_for(request.user, pk=payload.organisation)
    require_perm(request, "talent.change_training", organisation)
    data = payload.dict()
    data.pop("organisation")
    data["skill"] = _lookup(Skill, data["skill"], _("skill"))
    data["place"] = _lookup(Place, data["place"], _("place"))
    try:
        data["entry_level"] = (
            levels.rank_of_label(data["entry_level"]) if data["entry_level"] else 0
        )
    except ValueError:
        raise ApiError(422, "invalid", _("Unknown level.")) from None
    offer = services.training_create(organisation=organisation, by=request.user, **data)
    return Status(201, offer)


@router.post("/training/{pk}/enrol", response={201: EnrolmentOut, **WRITE_ERRORS})
def training_enrol(request, pk: int):
    """The caller enrols themself (on the waiting list when the seats are taken)."""
    require_user(request)
    offer = selectors.training_get(pk=pk)
    profile = selectors.profile_of(request.user)
    if profile is None:
        raise ApiError(409, "refused", _("Create your talent profile first."))
    return Status(201, services.training_enrol(offer=offer, profile=profile, by=request.user))


@router.post("/enrolments/{pk}/withdraw", response={200: EnrolmentOut, **WRITE_ERRORS})
def training_withdraw(request, pk: int):
    require_user(request)
    enrolment = selectors.enrolment_get_for(request.user, pk=pk)
    require_perm(request, "talent.withdraw_enrolment", enrolment)
    services.training_withdraw(enrolment=enrolment, by=request.user)
    enrolment.registration.refresh_from_db()
    return enrolment


@router.post("/enrolments/{pk}/complete", response={200: EnrolmentOut, **WRITE_ERRORS})
def training_complete(request, pk: int):
    enrolment = selectors.enrolment_get_for(request.user, pk=pk)
    require_perm(request, "talent.change_training", enrolment.offer)
    return services.training_complete(enrolment=enrolment, by=request.user)


# -- reports ----------------------------------------------------------------------------


@router.get("/reports")
def report_summary(request) -> dict:
    """The pool's figures for the observatory: profiles by language pair, level, skill and
    place; compound-talent share; needs open against filled; tasks by direction with their
    fill rate; foreign experts against targets.  Numbers only, hidden profiles never count."""
    from amur.talent import reports as figures

    return figures.summary()
