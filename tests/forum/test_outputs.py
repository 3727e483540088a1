# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Programme with languages and clashes, iCalendar, book of abstracts, proceedings."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from amur.core.search import search_filter
from amur.forum import outputs, services
from amur.forum.services import ForumError
from amur.library.models import Record
from tests.factories import forum as f
from tests.pdf import assert_reads_everywhere

pytestmark = pytest.mark.django_db
HARBIN = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def accepted():
    s = f.scene()
    music = s.tracks[0]
    papers = [
        f.submission(s.edition, music, title_ru="Баян в Харбине", title_zh="哈尔滨的巴扬"),
        f.submission(s.edition, music, title_ru="Аккордеон", title_zh="阿科迪翁"),
    ]
    services.edition_update(edition=s.edition, by=None, phase="decision")
    for p in papers:
        services.decision_propose(submission=p, decision="accept", by=s.chair)
        services.decision_sign_off(submission=p, by=s.chair, notify=False)
        p.refresh_from_db()
    s.extra["papers"] = papers
    return s


def _session(s, papers, hour, room="A101", interpretation="simultaneous"):
    start = datetime(2026, 9, 10, hour, tzinfo=HARBIN)
    return outputs.session_create(
        edition=s.edition,
        titles={"zh": f"第{hour}场", "ru": f"Сессия {hour}"},
        start=start,
        end=start + timedelta(hours=2),
        room=room,
        interpretation=interpretation,
        submissions=papers,
    )


def test_clashes_of_rooms_speakers_and_interpreters_are_shown(accepted):
    papers = accepted.extra["papers"]
    a = _session(accepted, papers[:1], 9)
    b = _session(accepted, papers[:1], 10)
    interpreter = f.person("Перевод Переводчик")
    outputs.interpreter_book(item=a, person=interpreter)

    with pytest.raises(ForumError, match="booked"):
        outputs.interpreter_book(item=b, person=interpreter)
    clashes = outputs.programme_conflicts(accepted.edition)

    assert clashes == [
        "Room A101 holds “Сессия 9” and “Сессия 10” at once.",
        "Иванов Иван Петрович (Ivan Ivanov) speaks in “Сессия 9” and “Сессия 10” at once.",
    ]


def test_programme_shows_harbin_and_the_russian_hosts_time_and_exports_ics(client, accepted):
    _session(accepted, accepted.extra["papers"], 9)

    rows = outputs.programme_rows(accepted.edition)
    ics = client.get(f"/forum/{accepted.edition.slug}/programme.ics").content.decode()
    page = client.get(f"/forum/{accepted.edition.slug}/programme/").content.decode()

    assert (rows[0].harbin, rows[0].host) == ("2026-09-10 09:00–11:00", "2026-09-10 11:00–13:00")
    assert "BEGIN:VEVENT" in ics
    assert "DTSTART;TZID=Asia/Shanghai:20260910T090000" in ics
    assert "BEGIN:VTIMEZONE" in ics
    assert "Simultaneous" in page


def test_only_accepted_papers_go_in_a_session(accepted):
    draft = f.submission(accepted.edition, accepted.tracks[0], submit=False)

    with pytest.raises(ForumError):
        _session(accepted, [draft], 14)


def test_the_book_of_abstracts_orders_by_pinyin_or_cyrillic(client, accepted):
    papers = outputs.accepted(accepted.edition)
    pinyin = [p.title_zh for p in sorted(papers, key=lambda p: outputs.pinyin_key(p.title_zh))]
    cyrillic = [p.title_ru for p in sorted(papers, key=lambda p: outputs.cyrillic_key(p.title_ru))]

    response = client.get(f"/forum/{accepted.edition.slug}/abstracts.pdf?order=cyrillic")

    assert pinyin == ["阿科迪翁", "哈尔滨的巴扬"]  # a ke … before ha er …
    assert cyrillic == ["Аккордеон", "Баян в Харбине"]
    assert response["Content-Type"] == "application/pdf"
    assert_reads_everywhere(response.content, "哈尔滨的巴扬", "Баян в Харбине")


def test_proceedings_go_into_the_union_catalogue_and_are_found_in_any_script(accepted):
    count = outputs.proceedings_publish(edition=accepted.edition)
    again = outputs.proceedings_publish(edition=accepted.edition)

    found = {
        query: sorted(Record.objects.filter(search_filter(query)).values_list("title", flat=True))
        for query in ("баян", "bayan", "巴扬", "Ivanov")
    }
    assert (count, again, Record.objects.count()) == (2, 2, 2)
    assert found["баян"] == found["bayan"] == found["巴扬"] == ["Баян в Харбине"]
    assert found["Ivanov"] == ["Аккордеон", "Баян в Харбине"]


def test_accepted_papers_are_counted_for_the_observatory(accepted):
    assert outputs.accepted_counts(accepted.edition) == [
        {"field": "", "direction": "ru_cn", "sector": "", "count": 2}
    ]
