# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every write of the forum: editions, submissions and their versions, reviewers, reviews
and decisions.  Deadlines are judged here, on the server, against ``timezone.now()``."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.accounts.models import Profile
from amur.core.audit import audit_record
from amur.core.errors import DomainError
from amur.core.i18n import ui_language
from amur.core.search import search_keys
from amur.core.validators import fields_clean
from amur.events.models import EventSeries
from amur.forum.enums import (
    REVIEW_PHASES,
    CommitteeRole,
    ConflictSource,
    Decision,
    LanguageQuality,
    Origin,
    Phase,
    Side,
    SubmissionStatus,
)
from amur.forum.models import (
    LANGUAGES,
    PAIRED,
    Assignment,
    Authorship,
    CommitteeMember,
    Conflict,
    Edition,
    Forum,
    LanguageVersion,
    ReadingLanguage,
    Review,
    Reviewer,
    ScoreCategory,
    Submission,
    Track,
)

TEXT_FIELDS = ("title", "abstract", "keywords")
LIVE = (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED)


class ForumError(DomainError):
    pass


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _org(edition: Edition) -> int:
    return edition.owning_organisation_id()


# Forum, editions, tracks, committee ------------------------------------------------------


@transaction.atomic
def forum_ensure(*, slug: str, organisation, names: dict[str, str]) -> Forum:
    """The forum ``slug`` with its events-module series (created once, then updated)."""
    series, _created = EventSeries.objects.get_or_create(slug=slug)
    for lang in LANGUAGES:
        setattr(series, f"name_{lang}", names.get(lang, ""))
    series.save()
    forum = Forum.objects.filter(slug=slug).first() or Forum(slug=slug, series=series)
    forum.organisation = organisation
    for lang in LANGUAGES:
        setattr(forum, f"name_{lang}", names.get(lang, ""))
    forum.save()
    return forum


@transaction.atomic
def edition_save(*, forum: Forum, event, year: int, by=None, **options) -> Edition:
    """Create or update the ``year`` edition on ``event`` (which joins the forum's series)."""
    if options.get("reviewers_per_submission", 3) < 2:
        raise ForumError(_("Every submission needs at least two reviewers, one from each side."))
    if event.series_id != forum.series_id or event.edition is None:
        event.series = forum.series
        event.edition = event.edition or (forum.editions.count() + 1)
        event.save(update_fields=["series", "edition"])
    edition = Edition.objects.filter(forum=forum, year=year).first() or Edition(
        forum=forum, year=year
    )
    edition.event = event
    for name, value in options.items():
        setattr(edition, name, value)
    if edition.cfp_closes <= edition.cfp_opens:
        raise ForumError(_("The call must close after it opens."))
    created = edition.pk is None
    edition.save()
    audit_record(
        actor=by,
        action="forum.edition.create" if created else "forum.edition.update",
        obj=edition,
        new={k: str(v) for k, v in options.items()},
        organisation_id=_org(edition),
    )
    return edition


@transaction.atomic
def edition_update(*, edition: Edition, by, **changes) -> Edition:
    """Change settings of an edition (phase switches, limits, k), audited old and new."""
    old = {name: str(getattr(edition, name)) for name in changes}
    for name, value in changes.items():
        setattr(edition, name, value)
    if edition.reviewers_per_submission < 2:
        raise ForumError(_("Every submission needs at least two reviewers, one from each side."))
    if edition.cfp_closes <= edition.cfp_opens:
        raise ForumError(_("The call must close after it opens."))
    edition.save()
    audit_record(
        actor=by,
        action="forum.edition.update",
        obj=edition,
        old=old,
        new={name: str(getattr(edition, name)) for name in changes},
        organisation_id=_org(edition),
    )
    return edition


@transaction.atomic
def track_save(
    *,
    edition: Edition,
    key: str,
    titles: dict[str, str],
    field=None,
    position: int = 0,
    categories: list[tuple[str, dict[str, str], Decimal | int | float]] | None = None,
) -> Track:
    """Create or update a track and its weighted score categories."""
    track = Track.objects.filter(edition=edition, key=key).first() or Track(
        edition=edition, key=key
    )
    for lang in LANGUAGES:
        setattr(track, f"title_{lang}", titles.get(lang, ""))
    track.field, track.position = field, position
    track.save()
    for index, (cat_key, names, weight) in enumerate(categories or []):
        if Decimal(str(weight)) <= 0:
            raise ForumError(_("A score category's weight must be positive."))
        ScoreCategory.objects.update_or_create(
            track=track,
            key=cat_key,
            defaults={
                **{f"name_{lang}": names.get(lang, "") for lang in LANGUAGES},
                "weight": Decimal(str(weight)),
                "position": index,
            },
        )
    return track


