# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What the forum gives out: the programme (on the events module's sessions) with its
languages, interpretation and clashes, the iCalendar, the bilingual book of abstracts,
and the proceedings as records of the union catalogue (harvested by OAI-PMH from there).
"""

from __future__ import annotations

import io
import zoneinfo
from dataclasses import dataclass

import pymarc
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from amur.core import zones
from amur.core.audit import audit_record
from amur.core.collation import cyrillic_key, pinyin_key
from amur.core.i18n import localised_text
from amur.core.pdf import styles
from amur.events.models import Session
from amur.forum.enums import Interpretation, SubmissionStatus
from amur.forum.models import Edition, InterpreterBooking, ProgrammeSession, Submission

HARBIN = "Asia/Shanghai"


# Programme ------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    edition: Edition,
    titles: dict[str, str],
    start,
    end,
    room: str,
    track=None,
    languages: str = "zh,ru",
    interpretation: str = Interpretation.NONE,
    submissions=(),
    by=None,
) -> ProgrammeSession:
    """A programme session: an events-module session plus the forum's languages and
    interpretation; the presenting authors become the session's speakers."""
    from amur.forum.services import ForumError

    if end <= start:
        raise ForumError(_("A session ends after it starts."))
    if interpretation not in Interpretation.values:
        raise ForumError(_("Unknown interpretation mode."))
    for s in submissions:
        if s.edition_id != edition.pk or s.status != SubmissionStatus.ACCEPTED:
            raise ForumError(_("Only accepted submissions of this edition go in the programme."))
    session = Session.objects.create(
        event=edition.event,
        title_zh=titles.get("zh", ""),
        title_ru=titles.get("ru", ""),
        title_en=titles.get("en", ""),
        kind="conference",
        start=start,
        end=end,
        room=room,
        language=languages.split(",")[0],
        interpretation=interpretation != Interpretation.NONE,
    )
    item = ProgrammeSession.objects.create(
        edition=edition,
        session=session,
        track=track,
        languages=languages,
        interpretation=interpretation,
    )
    item.submissions.set(submissions)
    speakers = [a.person for s in submissions for a in s.authors.all() if a.presenter]
    session.speakers.set(speakers)
    audit_record(
        actor=by,
        action="forum.session.create",
        obj=item,
        new={"start": start.isoformat(), "room": room, "interpretation": interpretation},
        organisation_id=edition.owning_organisation_id(),
    )
    return item


def _talent_interpreting_task(item: ProgrammeSession, person, by):
    try:
        from amur.talent import services as talent_services
    except ImportError:  # pragma: no cover
        return None
    create = getattr(talent_services, "interpreting_task_for", None)
    if create is None:
        return None
    return create(session=item.session, person=person, mode=item.interpretation, by=by)


@transaction.atomic
def interpreter_book(*, item: ProgrammeSession, person, by=None) -> InterpreterBooking:
    """Book an interpreter for a session (a talent task when the talent module takes them);
    a double booking is refused."""
    from amur.forum.services import ForumError

    if item.interpretation == Interpretation.NONE:
        raise ForumError(_("This session has no interpretation."))
    clash = InterpreterBooking.objects.filter(
        person=person,
        session__session__start__lt=item.session.end,
        session__session__end__gt=item.session.start,
    ).exclude(session=item)
    if clash.exists():
        raise ForumError(_("The interpreter is booked for another session at that time."))
    booking, _created = InterpreterBooking.objects.get_or_create(session=item, person=person)
    task = _talent_interpreting_task(item, person, by)
    if task is not None:
        booking.talent_task_id = task.pk
        booking.save(update_fields=["talent_task_id"])
    return booking


@dataclass
class Row:
    item: ProgrammeSession
    harbin: str
    host: str
    speakers: list
    interpreters: list


