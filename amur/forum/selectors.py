# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the forum: visible editions, the submissions a user may open, blind views."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from amur.core.permissions import EDITOR, organisations_where
from amur.events.selectors import events_visible_to
from amur.forum.enums import ConflictSource, SubmissionStatus
from amur.forum.models import (
    LANGUAGES,
    Assignment,
    Authorship,
    Conflict,
    Edition,
    Reviewer,
    Submission,
)
from amur.forum.names import identity_patterns, redact, sightings


def editions_visible_to(user) -> QuerySet[Edition]:
    """Editions whose event the user may see (drafts only for the host's editors)."""
    events = events_visible_to(user).values("pk")
    return Edition.objects.filter(event__in=events).select_related("forum", "event", "event__place")


def edition_get_for(user, *, slug: str) -> Edition:
    edition = editions_visible_to(user).filter(event__slug=slug).first()
    if edition is None:
        raise Http404
    return edition


def _manages(user, edition: Edition) -> bool:
    return user.has_perm("forum.manage_edition", edition)


def submissions_visible_to(user, edition: Edition) -> QuerySet[Submission]:
    """All for the edition's managers; a convener's tracks; a reviewer's assignments without
    a conflict; an author's own.  Never another track's submissions for a reviewer."""
    qs = Submission.objects.filter(edition=edition).select_related("track", "author")
    if not user.is_authenticated:
        return qs.none()
    if _manages(user, edition):
        return qs
    conflicted = Conflict.objects.filter(person__user=user).values("submission_id")
    convened = edition.committee.filter(person__user=user, role="convener").values("track_id")
    own = Q(author=user) | Q(authors__person__user=user)
    reviewing = Q(assignments__reviewer__person__user=user) & ~Q(pk__in=conflicted)
    visible = own | reviewing | (Q(track__in=convened) & ~Q(status=SubmissionStatus.DRAFT))
    return qs.filter(visible).distinct()


def submission_get_for(user, *, pk: int) -> Submission:
    submission = Submission.objects.filter(pk=pk).select_related("edition").first()
    if submission is None or not user.has_perm("forum.view_submission", submission):
        raise Http404
    return submission


