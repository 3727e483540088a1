# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The programme an applicant plays in each round, checked against the round's limits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from amur.accounts.services import api_token_create
from amur.competitions import services
from amur.competitions.models import Piece
from tests.factories.competitions import ContestantFactory, DisciplineFactory, RoundFactory
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


def minutes(m: int, s: int = 0) -> timedelta:
    return timedelta(minutes=m, seconds=s)


@pytest.fixture
def draft():
    discipline = DisciplineFactory()
    preselection = RoundFactory(
        discipline=discipline,
        order=1,
        by_video=True,
        status="planned",
        name_en="Pre-selection",
        name_ru="Отбор",
        name_zh="预选",
    )
    first = RoundFactory(
        discipline=discipline,
        order=2,
        status="planned",
        min_duration=minutes(20),
        max_duration=minutes(25),
    )
    contestant = ContestantFactory(
        discipline=discipline, status="draft", user=UserFactory(), language="ru"
    )
    return contestant, preselection, first


FOURTEEN = timedelta(minutes=14)


def piece(composer="J. S. Bach", work="Partita No. 2, Chaconne", duration=FOURTEEN, url=""):
    return services.PieceData(composer=composer, work=work, duration=duration, video_url=url)


def test_programme_within_the_range_is_stored_in_order(draft):
    contestant, _pre, first = draft

    services.repertoire_set(
        contestant=contestant,
        round_=first,
        by=contestant.user,
        pieces=[
            piece(duration=minutes(14, 30)),
            piece("Н. Паганини", "Каприс № 24", minutes(5, 30)),
        ],
    )

    stored = list(
        Piece.objects.filter(contestant=contestant, round=first).values_list(
            "position", "composer", "duration"
        )
    )
    assert stored == [(1, "J. S. Bach", minutes(14, 30)), (2, "Н. Паганини", minutes(5, 30))]


@pytest.mark.parametrize(
    ("durations", "ok"),
    [
        ([minutes(20)], True),
        ([minutes(25)], True),
        ([minutes(12), minutes(13)], True),
        ([minutes(19, 59)], False),
        ([minutes(12), minutes(13, 1)], False),
    ],
)
def test_total_is_checked_against_both_ends_of_the_range(draft, durations, ok):
    contestant, _pre, first = draft
    pieces = [piece(duration=d) for d in durations]

    if ok:
        services.repertoire_set(contestant=contestant, round_=first, pieces=pieces, by=None)
        assert Piece.objects.filter(round=first).count() == len(durations)
    else:
        with pytest.raises(services.CompetitionsError, match="this round asks for 20:00–25:00"):
            services.repertoire_set(contestant=contestant, round_=first, pieces=pieces, by=None)
        assert Piece.objects.count() == 0


def test_a_refused_programme_keeps_the_previous_one_and_names_the_total(draft):
    contestant, _pre, first = draft
    services.repertoire_set(
        contestant=contestant, round_=first, pieces=[piece(duration=minutes(22))], by=None
    )

    with pytest.raises(services.CompetitionsError) as refused:
        services.repertoire_set(
            contestant=contestant,
            round_=first,
            by=None,
            pieces=[piece(duration=minutes(9)), piece(duration=minutes(6))],
        )

    assert str(refused.value) == (
        "The programme for “First round” lasts 15:00; "
        "this round asks for 20:00–25:00 (minutes:seconds)."
    )
    assert list(Piece.objects.values_list("duration", flat=True)) == [minutes(22)]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("http://v.qq.com/x/abc.html", True),
        ("", False),
        ("not a link", False),
        ("ftp://example.org/take1.mp4", False),
        ("javascript:alert(1)", False),
    ],
)
def test_preselection_pieces_need_a_valid_video_link(draft, url, ok):
    contestant, preselection, _first = draft

    if ok:
        services.repertoire_set(
            contestant=contestant, round_=preselection, pieces=[piece(url=url)], by=None
        )
        assert Piece.objects.get().video_url == url
    else:
        with pytest.raises(services.CompetitionsError, match="Piece 1 needs a video link"):
            services.repertoire_set(
                contestant=contestant, round_=preselection, pieces=[piece(url=url)], by=None
            )
        assert Piece.objects.count() == 0


def test_pieces_need_composer_work_and_duration(draft):
    contestant, _pre, first = draft

    with pytest.raises(services.CompetitionsError) as refused:
        services.repertoire_set(
            contestant=contestant,
            round_=first,
            by=None,
            pieces=[piece(composer=" "), piece(duration=None)],
        )

    assert "Piece 1 needs a composer and a work." in str(refused.value)
    assert "Piece 2 needs a duration (minutes:seconds)." in str(refused.value)