@transaction.atomic
def committee_add(
    *, edition: Edition, person, role: str, side: str, track: Track | None = None, by=None
) -> CommitteeMember:
    if role == CommitteeRole.CONVENER and track is None:
        raise ForumError(_("A convener convenes a track."))
    member, _created = CommitteeMember.objects.get_or_create(
        edition=edition, person=person, role=role, track=track, defaults={"side": side}
    )
    audit_record(
        actor=by,
        action="forum.committee.add",
        obj=member,
        new={"person": person.pk, "role": role, "track": track.pk if track else None},
        organisation_id=_org(edition),
    )
    return member


# Submissions -----------------------------------------------------------------------------


def text_length(language: str, text: str) -> int:
    """Chinese counts characters (without spaces), Russian and English count words."""
    if language == "zh":
        return len(re.sub(r"\s+", "", text or ""))
    return len((text or "").split())


def _check_lengths(edition: Edition, texts: dict[str, str]) -> None:
    limits = {
        "zh": (edition.zh_max_chars, _("characters")),
        "ru": (edition.ru_max_words, _("words")),
        "en": (edition.en_max_words, _("words")),
    }
    for lang, (limit, unit) in limits.items():
        length = text_length(lang, texts.get(f"abstract_{lang}", ""))
        if length > limit:
            raise ForumError(
                _("The %(language)s abstract has %(length)d %(unit)s; at most %(limit)d.")
                % {"language": lang, "length": length, "unit": unit, "limit": limit}
            )


def _call_open(edition: Edition, now: datetime) -> None:
    if now < edition.cfp_opens:
        raise ForumError(_("The call for papers has not opened yet."))
    if now > edition.cfp_closes:
        raise ForumError(_("The submission deadline has passed."))


def _has_version(submission: Submission, lang: str) -> bool:
    return bool(
        (getattr(submission, f"title_{lang}") or "").strip()
        and (getattr(submission, f"abstract_{lang}") or "").strip()
    )


def _keys(submission: Submission) -> str:
    return search_keys(
        *(getattr(submission, f"{f}_{lang}") for f in TEXT_FIELDS for lang in LANGUAGES)
    )


def _texts_of(submission: Submission) -> dict[str, str]:
    return {
        f"{f}_{lang}": getattr(submission, f"{f}_{lang}") for f in TEXT_FIELDS for lang in LANGUAGES
    }


def _set_authors(submission: Submission, author_person, coauthors) -> None:
    """The submitting author first, then co-authors as ``(person, organisation)`` pairs."""
    submission.authors.all().delete()
    rows = [(author_person[0], author_person[1], True)] + [(p, o, False) for p, o in coauthors]
    seen = set()
    for position, (person, organisation, presenter) in enumerate(rows):
        if person.pk in seen:
            continue
        seen.add(person.pk)
        Authorship.objects.create(
            submission=submission,
            person=person,
            organisation=organisation,
            position=position,
            presenter=presenter,
        )


def _sync_versions(submission: Submission) -> None:
    """The author's own version is the author's; an absent paired version is missing."""
    for lang in PAIRED:
        version = submission.versions.filter(language=lang).first()
        present = _has_version(submission, lang)
        if lang == submission.language:
            LanguageVersion.objects.update_or_create(
                submission=submission,
                language=lang,
                defaults={"origin": Origin.AUTHOR, "person": None},
            )
        elif not present and (version is None or version.origin != Origin.MISSING):
            LanguageVersion.objects.update_or_create(
                submission=submission,
                language=lang,
                defaults={"origin": Origin.MISSING, "person": None},
            )


