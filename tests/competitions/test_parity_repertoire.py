# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A contestant's programme on the page and through the API: the same pieces are accepted
or refused, and refused with the same message, because the service is the only gate
(issue 11, part 1). Each channel is another contestant of the same discipline, one round
by video (the pre-selection), one on stage of 20 to 25 minutes."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.competitions.models import Piece
from tests.factories.competitions import ContestantFactory, DisciplineFactory, RoundFactory
from tests.factories.directory import UserFactory
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example.org/chaconne"
BACH = {"composer": "J. S. Bach", "work": "Partita No. 2, Chaconne", "seconds": 14 * 60}
YSAYE = {"composer": "Ysaÿe", "work": "Sonata No. 3", "seconds": 8 * 60}

CASES = [
    # (case, round, pieces, message expected; None: accepted)
    ("valid", "stage", [BACH, YSAYE], None),
    ("valid by video", "video", [{**BACH, "video_url": VIDEO}], None),
    (
        "too short",
        "stage",
        [BACH],
        "The programme for “First round” lasts 14:00; "
        "this round asks for 20:00–25:00 (minutes:seconds).",
    ),
    (
        "no composer",
        "stage",
        [{**BACH, "composer": " "}, YSAYE],
        "Piece 1 needs a composer and a work.",
    ),
    (
        "no duration",
        "stage",
        [BACH, {**YSAYE, "seconds": 0}],
        "Piece 2 needs a duration (minutes:seconds).",
    ),
    (
        "no video link",
        "video",
        [BACH],
        "Piece 1 needs a video link (https://…) for the pre-selection.",
    ),
    (
        "a malformed video link",
        "video",
        [{**BACH, "video_url": "video.example.org/chaconne"}],
        "Piece 1 needs a video link (https://…) for the pre-selection.",
    ),
    (
        "a video link of another scheme",
        "video",
        [{**BACH, "video_url": "ftp://video.example.org/chaconne"}],
        "Piece 1 needs a video link (https://…) for the pre-selection.",
    ),
    (
        "composer too long",
        "stage",
        [{**BACH, "composer": "B" * 201}, YSAYE],
        "Ensure this value has at most 200 characters (it has 201).",
    ),
    (
        "work too long",
        "stage",
        [{**BACH, "work": "W" * 301}, YSAYE],
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


def _form(pieces: list[dict]) -> dict:
    data = {"form-TOTAL_FORMS": str(len(pieces)), "form-INITIAL_FORMS": "0"}
    for i, p in enumerate(pieces):
        data.update(
            {
                f"form-{i}-composer": p["composer"],
                f"form-{i}-work": p["work"],
                f"form-{i}-duration": f"{p['seconds'] // 60}:{p['seconds'] % 60:02d}"
                if p["seconds"]
                else "",
                f"form-{i}-video_url": p.get("video_url", ""),
            }
        )
    return data


@pytest.mark.parametrize(("case", "which", "pieces", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_programmes_alike(client, case, which, pieces, message):
    discipline = DisciplineFactory()
    rounds = {
        "video": RoundFactory(discipline=discipline, order=1, by_video=True, status="planned"),
        "stage": RoundFactory(
            discipline=discipline,
            order=2,
            status="planned",
            min_duration=timedelta(minutes=20),
            max_duration=timedelta(minutes=25),
        ),
    }
    round_ = rounds[which]
    page_one, api_one = (
        ContestantFactory(discipline=discipline, status="draft", user=UserFactory())
        for _ in range(2)
    )

    client.force_login(page_one.user)
    page = client.post(
        f"/competitions/applications/{page_one.pk}/rounds/{round_.pk}/repertoire/", _form(pieces)
    )
    said = [str(m) for m in get_messages(page.wsgi_request)]
    form = page.context["formset"] if page.context else None
    if form is not None:
        said += [e for f in form.forms for errors in f.errors.values() for e in errors]
    client.logout()
    api = client.put(
        f"/api/v1/competitions/applications/{api_one.pk}/rounds/{round_.pk}/repertoire",
        {"pieces": pieces},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=api_one.user, name='t')[1]}",
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        kept = [
            list(Piece.objects.filter(contestant=c).values_list("work", "duration", "video_url"))
            for c in (page_one, api_one)
        ]
        assert kept[0] == kept[1]
        assert len(kept[0]) == len(pieces)
    else:
        assert api.status_code in (409, 422)
        assert any(message in m for m in said)  # a programme's problems are said together
        assert any(message in m for m in api_messages(api))
        assert not Piece.objects.exists()