def programme_rows(edition: Edition) -> list[Row]:
    """Sessions in order, times in Harbin's zone and the Russian host's."""
    items = (
        ProgrammeSession.objects.filter(edition=edition)
        .select_related("session", "track")
        .prefetch_related("session__speakers", "interpreters__person", "submissions")
        .order_by("session__start", "id")
    )
    harbin, host = zoneinfo.ZoneInfo(HARBIN), zoneinfo.ZoneInfo(edition.second_timezone)
    rows = []
    for item in items:
        s = item.session
        rows.append(
            Row(
                item=item,
                harbin=f"{timezone.localtime(s.start, harbin):%Y-%m-%d %H:%M}–"
                f"{timezone.localtime(s.end, harbin):%H:%M}",
                host=f"{timezone.localtime(s.start, host):%Y-%m-%d %H:%M}–"
                f"{timezone.localtime(s.end, host):%H:%M}",
                speakers=list(s.speakers.all()),
                interpreters=[b.person for b in item.interpreters.all()],
            )
        )
    return rows


def programme_conflicts(edition: Edition) -> list[str]:
    """A speaker in two rooms at once, a room used twice, an interpreter double-booked."""
    rows = programme_rows(edition)
    found = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            sa, sb = a.item.session, b.item.session
            if not (sa.start < sb.end and sb.start < sa.end):
                continue
            pair = {"a": localised_text(sa, "title"), "b": localised_text(sb, "title")}
            if sa.room and sa.room == sb.room:
                found.append(
                    _("Room %(room)s holds “%(a)s” and “%(b)s” at once.")
                    % {**pair, "room": sa.room}
                )
            for person in {p.pk: p for p in a.speakers}.keys() & {p.pk for p in b.speakers}:
                name = next(str(p) for p in a.speakers if p.pk == person)
                found.append(
                    _("%(name)s speaks in “%(a)s” and “%(b)s” at once.") % {**pair, "name": name}
                )
            for person in {p.pk for p in a.interpreters} & {p.pk for p in b.interpreters}:
                name = next(str(p) for p in a.interpreters if p.pk == person)
                found.append(
                    _("%(name)s interprets “%(a)s” and “%(b)s” at once.") % {**pair, "name": name}
                )
    return found


def programme_ics(edition: Edition) -> bytes:
    """The published programme as iCalendar, on the venue's clock with its zone."""
    from icalendar import Event as IcsEvent

    calendar = zones.ics_calendar("-//Amur//forum//EN")
    zone = edition.event.timezone
    for row in programme_rows(edition):
        s = row.item.session
        item = IcsEvent()
        item.add("uid", f"forum-session-{row.item.pk}@amur")
        item.add("summary", " / ".join(t for t in (s.title_zh, s.title_ru) if t) or str(s))
        item.add("dtstart", zones.in_zone(s.start, zone))
        item.add("dtend", zones.in_zone(s.end, zone))
        item.add("dtstamp", timezone.now())
        if s.room:
            item.add("location", s.room)
        item.add(
            "description",
            f"{row.item.languages} · {row.item.get_interpretation_display()} · "
            + ", ".join(str(p) for p in row.speakers),
        )
        calendar.add_component(item)
    return zones.finish_ics(calendar)


# Book of abstracts -----------------------------------------------------------------------