@transaction.atomic
def submission_create(
    *,
    edition: Edition,
    track: Track,
    kind: str,
    author,
    author_person,
    language: str,
    texts: dict[str, str],
    coauthors=(),
    affiliation=None,
    submit: bool = False,
    now: datetime | None = None,
) -> Submission:
    """A draft in the author's own language (``texts``: ``title_zh``, ``abstract_ru`` …);
    co-authors are ``(person, organisation)`` pairs from the directory.  ``submit``
    submits it at once, in the same transaction: a proposal that cannot be submitted
    leaves no draft behind."""
    _call_open(edition, _now(now))
    if track.edition_id != edition.pk:
        raise ForumError(_("This track belongs to another edition."))
    if kind not in edition.kind_list():
        raise ForumError(_("This edition does not take this kind of submission."))
    if language not in PAIRED:
        raise ForumError(_("Submit in Chinese or Russian."))
    _check_lengths(edition, texts)
    submission = Submission(
        edition=edition, track=track, kind=kind, author=author, language=language
    )
    for name, value in texts.items():
        if name.split("_")[0] in TEXT_FIELDS:
            setattr(submission, name, value.strip())
    if not (getattr(submission, f"title_{language}") or "").strip():
        raise ForumError(_("The title in the author's language is required."))
    _check_text_fields(submission)
    submission.search_keys = _keys(submission)
    submission.save()
    _set_authors(submission, (author_person, affiliation), coauthors)
    _sync_versions(submission)
    audit_record(
        actor=author,
        action="forum.submission.create",
        obj=submission,
        new=_texts_of(submission),
        organisation_id=_org(edition),
    )
    if submit:
        submission = submission_submit(submission=submission, by=author, now=now)
    return submission


def _check_text_fields(submission: Submission) -> None:
    fields_clean(submission, (f"{field}_{lang}" for field in TEXT_FIELDS for lang in LANGUAGES))


@transaction.atomic
def submission_update(
    *,
    submission: Submission,
    by,
    texts: dict[str, str] | None = None,
    track=None,
    kind: str | None = None,
    coauthors=None,
    now: datetime | None = None,
) -> Submission:
    """Edits until the deadline, audited with the old and new values.  After the deadline
    only the second language may still be added (until the edition's translation date)."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    now = _now(now)
    edition = submission.edition
    if submission.status not in LIVE:
        raise ForumError(_("This submission can no longer be changed."))
    texts = texts or {}
    own_changes = {
        k: v for k, v in texts.items() if not k.endswith(f"_{submission.other_language}")
    }
    own_changed = any((getattr(submission, k) or "") != v.strip() for k, v in own_changes.items())
    if own_changed or track is not None or kind is not None or coauthors is not None:
        _call_open(edition, now)
    elif now > edition.translation_due:
        raise ForumError(_("The date for the second language has passed."))
    old = _texts_of(submission)
    for name, value in texts.items():
        if name.split("_")[0] in TEXT_FIELDS:
            setattr(submission, name, value.strip())
    _check_lengths(edition, _texts_of(submission))
    _check_text_fields(submission)
    if (
        not _has_version(submission, submission.language)
        and not (getattr(submission, f"title_{submission.language}") or "").strip()
    ):
        raise ForumError(_("The title in the author's language is required."))
    if track is not None:
        if track.edition_id != edition.pk:
            raise ForumError(_("This track belongs to another edition."))
        submission.track = track
    if kind is not None:
        if kind not in edition.kind_list():
            raise ForumError(_("This edition does not take this kind of submission."))
        submission.kind = kind
    submission.search_keys = _keys(submission)
    submission.save()
    if coauthors is not None:
        first = submission.authors.first()
        _set_authors(submission, (first.person, first.organisation), coauthors)
    _sync_versions(submission)
    new = _texts_of(submission)
    audit_record(
        actor=by,
        action="forum.submission.update",
        obj=submission,
        old={k: v for k, v in old.items() if new[k] != v},
        new={k: v for k, v in new.items() if old[k] != v},
        organisation_id=_org(edition),
    )
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, by, now: datetime | None = None) -> Submission:
    """Draft → submitted, before the deadline, with the author's own version complete."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _call_open(submission.edition, _now(now))
    if submission.status != SubmissionStatus.DRAFT:
        raise ForumError(_("Only a draft can be submitted."))
    if not _has_version(submission, submission.language):
        raise ForumError(_("Give the title and the abstract in your own language first."))
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = _now(now)
    submission.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=by,
        action="forum.submission.submit",
        obj=submission,
        old={"status": "draft"},
        new={"status": "submitted"},
        organisation_id=_org(submission.edition),
    )
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, by, reason: str = "") -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in (*LIVE, SubmissionStatus.ACCEPTED):
        raise ForumError(_("This submission can no longer be withdrawn."))
    old = submission.status
    submission.status = SubmissionStatus.WITHDRAWN
    submission.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="forum.submission.withdraw",
        obj=submission,
        old={"status": old},
        new={"status": "withdrawn"},
        reason=reason,
        organisation_id=_org(submission.edition),
    )
    return submission


