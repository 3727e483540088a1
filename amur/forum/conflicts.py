# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Conflicts of interest between a reviewer and a submission, from the directory.

Detected: the reviewer is an author (the same person entered twice, in another script,
counts), shares a current organisation with an author, sits with an author on a governing
body of an alliance, co-authored with an author in the last N years (forum submissions
and catalogue records, names matched across scripts), supervised an author or was
supervised by one, or translated a version of the submission.  Declared conflicts are
``Conflict`` rows.  ``conflicts_refresh`` stores the detected ones so that pages, the
assignment and the permission to open a submission all read one table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from amur.core.names import name_forms, person_forms
from amur.forum.enums import ConflictSource, Origin, SubmissionStatus
from amur.forum.models import Authorship, Conflict, Edition, Submission, Supervision


@dataclass(frozen=True)
class Found:
    source: str
    detail: str


class Context:
    """Caches for one detection run: forms, organisations, bodies, co-author groups."""

    def __init__(self, edition: Edition, today: date | None = None):
        self.edition = edition
        self.today = today or date.today()
        self._forms: dict[int, set[str]] = {}
        self._orgs: dict[int, set[int]] = {}
        self._bodies: dict[int, set[int]] = {}
        self._groups: list[set[str]] | None = None
        self._by_form: dict[str, set[int]] | None = None
        self._authors: dict[int, list[Authorship]] = {}
        self._translators: dict[int, list[tuple[int, str]]] = {}
        self._declared: dict[int, dict[int, list[str]]] = {}
        self._supervisions: dict[int, list[Supervision]] | None = None

    # A run asks about every reviewer for every submission: what belongs to a submission
    # or to everyone is read once per run, not once per pair.

    def authors(self, submission: Submission) -> list[Authorship]:
        if submission.pk not in self._authors:
            self._authors[submission.pk] = list(
                submission.authors.select_related("person", "organisation")
            )
        return self._authors[submission.pk]

    def translators(self, submission: Submission) -> list[tuple[int, str]]:
        """(person id, language) of the versions someone other than the authors wrote."""
        if submission.pk not in self._translators:
            self._translators[submission.pk] = list(
                submission.versions.exclude(origin__in=[Origin.AUTHOR, Origin.MISSING])
                .order_by("pk")
                .values_list("person_id", "language")
            )
        return self._translators[submission.pk]

    def declared(self, submission: Submission, person) -> list[str]:
        if submission.pk not in self._declared:
            by_person: dict[int, list[str]] = defaultdict(list)
            rows = submission.conflicts.filter(source=ConflictSource.DECLARED).order_by("pk")
            for person_id, detail in rows.values_list("person_id", "detail"):
                by_person[person_id].append(detail)
            self._declared[submission.pk] = by_person
        return self._declared[submission.pk].get(person.pk, [])

    def supervisions(self, person, others: list[int]) -> list[Supervision]:
        """Supervisions between ``person`` and any of ``others``, either way round."""
        if self._supervisions is None:
            self._supervisions = defaultdict(list)
            for row in Supervision.objects.select_related("supervisor", "student").order_by("pk"):
                self._supervisions[row.supervisor_id].append(row)
                self._supervisions[row.student_id].append(row)
        return [
            row
            for row in self._supervisions.get(person.pk, [])
            if (row.supervisor_id == person.pk and row.student_id in others)
            or (row.student_id == person.pk and row.supervisor_id in others)
        ]

    def forms(self, person) -> set[str]:
        if person.pk not in self._forms:
            self._forms[person.pk] = person_forms(person)
        return self._forms[person.pk]

    def orgs(self, person) -> set[int]:
        if person.pk not in self._orgs:
            today = self.today
            self._orgs[person.pk] = {
                a.organisation_id
                for a in person.affiliations.all()
                if (a.end is None or a.end >= today) and (a.start is None or a.start <= today)
            }
        return self._orgs[person.pk]

    def bodies(self, person) -> set[int]:
        from amur.alliances.models import Mandate

        if person.pk not in self._bodies:
            today = self.today
            self._bodies[person.pk] = set(
                Mandate.objects.filter(person=person, start__lte=today)
                .filter(Q(end__isnull=True) | Q(end__gte=today))
                .values_list("position__body_id", flat=True)
            )
        return self._bodies[person.pk]

    def groups(self) -> list[tuple[int | None, set[str]]]:
        """Author groups since the window opened: ``(submission id or None, name forms)``
        for each forum submission and each catalogue record with two authors or more."""
        from amur.library.models import Record

        if self._groups is None:
            since = self.edition.year - self.edition.conflict_years
            by_submission: dict[int, set[str]] = defaultdict(set)
            authorships = (
                Authorship.objects.filter(submission__edition__year__gte=since)
                .exclude(submission__status=SubmissionStatus.DRAFT)
                .select_related("person")
            )
            for a in authorships:
                by_submission[a.submission_id].add(frozenset(self.forms(a.person)))
            groups: list = list(by_submission.items())
            for record in Record.objects.filter(year__gte=since).only("authors"):
                if len(record.authors or []) >= 2:
                    members = {
                        frozenset(name_forms(a.get("name", ""), a.get("original", "")))
                        for a in record.authors
                    }
                    groups.append((None, members))
            self._groups = [(sid, m) for sid, m in groups if len(m) >= 2]
        return self._groups

    def _groups_naming(self, forms: set[str]) -> set[int]:
        """The positions in ``groups()`` of the groups where one of ``forms`` appears:
        an index built once per run, so that a pair of people is checked against their
        few shared groups instead of every co-authored record of the window."""
        if self._by_form is None:
            self._by_form = defaultdict(set)
            for position, (_sid, members) in enumerate(self.groups()):
                for member in members:
                    for form in member:
                        self._by_form[form].add(position)
        return set().union(*(self._by_form.get(form, ()) for form in forms))

    def wrote_with(self, a, b, exclude_submission: int) -> bool:
        fa, fb = self.forms(a), self.forms(b)
        groups = self.groups()
        for position in sorted(self._groups_naming(fa) & self._groups_naming(fb)):
            sid, members = groups[position]
            if sid == exclude_submission:
                continue
            if any(m & fa for m in members) and any(m & fb and not m & fa for m in members):
                return True
        return False