def accepted(edition: Edition) -> list[Submission]:
    return list(
        edition.submissions.filter(status=SubmissionStatus.ACCEPTED)
        .select_related("track")
        .prefetch_related("authors__person", "authors__organisation", "versions__person")
    )


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def book_of_abstracts(edition: Edition, *, order: str = "pinyin") -> bytes:
    """Every accepted submission with both versions, ordered by the pinyin of the Chinese
    title or alphabetically by the Russian one; translators are credited."""
    s = styles()
    papers = accepted(edition)
    if order == "cyrillic":
        papers.sort(key=lambda p: cyrillic_key(p.title_ru or p.title_zh))
    else:
        papers.sort(key=lambda p: pinyin_key(p.title_zh or p.title_ru))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        title=f"{edition} — 摘要集 / Сборник тезисов",
        author=str(edition.forum.organisation),
    )
    story = [
        Paragraph(_esc(f"{edition.forum.name_zh} {edition.year}"), s["title"]),
        Paragraph(_esc(f"{edition.forum.name_ru} {edition.year}"), s["title"]),
        Paragraph("论文摘要集 · Сборник тезисов", s["heading"]),
        PageBreak(),
    ]
    for paper in papers:
        authors = "; ".join(
            f"{a.person}"
            + (
                f" ({localised_text(a.organisation, 'name', 'ru')} / "
                f"{localised_text(a.organisation, 'name', 'zh')})"
                if a.organisation
                else ""
            )
            for a in paper.authors.all()
        )
        story += [
            Paragraph(_esc(paper.title_zh), s["heading"]),
            Paragraph(_esc(paper.title_ru), s["heading"]),
            Paragraph(_esc(authors), s["small"]),
            Spacer(1, 3 * mm),
        ]
        credits = {v.language: v for v in paper.versions.all()}
        for lang, head in (("zh", "摘要"), ("ru", "Аннотация")):
            text = getattr(paper, f"abstract_{lang}")
            if not text:
                continue
            story.append(Paragraph(f"<b>{head}</b> {_esc(text)}", s["body"]))
            keywords = getattr(paper, f"keywords_{lang}")
            if keywords:
                story.append(
                    Paragraph(
                        _esc(("关键词：" if lang == "zh" else "Ключевые слова: ") + keywords),
                        s["small"],
                    )
                )
            v = credits.get(lang)
            if v and v.person_id:
                credit = ("译者：" if lang == "zh" else "Перевод: ") + str(v.person)
                if v.origin == "machine_checked":
                    credit = (
                        "机器翻译，校对：" if lang == "zh" else "Машинный перевод, проверил: "
                    ) + str(v.person)
                story.append(Paragraph(_esc(credit), s["small"]))
            story.append(Spacer(1, 2 * mm))
        story.append(Spacer(1, 6 * mm))
    doc.build(story)
    return buffer.getvalue()


# Proceedings in the union catalogue -------------------------------------------------------


def _control_number(edition: Edition, submission: Submission) -> str:
    return f"amur-forum-{edition.slug}-{submission.pk}"


def _marc(edition: Edition, paper: Submission) -> pymarc.Record:
    record = pymarc.Record(force_utf8=True)
    record.leader = pymarc.Leader("     naa a22     uu 4500")
    year = str(edition.year)
    langs = ["rus", "chi"] if paper.language == "ru" else ["chi", "rus"]
    record.add_field(pymarc.Field(tag="001", data=_control_number(edition, paper)))
    record.add_field(
        pymarc.Field(tag="008", data=f"{year[2:]}0101s{year}    ch            000 0 {langs[0]} d")
    )
    record.add_field(
        pymarc.Field(
            tag="041",
            indicators=pymarc.Indicators("0", " "),
            subfields=[pymarc.Subfield("a", lang) for lang in langs],
        )
    )
    own, other = (
        (paper.title_ru, paper.title_zh)
        if paper.language == "ru"
        else (paper.title_zh, paper.title_ru)
    )
    authors = list(paper.authors.all())
    for index, a in enumerate(authors):
        tag = "100" if index == 0 else "700"
        latin = a.person.name_latin or a.person.name
        occurrence = f"{index + 2:02d}"
        record.add_field(
            pymarc.Field(
                tag=tag,
                indicators=pymarc.Indicators("1", " "),
                subfields=[
                    pymarc.Subfield("6", f"880-{occurrence}"),
                    pymarc.Subfield("a", latin),
                    pymarc.Subfield("e", "author"),
                ],
            )
        )
        record.add_field(
            pymarc.Field(
                tag="880",
                indicators=pymarc.Indicators("1", " "),
                subfields=[
                    pymarc.Subfield("6", f"{tag}-{occurrence}"),
                    pymarc.Subfield("a", a.person.name),
                ],
            )
        )
    record.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1" if authors else "0", "0"),
            subfields=[pymarc.Subfield("6", "880-01"), pymarc.Subfield("a", own)],
        )
    )
    if other:
        record.add_field(
            pymarc.Field(
                tag="880",
                indicators=pymarc.Indicators("1", "0"),
                subfields=[pymarc.Subfield("6", "245-01"), pymarc.Subfield("a", other)],
            )
        )
    if paper.title_en:
        record.add_field(
            pymarc.Field(
                tag="246",
                indicators=pymarc.Indicators("3", "1"),
                subfields=[pymarc.Subfield("a", paper.title_en)],
            )
        )
    place = localised_text(edition.event.place, "name", "en") if edition.event.place else ""
    record.add_field(
        pymarc.Field(
            tag="264",
            indicators=pymarc.Indicators(" ", "1"),
            subfields=[
                pymarc.Subfield("a", place),
                pymarc.Subfield("b", str(edition.forum.organisation)),
                pymarc.Subfield("c", year),
            ],
        )
    )
    for lang in ("zh", "ru", "en"):
        text = getattr(paper, f"abstract_{lang}")
        if text:
            record.add_field(
                pymarc.Field(
                    tag="520",
                    indicators=pymarc.Indicators(" ", " "),
                    subfields=[pymarc.Subfield("a", text)],
                )
            )
    for lang in ("zh", "ru", "en"):
        for word in (getattr(paper, f"keywords_{lang}") or "").replace("；", ";").split(";"):
            if word.strip():
                record.add_field(
                    pymarc.Field(
                        tag="653",
                        indicators=pymarc.Indicators(" ", " "),
                        subfields=[pymarc.Subfield("a", word.strip())],
                    )
                )
    if paper.track.field_id:
        record.add_field(
            pymarc.Field(
                tag="650",
                indicators=pymarc.Indicators(" ", "4"),
                subfields=[pymarc.Subfield("a", paper.track.field.name_en)],
            )
        )
    host = f"{edition.forum.name_ru} {year} / {edition.forum.name_zh} {year}"
    record.add_field(
        pymarc.Field(
            tag="773",
            indicators=pymarc.Indicators("0", " "),
            subfields=[pymarc.Subfield("t", host), pymarc.Subfield("d", year)],
        )
    )
    return record


