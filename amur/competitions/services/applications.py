# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applications: the portal's drafts, programmes, documents and submission, the status
workflow with its e-mails, and the fees the office records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.competitions import documents, locking
from amur.competitions.enums import (
    TRANSITIONS,
    ApplicationStatus,
    DocumentKind,
)
from amur.competitions.models import (
    Contestant,
    Document,
    Piece,
    Round,
    clock,
)
from amur.competitions.services.common import CompetitionsError
from amur.core.audit import audit_record
from amur.core.i18n import localised
from amur.core.validators import fields_clean


@transaction.atomic
def contestant_transition(*, contestant: Contestant, to: str, by, reason: str = "") -> Contestant:
    contestant = locking.contestant_locked(contestant.pk)
    current = ApplicationStatus(contestant.status)
    if to not in TRANSITIONS[current]:
        raise CompetitionsError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": current.label,
                "to": ApplicationStatus(to).label if to in ApplicationStatus.values else to,
            }
        )
    edition = contestant.discipline.edition
    if to == ApplicationStatus.SUBMITTED and timezone.now() > edition.applications_close:
        raise CompetitionsError(_("The application deadline has passed."))
    if to == ApplicationStatus.INELIGIBLE and not reason.strip():
        raise CompetitionsError(_("Say why the application is ineligible."))
    contestant.status = to
    contestant.save(update_fields=["status"])
    transaction.on_commit(lambda: contestant_notify(contestant))
    audit_record(
        actor=by,
        action="competition.application",
        obj=contestant,
        old={"status": current},
        new={"status": to},
        reason=reason,
    )
    return contestant


def _age_on(birth, day) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@transaction.atomic
def contestant_apply(
    *,
    discipline,
    user,
    name: str,
    name_latin: str,
    nationality: str,
    birth_date,
    teachers: list[dict],
    language: str,
) -> Contestant:
    """Apply to a discipline: the name, the date of birth (a date, or its ISO text as a form
    sends it), the deadline and the age limits are checked here, for every caller."""

    name = name.strip()
    if not name:
        raise CompetitionsError(_("Please give your name."))
    if isinstance(birth_date, str):
        try:
            birth_date = date.fromisoformat(birth_date.strip())
        except ValueError:
            raise CompetitionsError(_("Give the date of birth as YYYY-MM-DD.")) from None

    discipline = locking.discipline_locked(discipline.pk)
    edition, now = discipline.edition, timezone.now()
    if not edition.applications_open <= now <= edition.applications_close:
        raise CompetitionsError(_("Applications are not open."))
    reference = discipline.age_on or edition.starts
    age = _age_on(birth_date, reference)
    if (discipline.min_age and age < discipline.min_age) or (
        discipline.max_age and age > discipline.max_age
    ):
        raise CompetitionsError(
            _(
                "On %(day)s the applicant is %(age)s; "
                "this discipline admits ages %(min)s to %(max)s."
            )
            % {
                "day": reference.isoformat(),
                "age": age,
                "min": discipline.min_age,
                "max": discipline.max_age,
            }
        )
    if (
        Contestant.objects.filter(discipline=discipline, user=user)
        .exclude(status="withdrawn")
        .exists()
    ):
        raise CompetitionsError(_("You have already applied to this discipline."))
    number = (
        discipline.contestants.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    contestant = Contestant.objects.create(
        discipline=discipline,
        user=user,
        number=number,
        name=name,
        name_latin=name_latin,
        nationality=nationality.upper(),
        birth_date=birth_date,
        teachers=teachers,
        language=language,
        status="draft",
    )
    audit_record(
        actor=user, action="competition.application", obj=contestant, new={"status": "draft"}
    )
    return contestant


EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)


def _check_editable(contestant: Contestant) -> None:
    """The applicant changes programme and documents until the deadline, not after."""
    if contestant.status not in EDITABLE:
        raise CompetitionsError(_("This application can no longer be changed."))
    if timezone.now() > contestant.discipline.edition.applications_close:
        raise CompetitionsError(_("The application deadline has passed."))


@dataclass(frozen=True)
class PieceData:
    composer: str
    work: str
    duration: timedelta | None
    video_url: str = ""


_video_url = URLValidator(schemes=["https", "http"])


def programme_problems(round_: Round, pieces: Sequence[PieceData | Piece]) -> list[str]:
    """What is wrong with a programme for ``round_``: each piece, then the total duration."""
    problems = []
    for n, piece in enumerate(pieces, start=1):
        if not piece.composer.strip() or not piece.work.strip():
            problems.append(_("Piece %(n)s needs a composer and a work.") % {"n": n})
        if piece.duration is None or piece.duration <= timedelta(0):
            problems.append(_("Piece %(n)s needs a duration (minutes:seconds).") % {"n": n})
        if round_.by_video:
            try:
                _video_url(piece.video_url)
            except ValidationError:
                problems.append(
                    _("Piece %(n)s needs a video link (https://…) for the pre-selection.")
                    % {"n": n}
                )
    if round_.needs_repertoire and not pieces:
        problems.append(
            _("The programme for “%(round)s” is missing.") % {"round": localised(round_, "name")}
        )
    total = sum((p.duration or timedelta(0) for p in pieces), timedelta(0))
    if pieces and (
        (round_.min_duration is not None and total < round_.min_duration)
        or (round_.max_duration is not None and total > round_.max_duration)
    ):
        problems.append(
            _(
                "The programme for “%(round)s” lasts %(total)s; "
                "this round asks for %(range)s (minutes:seconds)."
            )
            % {
                "round": localised(round_, "name"),
                "total": clock(total),
                "range": round_.duration_range,
            }
        )
    return problems


