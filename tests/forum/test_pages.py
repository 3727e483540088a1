# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The forum's pages: the call with its deadline in several zones, submitting, reviewing."""

import pytest
from django.utils import timezone

from amur.forum import services
from amur.forum.models import Assignment, Submission
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return f.scene()


def test_the_deadline_is_shown_in_the_readers_venues_and_hosts_zones(client, scene):
    page = client.get(f"/forum/{scene.edition.slug}/").content.decode()

    closes = timezone.localtime(scene.edition.cfp_closes, timezone.get_current_timezone())
    assert "Asia/Shanghai" in page
    assert "Asia/Vladivostok" in page
    assert closes.strftime("%Y-%m-%d %H:%M") in page
    assert "HSK 5" in page
    assert "ТРКИ-2" in page


def test_a_russian_author_submits_on_the_page(client, scene):
    author, _p = f.user_with_person("ru-author", "Петрова Анна", nationality="RU")
    client.force_login(author)

    response = client.post(
        f"/forum/{scene.edition.slug}/submit/",
        {
            "track": "music",
            "kind": "paper",
            "language": "ru",
            "title": "Баян в Харбине",
            "abstract": "Коротко о баяне.",
            "keywords": "баян",
            "submit_now": "1",
        },
    )

    submission = Submission.objects.get(author=author)
    assert response.status_code == 302
    assert (submission.status, submission.title_ru) == ("submitted", "Баян в Харбине")
    page = client.get(f"/forum/submissions/{submission.pk}/").content.decode()
    assert "Missing" in page
    assert "Баян в Харбине" in page


def test_the_tracks_to_submit_to_read_in_the_readers_language_in_the_editions_order(client, scene):
    author, _p = f.user_with_person("ru-reader", "Смирнова Ольга", nationality="RU")
    client.force_login(author)

    page = client.get(
        f"/forum/{scene.edition.slug}/submit/", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()

    assert '<option value="music">Музыка и искусство</option>' in page
    assert page.index("Музыка и искусство") < page.index("Библиотеки и книги")


def test_a_reviewer_reviews_on_the_page_and_a_failed_assignment_names_its_cause(client, scene):
    music = scene.tracks[0]
    s = f.submission(scene.edition, music, language="zh", both=False)
    reviewer = f.reviewer(music, "cnrev", "张评", side="cn", languages=f.ZH_ONLY)
    client.force_login(scene.chair)
    client.post(f"/forum/{scene.edition.slug}/assign/")
    manage = client.get(f"/forum/{scene.edition.slug}/manage/").content.decode()
    Assignment.objects.create(submission=s, reviewer=reviewer, language="zh")
    services.edition_update(edition=scene.edition, by=None, phase="review")
    client.force_login(reviewer.person.user)

    response = client.post(
        f"/forum/submissions/{s.pk}/review/",
        {
            "score_relevance": "4",
            "score_originality": "5",
            "language_quality": "good",
            "comment": "很好",
            "submit_review": "1",
        },
    )

    assert "No Russian side reviewer without a conflict reads Chinese HSK 5" in manage
    assert response.status_code == 302
    assert Assignment.objects.get(submission=s).review.submitted_at is not None