def test_no_change_after_the_deadline_or_in_another_discipline(draft):
    contestant, _pre, first = draft
    stranger = RoundFactory()

    with pytest.raises(services.CompetitionsError, match="another discipline"):
        services.repertoire_set(
            contestant=contestant, round_=stranger, pieces=[piece(duration=minutes(21))], by=None
        )
    edition = contestant.discipline.edition
    edition.applications_close = timezone.now() - timedelta(seconds=1)
    edition.save()
    with pytest.raises(services.CompetitionsError, match="deadline has passed"):
        services.repertoire_set(
            contestant=contestant, round_=first, pieces=[piece(duration=minutes(21))], by=None
        )
    assert Piece.objects.count() == 0


def test_submission_waits_for_every_programme(draft, django_capture_on_commit_callbacks):
    contestant, preselection, first = draft

    with pytest.raises(services.CompetitionsError) as refused:
        services.contestant_submit(contestant=contestant, by=contestant.user)
    services.repertoire_set(
        contestant=contestant,
        round_=preselection,
        by=None,
        pieces=[piece(url="https://youtu.be/abc")],
    )
    services.repertoire_set(
        contestant=contestant, round_=first, by=None, pieces=[piece(duration=minutes(23))]
    )
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.contestant_submit(contestant=contestant, by=contestant.user)

    assert str(refused.value) == (
        "The programme for “Pre-selection” is missing. The programme for “First round” is missing."
    )
    assert submitted.status == "submitted"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Programme"), ("ru", "Программа"), ("zh-hans", "曲目")],
)
def test_application_page_in_three_languages(client, draft, language, heading):
    contestant, _pre, first = draft
    services.repertoire_set(
        contestant=contestant,
        round_=first,
        by=None,
        pieces=[piece("Чайковский", "Концерт ре мажор", minutes(22, 5))],
    )
    client.force_login(contestant.user)
    client.cookies["amur_language"] = language

    html = client.get(f"/competitions/applications/{contestant.pk}/").content.decode()

    assert f"<h2>{heading}</h2>" in html
    assert "<td>Чайковский</td><td>Концерт ре мажор</td><td>22:05</td>" in html


def test_programme_form_saves_and_ignores_blank_rows(client, draft):
    contestant, _pre, first = draft
    client.force_login(contestant.user)
    url = f"/competitions/applications/{contestant.pk}/rounds/{first.pk}/repertoire/"
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-composer": "Bach",
        "form-0-work": "Chaconne",
        "form-0-duration": "14:30",
        "form-1-composer": "Ysaÿe",
        "form-1-work": "Sonata No. 3",
        "form-1-duration": "7:00",
    }

    empty = client.get(url)
    saved = client.post(url, data)
    again = client.get(url).content.decode()
    short = client.post(url, {**data, "form-1-duration": "1:00"}, follow=True)

    assert empty.status_code == 200
    assert 'name="form-0-duration" value="14:30"' in again
    assert saved.status_code == 302
    assert list(Piece.objects.values_list("work", "duration")) == [
        ("Chaconne", minutes(14, 30)),
        ("Sonata No. 3", minutes(7)),
    ]
    assert "lasts 15:30; this round asks for 20:00–25:00" in short.content.decode()


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_programme_and_submission_through_the_api(client, draft):
    contestant, preselection, first = draft
    base = f"/api/v1/competitions/applications/{contestant.pk}"
    auth = bearer(contestant.user)
    video = {
        "pieces": [
            {
                "composer": "Bach",
                "work": "Chaconne",
                "seconds": 840,
                "video_url": "https://youtu.be/xyz",
            }
        ]
    }

    too_long = client.put(
        f"{base}/rounds/{first.pk}/repertoire",
        {"pieces": [{"composer": "Bach", "work": "Chaconne", "seconds": 26 * 60}]},
        content_type="application/json",
        **auth,
    )
    early = client.post(f"{base}/submit", **auth)
    client.put(
        f"{base}/rounds/{preselection.pk}/repertoire",
        video,
        content_type="application/json",
        **auth,
    )
    client.put(
        f"{base}/rounds/{first.pk}/repertoire",
        {"pieces": [{"composer": "Bach", "work": "Chaconne", "seconds": 21 * 60}]},
        content_type="application/json",
        **auth,
    )
    submitted = client.post(f"{base}/submit", **auth)

    assert too_long.status_code == 409
    assert "lasts 26:00" in too_long.json()["error"]["message"]
    assert early.status_code == 409
    assert submitted.json()["status"] == "submitted"
    assert [(p["round"], p["seconds"], p["video_url"]) for p in submitted.json()["pieces"]] == [
        (preselection.pk, 840, "https://youtu.be/xyz"),
        (first.pk, 1260, ""),
    ]