@transaction.atomic
def repertoire_set(
    *, contestant: Contestant, round_: Round, pieces: Sequence[PieceData], by
) -> list[Piece]:
    """Replace the contestant's programme for one round, checked against the round's limits.

    Refused as a whole, storing nothing: a piece without composer, work or duration, a
    missing or malformed video link in a pre-selection round, a total outside the round's
    duration range, an application past its deadline or no longer open.
    """
    contestant = locking.contestant_locked(contestant.pk)
    _check_editable(contestant)
    if round_.discipline_id != contestant.discipline_id:
        raise CompetitionsError(_("This round belongs to another discipline."))
    problems = programme_problems(round_, pieces)
    if problems:
        raise CompetitionsError(" ".join(problems))
    rows = [
        Piece(
            contestant=contestant,
            round=round_,
            position=n,
            composer=p.composer.strip(),
            work=p.work.strip(),
            duration=p.duration,
            video_url=p.video_url.strip() if round_.by_video else "",
        )
        for n, p in enumerate(pieces, start=1)
    ]
    for row in rows:  # the columns' own limits, for the API as for the page's form
        fields_clean(row, ["composer", "work", "video_url"])
    Piece.objects.filter(contestant=contestant, round=round_).delete()
    created = Piece.objects.bulk_create(rows)
    audit_record(
        actor=by,
        action="competition.repertoire",
        obj=contestant,
        new={
            "round": round_.pk,
            "pieces": [[p.composer, p.work, clock(p.duration)] for p in created],
        },
    )
    return created


@transaction.atomic
def document_upload(*, contestant: Contestant, kind: str, upload, by) -> Document:
    """Store a photo, CV or identity document, replacing the one of the same kind.

    The type is judged by the content (``documents.check``), never by the name; too large,
    empty, mislabelled or damaged files are refused and nothing is stored.
    """
    contestant = locking.contestant_locked(contestant.pk)
    _check_editable(contestant)
    if kind not in DocumentKind.values:
        raise CompetitionsError(_("Unknown kind of document."))
    try:
        found = documents.check(upload, kind)
    except documents.DocumentRefused as exc:
        raise CompetitionsError(str(exc)) from None
    old = Document.objects.filter(contestant=contestant, kind=kind).first()
    if old is not None:
        storage, name = old.file.storage, old.file.name
        old.delete()
        transaction.on_commit(lambda: storage.delete(name))
    document = Document(
        contestant=contestant,
        kind=kind,
        content_type=found.content_type,
        size=upload.size,
        original_name=(upload.name or "")[:200],
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    document.file.save(f"{kind}.{found.extension}", upload, save=False)
    document.save()
    audit_record(
        actor=by,
        action="competition.document",
        obj=contestant,
        new={"kind": kind, "type": found.content_type, "size": upload.size},
    )
    return document


def application_gaps(contestant: Contestant) -> list[str]:
    """What still keeps an application from being submitted."""
    present = set(contestant.documents.values_list("kind", flat=True))
    gaps = [
        _("Missing document: %(document)s.") % {"document": DocumentKind(kind).label}
        for kind in contestant.discipline.required_documents
        if kind not in present
    ]
    for round_ in contestant.discipline.rounds.all():
        if round_.needs_repertoire:
            pieces = list(contestant.pieces.filter(round=round_))
            gaps += programme_problems(round_, pieces)
    return gaps


@transaction.atomic
def contestant_submit(*, contestant: Contestant, by) -> Contestant:
    """Submit a draft: the deadline and the completeness of the application are checked."""
    contestant = locking.contestant_locked(contestant.pk)
    if contestant.status == ApplicationStatus.DRAFT:
        _check_editable(contestant)
        gaps = application_gaps(contestant)
        if gaps:
            raise CompetitionsError(" ".join(gaps))
    return contestant_transition(contestant=contestant, to=ApplicationStatus.SUBMITTED, by=by)


def contestant_notify(contestant: Contestant) -> None:
    """Tell the contestant about their application's status, in their language."""
    from amur.core.mail import send_localised

    email = contestant.user.email if contestant.user else ""
    if email:
        send_localised(
            to=[email],
            language=contestant.language,
            subject_template="competitions/email/status_subject.txt",
            body_template="competitions/email/status_body.txt",
            context={"contestant": contestant},
        )


@transaction.atomic
def fee_mark_paid(*, contestant: Contestant, by, paid: bool = True) -> Contestant:
    """The office records that the fee arrived (or takes it back): who and when, audited."""
    contestant = locking.contestant_locked(contestant.pk)
    if contestant.fee_paid == paid:
        return contestant
    old = {
        "fee_paid": contestant.fee_paid,
        "at": contestant.fee_paid_at.isoformat() if contestant.fee_paid_at else None,
    }
    contestant.fee_paid = paid
    contestant.fee_paid_at = timezone.now() if paid else None
    contestant.fee_paid_by = by if paid else None
    contestant.save(update_fields=["fee_paid", "fee_paid_at", "fee_paid_by"])
    audit_record(
        actor=by,
        action="competition.fee",
        obj=contestant,
        old=old,
        new={"fee_paid": paid},
        organisation_id=contestant.owning_organisation_id(),
    )
    return contestant
