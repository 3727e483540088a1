# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the talent module and the visibility rules they share."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from amur.core.permissions import MEMBER, organisations_where
from amur.talent.enums import NeedStatus, Visibility
from amur.talent.models import (
    Candidate,
    LanguageCredential,
    Need,
    Profile,
    Task,
    TrainingEnrolment,
)


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Profiles ``user`` may see: public ones, members-only ones when signed in, and
    their own.  A hidden profile appears in no list, search, match, API answer or export,
    for anyone but its person."""
    if not getattr(user, "is_authenticated", False):
        return Profile.objects.filter(visibility=Visibility.PUBLIC)
    return Profile.objects.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]) | Q(person__user=user)
    )


def profiles_listed_to(user) -> QuerySet[Profile]:
    """Profiles shown in lists, matches and exports: never a hidden one, not even one's own
    (so, unlike ``profiles_visible_to``, no join to the person: ranking the whole pool for
    a need reads the profiles alone)."""
    if not getattr(user, "is_authenticated", False):
        return Profile.objects.filter(visibility=Visibility.PUBLIC)
    return Profile.objects.filter(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])


def profile_get_for(user, *, pk: int) -> Profile:
    try:
        return profiles_visible_to(user).select_related("person", "place").get(pk=pk)
    except Profile.DoesNotExist:
        raise Http404 from None


def listed_profile_get_for(user, *, pk, exclude: Profile | None = None) -> Profile:
    """A profile picked from the pool (to shortlist, offer a task, review, merge): one
    ``profiles_listed_to(user)`` holds, never a hidden one, not even one's own, nor
    ``exclude``; 404 otherwise."""
    qs = profiles_listed_to(user).select_related("person")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    profile = qs.filter(pk=pk).first()
    if profile is None:
        raise Http404
    return profile


def credential_get_for(user, *, pk: int) -> LanguageCredential:
    """One of the user's own language credentials; anyone else's is a 404."""
    credential = LanguageCredential.objects.filter(
        pk=pk, person__user_id=getattr(user, "pk", None)
    ).first()
    if credential is None:
        raise Http404
    return credential


def duplicates_flagged(user) -> QuerySet[Profile]:
    """Profiles flagged as probably the same person as another, for those who merge them
    (never a hidden one: the merge pages show both profiles side by side)."""
    return (
        profiles_listed_to(user)
        .filter(duplicate_of__isnull=False)
        .exclude(duplicate_of__visibility=Visibility.HIDDEN)
        .select_related("person", "duplicate_of__person")
        .order_by("id")
    )


def profile_merge_summary(profile: Profile) -> dict:
    """What a profile holds that a merge moves, counted."""
    from amur.mobility.models import ExpertEngagement

    return {
        "credentials": list(credentials_of(profile)),
        "skills": list(profile.skills.all()),
        "tasks": Task.objects.filter(assignee=profile).count(),
        "reviews": Task.objects.filter(reviewer=profile).count(),
        "candidacies": profile.candidacies.count(),
        "enrolments": profile.enrolments.count(),
        "engagements": ExpertEngagement.objects.filter(person_id=profile.person_id).count(),
    }


def profile_of(user) -> Profile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Profile.objects.filter(person__user=user).select_related("person").first()


def needs_visible_to(user) -> QuerySet[Need]:
    """Open needs are public; closed ones only to their organisation's people and staff."""
    if getattr(user, "is_staff", False):
        return Need.objects.all()
    return Need.objects.filter(
        Q(status=NeedStatus.OPEN) | Q(organisation_id__in=organisations_where(user, MEMBER))
    )


def need_get_for(user, *, pk: int) -> Need:
    try:
        return needs_visible_to(user).select_related("organisation", "field", "place").get(pk=pk)
    except Need.DoesNotExist:
        raise Http404 from None


def candidate_get_for(user, *, pk: int) -> Candidate:
    """A candidate on a need's shortlist, seen by whoever sees the need (404 otherwise);
    acting on it is asked of ``rules.py``."""
    candidate = Candidate.objects.select_related("need", "profile__person").filter(pk=pk).first()
    if candidate is None:
        raise Http404
    need_get_for(user, pk=candidate.need_id)
    return candidate


def own_candidacy_get_for(user, *, pk: int) -> Candidate:
    """A candidacy of the user's own profile (to confirm its declaration): the shortlisted
    person alone finds it, anyone else gets a 404."""
    candidate = (
        Candidate.objects.select_related("need__organisation", "profile__person")
        .filter(pk=pk, profile__person__user_id=getattr(user, "pk", None))
        .first()
    )
    if candidate is None:
        raise Http404
    return candidate