def proceedings_marcxml(edition: Edition) -> bytes:
    papers = accepted(edition)
    body = b"".join(pymarc.record_to_xml(_marc(edition, p), namespace=False) for p in papers)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<collection xmlns="http://www.loc.gov/MARC21/slim">' + body + b"</collection>"
    )


def proceedings_publish(*, edition: Edition, by=None) -> int:
    """Catalogue the accepted papers in the union catalogue (through the library module's
    import, so they are keyed, found in any script and harvested like any record)."""
    from amur.forum.services import ForumError
    from amur.library import services as library

    papers = accepted(edition)
    if not papers:
        raise ForumError(_("No accepted paper to publish."))
    catalogue = edition.proceedings_library or edition.forum.organisation
    data = proceedings_marcxml(edition)
    job = library.import_job_create(
        library=catalogue, filename=f"forum-{edition.slug}.xml", data=data
    )
    job = library.import_run(job=job, data=data)
    if job.rejected:
        raise ForumError(_("The catalogue refused %(count)d records.") % {"count": job.rejected})
    audit_record(
        actor=by,
        action="forum.proceedings.publish",
        obj=edition,
        new={"records": job.imported + job.updated, "library": catalogue.pk},
        organisation_id=edition.owning_organisation_id(),
    )
    return job.imported + job.updated


# The observatory's view -------------------------------------------------------------------


def accepted_counts(edition: Edition | None = None) -> list[dict]:
    """Accepted papers by field, direction and the presenting author's organisation's
    sector, counted in the database as the observatory counts them (definitions in
    :func:`amur.forum.selectors.accepted_papers`)."""
    from amur.forum.selectors import accepted_papers

    qs = accepted_papers()
    if edition is not None:
        qs = qs.filter(edition=edition)
    rows = qs.values("field_key", "direction", "sector").annotate(count=Count("pk"))
    return [
        {
            "field": r["field_key"],
            "direction": r["direction"],
            "sector": r["sector"],
            "count": r["count"],
        }
        for r in sorted(rows, key=lambda r: (r["field_key"], r["direction"], r["sector"]))
    ]