@transaction.atomic
def version_set(
    *,
    submission: Submission,
    language: str,
    texts: dict[str, str],
    origin: str,
    person=None,
    by,
    talent_task_id: int | None = None,
    now: datetime | None = None,
) -> LanguageVersion:
    """Give a language version with its origin: the author's, a named translator's, or a
    machine draft checked by a named person."""
    if language not in LANGUAGES:
        raise ForumError(_("Unknown language."))
    if origin not in (Origin.AUTHOR, Origin.TRANSLATED, Origin.MACHINE_CHECKED):
        raise ForumError(_("Say who wrote this version."))
    if origin != Origin.AUTHOR and person is None:
        raise ForumError(_("A translation or a checked machine draft names its person."))
    if not (texts.get("title") or "").strip() or not (texts.get("abstract") or "").strip():
        raise ForumError(_("A version needs its title and its abstract."))
    if origin != Origin.AUTHOR and submission.authors.filter(person=person).exists():
        # An author may translate their own text, but then it is the author's version.
        origin = Origin.AUTHOR
    prefixed = {f"{f}_{language}": texts.get(f, "") for f in TEXT_FIELDS if f in texts}
    submission_update(submission=submission, by=by, texts=prefixed, now=now)
    version, _created = LanguageVersion.objects.update_or_create(
        submission=submission,
        language=language,
        defaults={
            "origin": origin,
            "person": None if origin == Origin.AUTHOR else person,
            "talent_task_id": talent_task_id,
        },
    )
    audit_record(
        actor=by,
        action="forum.version.set",
        obj=submission,
        new={"language": language, "origin": origin, "person": person.pk if person else None},
        organisation_id=_org(submission.edition),
    )
    return version


def _talent_task_for(submission: Submission, language: str, by):
    """Ask the talent module for a translation task, if it offers the service."""
    try:
        from amur.talent import services as talent_services
    except ImportError:  # pragma: no cover
        return None
    create = getattr(talent_services, "translation_task_for", None)
    if create is None:
        return None
    return create(obj=submission, source=submission.language, target=language, by=by)


@transaction.atomic
def translations_request(*, edition: Edition, by) -> int:
    """Every submitted submission still lacking its second language becomes a translation
    task (in the talent module when it takes them); returns how many were requested."""
    count = 0
    for submission in edition.submissions.filter(status=SubmissionStatus.SUBMITTED):
        lang = submission.other_language
        if _has_version(submission, lang):
            continue
        version, _created = LanguageVersion.objects.get_or_create(
            submission=submission, language=lang, defaults={"origin": Origin.MISSING}
        )
        if version.talent_task_id:
            continue
        task = _talent_task_for(submission, lang, by)
        if task is not None:
            version.talent_task_id = task.pk
            version.save(update_fields=["talent_task_id"])
        count += 1
    audit_record(
        actor=by,
        action="forum.translations.request",
        obj=edition,
        new={"requested": count},
        organisation_id=_org(edition),
    )
    return count


# Reviewers and conflicts -----------------------------------------------------------------