def own_assignment_get_for(user, *, submission: Submission) -> Assignment:
    """The user's own assignment to review ``submission`` (which ``submission_get_for``
    found); 404 for anyone not assigned."""
    assignment = (
        Assignment.objects.select_related("reviewer__track")
        .filter(submission=submission, reviewer__person__user_id=getattr(user, "pk", None))
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def assignment_get_for(user, *, submission: Submission, pk) -> Assignment:
    """An assignment of ``submission`` (for its chair, who asks ``forum.manage_edition``
    after the lookup); 404 when the submission has no such assignment."""
    assignment = Assignment.objects.filter(pk=pk, submission=submission).first()
    if assignment is None:
        raise Http404
    return assignment


def reviewer_get_for(user, *, submission: Submission, pk) -> Reviewer:
    """A reviewer of the pool of ``submission``'s track; 404 for any other."""
    reviewer = Reviewer.objects.filter(pk=pk, track_id=submission.track_id).first()
    if reviewer is None:
        raise Http404
    return reviewer


def editions_managed_by(user) -> list[int]:
    return organisations_where(user, EDITOR)


# Blind views ----------------------------------------------------------------------------


@dataclass
class Version:
    language: str
    title: str
    abstract: str
    keywords: str
    origin: str
    person: object | None
    leaks: list[str]


def _patterns(submission: Submission):
    authorships = list(submission.authors.select_related("person", "organisation"))
    people = [a.person for a in authorships]
    organisations = [a.organisation for a in authorships if a.organisation_id]
    for person in people:
        organisations += [
            a.organisation for a in person.affiliations.select_related("organisation")
        ]
    return identity_patterns(people, organisations)


def identity_leaks(submission: Submission) -> dict[str, list[str]]:
    """For each language version, the author names or affiliations its text still shows."""
    patterns = _patterns(submission)
    leaks = {}
    for lang in LANGUAGES:
        text = " ".join(
            getattr(submission, f"{field}_{lang}") or ""
            for field in ("title", "abstract", "keywords")
        )
        found = sightings(text, patterns)
        if found:
            leaks[lang] = sorted(set(found))
    return leaks


def versions_for(user, submission: Submission) -> list[Version]:
    """The language versions as ``user`` may read them: in a blind edition a reviewer
    reads every version with names, affiliations and translators' names masked."""
    hide = not user.has_perm("forum.view_authors", submission)
    patterns = _patterns(submission)
    origins = {v.language: v for v in submission.versions.select_related("person")}
    found = []
    for lang in LANGUAGES:
        texts = {
            f: getattr(submission, f"{f}_{lang}") or "" for f in ("title", "abstract", "keywords")
        }
        if not (texts["title"] or texts["abstract"]) and lang == "en":
            continue
        leaks = sightings(" ".join(texts.values()), patterns)
        if hide:
            texts = {f: redact(t, patterns) for f, t in texts.items()}
        version = origins.get(lang)
        found.append(
            Version(
                language=lang,
                title=texts["title"],
                abstract=texts["abstract"],
                keywords=texts["keywords"],
                origin=version.origin
                if version
                else ("author" if lang == submission.language else "missing"),
                person=None if hide or version is None else version.person,
                leaks=[] if hide else sorted(set(leaks)),
            )
        )
    return found


def authors_for(user, submission: Submission) -> list:
    """Authorships with their affiliations, or nothing when hidden from ``user``."""
    if not user.has_perm("forum.view_authors", submission):
        return []
    return list(submission.authors.select_related("person", "organisation"))


def conflicts_of(submission: Submission) -> QuerySet[Conflict]:
    return submission.conflicts.select_related("person").order_by("person_id", "source")


DETECTED = [s for s in ConflictSource.values if s != ConflictSource.DECLARED]


# The observatory's view -------------------------------------------------------------------


def _presenting(field: str) -> Subquery:
    """``field`` of the presenting author's affiliation (the first author when none is
    marked as presenting)."""
    first = Authorship.objects.filter(submission=OuterRef("pk")).order_by(
        "-presenter", "position", "id"
    )
    return Subquery(first.values(field)[:1])


def accepted_papers() -> QuerySet[Submission]:
    """Accepted papers annotated with what the observatory counts them by.

    ``field_key``: the field of the paper's track; ``sector``, ``org_kind``, ``organisation_id``:
    those of the presenting author's affiliation; ``direction``: which way the work moves —
    authors affiliated in both countries make a joint paper, otherwise Chinese affiliations
    bring Chinese work before Russian readers (cn_ru) and Russian ones the reverse (ru_cn);
    with no affiliation's country known, the author's language decides (zh → cn_ru).
    """
    by_country = {
        code: Exists(
            Authorship.objects.filter(
                submission=OuterRef("pk"), organisation__place__country_code=code
            )
        )
        for code in ("CN", "RU")
    }
    direction = Case(
        When(cn_author=True, ru_author=True, then=Value("joint")),
        When(cn_author=True, then=Value("cn_ru")),
        When(ru_author=True, then=Value("ru_cn")),
        When(language="zh", then=Value("cn_ru")),
        default=Value("ru_cn"),
        output_field=CharField(),
    )
    return (
        Submission.objects.filter(status=SubmissionStatus.ACCEPTED)
        .annotate(cn_author=by_country["CN"], ru_author=by_country["RU"])
        .annotate(
            direction=direction,
            field_key=Coalesce(F("track__field__key"), Value("")),
            sector=Coalesce(_presenting("organisation__sector"), Value("")),
            org_kind=Coalesce(_presenting("organisation__kind"), Value("")),
            organisation_id=_presenting("organisation_id"),
        )
        .order_by()
    )