def detect(
    submission: Submission, person, *, today: date | None = None, context: Context | None = None
) -> list[Found]:
    """Every reason ``person`` may not review ``submission``."""
    ctx = context or Context(submission.edition, today)
    authors = ctx.authors(submission)
    found: list[Found] = []
    reviewer_forms = ctx.forms(person)
    for a in authors:
        if a.person_id == person.pk or ctx.forms(a.person) & reviewer_forms:
            found.append(Found(ConflictSource.AUTHOR, str(a.person)))
    orgs = ctx.orgs(person)
    for a in authors:
        theirs = ctx.orgs(a.person) | ({a.organisation_id} if a.organisation_id else set())
        for org in orgs & theirs:
            found.append(Found(ConflictSource.SAME_ORGANISATION, f"{a.person} / {org}"))
    bodies = ctx.bodies(person)
    if bodies:
        for a in authors:
            if bodies & ctx.bodies(a.person):
                found.append(Found(ConflictSource.GOVERNING_BODY, str(a.person)))
    for a in authors:
        if not ctx.forms(a.person) & reviewer_forms and ctx.wrote_with(
            person, a.person, submission.pk
        ):
            found.append(Found(ConflictSource.COAUTHORSHIP, str(a.person)))
    for s in ctx.supervisions(person, [a.person_id for a in authors]):
        found.append(Found(ConflictSource.SUPERVISION, f"{s.supervisor} → {s.student}"))
    for person_id, language in ctx.translators(submission):
        if person_id == person.pk:
            found.append(Found(ConflictSource.TRANSLATOR, language))
    for detail in ctx.declared(submission, person):
        found.append(Found(ConflictSource.DECLARED, detail))
    unique: dict[tuple[str, str], Found] = {}
    for f in found:
        unique.setdefault((f.source, f.detail), f)
    return list(unique.values())


@transaction.atomic
def conflicts_refresh(
    edition: Edition, *, today: date | None = None
) -> dict[tuple[int, int], list[Found]]:
    """Detect the conflicts of every reviewer in every track with every live submission
    of ``edition`` and store them; returns ``{(submission_id, person_id): [Found]}``."""
    from amur.forum.models import Reviewer

    people = {}
    for reviewer in Reviewer.objects.filter(track__edition=edition).select_related("person"):
        people[reviewer.person_id] = reviewer.person
    result: dict[tuple[int, int], list[Found]] = defaultdict(list)
    submissions = edition.submissions.exclude(
        status__in=[SubmissionStatus.DRAFT, SubmissionStatus.WITHDRAWN]
    )
    Conflict.objects.filter(submission__edition=edition).exclude(
        source=ConflictSource.DECLARED
    ).delete()
    context = Context(edition, today)
    for submission in submissions:
        for person in people.values():
            for f in detect(submission, person, context=context):
                result[(submission.pk, person.pk)].append(f)
                if f.source != ConflictSource.DECLARED:
                    Conflict.objects.get_or_create(
                        submission=submission,
                        person=person,
                        source=f.source,
                        defaults={"detail": f.detail[:300]},
                    )
    return dict(result)


def conflicted(submission: Submission, person) -> bool:
    """A stored conflict (detected at the last refresh, or declared), an authorship or a
    translation of the submission: any of them bars the person from opening it."""
    if Conflict.objects.filter(submission=submission, person=person).exists():
        return True
    if submission.authors.filter(person=person).exists():
        return True
    return submission.versions.filter(person=person).exists()