@transaction.atomic
def reviewer_add(
    *,
    track: Track,
    person,
    side: str,
    country: str,
    cap: int = 6,
    languages: list[tuple[str, str, str]] = (),
    by=None,
) -> Reviewer:
    """Put ``person`` in ``track``'s pool with the languages they read (language, scale,
    level); talent credentials, when present, add to these."""
    if side not in Side.values:
        raise ForumError(_("A reviewer reviews for the Chinese or the Russian side."))
    if cap < 1:
        raise ForumError(_("A reviewer's cap is at least one."))
    reviewer, _created = Reviewer.objects.update_or_create(
        track=track, person=person, defaults={"side": side, "country": country.upper(), "cap": cap}
    )
    for language, scale, level in languages:
        ReadingLanguage.objects.update_or_create(
            reviewer=reviewer, language=language, defaults={"scale": scale, "level": level}
        )
    audit_record(
        actor=by,
        action="forum.reviewer.add",
        obj=reviewer,
        new={"person": person.pk, "side": side, "cap": cap},
        organisation_id=_org(track.edition),
    )
    return reviewer


@transaction.atomic
def conflict_declare(*, submission: Submission, person, detail: str = "", by) -> Conflict:
    """A reviewer (or the author) declares a conflict; any assignment of it goes."""
    conflict, _created = Conflict.objects.get_or_create(
        submission=submission,
        person=person,
        source=ConflictSource.DECLARED,
        defaults={"detail": detail[:300], "declared_by": by},
    )
    removed = Assignment.objects.filter(submission=submission, reviewer__person=person)
    removed.filter(review__isnull=True).delete()
    audit_record(
        actor=by,
        action="forum.conflict.declare",
        obj=submission,
        new={"person": person.pk, "detail": detail},
        organisation_id=_org(submission.edition),
    )
    return conflict


# Reviews -----------------------------------------------------------------------------------


def weighted_score(scores: dict[str, int], categories) -> Decimal:
    total = sum((Decimal(str(c.weight)) for c in categories), Decimal(0))
    value = sum((Decimal(str(c.weight)) * scores[c.key] for c in categories), Decimal(0))
    return (value / total).quantize(Decimal("0.001"))


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    by,
    scores: dict[str, int],
    language_quality: str = "good",
    comment: str = "",
    confidential: str = "",
    submit: bool = False,
) -> Review:
    """Save (and optionally submit) a review: every category scored 1–5 when submitting.
    The language-quality flag is kept apart so that a weak translation does not sink the
    content score."""
    submission = assignment.submission
    if submission.edition.phase not in REVIEW_PHASES:
        raise ForumError(_("Reviews are not open in this phase."))
    if assignment.reviewer.person.user_id != getattr(by, "pk", None):
        raise ForumError(_("Only the assigned reviewer writes this review."))
    if language_quality not in LanguageQuality.values:
        raise ForumError(_("Unknown language quality."))
    categories = list(assignment.reviewer.track.categories.all())
    known = {c.key for c in categories}
    for key, value in scores.items():
        if key not in known:
            raise ForumError(_("Unknown score category: %(key)s.") % {"key": key})
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise ForumError(_("A score is a whole number from 1 to 5 (%(key)s).") % {"key": key})
    if submit and set(scores) != known:
        raise ForumError(_("Score every category before submitting."))
    review = Review.objects.filter(assignment=assignment).first() or Review(assignment=assignment)
    if review.submitted_at and submission.edition.phase != Phase.REVIEW:
        raise ForumError(_("Reviews are closed."))
    review.scores = {k: int(v) for k, v in scores.items()}
    review.language_quality = language_quality
    review.comment, review.confidential = comment, confidential
    review.weighted = weighted_score(scores, categories) if set(scores) == known else None
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    audit_record(
        actor=by,
        action="forum.review.submit" if submit else "forum.review.save",
        obj=review,
        new={"scores": review.scores, "language_quality": language_quality},
        organisation_id=_org(submission.edition),
    )
    return review


# Decisions ---------------------------------------------------------------------------------

DECIDABLE = (SubmissionStatus.SUBMITTED,)