def tasks_visible_to(user) -> QuerySet[Task]:
    """A task is seen by its organisation's people, its translator and reviewer, and
    staff; unassigned non-confidential drafts are listed to signed-in people looking for
    work."""
    if getattr(user, "is_staff", False):
        return Task.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Task.objects.none()
    return Task.objects.filter(
        Q(organisation_id__in=organisations_where(user, MEMBER))
        | Q(assignee__person__user=user)
        | Q(reviewer__person__user=user)
        | Q(confidential=False, status="draft", assignee__isnull=True)
    )


def task_get_for(user, *, pk: int) -> Task:
    try:
        return tasks_visible_to(user).select_related("organisation", "assignee__person").get(pk=pk)
    except Task.DoesNotExist:
        raise Http404 from None


def enrolment_get_for(user, *, pk: int) -> TrainingEnrolment:
    """An enrolment in a training offer, with the offer, profile and registration (offers
    are public); who may withdraw or complete it is asked after the lookup."""
    enrolment = (
        TrainingEnrolment.objects.select_related("offer", "profile", "registration")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def profiles_search(
    user,
    q: str | None = None,
    *,
    language: str | None = None,
    min_level: int | None = None,
    skill=None,
    place=None,
) -> QuerySet[Profile]:
    """The pool as ``user`` may list it, narrowed by name, language level, skill, place."""
    from django.db.models import Exists, OuterRef

    from amur.core.search import search_filter
    from amur.talent.models import LanguageCredential

    qs = profiles_listed_to(user)
    if q:
        qs = qs.filter(search_filter(q))
    if language:
        credentials = LanguageCredential.objects.filter(
            person_id=OuterRef("person_id"), language=language
        )
        if min_level:
            credentials = credentials.filter(level_official__gte=min_level)
        qs = qs.filter(Exists(credentials))
    if skill is not None:
        qs = qs.filter(skills=skill)
    if place is not None:
        qs = qs.filter(Q(place=place) | Q(place__parent=place))
    return qs.select_related("person", "place").order_by("id")


def credentials_of(profile: Profile):
    from amur.talent.models import LanguageCredential

    return LanguageCredential.objects.filter(person_id=profile.person_id).order_by(
        "language", "-level_official", "id"
    )


def needs_search(user, q: str | None = None, *, kind: str | None = None) -> QuerySet[Need]:
    from amur.core.search import search_filter

    qs = needs_visible_to(user)
    if q:
        qs = qs.filter(search_filter(q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("organisation", "field", "place")


def candidates_of(need: Need):
    return need.candidates.select_related("profile__person", "engagement").order_by(
        "created_at", "id"
    )


def my_candidacies(user):
    from amur.talent.models import Candidate

    return (
        Candidate.objects.filter(profile__person__user=user)
        .select_related("need__organisation")
        .order_by("-created_at")
    )


def my_tasks(user) -> QuerySet[Task]:
    if not getattr(user, "is_authenticated", False):
        return Task.objects.none()
    return (
        Task.objects.filter(Q(assignee__person__user=user) | Q(reviewer__person__user=user))
        .select_related("organisation")
        .order_by("-created_at")
    )


def open_tasks_for_matching(user) -> QuerySet[Task]:
    """Tasks a person may be matched to: unassigned drafts they may see."""
    return tasks_visible_to(user).filter(status="draft", assignee__isnull=True)


def event_tasks(event) -> list[Task]:
    """The interpreting tasks stated for ``event``, for its organisers' page."""
    return list(
        Task.objects.filter(event=event).select_related("assignee__person").order_by("start", "id")
    )


def translation_credits(obj) -> list[Task]:
    """Published translations of ``obj``'s texts, with their translator and reviewer."""
    return list(
        Task.objects.filter(
            content_type=obj._meta.label_lower, content_id=obj.pk, published_at__isnull=False
        )
        .select_related("assignee__person", "reviewer__person")
        .order_by("content_field", "target_language")
    )


def platform_translations(user) -> QuerySet[Task]:
    """Open translation tasks of the platform's own texts, for people looking for work."""
    return (
        tasks_visible_to(user)
        .exclude(content_type="")
        .filter(status="draft", assignee__isnull=True)
        .select_related("organisation")
        .order_by("source_language", "target_language", "id")
    )


def training_offers():
    from amur.talent.models import TrainingOffer

    return TrainingOffer.objects.select_related("organisation", "event__place", "skill").order_by(
        "event__start", "id"
    )


def training_get(*, pk: int):
    from amur.talent.models import TrainingOffer

    try:
        return training_offers().get(pk=pk)
    except TrainingOffer.DoesNotExist:
        raise Http404 from None


def enrolments_of(offer):
    return offer.enrolments.select_related(
        "profile__person", "registration", "credential"
    ).order_by("registration__status", "created_at", "id")