@transaction.atomic
def decision_propose(
    *,
    submission: Submission,
    decision: str,
    by,
    track: Track | None = None,
    related: Submission | None = None,
) -> Submission:
    """A convener of the track proposes; nothing is final before the chair signs off."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.edition.phase not in REVIEW_PHASES:
        raise ForumError(_("Decisions are taken in the review and decision phases."))
    if submission.status not in DECIDABLE:
        raise ForumError(_("Only a submitted submission can be decided."))
    if decision not in Decision.values:
        raise ForumError(_("Unknown decision."))
    if decision == Decision.MOVE:
        if track is None or track.edition_id != submission.edition_id:
            raise ForumError(_("Name a track of this edition to move the submission to."))
        if track.pk == submission.track_id:
            raise ForumError(_("The submission is already in this track."))
    if decision in (Decision.MERGE, Decision.DUPLICATE):
        if related is None or related.edition_id != submission.edition_id:
            raise ForumError(_("Name the other submission of this edition."))
        if related.pk == submission.pk:
            raise ForumError(_("A submission cannot be merged with itself."))
        if related.status in (SubmissionStatus.MERGED, SubmissionStatus.DUPLICATE):
            raise ForumError(_("The other submission is itself merged or a duplicate."))
    submission.proposed = decision
    submission.proposed_by = by
    submission.proposed_track = track if decision == Decision.MOVE else None
    submission.related = related if decision in (Decision.MERGE, Decision.DUPLICATE) else None
    submission.save()
    audit_record(
        actor=by,
        action="forum.decision.propose",
        obj=submission,
        new={
            "decision": decision,
            "track": track.pk if track else None,
            "related": related.pk if related else None,
        },
        organisation_id=_org(submission.edition),
    )
    return submission


FINAL = {
    Decision.ACCEPT: SubmissionStatus.ACCEPTED,
    Decision.REJECT: SubmissionStatus.REJECTED,
    Decision.MERGE: SubmissionStatus.MERGED,
    Decision.DUPLICATE: SubmissionStatus.DUPLICATE,
}


@transaction.atomic
def decision_sign_off(*, submission: Submission, by, notify: bool = True) -> Submission:
    """The chair makes the proposed decision final and the authors hear it in their
    language.  A move sends the submission to the other track's review instead."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.proposed:
        raise ForumError(_("No decision has been proposed."))
    if submission.status not in DECIDABLE:
        raise ForumError(_("This submission has already been decided."))
    decision = submission.proposed
    old = {"status": submission.status, "track": submission.track_id}
    if decision == Decision.MOVE:
        submission.track = submission.proposed_track
        submission.assignments.filter(review__isnull=True).delete()
    else:
        submission.status = FINAL[decision]
        submission.decided_at = timezone.now()
    submission.signed_off_by = by
    submission.proposed, submission.proposed_track = "", None
    submission.save()
    audit_record(
        actor=by,
        action="forum.decision.sign_off",
        obj=submission,
        old=old,
        new={"decision": decision, "status": submission.status, "track": submission.track_id},
        organisation_id=_org(submission.edition),
    )
    if notify and decision != Decision.MOVE:
        transaction.on_commit(lambda: _notify_decision(submission))
    return submission


def _notify_decision(submission: Submission) -> None:
    from amur.core.mail import send_localised

    author = submission.author
    if not author.email:
        return
    # The author's own interface language; one without a profile reads the decision in
    # the language they wrote in.
    chosen = Profile.objects.filter(user=author).values_list("language", flat=True).first()
    language = ui_language(chosen or submission.language)
    send_localised(
        to=[author.email],
        language=language,
        subject_template="forum/mail/decision_subject.txt",
        body_template="forum/mail/decision_body.txt",
        context={"submission": submission},
    )


@transaction.atomic
def speaker_confirm(*, submission: Submission, by) -> Submission:
    """The author of an accepted submission confirms they will speak."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.author_id != getattr(by, "pk", None):
        raise ForumError(_("Only the author confirms."))
    if submission.status != SubmissionStatus.ACCEPTED:
        raise ForumError(_("Only an accepted submission is confirmed."))
    if submission.speaker_confirmed_at is None:
        submission.speaker_confirmed_at = timezone.now()
        submission.save(update_fields=["speaker_confirmed_at", "updated_at"])
        audit_record(
            actor=by,
            action="forum.speaker.confirm",
            obj=submission,
            organisation_id=_org(submission.edition),
        )
    return submission


@transaction.atomic
def person_for_user(user):
    """The directory entry of ``user``, created from the account when missing."""
    from amur.directory.models import Person
    from amur.directory.services import person_save

    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    name = user.get_full_name() or user.username
    script = (
        "han"
        if re.search(r"[\u4e00-\u9fff]", name)
        else ("cyrillic" if re.search(r"[\u0400-\u04ff]", name) else "latin")
    )
    return person_save(person=Person(name=name, script=script, email=user.email, user=user))
